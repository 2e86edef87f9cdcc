"""The meeting's papers (minutes, proposed list, posting notice, the khối trưởng's written request)
and the Tổ dân phố văn hóa dossier's (report of achievements, council minutes, submission), read
back as text with pdftotext: heading, title, the event's date or the blank dots, the figures, the
signatures, and never a last page holding the signatures alone."""

import datetime
import re
import shutil
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns.models import AuthorityLevel, TitleAuthority
from caolocculture.pdf import render_pdf
from conftest import require_service
from recognition import dossier_papers, papers, services
from recognition.models import BlockTitleDossier, Meeting
from testing.factories import FamilyRecognitionFactory, HouseholdFactory

from .conftest import held, sent_on

pytestmark = pytest.mark.django_db

BLANK_DATE = "Cao Lộc, ngày … tháng … năm …"


def poppler(tool: str, *args: str, data: bytes) -> str:
    require_service(bool(shutil.which(tool)), f"{tool} (poppler-utils)")
    command = [tool, *args, "-", "-"] if tool == "pdftotext" else [tool, "-"]
    return subprocess.run(command, input=data, capture_output=True, check=True).stdout.decode()


def text(data: bytes) -> str:
    return " ".join(poppler("pdftotext", data=data).split())


def page_count(data: bytes) -> int:
    return int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", data=data)).group(1))


def last_page(data: bytes) -> str:
    n = str(page_count(data))
    return " ".join(poppler("pdftotext", "-f", n, "-l", n, data=data).split())


def assert_signatures_not_alone(data: bytes, *signature: str) -> None:
    """The last page holds more than the signature lines, the names and the page number."""
    rest = last_page(data)
    for line in signature:
        assert line in rest, line
        rest = rest.replace(line, " ")
    rest = re.sub(r"^\s*\d+\s", " ", f" {rest} ")  # the page number at the top
    assert len(rest.split()) > 5, f"the last page holds only the signatures: {last_page(data)!r}"


def get_pdf(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return response.content


def paper_url(meeting: Meeting, paper: str) -> str:
    return reverse("recognition:paper", args=[meeting.pk, paper])


@pytest.fixture
def posted(today, plan, blocks, khoi1):
    """Khối 1 met on 20/11/2024 at 19:30, three households, one failing; posted from 21/11/2024."""
    return held(
        blocks[0],
        khoi1,
        ["Hoàng Văn An", "Lý Thị Bình", "Nông Văn Cường"],
        failing=["Lý Thị Bình"],
        comments="Bà Hà Thị Gấm đề nghị xem lại hộ Lý Thị Bình.",
    )


# -- the minutes ------------------------------------------------------------------------------


def test_the_minutes_print_the_end_time_entered_on_the_meeting_page(login, khoi1, khoi2, posted):
    client = login(khoi1)
    page = client.get(reverse("recognition:meeting", args=[posted.pk])).content.decode()
    assert 'id="meeting-end"' in page and 'type="time"' in page
    body = text(get_pdf(client, paper_url(posted, "bien-ban")))
    assert "Cuộc họp kết thúc vào hồi ….. giờ ….. phút cùng ngày" in body  # not entered yet

    posted.refresh_from_db()
    version = posted.version
    response = client.post(reverse("recognition:end", args=[posted.pk]), {"ended_at": "21:30"})
    assert response.status_code == 302
    posted.refresh_from_db()
    assert posted.ended_at == datetime.time(21, 30)
    assert posted.version == version  # not a change to the results: no phone is told its copy is stale
    page = client.get(reverse("recognition:meeting", args=[posted.pk])).content.decode()
    assert 'id="id_end_ended_at" value="21:30"' in page
    assert posted.history.latest().history_user == khoi1
    pdf = get_pdf(client, paper_url(posted, "bien-ban"))
    body = text(pdf)
    for expected in [
        "UBND THỊ TRẤN CAO LỘC",
        "KHỐI 1",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Cao Lộc, ngày 20 tháng 11 năm 2024",
        "BIÊN BẢN",
        "Họp bình xét danh hiệu “Gia đình văn hóa” năm 2024",
        "vào hồi 19 giờ 30 phút, ngày 20 tháng 11 năm 2024",
        "Chủ trì: Hoàng Văn Minh, Trưởng khối",
        "Số người được mời: 40; số người có mặt: 30",
        "Hộ được đề nghị xét tặng khi có trên một nửa số người dự họp tán thành",
        "Số hộ được đề nghị xét tặng danh hiệu “Gia đình văn hóa” năm 2024: 2/3 hộ. Số hộ không đạt: 1 hộ.",
        "Cuộc họp kết thúc vào hồi 21 giờ 30 phút cùng ngày",
    ]:
        assert expected in body, expected
    assert "công nhận" not in body  # the meeting only proposes
    assert "Khối 1 – Khối 1" not in body and "Khối 1, Khối 1" not in body
    assert_signatures_not_alone(pdf, "THƯ KÝ", "CHỦ TRÌ", "Lý Thị Hoa", "Hoàng Văn Minh")

    # Another block's leader reaches neither the time nor the paper.
    other = login(khoi2)
    assert other.post(reverse("recognition:end", args=[posted.pk]), {"ended_at": "22:00"}).status_code == 404
    assert other.get(paper_url(posted, "bien-ban")).status_code == 404


def test_an_end_before_the_start_or_after_sending_is_refused(login, today, khoi1, posted):
    client = login(khoi1)
    response = client.post(reverse("recognition:end", args=[posted.pk]), {"ended_at": "19:00"}, follow=True)
    assert "Giờ kết thúc (19:00) phải sau giờ bắt đầu họp (19:30), trong cùng ngày." in response.content.decode()
    response = client.post(reverse("recognition:end", args=[posted.pk]), {"ended_at": "9 rưỡi"}, follow=True)
    assert "Giờ kết thúc không hợp lệ: nhập giờ và phút, ví dụ 21:30." in response.content.decode()
    posted.refresh_from_db()
    assert posted.ended_at is None
    today.day = datetime.date(2024, 12, 2)
    services.meeting_submit(meeting=posted, by=khoi1)
    response = client.post(reverse("recognition:end", args=[posted.pk]), {"ended_at": "21:00"}, follow=True)
    assert "Hồ sơ đã gửi: không sửa được giờ kết thúc cuộc họp." in response.content.decode()
    posted.refresh_from_db()
    assert posted.ended_at is None


def test_posting_the_list_closes_the_meeting_with_its_end_time(login, today, plan, blocks, khoi1):
    meeting = held(blocks[0], khoi1, ["Hoàng Văn An"], post=False)
    response = login(khoi1).post(
        reverse("recognition:post", args=[meeting.pk]), {"starts_on": "21/11/2024", "ended_at": "21:15"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.ended_at) == (Meeting.Status.POSTED, datetime.time(21, 15))


def test_the_signatures_of_the_minutes_never_stand_alone_on_a_page(posted):
    """However long the list, the result, the end time and the signatures move as one block: every
    length around a page break (found coarsely, then row by row) ends on a page holding all three."""
    context = papers.minutes_context(posted)
    rows = context["sheet"] * 20

    def pages_for(n: int) -> int:
        pdf = render_pdf("pdf/minutes.html", {**context, "sheet": rows[:n]})
        ending = last_page(pdf)
        assert "Cuộc họp kết thúc vào hồi" in ending and "THƯ KÝ" in ending and "CHỦ TRÌ" in ending, n
        return page_count(pdf)

    coarse = {n: pages_for(n) for n in range(1, 50, 6)}
    breaks = [n for n in coarse if n + 6 in coarse and coarse[n] != coarse[n + 6]]
    assert breaks  # the list grew over a page break
    for n in breaks:
        for m in range(n + 1, n + 6):
            pages_for(m)


# -- the proposed list and the posting notice ------------------------------------------------


def test_the_proposed_list_is_dated_from_its_posting(login, khoi1, posted):
    pdf = get_pdf(login(khoi1), paper_url(posted, "danh-sach"))
    body = text(pdf)
    for expected in [
        "UBND THỊ TRẤN CAO LỘC",
        "KHỐI 1",
        "Cao Lộc, ngày 21 tháng 11 năm 2024",
        "DANH SÁCH",
        "Hộ gia đình được đề nghị xét tặng danh hiệu “Gia đình văn hóa” năm 2024",
        "(Kèm theo Biên bản họp bình xét ngày 20/11/2024 của Khối 1)",
        "Hoàng Văn An",
        "Nông Văn Cường",
        "Tổng số: 2 hộ gia đình được đề nghị xét tặng.",
        "Bà Hà Thị Gấm đề nghị xem lại hộ Lý Thị Bình.",
    ]:
        assert expected in body, expected
    assert "Lý Thị Bình K01" not in body  # not proposed: only named in the comment
    assert_signatures_not_alone(pdf, "TRƯỞNG KHỐI", "Hoàng Văn Minh")


def test_an_unposted_list_leaves_its_date_blank(login, today, plan, blocks, khoi1):
    meeting = held(blocks[0], khoi1, ["Hoàng Văn An"], post=False)
    body = text(get_pdf(login(khoi1), paper_url(meeting, "danh-sach")))
    assert BLANK_DATE in body and "năm 2024 Cao Lộc" not in body
    assert login(khoi1).get(paper_url(meeting, "niem-yet")).status_code == 404
    assert login(khoi1).get(paper_url(meeting, "de-nghi")).status_code == 404  # nothing to request yet
    # Built anyway (a gallery, a Word copy), it leaves the posting's days to fill by hand.
    body = text(dossier_papers.written_request_pdf(meeting))
    assert "từ ngày …/…/… đến hết ngày …/…/…" in body and BLANK_DATE in body


def test_the_posting_notice(login, khoi1, posted):
    pdf = get_pdf(login(khoi1), paper_url(posted, "niem-yet"))
    body = text(pdf)
    for expected in [
        "Cao Lộc, ngày 21 tháng 11 năm 2024",
        "THÔNG BÁO",
        "Niêm yết công khai danh sách hộ gia đình được đề nghị xét tặng danh hiệu “Gia đình văn hóa” năm 2024",
        "danh sách 2 hộ gia đình được đề nghị xét tặng",
        "10 ngày, từ ngày 21/11/2024 đến hết ngày 30/11/2024",
        "Ủy ban nhân dân thị trấn Cao Lộc",
    ]:
        assert expected in body, expected
    assert_signatures_not_alone(pdf, "TRƯỞNG KHỐI", "Hoàng Văn Minh")


# -- the written request -----------------------------------------------------------------------


def test_the_written_request_is_dated_from_the_sending(login, today, officer, khoi1, khoi2, posted):
    client = login(khoi1)
    assert BLANK_DATE in text(get_pdf(client, paper_url(posted, "de-nghi")))  # not sent yet
    today.day = datetime.date(2024, 12, 2)
    services.meeting_submit(meeting=posted, by=khoi1)
    sent_on(posted, datetime.date(2024, 12, 2))

    page = client.get(reverse("recognition:meeting", args=[posted.pk])).content.decode()
    assert paper_url(posted, "de-nghi") in page
    pdf = get_pdf(client, paper_url(posted, "de-nghi"))
    body = text(pdf)
    for expected in [
        "UBND THỊ TRẤN CAO LỘC",
        "KHỐI 1",
        "Cao Lộc, ngày 02 tháng 12 năm 2024",
        "VĂN BẢN ĐỀ NGHỊ",
        "Xét tặng danh hiệu “Gia đình văn hóa” năm 2024",
        "Kính gửi: Chủ tịch Ủy ban nhân dân thị trấn Cao Lộc.",
        "Căn cứ Nghị định số 86/2023/NĐ-CP ngày 07 tháng 12 năm 2023",
        "Căn cứ kết quả họp bình xét của Khối 1 ngày 20/11/2024 và kết quả niêm yết công khai danh sách "
        "từ ngày 21/11/2024 đến hết ngày 30/11/2024",
        "có 30/40 người được mời dự họp",
        "bình xét 3 hộ gia đình",
        "Kết quả: 2 hộ đủ tiêu chuẩn, được đề nghị xét tặng; 1 hộ không đạt.",
        "Ý kiến nhận được: Bà Hà Thị Gấm đề nghị xem lại hộ Lý Thị Bình.",
        "tặng danh hiệu “Gia đình văn hóa” năm 2024 cho 2 hộ gia đình",
        "Nơi nhận:",
    ]:
        assert expected in body, expected
    assert "Luật Tổ chức chính quyền địa phương" not in body  # the chairman's power, not the block's basis
    assert_signatures_not_alone(pdf, "TRƯỞNG KHỐI", "Hoàng Văn Minh")
    assert get_pdf(login(officer), paper_url(posted, "de-nghi")) is not None
    assert login(khoi2).get(paper_url(posted, "de-nghi")).status_code == 404


def test_the_meeting_pages_say_the_meeting_proposes(login, khoi1, posted):
    page = login(khoi1).get(reverse("recognition:meeting", args=[posted.pk])).content.decode()
    assert "Hộ được đề nghị xét tặng khi có trên một nửa số người dự họp tán thành" in page
    assert "công nhận" not in page.replace("Giấy công nhận", "")


# -- Tổ dân phố văn hóa ---------------------------------------------------------------------


@pytest.fixture
def dossiers(today, plan, blocks, khoi1, khoi2, officer):
    """Khối 1 and 2 report on 28/11/2024; the council meets on 03/12/2024, proposes Khối 1 and
    not Khối 2; Khối 1 is posted from 04/12/2024 and submitted on 16/12/2024."""
    today.day = datetime.date(2024, 12, 16)
    first = services.block_title_report(
        block=blocks[0],
        year=2024,
        by=khoi1,
        reported_on=datetime.date(2024, 11, 28),
        achievements="Kinh tế ổn định, không phát sinh hộ nghèo.\nNhà văn hóa khối sinh hoạt thường xuyên.",
    )
    second = services.block_title_report(
        block=blocks[1], year=2024, by=khoi2, reported_on=datetime.date(2024, 11, 28), achievements="Giữ vững an ninh."
    )
    members = "Ông Hoàng Văn Tùng – Chủ tịch UBND thị trấn, Chủ tịch Hội đồng\n- Bà Lý Thị Mai – Thư ký Hội đồng\n -\n"
    for dossier, propose, opinion in ((first, True, "Đạt đủ 5 tiêu chuẩn."), (second, False, "Còn rác thải.")):
        services.block_title_review(
            dossier=dossier,
            propose=propose,
            opinion=opinion,
            by=officer,
            council_met_on=datetime.date(2024, 12, 3),
            council_members=members,
        )
    services.block_title_post(dossier=first, starts_on=datetime.date(2024, 12, 4), by=officer)
    services.block_title_submit(dossier=first, submitted_on=datetime.date(2024, 12, 16), by=officer)
    first.refresh_from_db()
    second.refresh_from_db()
    return first, second


def dossier_url(dossier: BlockTitleDossier, paper: str) -> str:
    return reverse("recognition:dossier_paper", args=[dossier.pk, paper])


def test_the_report_of_achievements(login, khoi1, khoi2, officer, blocks, dossiers):
    first, _second = dossiers
    # Four households living there at the report's date, three holding Gia đình văn hóa 2024;
    # one moved away before it counts for nothing.
    for i in range(4):
        household = HouseholdFactory(block=blocks[0], code=f"K01-10{i}")
        if i:
            FamilyRecognitionFactory(household=household)
    HouseholdFactory(block=blocks[0], code="K01-199", moved_out_on=datetime.date(2024, 6, 1))
    pdf = get_pdf(login(khoi1), dossier_url(first, "bao-cao-thanh-tich"))
    body = text(pdf)
    for expected in [
        "UBND THỊ TRẤN CAO LỘC",
        "KHỐI 1",
        "Cao Lộc, ngày 28 tháng 11 năm 2024",
        "BÁO CÁO THÀNH TÍCH",
        "Đề nghị tặng danh hiệu “Tổ dân phố văn hóa” năm 2024",
        "Tên khối phố: Khối 1, thị trấn Cao Lộc",
        "Số hộ gia đình: 4 hộ; số hộ được tặng danh hiệu “Gia đình văn hóa” năm 2024: 3 hộ (75,00 %)",
        "Kinh tế ổn định, không phát sinh hộ nghèo.",
        "Nhà văn hóa khối sinh hoạt thường xuyên.",
        # 2024: the district chairman decides (the seed plan); the commune proposes.
        "đề nghị Chủ tịch Ủy ban nhân dân huyện Cao Lộc tặng danh hiệu “Tổ dân phố văn hóa” năm 2024 cho Khối 1",
    ]:
        assert expected in body, expected
    assert_signatures_not_alone(pdf, "TRƯỞNG KHỐI")
    assert login(khoi2).get(dossier_url(first, "bao-cao-thanh-tich")).status_code == 404
    assert get_pdf(login(officer), dossier_url(first, "bao-cao-thanh-tich"))


def test_the_council_minutes(login, khoi1, khoi2, officer, dossiers):
    first, second = dossiers
    pdf = get_pdf(login(officer), dossier_url(second, "bien-ban-hoi-dong"))
    body = text(pdf)
    for expected in [
        "UBND THỊ TRẤN CAO LỘC",
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "Cao Lộc, ngày 03 tháng 12 năm 2024",
        "BIÊN BẢN",
        "Họp Hội đồng Thi đua - Khen thưởng xét đề nghị tặng danh hiệu “Tổ dân phố văn hóa” năm 2024",
        "Hôm nay, ngày 03 tháng 12 năm 2024, tại trụ sở Ủy ban nhân dân thị trấn Cao Lộc",
        "I. Thành phần dự họp - Ông Hoàng Văn Tùng – Chủ tịch UBND thị trấn, Chủ tịch Hội đồng "
        "- Bà Lý Thị Mai – Thư ký Hội đồng II. Nội dung",  # one dash each, whatever was typed
        "báo cáo thành tích của 2 khối phố",
        "Khối 1 Đạt đủ 5 tiêu chuẩn. Đề nghị xét tặng",
        "Khối 2 Còn rác thải. Không đề nghị",
        "Hội đồng thống nhất đề nghị Chủ tịch Ủy ban nhân dân huyện Cao Lộc tặng danh hiệu “Tổ dân phố văn hóa” "
        "năm 2024 cho 1 khối phố: Khối 1.",
    ]:
        assert expected in body, expected
    assert_signatures_not_alone(pdf, "THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG")
    # The commune's paper: a khối trưởng prints their report, not the council's minutes.
    assert login(khoi1).get(dossier_url(first, "bien-ban-hoi-dong")).status_code == 403
    assert login(khoi2).get(dossier_url(first, "bien-ban-hoi-dong")).status_code == 404


def test_the_submission_to_the_district_chairman(login, officer, khoi1, dossiers):
    first, second = dossiers
    pdf = get_pdf(login(officer), dossier_url(first, "to-trinh"))
    body = text(pdf)
    for expected in [
        "ỦY BAN NHÂN DÂN THỊ TRẤN CAO LỘC",
        "Cao Lộc, ngày 16 tháng 12 năm 2024",
        "TỜ TRÌNH",
        "Đề nghị tặng danh hiệu “Tổ dân phố văn hóa” năm 2024",
        "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Cao Lộc.",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng thị trấn Cao Lộc ngày 03/12/2024",
        "Ủy ban nhân dân thị trấn Cao Lộc kính trình Chủ tịch Ủy ban nhân dân huyện Cao Lộc xem xét, tặng danh hiệu "
        "“Tổ dân phố văn hóa” năm 2024 cho 1 khối phố",
        "10 ngày, từ ngày 04/12/2024",
        "Nơi nhận:",
    ]:
        assert expected in body, expected
    assert "UBND THỊ TRẤN CAO LỘC" not in body  # the committee's own paper: its name in full
    assert re.search(r"Số:\s+/TTr-UBND", poppler("pdftotext", "-layout", data=pdf))  # the number left to fill
    assert "Khối 2" not in body  # not proposed
    assert_signatures_not_alone(pdf, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert login(officer).get(dossier_url(second, "to-trinh")).status_code == 404  # not proposed: no submission
    assert login(khoi1).get(dossier_url(first, "to-trinh")).status_code == 403


def test_the_submission_to_the_commune_chairman_is_the_officers(login, plan, officer, dossiers):
    first, _second = dossiers
    TitleAuthority.objects.filter(plan=plan, title="TDPVH").update(level=AuthorityLevel.COMMUNE_CHAIRMAN, body="")
    pdf = get_pdf(login(officer), dossier_url(first, "to-trinh"))
    body = text(pdf)
    for expected in [
        "UBND THỊ TRẤN CAO LỘC",
        "CÔNG CHỨC VĂN HÓA - XÃ HỘI",
        "Kính gửi: Chủ tịch Ủy ban nhân dân thị trấn Cao Lộc.",
        "Công chức Văn hóa - Xã hội kính trình Chủ tịch Ủy ban nhân dân thị trấn Cao Lộc",
        officer.get_full_name(),
    ]:
        assert expected in body, expected
    assert "TM. ỦY BAN NHÂN DÂN" not in body
    assert "Luật Tổ chức chính quyền địa phương" not in body and "Căn cứ Nghị định số 86/2023/NĐ-CP" in body
    assert re.search(r"Số:\s+/TTr-VHXH", poppler("pdftotext", "-layout", data=pdf))
    assert_signatures_not_alone(pdf, "CÔNG CHỨC VĂN HÓA - XÃ HỘI", officer.get_full_name())


def test_dossier_days_not_entered_print_blank(login, today, plan, blocks, khoi1, officer):
    today.day = datetime.date(2024, 12, 5)
    dossier = services.block_title_report(block=blocks[0], year=2024, by=khoi1, achievements="Giữ vững an ninh.")
    assert dossier.reported_on is None  # not given: never the day it is printed
    client = login(officer)
    assert BLANK_DATE in text(get_pdf(client, dossier_url(dossier, "bao-cao-thanh-tich")))
    assert client.get(dossier_url(dossier, "bien-ban-hoi-dong")).status_code == 404  # the council has not met
    services.block_title_review(dossier=dossier, propose=True, opinion="", by=officer)
    body = text(get_pdf(client, dossier_url(dossier, "bien-ban-hoi-dong")))
    assert BLANK_DATE in body and "Hôm nay, ngày … tháng … năm …" in body
    body = text(get_pdf(client, dossier_url(dossier, "to-trinh")))
    assert BLANK_DATE in body and "Thi đua - Khen thưởng thị trấn Cao Lộc ngày … tháng … năm …" in body


def test_the_dossier_days_are_checked(today, plan, blocks, khoi1, officer):
    today.day = datetime.date(2024, 12, 5)
    with pytest.raises(ValidationError, match="Ngày báo cáo thành tích 06/12/2024 chưa tới"):
        services.block_title_report(
            block=blocks[0], year=2024, by=khoi1, achievements="…", reported_on=datetime.date(2024, 12, 6)
        )
    dossier = services.block_title_report(
        block=blocks[0], year=2024, by=khoi1, achievements="…", reported_on=datetime.date(2024, 11, 28)
    )
    with pytest.raises(ValidationError, match=r"trước ngày khối báo cáo thành tích \(28/11/2024\)"):
        services.block_title_review(
            dossier=dossier, propose=True, opinion="", by=officer, council_met_on=datetime.date(2024, 11, 27)
        )
    services.block_title_review(
        dossier=dossier, propose=True, opinion="", by=officer, council_met_on=datetime.date(2024, 12, 2)
    )
    services.block_title_post(dossier=dossier, starts_on=datetime.date(2024, 12, 3), by=officer)
    today.day = datetime.date(2024, 12, 20)
    with pytest.raises(ValidationError, match="lập từ ngày 13/12/2024, khi đã hết thời gian niêm yết"):
        services.block_title_submit(dossier=dossier, submitted_on=datetime.date(2024, 12, 12), by=officer)
    with pytest.raises(PermissionDenied):
        services.block_title_submit(dossier=dossier, submitted_on=datetime.date(2024, 12, 13), by=khoi1)
    services.block_title_submit(dossier=dossier, submitted_on=datetime.date(2024, 12, 13), by=officer)
    dossier.refresh_from_db()
    assert dossier.submitted_on == datetime.date(2024, 12, 13)
    assert dossier.history.latest().history_user == officer


def test_the_titles_page_takes_the_days_and_links_the_papers(login, today, plan, blocks, khoi1, officer):
    today.day = datetime.date(2024, 12, 20)
    client = login(khoi1)
    page = client.get(reverse("recognition:titles") + "?year=2024").content.decode()
    assert 'name="reported_on" value="20/12/2024"' in page  # today's offered, to change if need be
    client.post(
        reverse("recognition:block_report", args=[blocks[0].pk]) + "?year=2024",
        {"achievements": "Giữ vững an ninh.", "reported_on": "28/11/2024"},
    )
    dossier = BlockTitleDossier.objects.get(block=blocks[0], year=2024)
    assert dossier.reported_on == datetime.date(2024, 11, 28)
    page = client.get(reverse("recognition:titles") + "?year=2024").content.decode()
    assert dossier_url(dossier, "bao-cao-thanh-tich") in page
    assert 'name="reported_on" value="28/11/2024"' in page
    assert dossier_url(dossier, "bien-ban-hoi-dong") not in page  # not the khối trưởng's paper

    client = login(officer)
    client.post(
        reverse("recognition:block_dossier_step", args=[dossier.pk, "xet"]),
        {"propose": "1", "opinion": "Đủ tiêu chuẩn", "council_met_on": "03/12/2024", "council_members": "A\nB"},
    )
    client.post(reverse("recognition:block_dossier_step", args=[dossier.pk, "niem-yet"]), {"starts_on": "04/12/2024"})
    response = client.post(
        reverse("recognition:block_dossier_step", args=[dossier.pk, "to-trinh"]), {"submitted_on": "16/13/2024"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.submitted_on is None  # refused: no 13th month
    client.post(
        reverse("recognition:block_dossier_step", args=[dossier.pk, "to-trinh"]), {"submitted_on": "16/12/2024"}
    )
    dossier.refresh_from_db()
    assert (dossier.council_met_on, dossier.council_members, dossier.submitted_on) == (
        datetime.date(2024, 12, 3),
        "A\nB",
        datetime.date(2024, 12, 16),
    )
    page = client.get(reverse("recognition:titles") + "?year=2024").content.decode()
    for paper in ("bao-cao-thanh-tich", "bien-ban-hoi-dong", "to-trinh"):
        assert dossier_url(dossier, paper) in page, paper
    assert "Hội đồng họp 03/12/2024" in page and "tờ trình 16/12/2024" in page
    assert "Hội đồng Thi đua - Khen thưởng đã xét, đề nghị xét tặng" not in page  # posted now
    assert "Đang niêm yết" in page
