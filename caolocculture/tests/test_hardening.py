"""Second round of hardening: bodies over the limit refused unread (413), no page of personal data
kept by a browser or proxy, the API key kept nowhere in clear, gunicorn's logs without query
strings, and the error pages in Vietnamese, in the site's layout, on a phone."""

import datetime
import io
import logging
import runpy
import tempfile
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.handlers.wsgi import WSGIRequest
from django.test import Client
from django.urls import reverse
from gunicorn.config import Config
from gunicorn.glogging import Logger

import households.views
from reports.models import ApiToken
from testing.factories import HouseholdFactory

VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


# -- 9. bodies over the limit --------------------------------------------------------------


@pytest.mark.django_db
def test_a_body_declared_over_the_limit_is_refused_before_anything_reads_it(plan, officer, login, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the body was read")

    spooled = []
    monkeypatch.setattr(WSGIRequest, "read", never)
    monkeypatch.setattr(WSGIRequest, "_load_post_and_files", never)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", lambda *a, **k: spooled.append(1) or never())
    client = login(officer)
    started = time.monotonic()
    response = client.post(
        "/ho/nhap/",
        data=b"--x\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413 and time.monotonic() - started < 2
    page = response.content.decode()
    assert "Dữ liệu gửi lên quá lớn" in page and "tối đa 12 MB" in page and 'lang="vi"' in page
    assert not spooled
    # Anonymous too: refused before the login redirect or the CSRF check could read a form.
    response = Client().post(
        "/dang-nhap/",
        data=b"a=b",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
    )
    assert response.status_code == 413


@pytest.mark.django_db
def test_a_chunked_body_without_a_length_is_refused(plan, officer, login):
    response = login(officer).post(
        "/ho/nhap/",
        data=b"",
        content_type="application/octet-stream",
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
    )
    assert response.status_code == 411 and "Content-Length" in response.content.decode()


@pytest.mark.django_db
def test_a_body_within_the_limit_still_reaches_its_form(plan, officer, login):
    big = io.BytesIO(b"PK\x03\x04" + b"0" * (10 * 1024 * 1024 + 1))
    big.name = "lon.xlsx"
    response = login(officer).post("/ho/nhap/", {"file": big})
    assert response.status_code != 413 and "Tệp lớn quá 10 MB." in response.content.decode()  # the form's word


# -- 10. personal data at rest and in transit --------------------------------------------------


@pytest.mark.django_db
def test_pages_and_downloads_seen_signed_in_are_not_stored(plan, blocks, officer, login):
    household = HouseholdFactory(block=blocks[0])
    anonymous = Client().get("/khong-co-trang-nay/")  # nobody's data: left to the usual rules
    assert anonymous.status_code == 404 and "no-store" not in anonymous.get("Cache-Control", "")
    client = login(officer)
    for url in (
        "/",
        reverse("households:list"),
        reverse("households:detail", args=[household.pk]),
        reverse("households:export"),
        "/khong-co-trang-nay/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= control and "public" not in control, url
    static = client.get(settings.STATIC_URL + "css/app.css")
    assert static.status_code == 200 and "no-store" not in static.get("Cache-Control", "")


@pytest.mark.django_db
def test_a_new_api_key_is_shown_once_and_kept_nowhere_in_clear(plan, steering, login):
    client = login(steering)
    response = client.post(reverse("reports:api_token"))
    assert response.status_code == 200  # shown in the answer itself, no redirect through the session
    assert "no-store" in response["Cache-Control"]
    key = response.content.decode().split('id="api-key"')[1].split(">")[1].split("<")[0]
    assert ApiToken.objects.get(user=steering).key_hash == ApiToken.hash(key) != key
    for session in Session.objects.all():
        assert key not in str(session.get_decoded()) and key not in session.session_data
    assert 'id="api-key"' not in client.get(reverse("reports:api_token")).content.decode()


def test_gunicorn_logs_carry_no_query_string(capsys):
    options = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert "%(U)s" in options["access_log_format"]
    assert not [atom for atom in ("%(q)s", "%(r)s", "%(f)s") if atom in options["access_log_format"]]
    cfg = Config()
    cfg.set("accesslog", "-")
    cfg.set("access_log_format", options["access_log_format"])
    log = Logger(cfg)

    class Response:
        status = "200 OK"
        status_code = 200
        sent = 10
        headers = []
        response_length = 10

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/ho/?q=Nguyen+Van+An",
        "PATH_INFO": "/ho/",
        "QUERY_STRING": "q=Nguyen+Van+An",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.1",
        "HTTP_REFERER": "https://vanhoa.example.vn/ho/?q=0912345678",
    }
    log.access(Response(), [], environ, datetime.timedelta(seconds=0.01))
    logging.getLogger("gunicorn.error").error("Error handling request %s %s", "GET", "/ho/?q=Nguyen+Van+An")
    out = capsys.readouterr()
    text = out.out + out.err
    assert "GET /ho/ HTTP/1.1" in text and "Error handling request GET /ho/?…" in text
    assert "Nguyen" not in text and "0912345678" not in text


# -- 12. error pages ---------------------------------------------------------------------------


def _is_vietnamese_page(response, status: int, words: str) -> None:
    page = response.content.decode()
    assert response.status_code == status
    assert words in page, page[:500]
    assert 'lang="vi"' in page and VIEWPORT in page


@pytest.mark.django_db
def test_error_pages_are_vietnamese_and_fit_a_phone(plan, blocks, officer, khoi1, khoi2, login, settings, monkeypatch):
    settings.DEBUG = False
    _is_vietnamese_page(Client().get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")
    client = login(khoi2)
    _is_vietnamese_page(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")
    _is_vietnamese_page(client.get(reverse("households:block", args=[blocks[0].pk])), 404, "Không tìm thấy trang")
    _is_vietnamese_page(client.get(reverse("campaigns:plan", args=[2024])), 403, "Không có quyền")
    _is_vietnamese_page(client.get(reverse("households:list"), {"per_page": "-1"}), 400, "Số dòng mỗi trang")
    _is_vietnamese_page(client.get(reverse("households:list"), {"year": "abc"}), 400, "Năm không hợp lệ")

    def broken(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(households.views, "block_summaries", broken)
    failing = Client(raise_request_exception=False)
    failing.force_login(officer)
    _is_vietnamese_page(failing.get(reverse("households:blocks")), 500, "Lỗi hệ thống")


@pytest.mark.django_db
def test_the_admins_refusals_are_the_sites_pages(plan, officer, khoi1, login, settings):
    settings.DEBUG = False
    client = login(officer)
    _is_vietnamese_page(client.get("/quan-tri/khong-co/"), 404, "Không tìm thấy trang")
    _is_vietnamese_page(client.get("/quan-tri/caolocculture/personaldataexport/add/"), 403, "Không có quyền")
    # Someone who is not staff is sent to sign in again, not shown the admin.
    assert login(khoi1).get("/quan-tri/").status_code == 302


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_a_vietnamese_page(plan, officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(reverse("households:create"), {"name": "x"})
    _is_vietnamese_page(response, 403, "Biểu mẫu đã hết hạn")
    assert "CSRF" not in response.content.decode()
