"""A commune's data version moves with every change of its record, and only of its record."""

import datetime

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse

from caolocculture import versions
from caolocculture.bulk import insert_with_history
from caolocculture.scope import working_in
from households.models import Household
from testing.factories import BlockFactory, CommuneFactory, HouseholdFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    a, b = CommuneFactory(), CommuneFactory()
    return a, b, BlockFactory(commune=a), BlockFactory(commune=b)


def test_a_saved_household_moves_its_communes_version_only(two):
    a, b, block_a, _ = two
    before_a, before_b = versions.current(a.pk), versions.current(b.pk)
    with working_in(a):
        HouseholdFactory(block=block_a)
    assert versions.current(a.pk) != before_a
    assert versions.current(b.pk) == before_b


def test_a_row_outside_the_record_moves_nothing(two):
    a, _, _, _ = two
    before = versions.current(a.pk)
    with working_in(a):
        UserFactory(username="mot-nguoi-moi")  # an account is not a figure
    assert versions.current(a.pk) == before


def test_rows_written_in_bulk_move_the_version(two):
    a, _, block_a, _ = two
    before = versions.current(a.pk)
    with working_in(a):
        insert_with_history(
            Household,
            [
                {
                    "block_id": block_a.pk,
                    "commune_id": a.pk,
                    "code": "BULK-1",
                    "head_name": "Lý Văn Một",
                    "members": 3,
                    "search_text": "",
                }
            ],
        )
    assert versions.current(a.pk) != before


def test_changed_is_sent_after_the_commit_with_the_commune(two, django_capture_on_commit_callbacks):
    a, _, block_a, _ = two
    seen = []

    def receiver(sender, commune_pk, **kwargs):
        seen.append(commune_pk)

    versions.changed.connect(receiver)
    try:
        with working_in(a), django_capture_on_commit_callbacks(execute=False) as callbacks:
            HouseholdFactory(block=block_a)
        assert seen == []  # not before the commit: the rollup must read committed rows
        for callback in callbacks:
            callback()
        assert set(seen) == {a.pk}
    finally:
        versions.changed.disconnect(receiver)


def test_a_change_with_no_commune_at_hand_moves_every_commune(two):
    a, b, _, _ = two
    before = versions.current(a.pk), versions.current(b.pk)
    versions.moved(None)
    after = versions.current(a.pk), versions.current(b.pk)
    assert after[0] != before[0] and after[1] != before[1]


def test_an_evicted_version_starts_again_from_the_clock_not_from_one(two):
    a, _, _, _ = two
    cache.delete(f"version:commune:{a.pk}")
    restarted = int(versions.current(a.pk).split(".")[1])
    assert restarted > 1_700_000_000 * 10**9  # nanoseconds since 1970: never a number used before


def test_a_write_request_moves_the_version_a_refused_one_does_not(plan, blocks, officer, khoi2, client):
    household = HouseholdFactory(block=blocks[0])
    commune = plan.commune.pk
    before = versions.current(commune)
    client.force_login(khoi2)  # another block's khối trưởng: refused, nothing written
    refused = client.post(reverse("households:move_out", args=[household.pk]), {"on": "01/05/2024"})
    assert refused.status_code in (403, 404) and versions.current(commune) == before
    client.force_login(officer)
    done = client.post(
        reverse("households:move_out", args=[household.pk]), {"on": datetime.date(2024, 5, 1).strftime("%d/%m/%Y")}
    )
    assert done.status_code == 302
    assert versions.current(commune) != before


DEAD_REDIS = {
    "default": {
        "BACKEND": "caolocculture.cache.TolerantRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nobody listens
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_with_redis_down_writes_go_on_and_no_cached_figure_is_trusted(two, settings):
    a, _, block_a, _ = two
    settings.CACHES = DEAD_REDIS
    assert cache.get("x", "miss") == "miss" and cache.add("x", 1) is False
    with working_in(a):
        household = HouseholdFactory(block=block_a)  # the version cannot move: the save still succeeds
    assert Household.objects.filter(pk=household.pk).exists()
    first, second = versions.current(a.pk), versions.current(a.pk)
    assert first.startswith("unavailable.") and first != second  # nothing is ever found under it


def test_a_kept_value_is_computed_once_per_version_and_expires_when_asked(two):
    a, _b, block, _other = two
    calls = []

    def compute():
        calls.append(1)
        return f"value {len(calls)}"

    assert versions.kept(a.pk, "list|p1", compute, seconds=600) == "value 1"
    assert versions.kept(a.pk, "list|p1", compute, seconds=600) == "value 1" and len(calls) == 1
    assert versions.kept(a.pk, "list|p2", compute, seconds=600) == "value 2"  # another name
    with working_in(a):
        HouseholdFactory(block=block)
    assert versions.kept(a.pk, "list|p1", compute, seconds=600) == "value 3"  # the record changed
    backend = caches["default"]
    if isinstance(backend, RedisCache):  # a laptop without Redis keeps it in memory
        client = backend._cache.get_client()
        keys = client.keys(f"*kept:{a.pk}:*")
        assert keys and all(0 < client.ttl(key) <= 600 for key in keys)
