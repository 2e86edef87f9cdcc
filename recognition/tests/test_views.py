import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from recognition import services
from recognition.models import Meeting, MeetingResult
from testing.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(plan, blocks, khoi1):
    HouseholdFactory.create_batch(3, block=blocks[0])
    meeting, _ = services.meeting_open(
        block=blocks[0],
        year=2024,
        by=khoi1,
        held_at=timezone.make_aware(datetime.datetime(2024, 11, 20, 19)),
        place="Nhà văn hóa",
        chair="Hoàng Văn Minh",
        secretary="Lý Thị Hoa",
        invited=40,
        present=30,
    )
    return meeting


def post_result(client, meeting, **data):
    return client.post(
        reverse("recognition:result", args=[meeting.pk]), json.dumps(data), content_type="application/json"
    )


def test_a_block_leader_opens_the_meeting(login, khoi1, plan, blocks):
    client = login(khoi1)
    page = client.get(reverse("recognition:block", args=[blocks[0].pk])).content.decode()
    assert "Họp bình xét Khối 1 năm 2024" in page
    response = client.post(
        reverse("recognition:block", args=[blocks[0].pk]),
        {
            "held_at": "2024-11-28T19:30",
            "place": "Nhà văn hóa Khối 1",
            "chair": "A",
            "secretary": "B",
            "attendees": "",
            "invited": 40,
            "present": 41,
        },
    )
    assert "Số người có mặt không thể nhiều hơn số người được mời." in response.content.decode()
    response = client.post(
        reverse("recognition:block", args=[blocks[0].pk]),
        {
            "held_at": "2024-11-28T19:30",
            "place": "Nhà văn hóa Khối 1",
            "chair": "A",
            "secretary": "B",
            "attendees": "",
            "invited": 40,
            "present": 30,
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Cuộc họp sau hạn 25/11/2024 của năm." in html  # allowed, with a warning
    assert "Hộ được đề nghị xét tặng khi có trên một nửa số người dự họp tán thành" in html
    assert "cần ít nhất 16 phiếu tán thành" in html
    assert login(khoi1).get(reverse("recognition:block", args=[blocks[1].pk])).status_code == 404


def test_results_are_saved_one_by_one_as_json(login, khoi1, meeting):
    client = login(khoi1)
    household = meeting.block.households.first()
    response = post_result(client, meeting, household=household.pk, agreed=20, version=meeting.version)
    data = response.json()
    assert (data["passed"], data["totals"]) == (
        True,
        {"passed": 1, "failed": 0, "excluded": 0, "entered": 1, "households": 3, "pending": 2},
    )
    assert data["version"] == meeting.version + 1

    too_many = post_result(client, meeting, household=household.pk, agreed=31, version=data["version"])
    assert too_many.status_code == 400
    assert too_many.json()["error"] == "Số người tán thành (31) không thể nhiều hơn số người có mặt (30)."
    stale = post_result(client, meeting, household=household.pk, agreed=10, version=meeting.version)
    assert (stale.status_code, stale.json()["error"]) == (
        409,
        "Cuộc họp vừa được người khác sửa. Hãy tải lại trang để xem bản mới nhất.",
    )
    not_a_number = post_result(client, meeting, household=household.pk, agreed="mười")
    assert (not_a_number.status_code, not_a_number.json()["error"]) == (
        400,
        '"mười" không phải số nguyên. Viết số như 1.234 hoặc 1234.',
    )
    assert MeetingResult.objects.get().agreed == 20


def test_nobody_else_writes_a_blocks_results(login, khoi2, steering, chairman, meeting):
    household = meeting.block.households.first()
    assert post_result(login(khoi2), meeting, household=household.pk, agreed=20).status_code == 404
    assert login(khoi2).get(reverse("recognition:meeting", args=[meeting.pk])).status_code == 404
    for user in (steering, chairman):
        client = login(user)
        assert client.get(reverse("recognition:meeting", args=[meeting.pk])).status_code == 200
        assert post_result(client, meeting, household=household.pk, agreed=20).status_code == 404
    assert not MeetingResult.objects.exists()


def test_the_meeting_page_stays_flat_for_a_big_block(login, khoi1, meeting, django_assert_num_queries):
    client = login(khoi1)
    url = reverse("recognition:meeting", args=[meeting.pk])
    # session, user, meeting, led blocks, results (with their cases), households, the cases offered
    # for "Không xét", posting, the commune's unit words; the totals are counted from the sheet already read
    with django_assert_num_queries(9):
        client.get(url)
    HouseholdFactory.create_batch(60, block=meeting.block)
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.content.decode().count("data-agreed") == 63


def test_the_dossier_through_the_pages(login, khoi1, officer, chairman, meeting):
    for household in meeting.block.households.all():
        services.meeting_result_record(meeting=meeting, household=household, agreed=25, by=khoi1)
    client = login(khoi1)
    client.post(reverse("recognition:post", args=[meeting.pk]), {"starts_on": "2024-11-21", "place": "Nhà văn hóa"})
    client.post(reverse("recognition:submit", args=[meeting.pk]))
    login(officer).post(reverse("recognition:check", args=[meeting.pk]))
    client = login(chairman)
    early = client.post(
        reverse("recognition:decision_new"),
        {
            "meetings": [meeting.pk],
            "number": 12,
            "symbol": "QĐ-UBND",
            "issued_on": "2024-11-30",
            "signer_name": "Lê Thanh Hải",
            "signer_title": "PHÓ CHỦ TỊCH",
            "confirmed": "1",  # what the page's dialog adds on "Ký quyết định"
        },
    )
    assert "chưa ra quyết định được trước ngày 01/12/2024" in early.content.decode()
    client.post(
        reverse("recognition:decision_new"),
        {
            "meetings": [meeting.pk],
            "number": 12,
            "symbol": "QĐ-UBND",
            "issued_on": "2024-12-02",
            "signer_name": "Lê Thanh Hải",
            "signer_title": "PHÓ CHỦ TỊCH",
            "confirmed": "1",  # what the page's dialog adds on "Ký quyết định"
        },
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DECIDED and meeting.decision.number == 12
    assert login(khoi1).get(reverse("recognition:decision_new")).status_code == 403


def test_whole_block_registration_in_one_step_shown_on_the_lists(login, khoi1, khoi2, plan, blocks):
    HouseholdFactory.create_batch(4, block=blocks[0])
    client = login(khoi1)
    client.post(reverse("recognition:register_block", args=[blocks[0].pk]))
    page = client.get(reverse("households:block", args=[blocks[0].pk])).content.decode()
    assert "Đã đăng ký Gia đình văn hóa: 4/4 hộ." in page
    rows = client.get(reverse("households:list")).context["table"].page.object_list
    assert [row.record.registered for row in rows] == [True] * 4
    assert login(khoi2).post(reverse("recognition:register_block", args=[blocks[0].pk])).status_code == 404


def test_comments_received_during_the_posting(login, khoi1, meeting):
    for household in meeting.block.households.all():
        services.meeting_result_record(meeting=meeting, household=household, agreed=25, by=khoi1)
    client = login(khoi1)
    client.post(reverse("recognition:post", args=[meeting.pk]), {"starts_on": "2024-11-21"})
    client.post(reverse("recognition:comments", args=[meeting.pk]), {"comments": "Không có ý kiến khác."})
    meeting.refresh_from_db()
    assert meeting.posting.comments == "Không có ý kiến khác."
