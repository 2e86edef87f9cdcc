"""The Word copies (.docx) beside the PDFs: they open in python-docx, say what the PDF says (the
same figures, reference, names and signer) on the same page, and are given to the same people."""

import datetime
import re
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from caolocculture.docx import DOCX
from recognition import services
from recognition.models import Decision, Recognition
from recognition.tests import test_meeting_papers, test_papers
from recognition.tests.test_papers import get_pdf, text

decided = test_papers.decided  # the fixture: Khối 1's meeting carried to decision 05/QĐ-UBND
dossiers = test_meeting_papers.dossiers  # the fixture: Khối 1 proposed by the council and submitted, Khối 2 not

pytestmark = pytest.mark.django_db


def word_text(doc: Document) -> str:
    """Every paragraph, the tables' cells included, in document order; as one line."""
    return " ".join(" ".join(t.text for t in doc.element.body.iter(qn("w:t"))).replace("\xa0", " ").split())


def figures(words: str) -> set[str]:
    """Numbers as printed: 2.955, 97,29, 05/QĐ-UBND's 05, 25/30, dates 02/12/2024."""
    return set(re.findall(r"\d+(?:[.,/]\d+)*", words))


def get_word(client, url, filename: str) -> Document:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    return Document(BytesIO(response.content))


def assert_same_as_pdf(doc: Document, pdf: bytes, *expected: str) -> str:
    words, printed = word_text(doc), text(pdf)
    for item in expected:
        assert item in words, item
        assert item in printed, item
    # Every figure of the copy is on the paper, and the paper has none the copy lacks but its page numbers.
    assert figures(words) <= figures(printed)
    assert figures(printed) - figures(words) <= {str(n) for n in range(2, 10)}
    return words


def assert_a4_portrait(doc: Document) -> None:
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.left_margin - Mm(30)) < Mm(0.1)


def repeats_header(table) -> bool:
    return table.rows[0]._tr.trPr is not None and table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_the_minutes_in_word_say_what_the_pdf_says(login, khoi1, decided):
    client = login(khoi1)
    pdf = get_pdf(client, reverse("recognition:paper", args=[decided.pk, "bien-ban"]))
    doc = get_word(
        client,
        reverse("recognition:paper_docx", args=[decided.pk, "bien-ban"]),
        "ban-word-bien-ban-binh-xet-khoi-1-2024.docx",
    )
    assert_same_as_pdf(
        doc,
        pdf,
        "UBND THỊ TRẤN CAO LỘC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BIÊN BẢN",
        "Hoàng Văn Đức",
        "Lý Thị Ngọc Ánh",
        "25/30",
        "10/30",
        "THƯ KÝ",
        "Lý Thị Hoa",
        "CHỦ TRÌ",
        "Hoàng Văn Minh",
    )
    assert_a4_portrait(doc)
    head, listing, _sign = doc.tables
    assert "KHỐI 1" in head.rows[0].cells[0].text and len(head.columns) == 2
    assert listing.rows[0].cells[0].text == "STT" and repeats_header(listing)
    listed = [row.cells[1].text for row in listing.rows[1:]]
    assert listed == ["Hoàng Văn Đức", "Lý Thị Ngọc Ánh", "Nông Văn Cường"]  # one row a household, in order


def test_the_other_meeting_papers_have_their_word_copy(login, officer, decided):
    client = login(officer)
    for paper, name, expected in [
        ("danh-sach", "danh-sach-de-nghi", "DANH SÁCH"),
        ("niem-yet", "thong-bao-niem-yet", "THÔNG BÁO"),
    ]:
        pdf = get_pdf(client, reverse("recognition:paper", args=[decided.pk, paper]))
        doc = get_word(
            client, reverse("recognition:paper_docx", args=[decided.pk, paper]), f"ban-word-{name}-khoi-1-2024.docx"
        )
        assert_same_as_pdf(doc, pdf, expected, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hoàng Văn Minh")
    # No such paper, and no Word copy of a paper the meeting does not have.
    assert client.get(reverse("recognition:paper_docx", args=[decided.pk, "giay-khen"])).status_code == 404


def test_a_block_leader_gets_only_their_own_blocks_copy(login, khoi2, decided):
    response = login(khoi2).get(reverse("recognition:paper_docx", args=[decided.pk, "bien-ban"]))
    assert response.status_code == 404


def test_the_decisions_working_copy_is_made_from_what_was_signed(login, officer, decided):
    decision = decided.decision
    client = login(officer)
    stored = get_pdf(client, reverse("recognition:decision_pdf", args=[decision.pk]))
    doc = get_word(client, reverse("recognition:decision_docx", args=[decision.pk]), "ban-word-quyet-dinh-05-2024.docx")
    words = assert_same_as_pdf(
        doc,
        stored,
        "ỦY BAN NHÂN DÂN",
        "Số: 05/QĐ-UBND",
        "Cao Lộc, ngày 02 tháng 12 năm 2024",
        "QUYẾT ĐỊNH",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Thanh Hải",
        "Hoàng Văn Đức",
        "Lý Thị Ngọc Ánh",
    )
    assert "Nông Văn Cường" not in words  # not agreed by enough: not on the decision
    assert_a4_portrait(doc)
    listing = doc.tables[-1]
    assert listing.rows[0].cells[0].text == "STT" and repeats_header(listing)
    assert [row.cells[1].text for row in listing.rows[1:]] == ["Hoàng Văn Đức", "Lý Thị Ngọc Ánh"]
    # The stored paper stays as signed: asking for the Word copy prints nothing new.
    decision.refresh_from_db()
    assert (
        decision.paper_sha256 and client.get(reverse("recognition:decision_pdf", args=[decision.pk])).content == stored
    )


def test_a_withdrawal_has_its_working_copy_too(login, chairman, decided):
    taken = Recognition.objects.get(decision=decided.decision, household__head_name="Lý Thị Ngọc Ánh")
    withdrawal = services.withdrawal_issue(
        recognitions=[taken],
        number=9,
        issued_on=datetime.date(2024, 12, 20),
        signer_name="Lê Thanh Hải",
        signer_title="Chủ tịch",
        grounds="Hộ bị xử phạt vi phạm hành chính về đánh bạc.",
        by=chairman,
    )
    client = login(chairman)
    stored = services.decision_paper(decision=withdrawal)
    doc = get_word(
        client, reverse("recognition:decision_docx", args=[withdrawal.pk]), "ban-word-quyet-dinh-09-2024.docx"
    )
    assert_same_as_pdf(doc, stored, "Số: 09/QĐ-UBND", "hủy bỏ, thu hồi", "Lý Thị Ngọc Ánh", "05/QĐ-UBND", "CHỦ TỊCH")


def test_a_decision_recorded_from_paper_has_no_copy_here_and_block_leaders_see_no_decision(
    login,
    officer,
    khoi1,
    decided,
    plan,
):
    recorded = Decision.objects.create(
        commune=plan.commune,
        kind=Decision.Kind.RECORDED,
        title="TDPVH",
        year=2024,
        number=1520,
        issued_on=datetime.date(2024, 12, 20),
        issuing_body="Ủy ban nhân dân huyện Cao Lộc",
    )
    assert login(officer).get(reverse("recognition:decision_docx", args=[recorded.pk])).status_code == 404
    response = login(khoi1).get(reverse("recognition:decision_docx", args=[decided.decision.pk]))
    assert response.status_code == 403


def test_the_written_request_has_its_word_copy(login, khoi1, decided):
    client = login(khoi1)
    pdf = get_pdf(client, reverse("recognition:paper", args=[decided.pk, "de-nghi"]))
    doc = get_word(
        client,
        reverse("recognition:paper_docx", args=[decided.pk, "de-nghi"]),
        "ban-word-van-ban-de-nghi-khoi-1-2024.docx",
    )
    assert_same_as_pdf(doc, pdf, "VĂN BẢN ĐỀ NGHỊ", "Gia đình văn hóa", "TRƯỞNG KHỐI", "Hoàng Văn Minh")


def test_the_block_dossiers_papers_have_their_word_copies_given_as_the_pdfs(login, officer, khoi1, khoi2, dossiers):
    proposed, _not_proposed = dossiers
    client = login(officer)
    for paper, name, expected in [
        ("bao-cao-thanh-tich", "bao-cao-thanh-tich", "BÁO CÁO THÀNH TÍCH"),
        ("bien-ban-hoi-dong", "bien-ban-hoi-dong-thi-dua", "Hội đồng Thi đua - Khen thưởng"),
        ("to-trinh", "to-trinh-tdp-van-hoa", "TỜ TRÌNH"),
    ]:
        pdf = get_pdf(client, reverse("recognition:dossier_paper", args=[proposed.pk, paper]))
        doc = get_word(
            client,
            reverse("recognition:dossier_paper_docx", args=[proposed.pk, paper]),
            f"ban-word-{name}-khoi-1-2024.docx",
        )
        assert_same_as_pdf(doc, pdf, expected, "Tổ dân phố văn hóa", "Khối 1")
    # The khối trưởng gets their own block's report, not the commune's papers; another block's, nothing.
    own = reverse("recognition:dossier_paper_docx", args=[proposed.pk, "bao-cao-thanh-tich"])
    assert login(khoi1).get(own).status_code == 200
    assert (
        login(khoi1).get(reverse("recognition:dossier_paper_docx", args=[proposed.pk, "to-trinh"])).status_code == 403
    )
    assert login(khoi2).get(own).status_code == 404
