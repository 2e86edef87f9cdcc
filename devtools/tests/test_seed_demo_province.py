"""seed_demo --communes N: a demo province, its people named as the issue's contract says."""

import io
import json

import pytest
from django.core.management import call_command

from campaigns.models import Plan
from caolocculture.models import Role, User
from households.models import Block, Commune, Household
from reports.indicators import compute

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(settings):
    settings.DEBUG = True  # seed_demo refuses otherwise
    call_command("load_plan", stdout=io.StringIO())
    out = io.StringIO()
    call_command(
        "seed_demo", "--communes", "3", "--households-per-block", "5", "--other-households-per-block", "3", stdout=out
    )
    return out.getvalue()


def test_it_makes_n_communes_the_first_the_seeds(province):
    names = list(Commune.objects.order_by("pk").values_list("name", flat=True))
    assert names == ["Thị trấn Cao Lộc", "Xã Hòa Bình 2", "Xã Tân Thành 3"]
    for commune in Commune.objects.exclude(name="Thị trấn Cao Lộc"):
        blocks = Block.objects.filter(commune=commune)
        assert 10 <= blocks.count() <= 40
        assert set(blocks.values_list("kind", flat=True)) <= {"thon", "khoi_pho"}
        assert blocks.filter(kind="thon").exists()
        assert Plan.objects.get(commune=commune, year=2024).targets.count() == 7
        assert Household.objects.filter(block__commune=commune).count() >= blocks.count() * 3
        assert compute(Plan.objects.get(commune=commune, year=2024)).indicators[0].measure.denominator > 0
    assert Block.objects.filter(commune__name="Thị trấn Cao Lộc").count() == 10


def test_it_names_the_people_of_each_commune_and_the_province(province):
    communes = list(Commune.objects.order_by("pk"))
    expected = {
        "canbo": (Role.OFFICER, communes[0]),
        "chutich": (Role.CHAIRMAN, communes[0]),
        "bcd": (Role.STEERING, communes[0]),
        "khoi1": (Role.BLOCK_LEADER, communes[0]),
        "khoi10": (Role.BLOCK_LEADER, communes[0]),
        "canbo-2": (Role.OFFICER, communes[1]),
        "chutich-2": (Role.CHAIRMAN, communes[1]),
        "bcd-2": (Role.STEERING, communes[1]),
        "khoi1-2": (Role.BLOCK_LEADER, communes[1]),
        "canbo-3": (Role.OFFICER, communes[2]),
        "khoi1-3": (Role.BLOCK_LEADER, communes[2]),
        "tinh": (Role.PROVINCE, None),
    }
    for username, (role, commune) in expected.items():
        user = User.objects.get(username=username)
        assert (user.role, user.commune) == (role, commune), username
    # Each khối trưởng leads a unit of their own commune, the number their name says.
    leader = User.objects.get(username="khoi1-2")
    assert list(leader.led_blocks.values_list("commune", "number")) == [(communes[1].pk, 1)]
    last = Block.objects.filter(commune=communes[2]).order_by("-number").first()
    assert last.leader.username == f"khoi{last.number}-3"
    assert User.objects.get(username="quantri").commune is None


def test_running_it_again_adds_nothing(province, settings):
    before = (Commune.objects.count(), Household.objects.count(), User.objects.count())
    call_command("seed_demo", "--communes", "3", stdout=io.StringIO())
    assert (Commune.objects.count(), Household.objects.count(), User.objects.count()) == before


def test_the_province_command_sums_the_demo_communes(province):
    out = io.StringIO()
    call_command("indicators", "--year", "2024", "--json", "--province", stdout=out)
    data = json.loads(out.getvalue())
    assert len(data["communes"]) == 3
    gdvh = next(i for i in data["indicators"] if i["code"] == "GDVH")
    assert gdvh["numerator"] == sum(c["indicators"]["GDVH"]["numerator"] for c in data["communes"])
    assert gdvh["denominator"] == sum(c["indicators"]["GDVH"]["denominator"] for c in data["communes"])
