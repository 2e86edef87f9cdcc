"""The plan as a Kế hoạch paper: the Ban Chỉ đạo's heading, its number and date, the bases,
sections I–V from the plan on record, Nơi nhận and the signature block."""

import datetime
import subprocess

import pytest

from campaigns.papers import plan_document_pdf
from caolocculture import formatting

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, *pages: int) -> str:
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def pages_of(data: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def words(text: str) -> str:
    return " ".join(text.split())


def test_every_part_of_the_plan_is_printed_from_the_record(plan):
    data = plan_document_pdf(plan)
    text = words(pdf_text(data))
    for part in [
        "UBND THỊ TRẤN CAO LỘC",
        "BAN CHỈ ĐẠO PHONG TRÀO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "/KH-BCĐ",
        "Cao Lộc, ngày … tháng … năm …",  # not issued yet: left to fill by hand, never today's
        "KẾ HOẠCH",
        "Căn cứ Quyết định số 2214/QĐ-TTg ngày 28/02/2021",
        "Căn cứ Kế hoạch số 120/KH-BCĐ ngày 19/3/2024",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "2. Yêu cầu",
        "II. CÁC CHỈ TIÊU PHẤN ĐẤU TRONG NĂM 2024",
        "Phấn đấu đạt 97% hộ gia đình trên địa bàn được công nhận Gia đình văn hóa năm 2024.",
        "đưa vào sử dụng 01 nhà văn hóa.",
        "Cơ quan, đơn vị được công nhận đạt chuẩn văn hóa.",  # the goal as the plan names it, no figure
        "III. CÁC NHIỆM VỤ TRỌNG TÂM",
        "8. Tổ chức hội nghị tổng kết",
        "IV. KINH PHÍ THỰC HIỆN",
        "V. TỔ CHỨC THỰC HIỆN",
        "1. Phân công các thành viên Ban Chỉ đạo",
        "1.1. Trưởng Ban Chỉ đạo: Phụ trách chung.",
        "2. Phân công các thành viên khác",
        "Các đơn vị trường học:",
        "Nơi nhận:",
        "- Phòng VHXH huyện; (B/C)",
        "KT. TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Lê Thanh Hải",
    ]:
        assert part in text, part
    assert "Số: /KH-BCĐ" in text  # room left for the number
    assert text.count("Lưu: VP.") == 1 and "Lưu: VT." not in text  # the plan's own archive line
    assert formatting.long_date("Cao Lộc", datetime.date.today()) not in text


def test_number_and_date_are_the_plans_and_the_signature_is_not_alone_on_its_page(plan):
    plan.number, plan.issued_on = 5, datetime.date(2024, 3, 5)
    plan.save()
    data = plan_document_pdf(plan)
    text = words(pdf_text(data))
    assert "Số: 05/KH-BCĐ" in text and "Cao Lộc, ngày 05 tháng 3 năm 2024" in text
    last = words(pdf_text(data, pages_of(data)))
    # The last page carries more than Nơi nhận and the signature: the closing paragraph at least.
    assert "Lê Thanh Hải" in last and "tổ chức triển khai thực hiện có hiệu quả./." in last


def test_the_plan_page_links_its_paper_for_the_commune_not_for_a_block(plan, steering, khoi1, login):
    page = login(steering).get("/ke-hoach/2024/").content.decode()
    assert 'href="/ke-hoach/2024/van-ban.pdf"' in page
    # The targets as the plan sets them: a count, and a goal without a figure.
    assert "<strong>NVH mới</strong> ≥ 1 nhà:" in page
    assert "<strong>CQVH</strong> theo dõi (kế hoạch không đặt mức):" in page
    assert "<strong>GĐVH</strong> ≥ 97" in page
    response = login(steering).get("/ke-hoach/2024/van-ban.pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert 'filename="ke-hoach-2024.pdf"' in response["Content-Disposition"]
    assert login(khoi1).get("/ke-hoach/2024/van-ban.pdf").status_code == 403
    assert login(steering).get("/ke-hoach/2019/van-ban.pdf").status_code == 404
