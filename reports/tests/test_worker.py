"""The Celery wiring, once, through a real worker process on Redis."""

import pytest
from django.conf import settings

from caolocculture.celery import app
from reports.services import indicators_json_task
from testing.factories import FamilyRecognitionFactory, HouseholdFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_computes_the_indicators(plan, blocks, worker):
    assert not app.conf.task_always_eager and settings.CELERY_BROKER_URL.startswith("redis://")
    for household in HouseholdFactory.create_batch(4, block=blocks[0]):
        FamilyRecognitionFactory(household=household)
    HouseholdFactory(block=blocks[0])

    result = indicators_json_task.apply_async(args=[2024], queue=worker)
    data = result.get(timeout=60)

    assert data["commune"] == "Thị trấn Cao Lộc"
    assert data["indicators"][0]["numerator"] == 4
    assert data["indicators"][0]["denominator"] == 5
    assert data["indicators"][0]["value"] == 80.0
