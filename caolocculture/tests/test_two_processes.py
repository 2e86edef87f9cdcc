"""Two gunicorn processes on one PostgreSQL database and one Redis serve one signed-in person,
as two machines behind a load balancer would: the person signs in on one, and every request
after that alternates between them (pages, a form posted with its CSRF token, the meeting sheet)
with every answer right. Nothing of a person's state lives in a web process (docs/scaling.md)."""

import contextlib
import datetime
import re
from collections.abc import Iterator

import pytest
import requests
from django.utils import timezone

from conftest import start_gunicorn, wait_for, worker_env
from households.models import Household
from households.services import ASYNC_ROWS
from households.tests.sheets import row, xlsx
from recognition.models import MeetingResult
from recognition.services import meeting_open
from testing.factories import HouseholdFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu"
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@contextlib.contextmanager
def two_gunicorns(**extra_env: str) -> Iterator[tuple[str, str]]:
    env = {
        **worker_env(),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no TLS proxy in front, so no Secure-only cookies.
        "SECURE_COOKIES": "False",
        "CONN_MAX_AGE": "600",
        **extra_env,
    }
    first, url_a = start_gunicorn(env)
    second, url_b = start_gunicorn(env)
    try:
        yield url_a, url_b
    finally:
        for process in (first, second):
            process.terminate()
            process.wait(timeout=20)


@pytest.fixture
def two_servers() -> Iterator[tuple[str, str]]:
    with two_gunicorns() as servers:
        yield servers


def sign_in(person: requests.Session, server: str, username: str) -> None:
    login = person.get(f"{server}/dang-nhap/", timeout=60)
    assert login.status_code == 200
    signed_in = person.post(
        f"{server}/dang-nhap/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": csrf_from(login)},
        allow_redirects=False,
        timeout=60,
    )
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/"
    assert "sessionid" in person.cookies


def csrf_from(page: requests.Response) -> str:
    return _CSRF.search(page.text).group(1)


def test_one_session_alternates_between_two_gunicorn_processes(two_servers, plan, blocks, khoi1):
    a, b = two_servers
    assert a != b
    khoi1.set_password(PASSWORD)
    khoi1.save()
    families = HouseholdFactory.create_batch(3, block=blocks[0])
    meeting, _ = meeting_open(
        block=blocks[0],
        year=2024,
        by=khoi1,
        held_at=timezone.make_aware(datetime.datetime(2024, 11, 20, 19, 0)),
        place="Nhà văn hóa",
        chair="Hoàng Văn Minh",
        secretary="Lý Thị Hoa",
        invited=40,
        present=30,
    )
    person = requests.Session()  # one browser: its cookies go to both (a cookie knows no port)

    sign_in(person, a, "khoi1")

    # B knows the session A opened: the dashboard and the meeting list, not the login page.
    home = person.get(f"{b}/", allow_redirects=False, timeout=60)
    assert home.status_code == 200 and "Khối 1" in home.text
    meetings = person.get(f"{b}/binh-xet/", allow_redirects=False, timeout=60)
    assert meetings.status_code == 200 and f'href="/binh-xet/{meeting.pk}/"' in meetings.text

    # The meeting sheet: read on A, one household's result on A, the next on B.
    sheet = person.get(f"{a}/binh-xet/{meeting.pk}/", allow_redirects=False, timeout=60)
    assert sheet.status_code == 200
    version = int(re.search(r'data-version="(\d+)"', sheet.text).group(1))
    for server, household, agreed in ((a, families[0], 25), (b, families[1], 12), (a, families[2], 28)):
        saved = person.post(
            f"{server}/binh-xet/{meeting.pk}/ket-qua/",
            json={"household": household.pk, "agreed": agreed, "version": version},
            headers={"X-CSRFToken": person.cookies["csrftoken"]},
            allow_redirects=False,
            timeout=60,
        )
        assert saved.status_code == 200, saved.text
        assert saved.json()["version"] > version  # the other process's write was seen: no stale copy
        version = saved.json()["version"]

    # Both processes show all three results, as the database holds them.
    held = {str(r.household_id): r.agreed for r in MeetingResult.objects.filter(meeting=meeting)}
    assert held == {str(families[0].pk): 25, str(families[1].pk): 12, str(families[2].pk): 28}
    for server in (a, b):
        state = person.get(f"{server}/binh-xet/{meeting.pk}/ket-qua.json", allow_redirects=False, timeout=60)
        assert state.status_code == 200
        assert state.json()["version"] == version
        assert set(state.json()["results"]) == set(held)

    # A form posted with its CSRF token: the form from B, posted to A (changing the password
    # keeps this session signed in, on both).
    form = person.get(f"{b}/doi-mat-khau/", allow_redirects=False, timeout=60)
    assert form.status_code == 200
    new_password = "Van-hoa-Cao-Loc-2025"
    changed = person.post(
        f"{a}/doi-mat-khau/",
        {
            "old_password": PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
            "csrfmiddlewaretoken": csrf_from(form),
        },
        allow_redirects=False,
        timeout=60,
    )
    assert changed.status_code == 302, changed.text[-2000:]
    khoi1.refresh_from_db()
    assert khoi1.check_password(new_password)
    for server in (b, a):
        assert person.get(f"{server}/binh-xet/", allow_redirects=False, timeout=60).status_code == 200

    # Signed out on B: A no longer knows the person either.
    page = person.get(f"{b}/binh-xet/", timeout=60)
    out = person.post(f"{b}/dang-xuat/", {"csrfmiddlewaretoken": csrf_from(page)}, allow_redirects=False, timeout=60)
    assert out.status_code == 302
    after = person.get(f"{a}/binh-xet/", allow_redirects=False, timeout=60)
    assert after.status_code == 302 and after.headers["Location"].startswith("/dang-nhap/")


def test_a_file_uploaded_to_one_process_is_checked_by_the_worker_and_confirmed_on_the_other(
    celery_worker, plan, blocks, officer
):
    """The production path of a big import across processes: the upload lands in the shared
    MEDIA_ROOT through A, a Celery worker (a third process) reads it from there, the preview
    is confirmed through B, and the households are there for both."""
    officer.set_password(PASSWORD)
    officer.save()
    rows = 2 * ASYNC_ROWS  # big enough for the worker, not the web request
    sheet = xlsx([row(code=f"K01-{i:04d}", head=f"Hộ Thử {i:04d}") for i in range(rows)]).getvalue()
    # The web processes send their tasks to this test's worker, through Redis.
    with two_gunicorns(CELERY_TASK_ALWAYS_EAGER="False", CELERY_QUEUE_PREFIX=celery_worker.prefix) as (a, b):
        person = requests.Session()
        sign_in(person, a, "canbo")
        form = person.get(f"{b}/ho/nhap/", timeout=60)
        assert form.status_code == 200
        celery_worker.stop()  # the worker is away: the upload waits on its queue, not in a web process
        sent = person.post(
            f"{a}/ho/nhap/",
            data={"csrfmiddlewaretoken": csrf_from(form)},
            files={"file": ("ho.xlsx", sheet)},
            allow_redirects=False,
            timeout=60,
        )
        assert sent.status_code == 302, sent.text[-2000:]
        job = sent.headers["Location"]  # /ho/nhap/<pk>/
        waiting = person.get(f"{b}{job}tien-do/", timeout=60).json()
        assert (waiting["status"], waiting["running"]) == ("checking", True)
        celery_worker.start()

        def finished(server: str) -> dict:
            def state() -> dict:
                return person.get(f"{server}{job}tien-do/", timeout=60).json()

            assert wait_for(lambda: not state()["running"], timeout=180, step=0.2), "the worker did not finish"
            return state()

        checked = finished(b)
        assert (checked["status"], checked["total"]) == ("checked", rows)
        assert not Household.objects.exists()  # a check writes nothing

        preview = person.get(f"{a}{job}", timeout=60)
        assert preview.status_code == 200
        confirmed = person.post(
            f"{b}{job}", {"csrfmiddlewaretoken": csrf_from(preview)}, allow_redirects=False, timeout=60
        )
        assert confirmed.status_code == 302
        assert finished(a)["status"] == "done"
        assert Household.objects.count() == rows
        for server in (a, b):
            found = person.get(f"{server}/ho/?q=Hộ Thử 0123", timeout=60)
            assert found.status_code == 200 and "K01-0123" in found.text
