"""The Celery wiring, once, through a real worker process on Redis."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from caolocculture.factories import FamilyRecognitionFactory, HouseholdFactory
from conftest import require_service
from reports.tasks import indicators_json

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


def redis_answers(url: str) -> bool:
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def worker():
    """A `celery worker` process on its own queue, reading the test database."""
    broker = os.environ.get("CELERY_BROKER_URL", "")
    require_service(bool(broker) and redis_answers(broker), "Redis at CELERY_BROKER_URL")
    require_service(connection.vendor == "postgresql", "PostgreSQL (the worker must share the test database)")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "caolocculture.test_settings",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "caolocculture", "worker", "-Q", queue, "--pool=solo",
         "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    yield queue
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_a_real_worker_computes_the_indicators(plan, blocks, worker):
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    for household in HouseholdFactory.create_batch(4, block=blocks[0]):
        FamilyRecognitionFactory(household=household)
    HouseholdFactory(block=blocks[0])

    result = indicators_json.apply_async(args=[2024], queue=worker)
    data = result.get(timeout=60)

    assert data["commune"] == "Thị trấn Cao Lộc"
    assert data["indicators"][0]["numerator"] == 4
    assert data["indicators"][0]["denominator"] == 5
    assert data["indicators"][0]["value"] == 80.0
