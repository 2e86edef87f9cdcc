"""A web process warms itself before its first request (caolocculture/warmup.py, gunicorn.conf.py):
every template compiled, so a broken one is found when the server starts, not by a user."""

import pytest
from django.conf import settings

from caolocculture.warmup import warm
from conftest import start_gunicorn, wait_for, worker_env


def test_warming_compiles_every_template_of_the_app():
    templates = list((settings.BASE_DIR / "templates").rglob("*.html"))
    assert len(templates) > 50
    assert warm() == len(templates)


@pytest.mark.django_db(transaction=True)
def test_a_gunicorn_worker_says_it_is_up_only_once_warm(tmp_path):
    process, _url = start_gunicorn({**worker_env(), "WORKERS_READY_DIR": str(tmp_path)})
    try:
        assert wait_for(lambda: any(tmp_path.iterdir()), timeout=60)
        (ready,) = tmp_path.iterdir()  # one worker, named by its process id
        assert ready.name.isdigit() and int(ready.name) != process.pid and process.poll() is None
    finally:
        process.terminate()
        process.wait(timeout=20)
