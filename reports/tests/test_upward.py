"""The forms sent upward: the yearly summary table and the mass-sports assessment, as Excel
and PDF, carrying the engine's figures, in the print setup a district prints them with."""

import datetime
import io
import subprocess

import pytest
from openpyxl import load_workbook

from campaigns.models import BlockFigures, Plan
from caolocculture import formatting
from caolocculture.models import Role
from devtools.demo import demo_seed
from reports import services
from reports.indicators import compute
from reports.selectors import preparer_for
from reports.tests.test_province import second_commune
from testing.factories import FamilyRecognitionFactory, HouseholdFactory, UserFactory
from testing.indicators import indicator

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, *pages: int) -> str:
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def pdf_info(data: bytes) -> str:
    return subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()


def words(text: str) -> str:
    return " ".join(text.split())


def last_page_carries_more_than_the_signature(data: bytes) -> bool:
    pages = int(next(line.split()[-1] for line in pdf_info(data).splitlines() if line.startswith("Pages:")))
    last = words(pdf_text(data, pages))
    for line in ("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", str(pages)):
        last = last.replace(line, "")
    return "Toàn đơn vị" in last


@pytest.fixture
def year_data(plan, blocks, officer):
    officer.first_name, officer.last_name = "Văn", "Nguyễn Thị"
    officer.save()
    plan.commune.chairman_name = "Hoàng Văn Chủ"
    plan.commune.save()
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
            sporting_families=2,
            sports_clubs=1,
            sports_collaborators=3,
            status="approved",
        )
    # Sent, not approved: counted nowhere.
    BlockFigures.objects.create(
        block=blocks[3],
        year=2024,
        population=999,
        regular_exercisers=999,
        legal_education_reached=999,
        sporting_families=99,
        status="submitted",
    )
    return plan


class TestSummaryTable:
    def test_the_workbook_holds_the_engines_figures_in_a_printable_form(self, year_data, officer, login):
        response = login(officer).get("/bao-cao/2024/bieu-tong-hop.xlsx")
        assert response["Content-Disposition"] == 'attachment; filename="bieu-tong-hop-phong-trao-2024.xlsx"'
        book = load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == ["I. Chỉ tiêu", "II. Theo khối phố"]
        for sheet in book:
            # A4 landscape, one page wide, the table's two header rows on every page.
            assert sheet.print_title_rows == "$10:$11"
            assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)
            assert (sheet.page_setup.fitToWidth, sheet.sheet_properties.pageSetUpPr.fitToPage) == (1, True)
            heading = [sheet.cell(row=r, column=1).value for r in range(1, 8)]
            assert heading[:2] == ["ỦY BAN NHÂN DÂN", "THỊ TRẤN CAO LỘC"]
            assert heading[4].startswith("BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN PHONG TRÀO") and "NĂM 2024" in heading[4]
            assert heading[5] == "Năm 2024 (số liệu đến 31/12/2024)"
            assert heading[6].startswith("Đơn vị báo cáo: Ủy ban nhân dân thị trấn Cao Lộc")
            values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
            signed = {"NGƯỜI LẬP BIỂU", "Nguyễn Thị Văn", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hoàng Văn Chủ"}
            assert signed <= set(values)

        result = compute(year_data)
        targets = book["I. Chỉ tiêu"]
        rows = list(targets.iter_rows(min_row=12, max_row=11 + len(result.indicators), values_only=True))
        for row, item in zip(rows, result.indicators, strict=True):
            m = item.measure
            rate = None if m.is_count or m.value is None else float(m.value)
            assert row[4:8] == (m.numerator, None if m.is_count else m.denominator, rate, m.official_verdict)
        planned = ["≥ 97\xa0%", "≥ 100\xa0%", "≥ 90\xa0%", "≥ 1 nhà", "theo dõi", "> 60\xa0%", "≥ 100\xa0%"]
        assert [r[3] for r in rows] == planned
        assert targets["E12"].number_format == "#,##0" and targets["G12"].number_format == '0.00##########" %"'

        blocks = book["II. Theo khối phố"]
        data = list(blocks.iter_rows(min_row=12, max_row=22, values_only=True))
        assert data[0] == (1, "Khối 1", 6, 5, 83.33, None, None, 1234, 800, 64.83, 1200, 97.24)
        # Block 4 sent figures that are not approved: no population, exercisers nor reached.
        assert data[3] == (4, "Khối 4", 0, 0, None, None, None, None, None, None, None, None)
        assert data[10] == (None, "Toàn đơn vị", 18, 15, 83.33, 0, 0, 3702, 2400, 64.83, 3600, 97.24)
        assert blocks["H12"].number_format == "#,##0" and blocks["J12"].number_format == '0.00##########" %"'

    def test_the_paper_says_the_same_in_vietnamese_numbers(self, year_data, steering, login):
        response = login(steering).get("/bao-cao/2024/bieu-tong-hop.pdf")
        assert response["Content-Type"] == "application/pdf"
        data = response.content
        assert "841.89 x 595.276 pts (A4)" in pdf_info(data)  # landscape
        text = words(pdf_text(data))
        for part in [
            "ỦY BAN NHÂN DÂN",
            "THỊ TRẤN CAO LỘC",
            "Cao Lộc, ngày … tháng … năm …",  # not closed: the date is left to fill
            "Năm 2024 (số liệu đến 31/12/2024)",
            "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
            "≥ 97 % 15 18 83,33 % Chưa đạt (cần thêm 3 hộ)",
            "≥ 1 nhà 0 Chưa đạt: 0/1 nhà, cần thêm 1 nhà",
            "theo dõi 0 0 Theo dõi",
            "> 60 % 2.400 3.702 64,83 % Đạt",
            "II. KẾT QUẢ THEO KHỐI PHỐ",
            "Khối 1 6 5 83,33 % 1.234 800 64,83 % 1.200 97,24 %",
            "Toàn đơn vị 18 15 83,33 % 0 0 3.702 2.400 64,83 % 3.600 97,24 %",
            "NGƯỜI LẬP BIỂU",
            "Nguyễn Thị Văn",
            "TM. ỦY BAN NHÂN DÂN",
            "Hoàng Văn Chủ",
        ]:
            assert part in text, part
        assert "ắp đạt" not in text and "GDVH" not in text and "GĐVH" in text
        assert last_page_carries_more_than_the_signature(data)

    def test_a_closed_year_prints_its_frozen_figures_dated_the_day_it_was_reported(self, year_data, officer, login):
        services.year_close(plan=year_data, by=officer)
        BlockFigures.objects.filter(block__number=1).update(regular_exercisers=1)  # after the closing: ignored
        text = words(pdf_text(login(officer).get("/bao-cao/2024/bieu-tong-hop.pdf").content))
        assert "> 60 % 2.400 3.702 64,83 % Đạt" in text
        assert formatting.long_date("Cao Lộc", datetime.date.today()) in text

    def test_a_block_leader_gets_neither_form(self, year_data, khoi1, login):
        client = login(khoi1)
        for url in ["bieu-tong-hop.xlsx", "bieu-tong-hop.pdf", "the-thao-quan-chung.xlsx", "the-thao-quan-chung.pdf"]:
            assert client.get(f"/bao-cao/2024/{url}").status_code == 403
        assert client.get("/bao-cao/2019/bieu-tong-hop.pdf").status_code == 403

    def test_the_report_page_links_the_forms(self, year_data, chairman, login):
        page = login(chairman).get("/bao-cao/2024/").content.decode()
        for url in ["bieu-tong-hop.xlsx", "bieu-tong-hop.pdf", "the-thao-quan-chung.xlsx", "the-thao-quan-chung.pdf"]:
            assert f'href="/bao-cao/2024/{url}"' in page


class TestSportsAssessment:
    def test_counts_per_block_and_in_total_from_approved_figures(self, year_data, officer, login):
        client = login(officer)
        book = load_workbook(io.BytesIO(client.get("/bao-cao/2024/the-thao-quan-chung.xlsx").content))
        sheet = book.active
        assert sheet.print_title_rows == "$9:$10" and sheet.page_setup.orientation == "landscape"
        assert sheet["A6"].value == "Số liệu tính đến ngày 31/10/2024 (Thông tư số 01/2019/TT-BVHTTDL)"
        rows = list(sheet.iter_rows(min_row=11, max_row=21, values_only=True))
        # Factories' households have no moving-in date: all 6 of a block live there on 31/10.
        assert rows[0] == (1, "Khối 1", 1234, 800, 64.83, 6, 2, 33.33, 1, 3)
        assert rows[3] == (4, "Khối 4", None, None, None, 0, None, None, None, None)  # sent, not approved
        assert rows[10] == (None, "Toàn đơn vị", 3702, 2400, 64.83, 18, 6, 33.33, 3, 9)
        assert sheet["C11"].number_format == "#,##0" and sheet["E11"].number_format == '0.00##########" %"'

        data = client.get("/bao-cao/2024/the-thao-quan-chung.pdf").content
        text = words(pdf_text(data))
        assert "BIỂU ĐÁNH GIÁ PHONG TRÀO THỂ DỤC, THỂ THAO QUẦN CHÚNG NĂM 2024" in text
        assert "Khối 1 1.234 800 64,83 % 6 2 33,33 % 1 3" in text
        assert "Toàn đơn vị 3.702 2.400 64,83 % 18 6 33,33 % 3 9" in text
        assert last_page_carries_more_than_the_signature(data)


def test_both_forms_come_out_of_the_demo(plan, officer, login):
    demo_seed(households_per_block=20)
    result = compute(plan)
    client = login(officer)
    text = words(pdf_text(client.get("/bao-cao/2024/bieu-tong-hop.pdf").content))
    tdtt = indicator(result, "TDTT").measure
    population, exercisers = formatting.number(tdtt.denominator), formatting.number(tdtt.numerator)
    assert f"{exercisers} {population} {tdtt.value_text} Đạt".replace("\xa0", " ") in text
    approved = BlockFigures.objects.filter(year=2024, status="approved")
    families = sum(f.sporting_families for f in approved)
    assert families > 0
    sports = words(pdf_text(client.get("/bao-cao/2024/the-thao-quan-chung.pdf").content))
    assert f"Toàn đơn vị {population} {exercisers}" in sports
    assert formatting.number(families) in sports[sports.index("Toàn đơn vị") :]


def test_the_preparer_is_the_printing_communes_officer_never_another_communes(plan, officer):
    """A chairman printing his commune's summary table signs it with his own commune's officer as
    NGƯỜI LẬP BIỂU, though another commune's officer was made first."""
    hoa_binh = second_commune()
    own = UserFactory(username="canbo-hb", role=Role.OFFICER, commune=hoa_binh, first_name="Bình", last_name="Lý Thị")
    chairman = UserFactory(username="chutich-hb", role=Role.CHAIRMAN, commune=hoa_binh)
    plan_hb = Plan.objects.get(commune=hoa_binh, year=2024)

    assert preparer_for(chairman, plan_hb) == own.get_full_name()
    assert preparer_for(officer, plan_hb) == own.get_full_name()  # Cao Lộc's officer prepares only Cao Lộc's
    assert preparer_for(officer, plan) == officer.get_full_name()
