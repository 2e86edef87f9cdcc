"""Two gunicorn processes on one PostgreSQL database and one Redis serve one signed-in person,
as two machines behind a load balancer would: the person signs in on one, and every request
after that alternates between them (pages, a form posted with its CSRF token, the meeting sheet)
with every answer right. Nothing of a person's state lives in a web process (docs/scaling.md)."""

import datetime
import re
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest
import requests
from django.conf import settings
from django.utils import timezone

from conftest import worker_env
from recognition.models import MeetingResult
from recognition.services import meeting_open
from testing.factories import HouseholdFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu"
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def start_gunicorn(env: dict) -> tuple[subprocess.Popen, str]:
    """One gunicorn (its own master and sync worker) on a port of its own. The listening socket
    is ours, handed over: requests wait in its backlog until the worker is up."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "caolocculture.wsgi",
            "--workers",
            "1",
            "--bind",
            f"fd://{listener.fileno()}",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        pass_fds=[listener.fileno()],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    listener.close()
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture
def two_servers() -> Iterator[tuple[str, str]]:
    env = {
        **worker_env(),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no TLS proxy in front, so no Secure-only cookies.
        "SECURE_COOKIES": "False",
        "CONN_MAX_AGE": "600",
    }
    first, url_a = start_gunicorn(env)
    second, url_b = start_gunicorn(env)
    yield url_a, url_b
    for process in (first, second):
        process.terminate()
        process.wait(timeout=20)


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

    # Signed in on A.
    login = person.get(f"{a}/dang-nhap/", timeout=60)
    assert login.status_code == 200
    signed_in = person.post(
        f"{a}/dang-nhap/",
        {"username": "khoi1", "password": PASSWORD, "csrfmiddlewaretoken": csrf_from(login)},
        allow_redirects=False,
        timeout=60,
    )
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/"
    assert "sessionid" in person.cookies

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
