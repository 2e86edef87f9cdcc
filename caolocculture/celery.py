import os
from fnmatch import fnmatchcase

from celery import Celery
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caolocculture.settings")

app = Celery("caolocculture")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each app's tasks sit in its services module, beside the service they run (no cycles).
app.autodiscover_tasks(related_name="services")

# Publishing a task (an upload handing its file to the worker) must not hang a web request
# when Redis is down: connect within 2 s; callers that must answer at once also pass retry=False.
app.conf.broker_connection_timeout = 2
app.conf.broker_transport_options = {"socket_connect_timeout": 2}


def route_task(name: str, args, kwargs, options, task=None, **kw) -> dict | None:
    """The queue of a task, by its name (settings.TASK_QUEUES): imports, papers or rollups,
    with this installation's prefix; None sends it to the default queue."""
    for queue, patterns in settings.TASK_QUEUES.items():
        if any(fnmatchcase(name, pattern) for pattern in patterns):
            return {"queue": f"{settings.TASK_QUEUE_PREFIX}{queue}"}
    return None
