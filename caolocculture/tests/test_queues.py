"""Background work on its own queues: imports, papers (PDF printing) and rollups/notifications.
A worker for one queue takes only that queue's tasks, so a province's printing never holds up
an import; the deploy check says when a web process would keep state of its own."""

import uuid

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings

from caolocculture import checks
from caolocculture.celery import app
from conftest import Worker, tasks_through_redis, wait_for, worker_env
from households.models import Household, HouseholdImport
from households.services import household_import_check_task
from households.tests.sheets import row, xlsx
from recognition.models import Decision
from recognition.tests.test_record import decided_block
from reports.services import indicators_json_task

# Every task of the apps, by the kind of work it is. A new task must be given its queue in
# settings.TASK_QUEUES (or match one of its patterns), or this fails.
EXPECTED = {
    "households.services.household_import_check_task": "imports",
    "households.services.household_import_apply_task": "imports",
    "recognition.services.decision_paper_task": "papers",
    "reports.services.yearend_report_task": "papers",
    "reports.services.indicators_json_task": "rollups",
    "reports.services.due_summary_send_task": "rollups",
    "reports.services.rollup_refresh_task": "rollups",
}
APPS = ("caolocculture.", "households.", "campaigns.", "recognition.", "reports.", "devtools.")


def queue_of(name: str) -> str:
    return app.amqp.router.route({}, name)["queue"].name


def test_every_task_of_the_apps_is_routed_to_the_queue_of_its_kind():
    app.loader.import_default_modules()  # what a worker does at start: every services module's tasks
    ours = sorted(name for name in app.tasks if name.startswith(APPS))
    assert set(EXPECTED) <= set(ours)
    for name in ours:
        assert queue_of(name) in ("imports", "papers", "rollups"), f"{name} has no queue of its own"
    assert {name: queue_of(name) for name in EXPECTED} == EXPECTED
    # Declared, so a worker started without -Q (make worker) consumes all four.
    assert [queue.name for queue in app.conf.task_queues] == ["celery", "imports", "papers", "rollups"]


def test_a_prefix_keeps_an_installation_on_its_own_queues(settings):
    settings.TASK_QUEUE_PREFIX = "lang-son-"
    assert queue_of("households.services.household_import_apply_task") == "lang-son-imports"
    assert queue_of("recognition.services.decision_paper_task") == "lang-son-papers"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_per_queue_takes_only_its_own_kind_of_task(plan, blocks, khoi1, officer, chairman):
    """Printing waits for its own worker; the import and the rollup are done meanwhile by
    theirs. Each task reaches its worker only through the queue its name routes it to."""
    prefix = f"test-{uuid.uuid4().hex[:8]}-"
    env = worker_env()
    importer = Worker(prefix, env, kinds=("imports",)).start()
    roller = printer = None
    try:
        with tasks_through_redis(prefix):
            # A signed decision sends its paper to be printed (on commit): no printer runs yet.
            _meeting, decision, _families = decided_block(blocks[0], khoi1, officer, chairman)
            assert Decision.objects.get(pk=decision.pk).paper_sha256 == ""

            # An import is checked by the imports worker, printing or not.
            job = HouseholdImport(original_name="ho.xlsx", uploaded_by=officer)
            job.file.save("ho.xlsx", ContentFile(xlsx([row(code="K01-901"), row(code="K01-902")]).getvalue()))
            assert household_import_check_task.delay(job.pk).get(timeout=120) == HouseholdImport.Status.CHECKED
            assert HouseholdImport.objects.get(pk=job.pk).total_rows == 2
            # … and the paper still waits on its queue: the imports worker never took it.
            assert Decision.objects.get(pk=decision.pk).paper_sha256 == ""

            # A rollup waits for its own worker too.
            rollup = indicators_json_task.delay(2024)
            assert rollup.state == "PENDING"
            roller = Worker(prefix, env, kinds=("rollups",)).start()
            figures = rollup.get(timeout=120)
            gdvh = next(i for i in figures["indicators"] if i["code"] == "GDVH")
            assert gdvh["numerator"] == 4 and gdvh["denominator"] == Household.objects.count()
            assert Decision.objects.get(pk=decision.pk).paper_sha256 == ""

            # The printer comes: the paper waiting on its queue is printed.
            printer = Worker(prefix, env, kinds=("papers",)).start()
            assert wait_for_paper(decision.pk), "the paper was never printed"
    finally:
        for worker in (importer, roller, printer):
            if worker:
                worker.stop()


def wait_for_paper(pk: int, timeout: float = 120) -> bool:
    return wait_for(lambda: bool(Decision.objects.get(pk=pk).paper_sha256), timeout)


def test_the_deploy_check_names_what_would_tie_a_person_to_one_process():
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
        CELERY_TASK_ALWAYS_EAGER=True,
    ):
        assert [w.id for w in checks.shared_state(None)] == [
            "caolocculture.W001",
            "caolocculture.W002",
            "caolocculture.W003",
        ]
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}},
        SESSION_ENGINE="django.contrib.sessions.backends.db",
        CELERY_TASK_ALWAYS_EAGER=False,
    ):
        assert checks.shared_state(None) == []


def test_the_settings_keep_sessions_and_the_cache_out_of_the_process(settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    if settings.CACHE_URL.startswith("redis://"):  # wherever Redis is given (CI, production)
        assert settings.CACHES["default"]["BACKEND"] == "caolocculture.cache.TolerantRedisCache"
