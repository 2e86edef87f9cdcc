"""Faults: a worker killed in the middle of an import leaves nothing half-written and the
task runs again; the database dropping every connection (what a restart does to the app)
is recovered from by itself; two people on one meeting (recognition/tests) are told."""

import os
import urllib.request

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from conftest import require_service, start_gunicorn, wait_for
from households import services
from households.models import Household, HouseholdImport
from households.services import household_import_apply_task
from households.tests.sheets import row, xlsx
from recognition.models import Recognition

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROWS = 20_000  # long enough to be killed in the middle of writing


def worker_is_writing_households() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state = 'active' AND query ILIKE '%%households_%%' "
            "AND (query ILIKE 'COPY%%' OR query ILIKE 'INSERT%%')"
        )
        return cursor.fetchone()[0] > 0


def test_a_worker_killed_mid_import_writes_nothing_and_the_task_runs_again(plan, blocks, officer, celery_worker):
    sheet = xlsx(
        [row(code=f"K{i % 10 + 1:02d}-{i:05d}", block=f"Khối {i % 10 + 1}", years="2023, 2024") for i in range(ROWS)]
    )
    sheet.name = "lon.xlsx"
    job = services.household_import_start(file=sheet, by=officer)
    assert wait_for(lambda: HouseholdImport.objects.get(pk=job.pk).status == "checked"), "the check did not finish"
    services.household_import_confirm(household_import=job, by=officer)
    # Kill the worker while it writes: its connection is busy copying households in.
    assert wait_for(worker_is_writing_households), "the worker never started writing"
    celery_worker.kill()

    assert Household.objects.count() == 0 and Recognition.objects.count() == 0  # nothing half-written
    assert HouseholdImport.objects.get(pk=job.pk).status == "applying"

    celery_worker.start()  # the service comes back; the task is sent again and completes
    household_import_apply_task.delay(job.pk).get(timeout=180)
    job.refresh_from_db()
    assert job.status == "done"
    assert Household.objects.count() == ROWS and Recognition.objects.count() == 2 * ROWS


def test_a_worker_killed_during_the_check_shows_interrupted_and_try_again_completes_it(
    plan, blocks, officer, celery_worker, client
):
    sheet = xlsx([row(code=f"K{i % 10 + 1:02d}-{i:05d}", block=f"Khối {i % 10 + 1}") for i in range(ROWS)])
    sheet.name = "lon.xlsx"
    job = services.household_import_start(file=sheet, by=officer)
    # Kill the worker while it checks: it has reported rows read, and not finished.
    assert wait_for(lambda: HouseholdImport.objects.get(pk=job.pk).done_rows > 0), "the check never started"
    celery_worker.kill()
    assert HouseholdImport.objects.get(pk=job.pk).status == "checking"

    # Time passes (longer than the task may take): the job is seen to have lost its worker.
    HouseholdImport.objects.filter(pk=job.pk).update(
        touched_at=timezone.now() - services.INTERRUPTED_AFTER - timezone.timedelta(seconds=1)
    )
    client.force_login(officer)
    url = reverse("households:import_detail", args=[job.pk])
    page = client.get(url).content.decode()
    assert "bị gián đoạn" in page and "Thử lại" in page

    celery_worker.start()
    client.post(url, {"retry": "1"})
    assert wait_for(lambda: HouseholdImport.objects.get(pk=job.pk).status == "checked"), "the retry did not finish"
    assert HouseholdImport.objects.get(pk=job.pk).total_rows == ROWS
    assert not Household.objects.exists()  # a check writes nothing


@pytest.fixture
def gunicorn(tmp_path):
    """The production server (gunicorn, one sync worker keeping its connection as
    CONN_MAX_AGE says) on the test database."""
    db = settings.DATABASES["default"]
    process, url = start_gunicorn(
        {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "caolocculture.test_settings",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "CONN_MAX_AGE": "600",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        }
    )
    yield url
    process.terminate()
    process.wait(timeout=20)


def test_the_app_recovers_when_the_database_drops_its_connections(gunicorn, officer, plan, client):
    require_service(connection.vendor == "postgresql", "PostgreSQL")
    client.force_login(officer)
    cookie = f"sessionid={client.cookies['sessionid'].value}"

    def get_home() -> int:
        request = urllib.request.Request(gunicorn + "/", headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status

    assert get_home() == 200
    with connection.cursor() as cursor:  # what PostgreSQL restarting does to the app's connections
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] >= 1  # gunicorn's kept connection was among them
    assert get_home() == 200  # the health check notices the dead connection and opens a new one
    assert get_home() == 200
