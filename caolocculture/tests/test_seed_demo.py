import pytest
from django.core.management import CommandError, call_command

from campaigns.models import Activity, BlockFigures, BudgetLine
from caolocculture.models import Role, User
from caolocculture.permissions import Action, can
from devtools.demo import DEMO_LABEL, DEMO_PASSWORD
from households.models import Household
from recognition.models import Decision, Meeting, MeetingResult, MeetingStep, Recognition

pytestmark = pytest.mark.django_db


def test_it_refuses_when_debug_is_off(settings, plan):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG tắt"):
        call_command("seed_demo")
    assert not Household.objects.exists()


def test_it_needs_the_plan_first(settings, db):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="load_plan"):
        call_command("seed_demo")


def test_it_adds_labelled_demo_data_and_users(settings, plan, capsys):
    settings.DEBUG = True
    call_command("seed_demo", "--households-per-block", "30")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and "khoi1" in out

    households = Household.objects.all()
    assert 10 * 10 <= households.count() <= 10 * 50
    assert not households.exclude(note=DEMO_LABEL).exists()
    years = set(Recognition.objects.filter(title="GDVH").values_list("year", flat=True))
    assert years == {2021, 2022, 2023, 2024}
    # Every title has its decision: the years before on paper, recorded; the season's in the app.
    assert set(Recognition.objects.filter(year__lt=2024).values_list("decision__kind", flat=True)) == {"recorded"}
    assert not Recognition.objects.filter(year__lt=2024).exclude(note=DEMO_LABEL).exists()
    season = dict(Meeting.objects.filter(year=2024).values_list("block__number", "status"))
    assert season == {1: "decided", 2: "decided", 3: "decided", 4: "posted", 5: "posted", 6: "posted"}
    decision = Decision.objects.get(year=2024, kind="conferral")
    passed = MeetingResult.objects.filter(meeting__block__number__in=[1, 2, 3], passed=True)
    # Its steps are dated in the season, as the papers print them, not on the day of seeding.
    assert set(MeetingStep.objects.filter(meeting__year=2024).values_list("at__year", flat=True)) == {2024}
    households_2024 = Recognition.objects.filter(year=2024, title="GDVH")
    assert set(households_2024.values_list("household", flat=True)) == set(passed.values_list("household", flat=True))
    assert set(households_2024.values_list("decision", flat=True)) == {decision.pk}
    # The chairman commended a few Gia đình văn hóa tiêu biểu of the decided blocks (a paper to print).
    commendation = Decision.objects.get(year=2024, kind="commend")
    assert 1 <= commendation.commendations.count() <= 5
    assert not commendation.commendations.filter(household__block__number__gte=4).exists()
    # ... so blocks 7 to 10 can still meet, and 4 to 6 be decided: nothing of theirs holds a 2024 title.
    assert not Recognition.objects.filter(year=2024, household__block__number__gte=4).exists()

    assert User.objects.get(username="canbo").role == Role.OFFICER
    assert User.objects.get(username="chutich").role == Role.CHAIRMAN
    assert User.objects.get(username="bcd").role == Role.STEERING
    khoi3 = User.objects.get(username="khoi3")
    assert khoi3.check_password(DEMO_PASSWORD)
    assert list(khoi3.led_blocks.values_list("name", flat=True)) == ["Khối 3"]
    assert can(khoi3, Action.EDIT_BLOCK, khoi3.led_blocks.get())
    assert Household.history.filter(history_type="+").count() == households.count()
    # The year under way has something on each operations page, labelled as demo.

    assert Activity.objects.count() == 11 and not Activity.objects.exclude(title__contains="dữ liệu mẫu").exists()
    assert BudgetLine.objects.count() == 3
    statuses = dict(BlockFigures.objects.filter(year=2024).values_list("block__number", "status"))
    assert (statuses[1], statuses[2], statuses[3]) == ("submitted", "draft", "approved")

    call_command("seed_demo", "--households-per-block", "30")
    assert Household.objects.count() == households.count()
    assert "đã có" in capsys.readouterr().out
