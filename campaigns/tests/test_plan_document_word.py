"""The Kế hoạch's Word copy: the same template and context as its PDF, for the same people."""

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from docx.enum.section import WD_ORIENT

from campaigns.papers import plan_document_pdf
from campaigns.tests.test_plan_document import pages_of, pdf_text
from caolocculture.docx import DOCX
from recognition.tests.test_word_copies import figures, word_text

pytestmark = pytest.mark.django_db


def test_the_plans_word_copy_says_what_its_paper_says(plan, steering, login):
    response = login(steering).get(reverse("campaigns:plan_document_docx", args=[2024]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="ban-word-ke-hoach-2024.docx"'
    doc = Document(BytesIO(response.content))
    words = word_text(doc)
    pdf = plan_document_pdf(plan)
    printed = " ".join(pdf_text(pdf).split())
    for part in [
        "BAN CHỈ ĐẠO PHONG TRÀO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "/KH-BCĐ",
        "Cao Lộc, ngày … tháng … năm …",
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Nơi nhận:",
        plan.signer_name,
    ]:
        assert part in words, part
        assert part in printed, part
    assert figures(words) <= figures(printed)
    assert figures(printed) - figures(words) <= {str(n) for n in range(2, pages_of(pdf) + 1)}  # page numbers
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT and section.different_first_page_header_footer


def test_a_block_leader_gets_no_plan_paper(khoi1, login, plan):
    assert login(khoi1).get(reverse("campaigns:plan_document_docx", args=[2024])).status_code == 403
