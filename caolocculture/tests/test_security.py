"""Security: production settings pass Django's deploy checks, every response carries a
content security policy, logins are throttled, logs carry no personal data, every export
of personal data is recorded, uploads are limited."""

import io
import logging
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from caolocculture.logging import NoPersonalData
from caolocculture.models import PersonalDataExport
from testing.factories import HouseholdFactory

ROOT = settings.BASE_DIR
# The test run's own switches must not leak into "production" (pytest sets the async one).
TEST_ONLY = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")
PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "vanhoa.example.vn",
    "DJANGO_SETTINGS_MODULE": "caolocculture.settings",
    # Production has its Redis (the broker and the cache: caolocculture.W001, W003 otherwise).
    "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0",
}


def production(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**env, **PRODUCTION}, capture_output=True, text=True, check=True
    ).stdout


def test_check_deploy_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, **PRODUCTION},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cookies_https_and_hsts():
    out = production(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS)"
    )
    assert out.split() == ["True", "True", "True", "31536000", "True", "True", "DENY"]


@pytest.mark.django_db
def test_every_page_carries_a_content_security_policy(client, officer, login, plan, settings):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    scripts = policy.split("script-src")[1].split(";")[0]
    assert scripts.startswith(" 'self'") and "unsafe" not in scripts
    assert response["X-Frame-Options"] == "DENY"
    html = login(officer).get("/").content.decode()
    assert " on" + "click=" not in html and " on" + "submit=" not in html and " on" + "change=" not in html

    settings.SECURE_HSTS_SECONDS = 31536000  # production's; a new client builds its middleware with it
    secure = Client().get(reverse("login"), secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_logins_are_throttled_per_account_and_address(client, officer, steering):
    officer.set_password("dung-mat-khau")
    officer.save()
    steering.set_password("mat-khau-bcd")
    steering.save()
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "canbo", "password": "sai"})
        assert response.status_code == 400 and "_auth_user_id" not in client.session
    assert client.post(url, {"username": "canbo", "password": "sai"}).status_code == 429
    locked = client.post(url, {"username": "canbo", "password": "dung-mat-khau"})
    assert locked.status_code == 429 and "bị tạm khóa 15 phút" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked out with it.
    response = client.post(url, {"username": "bcd", "password": "mat-khau-bcd"})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(steering.pk)


@pytest.mark.django_db
def test_logs_keep_no_personal_data(client, plan, officer, login):
    handlers = {
        h
        for name in ("", "django.server")
        for h in logging.getLogger(name).handlers
        if any(isinstance(f, NoPersonalData) for f in h.filters)
    }
    assert len(handlers) == 1  # the root's and runserver's lines go through one filtered handler
    handler = handlers.pop()
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        login(officer).get("/khong-co-trang-nay/", {"q": "Nguyễn Văn An 0912345678"})
        logging.getLogger("django.server").warning('"%s" %s %s', "GET /ho/?q=Nguyen+Van+An HTTP/1.1", 200, 10)
    finally:
        handler.setStream(old)
    text = stream.getvalue()
    assert "Not Found: /khong-co-trang-nay/" in text and "GET /ho/?…" in text
    assert "Nguy" not in text and "0912345678" not in text


@pytest.mark.django_db
def test_every_export_of_personal_data_is_recorded(plan, blocks, officer, khoi1, steering, login, tmp_path):
    HouseholdFactory.create_batch(3, block=blocks[0])
    HouseholdFactory(block=blocks[1])
    login(khoi1).get("/ho/xuat-excel/", {"q": "an"})
    login(steering).get("/bao-cao/2024/thong-ke.xlsx")
    call_command("export_households", str(tmp_path / "ho.xlsx"), "--block", "1")
    records = list(PersonalDataExport.objects.order_by("at", "pk").values_list("user__username", "kind", "rows"))
    assert [r[:2] for r in records] == [
        ("khoi1", "households_xlsx"),
        ("bcd", "statistics_xlsx"),
        (None, "households_xlsx"),
    ]
    assert records[0][2] <= 3 and records[2][2] == 3  # the khối trưởng's own block only; the command's block 1
    assert PersonalDataExport.objects.first().detail.startswith("lệnh export_households")


@pytest.mark.django_db
def test_uploads_are_limited_in_size_and_type(plan, officer, login):
    client = login(officer)
    big = io.BytesIO(b"PK\x03\x04" + b"0" * (10 * 1024 * 1024 + 1))
    big.name = "lon.xlsx"
    response = client.post("/ho/nhap/", {"file": big})
    assert "Tệp lớn quá 10 MB." in response.content.decode()
    script = io.BytesIO(b"<script>alert(1)</script>")
    script.name = "ho.html"
    assert "Chỉ nhận tệp Excel .xlsx." in client.post("/ho/nhap/", {"file": script}).content.decode()
    huge = io.BytesIO(b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))
    response = client.post(
        "/ke-hoach/2024/sua/", data=huge.getvalue(), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413  # a body over the limit is refused before any view reads it
