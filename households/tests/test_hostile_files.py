"""Hostile spreadsheets (issue 12): bombs that unpack to hundreds of megabytes, sheets that
lie about their size or hold a million empty rows, and household codes spelled two ways."""

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns import figures_import
from campaigns.models import BlockFiguresImport
from caolocculture import imports, xlsx_guard
from caolocculture.celery import app
from households import importing, services
from households.models import Household, HouseholdImport, normalize_code
from households.tests import bombs
from households.tests.sheets import row, xlsx
from testing.factories import HouseholdFactory

ROOT = Path(settings.BASE_DIR)
PEAK_MB = 300


def peak_rss_mb(command: list[str]) -> tuple[int, str, int]:
    """Run `command` in a fresh child (on the test database) and return (exit code, its
    output, its peak RSS in MB)."""
    probe = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "sys.stderr.write(p.stderr + p.stdout)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
        "sys.exit(p.returncode)"
    )
    db = settings.DATABASES["default"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "caolocculture.test_settings"}
    if db["ENGINE"].endswith("postgresql"):
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    done = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300
    )
    return done.returncode, done.stderr, int(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def shared_strings_bomb(tmp_path):
    return bombs.shared_strings_bomb(tmp_path / "bom.xlsx", megabytes=300)


@pytest.fixture
def sheet_bomb(tmp_path):
    """sheet1.xml of 300 MB: the header, then the same filled row again and again."""
    body = b'<row><c t="inlineStr"><is><t>K01-001</t></is></c><c t="inlineStr"><is><t>1</t></is></c></row>'
    return bombs.swollen(
        tmp_path / "bom-sheet.xlsx",
        "xl/worksheets/sheet1.xml",
        bombs.SHEET_HEAD,
        body,
        300 * 1024 * 1024 // len(body),
        bombs.SHEET_FOOT,
    )


# -- 1. spreadsheet bombs -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("bomb", ["shared_strings_bomb", "sheet_bomb"])
def test_the_command_refuses_a_bomb_with_little_memory(bomb, request):
    path = request.getfixturevalue(bomb)
    assert path.stat().st_size < 2 * 1024 * 1024  # a small upload...
    with zipfile.ZipFile(path) as archive:  # ...that unpacks to 300 MB
        assert sum(p.file_size for p in archive.infolist()) > 300 * 1024 * 1024
    code, output, peak = peak_rss_mb([sys.executable, "manage.py", "import_households", str(path), "--dry-run"])
    assert code != 0
    assert "tệp Excel giải nén ra quá lớn" in output
    assert peak < PEAK_MB, f"peak RSS {peak} MB"


@pytest.mark.django_db(transaction=True)
def test_the_figures_command_refuses_a_bomb_too(shared_strings_bomb):
    code, output, peak = peak_rss_mb(
        [sys.executable, "manage.py", "import_block_figures", str(shared_strings_bomb), "--year", "2024", "--dry-run"]
    )
    assert code != 0 and "tệp Excel giải nén ra quá lớn" in output and peak < PEAK_MB


@pytest.mark.django_db
def test_a_bomb_uploaded_is_refused_in_the_request_and_nothing_is_kept(shared_strings_bomb, login, officer, blocks):
    client = login(officer)
    before = set(Path(settings.MEDIA_ROOT).rglob("*"))
    for url, model in [
        (reverse("households:import"), HouseholdImport),
        (reverse("campaigns:figures_import", args=[2024]), BlockFiguresImport),
    ]:
        upload = SimpleUploadedFile("bom.xlsx", shared_strings_bomb.read_bytes())
        response = client.post(url, {"file": upload})
        assert response.status_code == 400
        assert "tệp Excel giải nén ra quá lớn" in response.content.decode()
        assert not model.objects.exists()
    assert set(Path(settings.MEDIA_ROOT).rglob("*")) == before  # no file kept either


def test_the_guard_passes_an_ordinary_workbook_and_refuses_odd_ones(tmp_path):
    xlsx_guard.check_xlsx(xlsx([row()]))  # what Excel and openpyxl write goes through

    def refused(data) -> str:
        with pytest.raises(xlsx_guard.SpreadsheetRefused) as caught:
            xlsx_guard.check_xlsx(io.BytesIO(data) if isinstance(data, bytes) else data)
        return caught.value.messages[0]

    assert refused(b"not a zip") == "tệp không phải tệp Excel .xlsx đọc được"
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        for i in range(xlsx_guard.MAX_PARTS + 1):
            archive.writestr(f"x{i}.xml", "<a/>")
    assert "quá 200 phần" in refused(many.getvalue())
    # A row wider than Excel allows (openpyxl would build it whole), and entities to expand.
    wide = bombs.rows_sheet(tmp_path / "wide.xlsx", [["x"] * (xlsx_guard.MAX_CELLS_PER_ROW + 1)])
    assert "dòng dài quá 16.384 ô" in refused(open(wide, "rb"))
    laughs = bombs.swollen(
        tmp_path / "laughs.xlsx",
        "xl/worksheets/sheet1.xml",
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><worksheet/>',
        b"",
        0,
        b"",
    )
    assert refused(open(laughs, "rb")) == "tệp không phải tệp Excel .xlsx đọc được"


# -- 2. sheets that lie about their size ------------------------------------------


@pytest.mark.django_db
def test_a_million_empty_rows_are_refused_quickly(tmp_path, blocks):
    path = bombs.empty_rows(tmp_path / "trong.xlsx", 1_000_000)
    started = time.monotonic()
    check = importing.check_file(str(path))
    assert time.monotonic() - started < 5
    assert not check.ok and "tệp Excel giải nén ra quá lớn" in str(check.errors[0])


@pytest.mark.django_db
def test_rows_are_counted_as_read_and_stop_at_the_cap(tmp_path, blocks):
    """One real row numbered 1,000,000: openpyxl hands out every empty row before it."""
    path = bombs.swollen(
        tmp_path / "xa.xlsx",
        "xl/worksheets/sheet1.xml",
        bombs.SHEET_HEAD
        + b"".join(
            b'<row r="1">'
            + b"".join(
                b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + i).encode(), h.encode())
                for i, h in enumerate(importing.HEADERS)
            )
            + b"</row>"
            for _ in [0]
        )
        + b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>K01-001</t></is></c></row>',
        b"",
        0,
        bombs.SHEET_FOOT,
    )
    started = time.monotonic()
    check = importing.check_file(str(path))
    assert time.monotonic() - started < 10
    assert [str(e) for e in check.errors] == [
        "tệp có hơn 60.000 dòng (kể cả dòng trống): quá giới hạn một lần nhập; hãy xóa các dòng thừa hoặc chia "
        "thành nhiều tệp"
    ]


@pytest.mark.django_db
def test_a_dimension_claiming_fewer_rows_never_cuts_the_import_short(tmp_path, blocks):
    rows = [row(code=f"K01-{i:03d}") for i in range(1, 6)]
    path = bombs.rows_sheet(tmp_path / "doi.xlsx", rows, dimension="A1:H2")
    check = importing.check_file(str(path))
    assert check.ok and len(check.new) == 5
    # The figures import counts too: no <dimension> no longer skips its row limit.
    many = bombs.rows_sheet(
        tmp_path / "so-lieu.xlsx", [[f"Khối {1 + i % 10}", 10, 1, 1] for i in range(200)], header=figures_import.HEADERS
    )
    refused = figures_import.check_file(str(many), 2024)
    assert [str(e) for e in refused.errors] == [
        "tệp có hơn 70 dòng, quá nhiều cho số liệu 10 khối phố (mỗi khối một dòng)"
    ]


@pytest.mark.django_db
def test_the_request_never_opens_a_big_workbook(login, officer, blocks, monkeypatch):
    queued = []
    monkeypatch.setattr(services.household_import_check_task, "apply_async", lambda args, **kw: queued.append(args))

    def no_workbook(*args, **kwargs):
        raise AssertionError("the web request opened the workbook")

    monkeypatch.setattr(imports, "load_workbook", no_workbook)
    sheet = xlsx([row(code=f"K01-{i:04d}") for i in range(2000)])
    assert len(sheet.getvalue()) > services.SYNC_BYTES
    response = login(officer).post(reverse("households:import"), {"file": sheet})
    assert response.status_code == 302 and queued == [(HouseholdImport.objects.get().pk,)]


def test_import_tasks_are_acknowledged_late_and_time_limited():
    for task in (services.household_import_check_task, services.household_import_apply_task):
        assert task.acks_late and task.reject_on_worker_lost
        assert 0 < task.soft_time_limit < task.time_limit <= services.INTERRUPTED_AFTER.total_seconds()


# -- 3. jobs that get stuck -------------------------------------------------------


@pytest.fixture
def broker_down():
    """The app publishing to a Redis port nobody listens on."""
    # broker_write_url: it wins over broker_url and the CELERY_BROKER_URL variable
    saved = app.conf.broker_write_url, app.conf.task_always_eager
    app.conf.broker_write_url, app.conf.task_always_eager = "redis://127.0.0.1:1/0", False
    app._pool = None  # connections are pooled per broker: drop them both ways
    app.amqp._producer_pool = None
    yield
    app.conf.broker_write_url, app.conf.task_always_eager = saved
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.django_db
def test_an_unreachable_broker_is_told_at_once_and_leaves_nothing_started(login, officer, blocks, broker_down):
    client = login(officer)
    started = time.monotonic()
    response = client.post(
        reverse("households:import"), {"file": xlsx([row(code=f"K01-{i:04d}") for i in range(2000)])}
    )
    assert time.monotonic() - started < 3
    assert response.status_code == 503
    assert "Hệ thống xử lý nền đang không hoạt động" in response.content.decode()
    assert not HouseholdImport.objects.exists()


@pytest.mark.django_db
def test_an_import_whose_worker_vanished_is_shown_interrupted_and_can_be_sent_again(
    login, officer, blocks, monkeypatch
):
    queued = []
    monkeypatch.setattr(services.household_import_check_task, "apply_async", lambda args, **kw: queued.append(args))
    client = login(officer)
    response = client.post(
        reverse("households:import"), {"file": xlsx([row(code=f"K01-{i:04d}") for i in range(2000)])}
    )
    job = HouseholdImport.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "bị gián đoạn" not in page  # just sent: still waiting
    # The worker died with it: no sign of life for longer than the task may take.
    HouseholdImport.objects.filter(pk=job.pk).update(
        touched_at=timezone.now() - services.INTERRUPTED_AFTER - timezone.timedelta(seconds=1)
    )
    page = client.get(response["Location"]).content.decode()
    assert "bị gián đoạn" in page and "Thử lại" in page
    assert client.get(reverse("households:import_progress", args=[job.pk])).json()["running"] is False
    monkeypatch.undo()  # the task runs in-process again
    client.post(response["Location"], {"retry": "1"})
    assert HouseholdImport.objects.get().status == "checked"
    assert HouseholdImport.objects.get().total_rows == 2000


# -- 7. household codes -----------------------------------------------------------


def test_codes_have_one_spelling():
    for typed in [
        "K02-001",
        "k02-001",
        "K02\u2011001",
        "K02\u2013001",
        "K02\u2212001",
        "K02\uff0d001",
        " K02 - 001 ",
        "\uff2b\uff10\uff12\uff0d\uff10\uff10\uff11",
        "K02\u200b-001",
    ]:
        assert normalize_code(typed) == "K02-001", repr(typed)


@pytest.mark.django_db
def test_a_code_with_a_non_breaking_hyphen_updates_the_same_household(blocks, khoi2):
    HouseholdFactory(block=blocks[1], code="K02-001", head_name="Lý Thị Hà")
    check = importing.check_file(
        xlsx([row(code="K02\u2011001", block="Khối 2", head="Lý Thị Hà", members=5)]), user=khoi2
    )
    assert check.ok and not check.new and [u["code"] for u in check.updated] == ["K02-001"]
    importing.apply_rows(check.rows, user=khoi2)
    assert Household.objects.count() == 1 and Household.objects.get().members == 5


@pytest.mark.django_db
def test_a_taken_code_is_refused_without_saying_whose_it_is(blocks, khoi1, login):
    HouseholdFactory(block=blocks[1], code="K02-950")
    client = login(khoi1)
    response = client.post(
        reverse("households:create"),
        {"block": blocks[0].pk, "code": "k02 \u2013 950", "head_name": "Kẻ Lạ", "members": 2},
    )
    assert response.context["form"].errors["code"] == ["Mã hộ 'K02-950' đã có trong sổ; hãy dùng mã khác."]
    assert "Khối 2" not in response.content.decode()
    check = importing.check_file(xlsx([row(code="K02-950", block="Khối 1")]), user=khoi1)
    assert [str(e) for e in check.errors] == ["Dòng 2, cột Mã hộ: mã hộ 'K02-950' đã có trong sổ; hãy dùng mã khác"]


@pytest.mark.django_db
def test_the_add_form_suggests_the_blocks_next_free_code(blocks, khoi1, login):
    HouseholdFactory(block=blocks[0], code="K01-041")
    HouseholdFactory(block=blocks[0], code="K01-042")
    HouseholdFactory(block=blocks[0], code="K01-GHI-CHU")
    page = login(khoi1).get(reverse("households:create")).content.decode()
    assert 'value="K01-043"' in page
    response = login(khoi1).post(
        reverse("households:create"),
        {"block": blocks[0].pk, "code": "k01\u2011043", "head_name": "Hà Văn Mới", "members": 2},
    )
    assert response.status_code == 302 and Household.objects.filter(code="K01-043").exists()
