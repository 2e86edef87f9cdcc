"""The printed papers, read back as text (pdftotext) with their fonts and page size (pdffonts, pdfinfo)."""

import datetime
import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import require_service
from recognition import services
from testing.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


def poppler(tool, data: bytes, *args) -> str:
    require_service(bool(shutil.which(tool)), f"{tool} (poppler-utils)")
    return subprocess.run(
        [tool, *args, "-", "-"] if tool == "pdftotext" else [tool, "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def text(data: bytes) -> str:
    return " ".join(poppler("pdftotext", data).split())


def pages(data: bytes) -> int:
    return int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", data)).group(1))


@pytest.fixture
def decided(plan, blocks, khoi1, officer, chairman):
    names = ["Hoàng Văn Đức", "Lý Thị Ngọc Ánh", "Nông Văn Cường"]
    for i, name in enumerate(names):
        HouseholdFactory(block=blocks[0], code=f"K01-00{i + 1}", head_name=name, address=f"Số {i + 1}, ngõ Chợ")
    meeting, _ = services.meeting_open(
        block=blocks[0],
        year=2024,
        by=khoi1,
        held_at=timezone.make_aware(datetime.datetime(2024, 11, 20, 19, 30)),
        place="Nhà văn hóa Khối 1",
        chair="Hoàng Văn Minh",
        secretary="Lý Thị Hoa",
        invited=40,
        present=30,
        attendees="Trưởng Ban Công tác Mặt trận",
    )
    for i, household in enumerate(blocks[0].households.order_by("code")):
        services.meeting_result_record(meeting=meeting, household=household, agreed=10 if i == 2 else 25, by=khoi1)
    services.meeting_post(meeting=meeting, starts_on=datetime.date(2024, 11, 21), by=khoi1, place="Nhà văn hóa")
    services.meeting_submit(meeting=meeting, by=khoi1)
    services.meeting_check(meeting=meeting, by=officer)
    services.decision_issue(
        meetings=[meeting],
        number=5,
        issued_on=datetime.date(2024, 12, 2),
        signer_name="Lê Thanh Hải",
        signer_title="Phó Chủ tịch",
        by=chairman,
    )
    meeting.refresh_from_db()
    return meeting


def get_pdf(client, url) -> bytes:
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_minutes(login, khoi1, decided):
    pdf = get_pdf(login(khoi1), reverse("recognition:paper", args=[decided.pk, "bien-ban"]))
    body = text(pdf)
    for expected in [
        "UBND THỊ TRẤN CAO LỘC",
        "KHỐI 1",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Cao Lộc, ngày 20 tháng 11 năm 2024",
        "BIÊN BẢN",
        "Họp bình xét danh hiệu “Gia đình văn hóa” năm 2024",
        "vào hồi 19 giờ 30 phút",
        "Số người được mời: 40; số người có mặt: 30",
        "Hộ được đề nghị xét tặng khi có trên một nửa số người dự họp tán thành",
        "Hoàng Văn Đức",
        "Lý Thị Ngọc Ánh",
        "Không đủ số người tán thành theo quy định",
        "2/3 hộ",
        "THƯ KÝ",
        "CHỦ TRÌ",
    ]:
        assert expected in body, expected
    # Read row by row: a header repeated on the next page may fall between a row's cells in plain text.
    assert re.search(r"Nông Văn Cường\s+K01-003\s+10/30\s+Không đạt", poppler("pdftotext", pdf, "-layout"))


def test_the_list_and_the_posting_notice(login, khoi1, decided):
    client = login(khoi1)
    body = text(get_pdf(client, reverse("recognition:paper", args=[decided.pk, "danh-sach"])))
    assert "DANH SÁCH" in body and "Tổng số: 2 hộ" in body and "Nông Văn Cường" not in body
    body = text(get_pdf(client, reverse("recognition:paper", args=[decided.pk, "niem-yet"])))
    assert "THÔNG BÁO" in body and "10 ngày, từ ngày 21/11/2024 đến hết ngày 30/11/2024" in body
    assert "danh sách 2 hộ gia đình" in body


def test_the_papers_are_linked_from_the_meeting_page(login, officer, khoi1, decided):
    page = login(officer).get(reverse("recognition:meeting", args=[decided.pk])).content.decode()
    assert reverse("recognition:decision_pdf", args=[decided.decision.pk]) in page
    assert reverse("recognition:paper", args=[decided.pk, "bien-ban"]) in page
    page = login(khoi1).get(reverse("recognition:meeting", args=[decided.pk])).content.decode()
    assert reverse("recognition:decision_pdf", args=[decided.decision.pk]) not in page  # commune roles only


def test_the_decision_with_its_list_per_block(login, officer, decided):
    pdf = get_pdf(login(officer), reverse("recognition:decision_pdf", args=[decided.decision.pk]))
    body = text(pdf)
    for expected in [
        "Số: 05/QĐ-UBND",
        "Cao Lộc, ngày 02 tháng 12 năm 2024",
        "QUYẾT ĐỊNH",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ TRẤN CAO LỘC",
        "Nghị định số 86/2023/NĐ-CP",
        "Tặng danh hiệu “Gia đình văn hóa” năm 2024 cho 2 hộ gia đình",
        "Nơi nhận:",
        "Lưu: VT.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Thanh Hải",
        "Khối 1: 2 hộ",
        "Hoàng Văn Đức",
        "(Kèm theo Quyết định số 05/QĐ-UBND ngày 02 tháng 12 năm 2024",
    ]:
        assert expected in body, expected
    info = poppler("pdfinfo", pdf)
    assert "595.276 x 841.89 pts (A4)" in info and pages(pdf) == 3  # the decision on two, its list on the third
    fonts = poppler("pdffonts", pdf)
    assert "Times-VN" in fonts and all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])
    # Page numbers from page 2 only: page 2's text starts with "2".
    sheets = poppler("pdftotext", pdf, "-layout").split("\f")
    assert sheets[1].split()[0] == "2" and sheets[0].split()[0] != "1"


def test_a_certificate_per_household(login, khoi1, khoi2, decided, blocks):
    url = reverse("recognition:certificates", args=[decided.decision.pk, blocks[0].pk])
    pdf = get_pdf(login(khoi1), url)
    body = text(pdf)
    assert body.count("GIẤY CHỨNG NHẬN") == 2
    assert "Lý Thị Ngọc Ánh" in body and "Số 2, ngõ Chợ, Khối 1, thị trấn Cao Lộc" in body
    assert "Nông Văn Cường" not in body
    assert pages(pdf) == 2
    assert login(khoi2).get(url).status_code == 404
    assert login(khoi1).get(reverse("recognition:decision_pdf", args=[decided.decision.pk])).status_code == 403
