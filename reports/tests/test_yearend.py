"""The year-end report: every figure from the engine, the decree's layout, kept files."""

import json
import subprocess

import pytest
from django.core.management import call_command

from campaigns.models import BlockFigures
from caolocculture import formatting
from devtools.factories import FamilyRecognitionFactory, HouseholdFactory
from reports import services
from reports.indicators import compute
from reports.models import ReportFile
from reports.yearend import yearend_pdf

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
    result = compute(plan)
    for item in result.indicators:
        m = item.measure
        written = (
            f"{formatting.number(m.numerator)}/{formatting.number(m.denominator)} "
            f"{formatting.percent(m.value)}".replace("\u00a0", " ")
        )
        assert written in text, written  # the summary table row: result and rate
        if m.met is False:  # the verdict column wraps: its figures, in words
            assert f"{m.status_label}, cần thêm {formatting.number(m.gap)}" in text
            assert f"thiếu {formatting.number(m.gap_points, 2)}" in text
    assert "15/18 83,33 %" in text  # GDVH over the three blocks, as the engine counts it
    assert "2.400/3.702 64,83 %" in text  # TDTT summed from approved figures
    for row in result.blocks[:3]:
        gdvh = row.indicators["GDVH"]
        assert f"{gdvh.numerator}/{gdvh.denominator}" in text  # the appendix, block by block
    assert text.count("Lưu: VT.") == 0 and "Lưu: VP." in text  # the plan's own archive line, once


def test_a4_fonts_embedded_page_numbers_from_page_two(year_data):
    data, pages = yearend_pdf(year_data)
    info = pdf_tool("pdfinfo", data)
    assert f"Pages:           {pages}" in info and pages >= 2
    assert "595.276 x 841.89 pts (A4)" in info
    fonts = pdf_tool("pdffonts", data).splitlines()[2:]
    assert fonts and all(" yes yes yes " in line and "Times-VN" in line for line in fonts), fonts
    first, second = pdf_text(data, 1).strip().splitlines(), pdf_text(data, 2).strip().splitlines()
    assert not first[0].strip().isdigit()  # no number on page 1
    assert second[0].strip() == "2"


def test_command_writes_the_pdf(year_data, tmp_path, capsys):
    out = tmp_path / "bao-cao.pdf"
    call_command("yearend_report", "--year", "2024", "--output", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    assert "trang" in capsys.readouterr().out
    with pytest.raises(Exception, match="Không có kế hoạch năm 2019"):
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
    import io

    from openpyxl import load_workbook

    response = login(steering).get("/bao-cao/2024/thong-ke.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Toàn đơn vị", "Theo khối phố", "Hộ GĐVH"]
    result = compute(plan)
    rows = list(book["Toàn đơn vị"].iter_rows(min_row=4, values_only=True))
    assert [(r[1], r[5], r[6]) for r in rows] == [
        (i.code, i.measure.numerator, i.measure.denominator) for i in result.indicators
    ]
    by_block = list(book["Theo khối phố"].iter_rows(min_row=2, values_only=True))
    assert by_block[0][:5] == (1, "Khối 1", 5, 6, 83.33)
    assert by_block[-1][1] == "Toàn đơn vị" and by_block[-1][2:4] == (15, 18)
    households = list(book["Hộ GĐVH"].iter_rows(min_row=2, values_only=True))
    assert len(households) == 15 and households[0][1] == "Khối 1"


def test_indicators_json_command_and_api_agree(year_data, steering, login, capsys):
    call_command("indicators", "--year", "2024", "--json")
    assert login(steering).get("/api/chi-tieu/2024/").json() == json.loads(capsys.readouterr().out)


class TestRobustness:
    def test_reading_writes_nothing_and_a_double_tap_joins_the_running_job(self, plan, steering, login):
        from reports.models import YearEndReport

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
        import datetime

        from django.utils import timezone

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
        with pytest.raises(OSError):
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
    import io

    from openpyxl import load_workbook

    blocks[0].name = '=HYPERLINK("http://x",A1)'
    blocks[0].save()
    book = load_workbook(io.BytesIO(login(steering).get("/bao-cao/2024/thong-ke.xlsx").content))
    cell = book["Theo khối phố"]["B2"]
    assert cell.value == '=HYPERLINK("http://x",A1)' and cell.data_type == "s"
    assert book["Hộ GĐVH"]["B2"].data_type == "s"
