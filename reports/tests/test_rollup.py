"""The province's rollup: each commune's figures of a year kept in one row, refreshed by a task
after each change of the commune's record, so the province's page reads rows, not households,
in the same number of queries for 3 communes or 6, and says how fresh each commune's figures are."""

import time

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from campaigns.models import Plan
from caolocculture import versions
from caolocculture.models import Role
from caolocculture.scope import working_in
from conftest import require_service, tasks_through_redis, wait_for
from households.models import Block
from reports.models import CommuneYearRollup
from reports.services import rollup_pending_key, rollup_refresh_task, year_close, year_reopen
from testing.factories import FamilyRecognitionFactory, HouseholdFactory, UserFactory

from .test_province import command_json, households, second_commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def tinh(db):
    return UserFactory(username="tinh", role=Role.PROVINCE)


@pytest.fixture
def two(plan):
    """Cao Lộc: 10 living households, 9 recognised (GDVH 90 %); Hòa Bình: 30, 29 recognised."""
    cao_loc, hoa_binh = plan.commune, second_commune()
    households(Block.objects.filter(commune=cao_loc).order_by("number")[0], 10, 9)
    households(Block.objects.filter(commune=hoa_binh).order_by("number")[0], 30, 29)
    return cao_loc, hoa_binh


def gdvh(page, commune):
    row = next(r for r in page.context["table"].rows if r.commune == commune)
    return row.measure("GDVH"), row


def test_the_first_view_computes_and_keeps_each_communes_rollup(two, tinh, login):
    cao_loc, hoa_binh = two
    assert not CommuneYearRollup.objects.exists()

    page = login(tinh).get("/tinh/?year=2024")

    measure, row = gdvh(page, cao_loc)
    assert (measure.numerator, measure.denominator) == (9, 10) and row.fresh
    kept = CommuneYearRollup.objects.get(commune=hoa_binh, year=2024)
    assert kept.version == versions.current(hoa_binh.pk)
    assert next(i for i in kept.figures["indicators"] if i["code"] == "GDVH")["numerator"] == 29
    assert "Số liệu cập nhật lúc" in page.content.decode()


def test_a_change_in_one_commune_makes_its_rollup_stale_until_the_task_runs(two, tinh, login):
    cao_loc, hoa_binh = two
    client = login(tinh)
    client.get("/tinh/?year=2024")
    kept_b = CommuneYearRollup.objects.get(commune=hoa_binh, year=2024)
    household = cao_loc.blocks.get(number=1).households.exclude(recognitions__year=2024).get()

    with working_in(cao_loc):
        FamilyRecognitionFactory(household=household, year=2024)

    page = client.get("/tinh/?year=2024")
    measure, row = gdvh(page, cao_loc)
    assert measure.numerator == 9 and not row.fresh  # the figures it has, saying so
    at = timezone.localtime(row.computed_at).strftime("%H:%M %d/%m/%Y")
    assert f"Số liệu lúc {at} — đang cập nhật" in page.content.decode()
    assert gdvh(page, hoa_binh)[1].fresh
    data = client.get("/tinh/chi-so.json?year=2024").json()
    fresh = {c["name"]: c["fresh"] for c in data["communes"]}
    assert fresh == {"Thị trấn Cao Lộc": False, "Xã Hòa Bình": True}
    assert all(c["computed_at"] for c in data["communes"])

    assert rollup_refresh_task(cao_loc.pk) == [2024]

    page = client.get("/tinh/?year=2024")
    measure, row = gdvh(page, cao_loc)
    assert (measure.numerator, measure.denominator) == (10, 10) and row.fresh
    assert "đang cập nhật" not in page.content.decode()
    untouched = CommuneYearRollup.objects.get(commune=hoa_binh, year=2024)
    assert (untouched.version, untouched.computed_at) == (kept_b.version, kept_b.computed_at)


def test_the_command_prints_todays_figures_even_from_a_stale_rollup(two, tinh, login):
    cao_loc, _ = two
    login(tinh).get("/tinh/?year=2024")
    household = cao_loc.blocks.get(number=1).households.exclude(recognitions__year=2024).get()
    with working_in(cao_loc):
        FamilyRecognitionFactory(household=household, year=2024)

    data = command_json("--province")

    row = next(c for c in data["communes"] if c["name"] == "Thị trấn Cao Lộc")
    assert row["indicators"]["GDVH"]["numerator"] == 10 and row["fresh"]


def test_a_closed_year_keeps_its_frozen_figures_and_is_marked_current(two, tinh, login, officer):
    cao_loc, _ = two
    year_close(plan=Plan.objects.get(commune=cao_loc, year=2024), by=officer)
    assert rollup_refresh_task(cao_loc.pk) == [2024]  # closed since the last: its frozen figures
    household = cao_loc.blocks.get(number=1).households.exclude(recognitions__year=2024).get()
    with working_in(cao_loc):
        FamilyRecognitionFactory(household=household, year=2024)  # after the closing: not the year's

    assert rollup_refresh_task(cao_loc.pk) == []  # nothing computed again
    measure, row = gdvh(login(tinh).get("/tinh/?year=2024"), cao_loc)
    assert measure.numerator == 9 and row.fresh and row.closed

    year_reopen(plan=Plan.objects.get(commune=cao_loc, year=2024), reason="Sửa số liệu", by=officer)
    assert rollup_refresh_task(cao_loc.pk) == [2024]  # open again: computed from the record
    measure, row = gdvh(login(tinh).get("/tinh/?year=2024"), cao_loc)
    assert measure.numerator == 10 and row.fresh and not row.closed


def communes(n):
    for i in range(2, n + 1):
        households(Block.objects.filter(commune=second_commune(f"Xã Thử {i}")).order_by("number")[0], 2, 1)


@pytest.mark.parametrize("n", [3, 6])
def test_the_page_costs_the_same_queries_for_3_communes_or_6(plan, tinh, login, django_assert_num_queries, n):
    communes(n)
    client = login(tinh)
    client.get("/tinh/?year=2024")  # the first view computes the rollups
    # session, user, the plans' years (picker), communes, rollups; then the page's frame (the
    # province's commune switch: the installation's first commune, the one looked at, the list), and
    # how the commune looked at names its units (the menu)
    with django_assert_num_queries(9):
        page = client.get("/tinh/?year=2024&sap_xep=-GDVH")
    assert len(page.context["table"].rows) == n
    with django_assert_num_queries(5):
        assert len(client.get("/tinh/chi-so.json?year=2024").json()["communes"]) == n
    with django_assert_num_queries(5):
        assert client.get("/tinh/chi-so.xlsx?year=2024").status_code == 200


def queued(prefix: str) -> int:
    """How many tasks wait in this test's rollups queue in Redis."""
    return redis.Redis.from_url(settings.CELERY_BROKER_URL).llen(f"{prefix}rollups")


@pytest.fixture
def no_worker():
    """Tasks go to Redis (this test's own queues) and no worker takes them: they can be counted."""
    require_service(settings.CELERY_BROKER_URL.startswith("redis://"), "Redis at CELERY_BROKER_URL")
    prefix = f"test-{time.time_ns()}-"
    with tasks_through_redis(prefix):
        yield prefix
    redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(f"{prefix}rollups")


def test_a_burst_of_changes_sends_one_task_per_commune(two, no_worker, django_capture_on_commit_callbacks):
    cao_loc, hoa_binh = two
    cache.delete_many([rollup_pending_key(cao_loc.pk), rollup_pending_key(hoa_binh.pk)])
    block = cao_loc.blocks.get(number=2)

    with working_in(cao_loc), django_capture_on_commit_callbacks(execute=True) as callbacks:
        HouseholdFactory.create_batch(40, block=block)  # an import's rows, each saved

    assert len(callbacks) >= 40  # each change said so after the commit...
    assert queued(no_worker) == 1  # ...and one refresh waits for Cao Lộc
    assert cache.get(rollup_pending_key(cao_loc.pk)) and not cache.get(rollup_pending_key(hoa_binh.pk))

    cache.delete("rollup:pending:installation")
    with django_capture_on_commit_callbacks(execute=True):
        versions.moved(None)  # the whole installation: every commune, Cao Lộc already waiting
    assert queued(no_worker) == 2
    cache.delete(rollup_pending_key(hoa_binh.pk))  # Hòa Bình's task has started
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(20):  # a command saving rows with no commune at hand
            versions.moved(None)
    assert queued(no_worker) == 2  # within seconds of the last: not every commune again
    cache.delete_many([rollup_pending_key(cao_loc.pk), rollup_pending_key(hoa_binh.pk), "rollup:pending:installation"])


def test_without_a_broker_the_page_computes_what_is_out_of_date(two, tinh, login, settings):
    cao_loc, _ = two
    client = login(tinh)
    client.get("/tinh/?year=2024")
    household = cao_loc.blocks.get(number=1).households.exclude(recognitions__year=2024).get()
    with working_in(cao_loc):
        FamilyRecognitionFactory(household=household, year=2024)
    settings.CELERY_BROKER_URL = ""  # no worker would ever refresh it

    measure, row = gdvh(client.get("/tinh/?year=2024"), cao_loc)

    assert (measure.numerator, measure.denominator) == (10, 10) and row.fresh


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_change_reaches_the_province_page_through_a_real_worker(two, tinh, login, worker):
    cao_loc, hoa_binh = two
    client = login(tinh)
    client.get("/tinh/?year=2024")
    # Hòa Bình's data version, not its row's computed_at: a row the fixture's saves left stale is
    # refreshed by the worker after the first view, at a time this test does not control.
    version_b = versions.current(hoa_binh.pk)
    household = cao_loc.blocks.get(number=1).households.exclude(recognitions__year=2024).get()

    with working_in(cao_loc):  # committed at once: the signal sends the task to the worker
        FamilyRecognitionFactory(household=household, year=2024)

    assert wait_for(lambda: gdvh(client.get("/tinh/?year=2024"), cao_loc)[1].fresh, timeout=60, step=0.5)
    measure, row = gdvh(client.get("/tinh/?year=2024"), cao_loc)
    assert row.fresh and (measure.numerator, measure.denominator) == (10, 10)
    assert versions.current(hoa_binh.pk) == version_b  # Cao Lộc's change is not Hòa Bình's
    assert wait_for(lambda: gdvh(client.get("/tinh/?year=2024"), hoa_binh)[1].fresh, timeout=60, step=0.5)
    assert CommuneYearRollup.objects.get(commune=hoa_binh, year=2024).version == version_b
