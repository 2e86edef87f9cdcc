"""The load test's world, on its own database: the 2024 plan, the demo commune (10 blocks,
3,000 households, the demo users, its season: Khối 1–3 decided, 4–6 posted) and an open
bình xét meeting in every block that has not met yet."""

import datetime

from django.utils import timezone

from campaigns.services import plan_load, read_plan_file
from caolocculture.models import User
from devtools.demo import demo_seed
from households.models import Block
from recognition.models import Meeting
from recognition.services import meeting_open

plan_load(data=read_plan_file())
demo_seed(households_per_block=300)
officer = User.objects.get(username="canbo")
for block in Block.objects.order_by("number"):
    if not Meeting.objects.filter(block=block, year=2024).exists():
        meeting_open(
            block=block,
            year=2024,
            by=block.leader,
            held_at=timezone.make_aware(datetime.datetime(2024, 11, 20, 19, 0)),
            place="Nhà văn hóa",
            chair=str(block.leader),
            secretary="Thư ký",
            invited=40,
            present=30,
        )
print("ready:", Meeting.objects.count(), "meetings")
