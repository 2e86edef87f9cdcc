"""The login lock behind a proxy: with PROXY_COUNT set, the client counted is the one the proxy
saw; without it, X-Forwarded-For is ignored so nobody dodges the lock by writing the header."""

import datetime
import runpy

import pytest
from django.conf import settings as project_settings
from django.test import RequestFactory
from django.urls import reverse
from gunicorn.config import Config
from gunicorn.util import load_class

from caolocculture.client_ip import client_ip

PROXY = "10.0.0.2"


def _request(remote=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxy_count_the_header_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(_request(forwarded="203.0.113.5")) == PROXY


def test_behind_one_proxy_the_last_address_is_the_client(settings):
    settings.PROXY_COUNT = 1
    assert client_ip(_request(forwarded="203.0.113.5")) == "203.0.113.5"
    # What the client wrote itself sits to the left of what the proxy appended.
    assert client_ip(_request(forwarded="1.2.3.4, 203.0.113.5")) == "203.0.113.5"
    settings.PROXY_COUNT = 2
    assert client_ip(_request(forwarded="1.2.3.4, 203.0.113.5, 10.0.0.9")) == "203.0.113.5"


def test_a_missing_or_broken_header_falls_back_to_the_peer(settings):
    settings.PROXY_COUNT = 1
    assert client_ip(_request()) == PROXY
    assert client_ip(_request(forwarded="not-an-address")) == PROXY
    settings.PROXY_COUNT = 2
    assert client_ip(_request(forwarded="203.0.113.5")) == PROXY


def test_axes_asks_this_function():
    assert project_settings.AXES_CLIENT_IP_CALLABLE == "caolocculture.client_ip.client_ip"


def _fail_until_locked(client, forwarded):
    url = reverse("login")
    for _ in range(project_settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(
            url, {"username": "khoi1", "password": "sai"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
        )
        assert response.status_code == 400  # a wrong password is refused input
    response = client.post(
        url, {"username": "khoi1", "password": "sai"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_behind_the_proxy_one_client_does_not_lock_out_another(client, khoi1, settings):
    settings.PROXY_COUNT = 1
    khoi1.set_password("mat-khau-dung")
    khoi1.save()
    _fail_until_locked(client, "203.0.113.5")
    response = client.post(
        reverse("login"),
        {"username": "khoi1", "password": "mat-khau-dung"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(khoi1.pk)


@pytest.mark.django_db
def test_without_proxy_count_a_spoofed_header_does_not_dodge_the_lock(client, khoi1, settings):
    settings.PROXY_COUNT = 0
    khoi1.set_password("mat-khau-dung")
    khoi1.save()
    _fail_until_locked(client, "203.0.113.5")
    response = client.post(
        reverse("login"),
        {"username": "khoi1", "password": "mat-khau-dung"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_gunicorns_access_log_names_the_same_client(settings, capsys):
    options = runpy.run_path(str(project_settings.BASE_DIR / "gunicorn.conf.py"))
    cfg = Config()
    cfg.set("accesslog", "-")
    cfg.set("access_log_format", options["access_log_format"])
    log = load_class(options["logger_class"], section="gunicorn.loggers")(cfg)

    class Response:
        status, status_code, sent, headers, response_length = "200 OK", 200, 10, [], 10

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": PROXY,
        "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.5",
    }
    settings.PROXY_COUNT = 1
    log.access(Response(), [], environ, datetime.timedelta(seconds=0.01))
    settings.PROXY_COUNT = 0
    log.access(Response(), [], environ, datetime.timedelta(seconds=0.01))
    out = capsys.readouterr()
    lines = (out.out + out.err).splitlines()
    assert lines[0].startswith("203.0.113.5 ") and lines[1].startswith(PROXY + " ")
    assert "6.6.6.6" not in out.out + out.err
