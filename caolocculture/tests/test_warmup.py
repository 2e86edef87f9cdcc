"""A web process warms itself before its first request (caolocculture/warmup.py, gunicorn.conf.py):
every template compiled, so a broken one is found when the server starts, not by a user."""

import os
import select

import pytest
from django.conf import settings

from caolocculture.warmup import warm
from conftest import start_gunicorn, worker_env


def test_warming_compiles_every_template_of_the_app():
    templates = list((settings.BASE_DIR / "templates").rglob("*.html"))
    assert len(templates) > 50
    assert warm() == len(templates)


@pytest.mark.django_db(transaction=True)
def test_a_gunicorn_worker_says_it_is_up_only_once_warm():
    ready, ready_w = os.pipe()
    process, _url = start_gunicorn({**worker_env(), "WORKERS_READY_FD": str(ready_w)}, pass_fds=(ready_w,))
    os.close(ready_w)
    try:
        # Blocks on the pipe until the one worker has warmed itself and written its byte.
        readable, _, _ = select.select([ready], [], [], 60)
        assert readable and os.read(ready, 8) == b"1" and process.poll() is None
    finally:
        process.terminate()
        process.wait(timeout=20)
        os.close(ready)
