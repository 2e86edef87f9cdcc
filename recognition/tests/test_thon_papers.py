"""A thôn commune's papers (issue 16, item 2): the minutes, the posting notice, the decision and the
certificates name its units and their title as Nghị định 86/2023 does for a thôn: "Trưởng thôn",
"Thôn văn hóa". Read back with pdftotext, as the town's papers are (test_papers.py)."""

import datetime

import pytest
from django.urls import reverse

from caolocculture.models import Notification, Role
from caolocculture.scope import working_in
from caolocculture.tests.url_world import build_other_commune
from recognition import services
from recognition.tests.conftest import held, sent_on
from recognition.tests.test_decision_papers import SIGNED, commune_decides, posted_dossiers
from recognition.tests.test_papers import get_pdf, text
from testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thon(plan, blocks, today):
    """Xã Bắc Sơn beside the town: thôn Nà 1–3, its officer, chairman and the trưởng thôn of Nà 1."""
    other = build_other_commune()
    commune = other["commune"]
    leader = UserFactory(username="thon1-2", role=Role.BLOCK_LEADER, commune=commune)
    other["blocks"][0].leader = leader
    other["blocks"][0].save()
    chairman = UserFactory(username="chutich-2", role=Role.CHAIRMAN, commune=commune)
    return {**other, "leader": leader, "chairman": chairman}


def test_the_minutes_and_the_notice_say_truong_thon(thon, client):
    with working_in(thon["commune"]):  # no request: the services work on this commune
        meeting = held(thon["blocks"][0], thon["leader"], ["Lò Văn Sáng", "Vi Thị Hà"])
    client.force_login(thon["leader"])
    minutes = text(get_pdf(client, reverse("recognition:paper", args=[meeting.pk, "bien-ban"])))
    for expected in [
        "UBND XÃ BẮC SƠN",
        "THÔN NÀ 1",
        "Chủ trì: Hoàng Văn Minh, Trưởng thôn.",
        "Hội nghị đã bình xét 3 hộ gia đình đang sinh sống trên địa bàn thôn,",  # its own and the two met,
    ]:
        assert expected in minutes, expected
    assert "khối" not in minutes.lower()
    notice = text(get_pdf(client, reverse("recognition:paper", args=[meeting.pk, "niem-yet"])))
    assert "xin gửi về Trưởng thôn Hoàng Văn Minh" in notice and "khối" not in notice.lower()


def test_a_gdvh_decision_tells_the_truong_thon(thon, today, client):
    with working_in(thon["commune"]):
        meeting = held(thon["blocks"][0], thon["leader"], ["Lò Văn Sáng", "Vi Thị Hà"])
        today.day = datetime.date(2024, 12, 2)
        services.meeting_submit(meeting=meeting, by=thon["leader"])
        sent_on(meeting, datetime.date(2024, 12, 2))
        services.meeting_check(meeting=meeting, by=thon["officer"])
        today.day = datetime.date(2024, 12, 3)
        decision = services.decision_issue(
            meetings=[meeting], number=7, issued_on=datetime.date(2024, 12, 3), by=thon["chairman"], **SIGNED
        )
    client.force_login(thon["officer"])
    body = text(get_pdf(client, reverse("recognition:decision_pdf", args=[decision.pk])))
    for expected in [
        "Xét đề nghị của Trưởng Thôn Nà 1 tại Văn bản đề nghị ngày 02 tháng 12 năm 2024",
        "Điều 3. Công chức Văn hóa - Xã hội, Trưởng các thôn có tên tại Điều 1 và các hộ gia đình",
        "Thôn Nà 1: 3 hộ",
    ]:
        assert expected in body, expected
    assert "khối" not in body.lower()


def test_the_unit_title_of_a_thon_is_thon_van_hoa(thon, today, client):
    commune_decides(thon["plan"], "TDPVH")
    with working_in(thon["commune"]):
        dossiers = posted_dossiers(thon["blocks"], thon["leader"], thon["officer"], n=2)
        today.day = datetime.date(2024, 12, 20)
        decision = services.block_title_decide(
            dossiers=dossiers, number=31, issued_on=datetime.date(2024, 12, 20), by=thon["chairman"], **SIGNED
        )
    told = list(Notification.objects.filter(user=thon["leader"]).values_list("text", flat=True))
    assert any("danh hiệu “Thôn văn hóa” năm 2024" in t for t in told), told
    client.force_login(thon["officer"])
    body = text(get_pdf(client, reverse("recognition:decision_pdf", args=[decision.pk])))
    for expected in [
        "Về việc tặng danh hiệu “Thôn văn hóa” năm 2024",
        "Điều 1. Tặng danh hiệu “Thôn văn hóa” năm 2024 cho 2 thôn (có danh sách kèm theo).",
        "Điều 3. Công chức Văn hóa - Xã hội và Trưởng các thôn có tên tại Điều 1",
        "DANH SÁCH THÔN ĐƯỢC TẶNG DANH HIỆU “THÔN VĂN HÓA” NĂM 2024",
        "STT Tên thôn Đơn vị hành chính",
        "1 Thôn Nà 1 xã Bắc Sơn",
        "Tổng số: 2 thôn.",
    ]:
        assert expected in body, expected
    assert "Tổ dân phố" not in body and "khối" not in body.lower()
    client.force_login(thon["leader"])
    certificate = text(get_pdf(client, reverse("recognition:certificates", args=[decision.pk, thon["blocks"][0].pk])))
    assert "ĐẠT DANH HIỆU “THÔN VĂN HÓA” NĂM 2024" in certificate
    report = text(get_pdf(client, reverse("recognition:dossier_paper", args=[dossiers[0].pk, "bao-cao-thanh-tich"])))
    assert "Đề nghị tặng danh hiệu “Thôn văn hóa” năm 2024" in report and "Trưởng thôn:" in report
