"""The load test's world, on its own database: the 2024 plan, the demo commune (10 blocks,
3,000 households, the demo users, its season: Khối 1–3 decided, 4–6 posted) and an open
bình xét meeting in every block of it that has not met yet.

With LOAD_COMMUNES=N (run.py --communes N) the demo province too (seed_demo --communes N: communes
2…N with their own people, canbo-2, khoi1-2…), and an open meeting in the first block of each
commune whose 2024 season has not begun (the odd-numbered ones), for its khối trưởng."""

import datetime
import json
import os

from django.db import connection
from django.utils import timezone

from campaigns.models import Title
from campaigns.services import plan_load, read_plan_file
from devtools.demo import demo_communes, demo_seed
from households.models import Block, Commune
from recognition.models import Meeting, Recognition
from recognition.services import meeting_open

communes = int(os.environ.get("LOAD_COMMUNES", "1"))
plan_load(data=read_plan_file())
demo_seed(households_per_block=300)
if communes > 1:
    demo_communes(count=communes)


def open_meeting(block):
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


first = Commune.objects.order_by("pk").first()
for block in Block.objects.filter(commune=first).order_by("number"):
    if not Meeting.objects.filter(block=block, year=2024).exists():
        open_meeting(block)
season_done = Recognition.objects.filter(year=2024, title=Title.CULTURAL_FAMILY).values("household__block__commune")
for commune in Commune.objects.exclude(pk=first.pk).exclude(pk__in=season_done).order_by("pk"):
    block = Block.objects.filter(commune=commune).order_by("number").first()
    if block and not Meeting.objects.filter(block__commune=commune, year=2024).exists():
        open_meeting(block)
# The planner's statistics for the rows just loaded, as autovacuum would gather them within a minute
# of a real import: without them the first minutes plan the block list's counts blind (50 ms, not 3).
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")

# The khối trưởng of every open meeting, one locust user each (the locustfile reads this line).
leaders = Meeting.objects.filter(year=2024, status=Meeting.Status.OPEN).order_by("block__commune", "block__number")
print(json.dumps({"leaders": list(leaders.values_list("block__leader__username", flat=True))}))
