"""Shared personas and the rule that CI never runs without its real services."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_save

from campaigns.models import Plan
from campaigns.services import plan_load, read_plan_file
from caolocculture.celery import app
from caolocculture.models import Role, User
from caolocculture.permissions import COMMUNE_ROLES
from households.models import Block, Commune
from testing.factories import UserFactory

ROOT = Path(__file__).resolve().parent
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def pytest_configure(config):
    # Playwright's sync API keeps an event loop in the test thread, which trips Django's
    # async guard although the ORM calls around it are plain synchronous ones.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if IN_CI:
        missing = []
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            missing.append("DATABASE_URL (PostgreSQL)")
        if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis"):
            missing.append("CELERY_BROKER_URL (Redis)")
        if not shutil.which(CHROMIUM):
            missing.append(f"Chromium at {CHROMIUM}")
        if missing:
            raise pytest.UsageError("CI=true but these real services are missing: " + ", ".join(missing))


def wait_for(condition, timeout: float = 120, step: float = 0.05) -> bool:
    """Whether `condition()` came true within `timeout` seconds, asked every `step`: for work done
    by another process (a Celery worker, a second gunicorn) that has no signal a test can block on."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def start_gunicorn(env: dict, pass_fds: tuple[int, ...] = ()) -> tuple[subprocess.Popen, str]:
    """One gunicorn (its own master and one sync worker) with `env`, on a port of its own. The
    listening socket is ours, handed over: requests wait in its backlog until the worker is up.
    `pass_fds`: more descriptors it inherits (a pipe its worker writes to)."""
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
        cwd=ROOT,
        env=env,
        pass_fds=[listener.fileno(), *pass_fds],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    listener.close()
    return process, f"http://127.0.0.1:{port}"


def require_service(available: bool, what: str) -> None:
    """Locally a missing service skips its tests; in CI it fails them."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI")
    pytest.skip(f"{what} is not available here")


@pytest.fixture
def plan(db):
    """The town's real 2024 plan, loaded by the same service as `load_plan`."""
    plan_load(data=read_plan_file())
    plan = Plan.objects.select_related("commune").get(year=2024)
    # The personas made before the commune existed work in it, as the demo's users do.
    User.objects.filter(role__in=COMMUNE_ROLES, commune__isnull=True).update(commune=plan.commune)
    for user in _personas_made:
        if user.role in COMMUNE_ROLES and user.commune_id is None:
            user.commune = plan.commune
    return plan


@pytest.fixture
def blocks(plan):
    return list(Block.objects.order_by("number"))


# This test's personas, so that `plan` gives those made before it their commune.
_personas_made: list = []


def _first_commune_for_personas(sender, instance, created, **kwargs):
    """The installation's first commune, however a test makes it (a plan file, a factory), is the
    commune of the commune-role personas made before it: as migration caolocculture 0005 gives an
    installation's only commune to its people."""
    if not created or Commune.objects.count() != 1:
        return
    User.objects.filter(role__in=COMMUNE_ROLES, commune__isnull=True).update(commune=instance)
    for user in _personas_made:
        if user.role in COMMUNE_ROLES and user.commune_id is None:
            user.commune = instance


@pytest.fixture(autouse=True)
def _forget_personas():
    _personas_made.clear()
    post_save.connect(_first_commune_for_personas, sender=Commune, dispatch_uid="first_commune_for_personas")
    yield
    post_save.disconnect(sender=Commune, dispatch_uid="first_commune_for_personas")
    _personas_made.clear()


def _persona(username, role, **extra):
    user = UserFactory(username=username, role=role, **extra)
    _personas_made.append(user)
    return user


@pytest.fixture
def officer(db):
    return _persona("canbo", Role.OFFICER, is_staff=True)


@pytest.fixture
def chairman(db):
    return _persona("chutich", Role.CHAIRMAN)


@pytest.fixture
def steering(db):
    return _persona("bcd", Role.STEERING)


@pytest.fixture
def admin_user(db):
    return _persona("quantri", Role.ADMIN, is_staff=True)


@pytest.fixture
def khoi1(blocks):
    user = _persona("khoi1", Role.BLOCK_LEADER)
    blocks[0].leader = user
    blocks[0].save()
    return user


@pytest.fixture
def khoi2(blocks):
    user = _persona("khoi2", Role.BLOCK_LEADER)
    blocks[1].leader = user
    blocks[1].save()
    return user


@pytest.fixture
def login(client):
    """login(user) -> a client signed in as user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


# Playwright drives the system Chromium: browsers cannot be downloaded here.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require_service(bool(shutil.which(CHROMIUM)), f"Chromium ({CHROMIUM})")
    return {
        **browser_type_launch_args,
        "executable_path": shutil.which(CHROMIUM),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A 360-pixel phone, in Vietnamese.
    return {**browser_context_args, "viewport": {"width": 360, "height": 740}, "locale": "vi-VN"}


def redis_answers(url: str) -> bool:
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


class Worker:
    """A `celery worker` process on its own queues (this test's prefix before each of the
    installation's queues: celery, imports, papers, rollups), reading the test database; it can
    be killed mid-task and started again, as a crash would."""

    def __init__(self, prefix: str, env: dict, kinds: tuple[str, ...] = ("celery", *settings.TASK_QUEUES)):
        self.prefix, self.env, self.process = prefix, env, None
        self.queue = f"{prefix}celery"  # the default queue
        self.queues = [f"{prefix}{kind}" for kind in kinds]

    def start(self) -> "Worker":
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "caolocculture",
                "worker",
                "-Q",
                ",".join(self.queues),
                "--pool=solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=WARNING",
            ],
            cwd=ROOT,
            env={**self.env, "CELERY_QUEUE_PREFIX": self.prefix},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return self

    def kill(self) -> None:
        """SIGKILL: no clean-up, no chance to finish the task."""
        self.process.kill()
        self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def worker_env() -> dict:
    """The environment of a process the test starts (a worker, gunicorn): the test database,
    Redis and the uploads folder; skips (or fails in CI) without PostgreSQL and Redis."""
    broker = os.environ.get("CELERY_BROKER_URL", "")
    require_service(bool(broker) and redis_answers(broker), "Redis at CELERY_BROKER_URL")
    require_service(connection.vendor == "postgresql", "PostgreSQL (the worker must share the test database)")
    db = settings.DATABASES["default"]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "caolocculture.test_settings",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
    }


@pytest.fixture
def celery_worker():
    """The Worker, started; tasks sent in the test go through Redis to it."""
    worker = Worker(f"test-{uuid.uuid4().hex[:8]}-", worker_env()).start()
    with tasks_through_redis(worker.prefix):
        yield worker
    worker.stop()


@contextlib.contextmanager
def tasks_through_redis(prefix: str):
    """Tests run tasks in-process; inside this, tasks go through Redis, each routed by its name
    as in production, to this test's copy of its queue (`prefix` + imports, papers…)."""
    eager, default, old_prefix = app.conf.task_always_eager, app.conf.task_default_queue, settings.TASK_QUEUE_PREFIX
    app.conf.task_always_eager, app.conf.task_default_queue = False, f"{prefix}celery"
    settings.TASK_QUEUE_PREFIX = prefix
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = eager, default
        settings.TASK_QUEUE_PREFIX = old_prefix


@pytest.fixture
def worker(celery_worker):
    """The worker's queue name, for tests that only need one running."""
    return celery_worker.queue


def sign_in_on(page, base_url: str, user, *, next_url: str = ""):
    """Sign `user` in on `page` (any browser context: a second phone, another screen size)
    through the login form, with the tests' password; returns the page. The password is set
    only once: setting it again would sign the user out of their other devices."""
    if not user.check_password("mat-khau-thu"):
        user.set_password("mat-khau-thu")
    user.save()
    page.goto(base_url + "/dang-nhap/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(base_url + (next_url or "/"))
    return page


@pytest.fixture
def sign_in(page, live_server):
    """sign_in(user) -> the Playwright page, signed in through the login form."""
    return lambda user: sign_in_on(page, live_server.url, user)


def answer_confirm(page, button: str) -> str:
    """In the dialog every irreversible step opens first (static/js/app.js), click `button`
    ("Hủy" to cancel) and return the question it asked."""
    modal = page.locator("#confirm-modal")
    modal.wait_for(state="visible")
    question = modal.locator("[data-confirm-text]").inner_text()
    modal.get_by_role("button", name=button, exact=True).click()
    modal.wait_for(state="hidden")
    return question
