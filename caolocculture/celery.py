import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caolocculture.settings")

app = Celery("caolocculture")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each app's tasks sit in its services module, beside the service they run (no cycles).
app.autodiscover_tasks(related_name="services")

# Publishing a task (an upload handing its file to the worker) must not hang a web request
# when Redis is down: connect within 2 s; callers that must answer at once also pass retry=False.
app.conf.broker_connection_timeout = 2
app.conf.broker_transport_options = {"socket_connect_timeout": 2}
