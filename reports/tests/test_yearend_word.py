"""The year-end report's Word copy: made at once from the same figures as its PDF, to finish by hand."""

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from caolocculture.docx import DOCX
from recognition.tests.test_word_copies import figures, repeats_header, word_text
from reports.tests import test_yearend
from reports.tests.test_yearend import pdf_text
from reports.yearend import yearend_pdf

pytestmark = pytest.mark.django_db
year_data = test_yearend.year_data  # the fixture: three blocks' households, titles and figures, report no. 7


def test_the_word_copy_carries_the_reports_figures_on_the_decrees_page(year_data, steering, login):
    response = login(steering).get(reverse("reports:yearend_docx", args=[2024]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="ban-word-bao-cao-tong-ket-2024.docx"'
    doc = Document(BytesIO(response.content))
    words = word_text(doc)
    data, pages = yearend_pdf(year_data)
    printed = " ".join(pdf_text(data, layout=False).split())
    for expected in [
        "BAN CHỈ ĐẠO PHONG TRÀO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 07/BC-BCĐ",
        "BÁO CÁO",
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "Phong trào được nhân dân hưởng ứng.",
        "Đề nghị hỗ trợ kinh phí.",
        "15/18",  # households recognised / living, in the table and the appendix
        "2.400/3.702",  # exercisers / population: thousands with a dot
        "Nơi nhận:",
        "PHỤ LỤC",
    ]:
        assert expected in words, expected
        assert expected in printed, expected
    assert figures(words) <= figures(printed)
    assert figures(printed) - figures(words) <= {str(n) for n in range(2, pages + 1)}  # the page numbers
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT and section.different_first_page_header_footer
    head, *lists = doc.tables
    assert not list(head._tbl.iter(qn("w:tcBorders")))
    heading = [" ".join(c.text.split()) for c in lists[0].rows[0].cells]  # a heading kept on one line has \xa0
    assert heading[:2] == ["STT", "Chỉ tiêu"] and repeats_header(lists[0])
    appendix = next(p for p in doc.paragraphs if p.text.startswith("PHỤ LỤC"))
    assert appendix.paragraph_format.page_break_before  # the appendix on its own page, as printed


def test_a_block_leader_does_not_get_it_and_a_year_without_a_plan_has_none(khoi1, officer, login, plan):
    assert login(khoi1).get(reverse("reports:yearend_docx", args=[2024])).status_code == 403
    assert login(officer).get(reverse("reports:yearend_docx", args=[2019])).status_code == 404
