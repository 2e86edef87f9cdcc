"""The year-end report: every figure from the engine, the decree's layout, kept files."""

import datetime
import io
import json
import re
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from campaigns.models import Activity, BlockFigures
from reports import services
from reports.models import ReportFile, YearEndReport
from reports.yearend import yearend_pdf
from testing.factories import FamilyRecognitionFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, *pages, layout=True) -> str:
    args = ["pdftotext", "-layout"] if layout else ["pdftotext"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def pdf_tool(tool: str, data: bytes) -> str:
    return subprocess.run([tool, "-"], input=data, capture_output=True, check=True).stdout.decode()


@pytest.fixture
def year_data(plan, blocks, officer):
    for block in blocks[:3]:
        for household in HouseholdFactory.create_batch(5, block=block):
            FamilyRecognitionFactory(household=household)
        HouseholdFactory(block=block)
        BlockFigures.objects.create(
            block=block,
            year=2024,
            population=1234,
            regular_exercisers=800,
            legal_education_reached=1200,
            status="approved",
        )
    report = services.report_of(plan)
    report.number, report.strengths = 7, "Phong trào được nhân dân hưởng ứng.\nCác khối phố tích cực."
    report.shortcomings, report.recommendations = "Một số khối chưa có nhà văn hóa.", "Đề nghị hỗ trợ kinh phí."
    services.report_update(report=report, by=officer)
    return report


def test_every_figure_is_the_engines_and_every_part_is_there(year_data, plan):
    data, pages = yearend_pdf(year_data)
    text = " ".join(pdf_text(data).split())
    for heading in [
        "BAN CHỈ ĐẠO PHONG TRÀO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 07/BC-BCĐ",
        "BÁO CÁO",
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
        "Nơi nhận:",
        "KT. TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Lê Thanh Hải",
        "PHỤ LỤC",
        "Phong trào được nhân dân hưởng ứng.",
        "Một số khối chưa có nhà văn hóa.",
        "Đề nghị hỗ trợ kinh phí.",
    ]:
        assert heading in text, heading
    # The summary table, row by row as the year_data gives it (3 blocks of 5 recognised and 1 not,
    # 1.234 people, 800 exercising, 1.200 reached each; no block title, no house, no organisation).
    # Each verdict wraps in its column: its figures are read in words.
    # The official verdicts: "Đạt", "Chưa đạt (cần thêm N …)", "Theo dõi"; never "sắp đạt".
    for written, verdict in [
        # Each verdict wraps in its column: its first line reads above the figures.
        ("≥ 97 % 15/18 83,33 %", "3 hộ)"),  # 97 % of 18 is 17,46: 18
        ("≥ 100 % 0/10 0,00 %", "10 khối)"),
        ("≥ 90 % 0/10 0,00 %", "9 khối)"),
        ("≥ 1 nhà 0 nhà", "cần thêm 1 nhà"),  # NVHMOI: a count, no rate
        ("theo dõi 0/0 – Theo dõi", None),  # CQVH: the plan sets no figure
        ("> 60 % 2.400/3.702 64,83 % Đạt", None),  # TDTT summed from approved figures
        ("≥ 100 % 3.600/3.702 97,24 %", "102 người)"),
    ]:
        assert written in text, written
        if verdict:
            assert verdict in text, verdict
    assert text.count("Chưa đạt (cần thêm") == 4  # GĐVH, TDPVH, NVH, PBGDPL
    assert "ắp đạt" not in text and "chưa đạt" not in text.replace("Chưa đạt", "")
    assert "GĐVH" in text and "GDVH" not in text
    assert "Cao Lộc, ngày … tháng … năm …" in text  # no date of its own yet: left blank, never today's
    # The appendix, block by block, then the commune.
    assert text.count("5/6 800/1.234 1.200/1.234") == 3
    assert text.count("83,33 % 64,83 % 97,24 %") == 3
    assert "Toàn 15/18 0/10 0/10 2.400/3.702 3.600/3.702 đơn vị 83,33 % 0,00 % 0,00 % 64,83 % 97,24 %" in text
    assert text.count("Lưu: VT.") == 0 and "Lưu: VP." in text  # the plan's own archive line, once


def test_the_report_writes_names_as_the_papers_do(year_data, plan):
    Activity.objects.create(
        plan=plan, kind="unity_day", held_on=datetime.date(2024, 11, 18), title="Ngày hội", attendance=650
    )
    Activity.objects.create(plan=plan, kind="propaganda", held_on=datetime.date(2024, 3, 1), title="Loa", attendance=40)
    text = " ".join(pdf_text(yearend_pdf(year_data)[0]).split())
    assert (
        "1 hoạt động Ngày hội Đại đoàn kết (18/11), 650 lượt người tham dự" in text
    )  # a day's name keeps its capitals
    assert "1 hoạt động tuyên truyền, 40 lượt người tham dự" in text
    assert "trên địa bàn thị trấn Cao Lộc năm 2024" in text and "Thị trấn Cao Lộc" not in text
    assert "được tặng danh hiệu “Gia đình văn hóa” năm 2024" in text


def test_a4_fonts_embedded_page_numbers_from_page_two(year_data):
    data, pages = yearend_pdf(year_data)
    info = pdf_tool("pdfinfo", data)
    assert pages == 5 and "Pages:           5" in info
    assert "595.276 x 841.89 pts (A4)" in info
    fonts = pdf_tool("pdffonts", data).splitlines()[2:]
    # Every face embedded, subset and with its Unicode map ("yes yes yes").
    assert [(line.split()[0].split("+")[1], line.split()[-5:-2]) for line in fonts] == [
        ("Times-VN", ["yes", "yes", "yes"]),
        ("Times-VN-Bold", ["yes", "yes", "yes"]),
        ("Times-VN-Italic", ["yes", "yes", "yes"]),
        ("Times-VN-Bold-Italic", ["yes", "yes", "yes"]),
    ]
    first, second = pdf_text(data, 1).strip().splitlines(), pdf_text(data, 2).strip().splitlines()
    assert not first[0].strip().isdigit()  # no number on page 1
    assert second[0].strip() == "2"


def test_command_writes_the_pdf(year_data, tmp_path, capsys):
    out = tmp_path / "bao-cao.pdf"
    call_command("yearend_report", "--year", "2024", "--output", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    assert capsys.readouterr().out == f"Đã ghi {out}: 5 trang.\n"
    with pytest.raises(CommandError, match=r"^Không có kế hoạch năm 2019\.$"):
        call_command("yearend_report", "--year", "2019", "--output", str(out))


class TestPages:
    def test_officer_writes_others_read_print_and_download(
        self, year_data, officer, steering, khoi1, login, django_capture_on_commit_callbacks
    ):
        assert login(khoi1).get("/bao-cao/2024/").status_code == 403
        client = login(steering)
        page = client.get("/bao-cao/2024/").content.decode()
        assert "Tạo tệp PDF" in page and 'name="strengths"' not in page
        assert client.post("/bao-cao/2024/", {"strengths": "sửa"}).status_code == 403
        with django_capture_on_commit_callbacks(execute=True):  # the task is sent once the row is saved
            response = client.post("/bao-cao/2024/tao-pdf/")
        job = ReportFile.objects.get()
        assert response.url == f"/bao-cao/tep/{job.pk}/"
        assert (job.status, job.requested_by, job.pages > 1, len(job.sha256)) == ("done", steering, True, 64)
        progress = client.get(f"/bao-cao/tep/{job.pk}/", HTTP_ACCEPT="application/json").json()
        assert progress == {"status": "done", "label": "Đã xong", "progress": 100, "stage": "", "running": False}
        download = client.get(f"/bao-cao/tep/{job.pk}/tai-ve/")
        assert b"".join(download.streaming_content).startswith(b"%PDF")
        assert "bao-cao-tong-ket-2024.pdf" in download["Content-Disposition"]
        page = login(officer).get("/bao-cao/2024/").content.decode()
        assert 'name="strengths"' in page and "Tải PDF" in page

    def test_preview_shows_the_same_report(self, year_data, steering, login):
        html = login(steering).get("/bao-cao/2024/xem-truoc/").content.decode()
        assert "I. Công tác lãnh đạo, chỉ đạo" in html and "Phong trào được nhân dân hưởng ứng." in html
        assert "/static/fonts/LiberationSerif-Regular.ttf" in html

    def test_generating_twice_keeps_one_file(self, year_data, steering):
        job = ReportFile.objects.create(report=year_data, requested_by=steering)
        first = services.report_file_generate(report_file=job)
        again = services.report_file_generate(report_file=job)
        assert first.file.name == again.file.name and ReportFile.objects.get().status == "done"


def test_statistics_workbook_holds_the_engines_figures(year_data, plan, steering, login):
    response = login(steering).get("/bao-cao/2024/thong-ke.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Toàn đơn vị", "Theo khối phố", "Hộ GĐVH"]
    sheet = book["Toàn đơn vị"]
    assert [c.value for c in sheet[3]][:2] == ["STT", "Chỉ tiêu"] and sheet["E3"].value == "Mục tiêu"
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    # code as read, comparator, target, unit, achieved, total, rate, official verdict, still missing
    assert [r[1:2] + r[3:] for r in rows] == [
        ("GĐVH", "≥", 97, "%", 15, 18, 83.33, "Chưa đạt (cần thêm 3 hộ)", 3),
        ("TDPVH", "≥", 100, "%", 0, 10, 0, "Chưa đạt (cần thêm 10 khối)", 10),
        ("NVH", "≥", 90, "%", 0, 10, 0, "Chưa đạt (cần thêm 9 khối)", 9),
        ("NVH mới", "≥", 1, "nhà", 0, None, None, "Chưa đạt: 0/1 nhà, cần thêm 1 nhà", 1),  # a count
        ("CQVH", None, None, "%", 0, 0, None, "Theo dõi", None),  # no figure in the plan: no verdict
        ("TDTT", ">", 60, "%", 2400, 3702, 64.83, "Đạt", 0),
        ("PBGDPL", "≥", 100, "%", 3600, 3702, 97.24, "Chưa đạt (cần thêm 102 người)", 102),  # never "sắp đạt"
    ]
    assert sheet["G4"].number_format == "#,##0"
    assert [c.value for c in book["Theo khối phố"][1]][2:5] == ["GĐVH đạt", "GĐVH tổng", "GĐVH (%)"]
    by_block = list(book["Theo khối phố"].iter_rows(min_row=2, values_only=True))
    served = (5, 6, 83.33, 0, 1, 0, 0, 1, 0, 800, 1234, 64.83, 1200, 1234, 97.24)
    assert by_block[:3] == [(n, f"Khối {n}", *served) for n in (1, 2, 3)]
    assert by_block[3] == (4, "Khối 4", 0, 0, None, 0, 1, 0, 0, 1, 0, 0, 0, None, 0, 0, None)
    commune = (15, 18, 83.33, 0, 10, 0, 0, 10, 0, 2400, 3702, 64.83, 3600, 3702, 97.24)
    assert by_block[-1] == (None, "Toàn đơn vị", *commune)
    households = list(book["Hộ GĐVH"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1]) for r in households] == [(n + 1, f"Khối {1 + n // 5}") for n in range(15)]


def test_indicators_json_command_and_api_agree(year_data, steering, login, capsys):
    call_command("indicators", "--year", "2024", "--json")
    api = login(steering).get("/api/chi-tieu/2024/").json()
    assert api == json.loads(capsys.readouterr().out)
    assert [(i["code"], i["numerator"], i["denominator"]) for i in api["indicators"]] == [
        ("GDVH", 15, 18),
        ("TDPVH", 0, 10),
        ("NVH", 0, 10),
        ("NVHMOI", 0, None),
        ("CQVH", 0, 0),
        ("TDTT", 2400, 3702),
        ("PBGDPL", 3600, 3702),
    ]


class TestRobustness:
    def test_reading_writes_nothing_and_a_double_tap_joins_the_running_job(self, plan, steering, login):
        client = login(steering)
        client.get("/bao-cao/2024/")
        client.get("/bao-cao/2024/xem-truoc/")
        assert not YearEndReport.objects.exists()
        first = services.report_file_start(report=services.report_of(plan), by=steering)
        again = services.report_file_start(report=services.report_of(plan), by=steering)
        assert first.pk == again.pk and ReportFile.objects.count() == 1
        assert YearEndReport.objects.get().history.get().history_user == steering

    def test_a_job_cut_short_is_shown_as_such_and_runs_again(
        self, plan, steering, login, django_capture_on_commit_callbacks
    ):
        report = services._saved(services.report_of(plan), steering)
        stuck = ReportFile.objects.create(report=report, requested_by=steering, progress=40)
        ReportFile.objects.filter(pk=stuck.pk).update(requested_at=timezone.now() - datetime.timedelta(hours=1))
        client = login(steering)
        page = client.get(f"/bao-cao/tep/{stuck.pk}/").content.decode()
        assert "Việc tạo báo cáo bị gián đoạn." in page and "Thử lại" in page and "file-progress" not in page
        assert client.get(f"/bao-cao/tep/{stuck.pk}/", HTTP_ACCEPT="application/json").json()["running"] is False
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/bao-cao/tep/{stuck.pk}/thu-lai/")
        stuck.refresh_from_db()
        fresh = ReportFile.objects.exclude(pk=stuck.pk).get()
        assert stuck.status == "failed" and fresh.status == "done" and response.url == f"/bao-cao/tep/{fresh.pk}/"

    def test_a_failure_while_printing_marks_the_job_failed(self, plan, steering, settings, tmp_path):
        report = services._saved(services.report_of(plan), steering)
        job = ReportFile.objects.create(report=report, requested_by=steering)
        blocked = tmp_path / "not-a-folder"
        blocked.write_text("")
        settings.MEDIA_ROOT = str(blocked)  # the disk refuses the file: a real OSError, not a stand-in
        with pytest.raises(NotADirectoryError):
            services.report_file_generate(report_file=job)
        job.refresh_from_db()
        assert job.status == "failed" and not job.file and job.finished_at is not None

    def test_block_leaders_get_none_of_it(self, year_data, khoi1, login):
        job = ReportFile.objects.create(report=year_data, requested_by=khoi1, status="done")
        client = login(khoi1)
        for url in [
            "/bao-cao/2024/xem-truoc/",
            "/bao-cao/2024/thong-ke.xlsx",
            f"/bao-cao/tep/{job.pk}/",
            f"/bao-cao/tep/{job.pk}/tai-ve/",
            "/chi-tieu/lich-su.json",
        ]:
            assert client.get(url).status_code == 403, url
        assert client.post("/bao-cao/2024/tao-pdf/").status_code == 403


def test_statistics_keep_formulas_as_text(year_data, plan, blocks, steering, login):
    blocks[0].name = '=HYPERLINK("http://x",A1)'
    blocks[0].save()
    book = load_workbook(io.BytesIO(login(steering).get("/bao-cao/2024/thong-ke.xlsx").content))
    cell = book["Theo khối phố"]["B2"]
    assert cell.value == '=HYPERLINK("http://x",A1)' and cell.data_type == "s"
    assert book["Hộ GĐVH"]["B2"].data_type == "s"


def test_dashboard_report_and_sheet_write_a_value_short_of_its_target_alike(year_data, plan, steering, login):
    # 96.997 of 100.000 people reached is 96,997 %: below a "≥ 97 %" target, so never "97,00 %".
    plan.targets.filter(code="PBGDPL").update(value=97)
    BlockFigures.objects.exclude(block__number=1).delete()
    BlockFigures.objects.filter(block__number=1).update(population=100000, legal_education_reached=96997)
    client = login(steering)

    page = client.get("/").content.decode()
    row = page[page.index('<tr data-code="PBGDPL">') :]
    row = row[: row.index("</tr>")]
    assert "96.997/100.000" in row and "96,99\u00a0%" in row and "97,00" not in row
    assert "sắp đạt, cần thêm 3 người (thiếu 0,01 điểm phần trăm)" in row

    text = " ".join(pdf_text(yearend_pdf(year_data)[0]).split())
    assert "96.997/100.000 người, đạt tỷ lệ 96,99 %." in text and "97,00 %" not in text

    book = load_workbook(io.BytesIO(client.get("/bao-cao/2024/thong-ke.xlsx").content))
    pbgdpl = next(r for r in book["Toàn đơn vị"].iter_rows(min_row=4) if r[1].value == "PBGDPL")
    assert (pbgdpl[8].value, pbgdpl[8].number_format, pbgdpl[9].value) == (
        96.99,
        "0.00##########",
        "Chưa đạt (cần thêm 3 người)",
    )
    block_1 = next(r for r in book["Theo khối phố"].iter_rows(min_row=2) if r[1].value == "Khối 1")
    assert (block_1[-1].value, block_1[-1].number_format) == (96.99, "0.00##########")

    chart = client.get("/chi-tieu/lich-su.json?year=2024").json()
    pbgdpl = next(s for s in chart["series"] if s["code"] == "PBGDPL")
    assert (pbgdpl["target_text"], pbgdpl["points"][-1]["text"]) == ("≥ 97\u00a0%", "96,99\u00a0%")


def test_printings_are_listed_newest_first_with_who_and_when_each_row_its_own(year_data, steering, officer, login):
    at = timezone.make_aware(datetime.datetime(2024, 12, 20, 10, 15, 30))
    first = ReportFile.objects.create(report=year_data, requested_by=steering, status="done", pages=12, sha256="a" * 64)
    second = ReportFile.objects.create(
        report=year_data, requested_by=steering, status="done", pages=12, sha256="b" * 64
    )
    third = ReportFile.objects.create(report=year_data, requested_by=officer, status="failed")
    # The first two asked in the same second by the same person: once they read alike.
    ReportFile.objects.filter(pk__in=[first.pk, second.pk]).update(requested_at=at)
    ReportFile.objects.filter(pk=third.pk).update(requested_at=at + datetime.timedelta(minutes=5))
    page = login(steering).get("/bao-cao/2024/").content.decode()
    files = page[page.index('<ul class="list-group mb-3" id="files">') :]
    files = files[: files.index("</ul>")]
    rows = re.findall(r'<span class="small">(.*?)</span>\s*<a', files, re.S)
    assert [re.sub(r"<[^>]+>", "", row) for row in rows] == [
        f"Lần 3 · {officer} tạo lúc 10:20:30 20/12/2024",
        f"Lần 2 · {steering} tạo lúc 10:15:30 20/12/2024 · 12 trang · bbbbbbbb",
        f"Lần 1 · {steering} tạo lúc 10:15:30 20/12/2024 · 12 trang · aaaaaaaa",
    ]
    assert f'href="/bao-cao/tep/{second.pk}/tai-ve/"' in files and f'href="/bao-cao/tep/{third.pk}/"' in files
