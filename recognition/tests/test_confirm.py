"""Issue 14, items 5 and 6: nothing signed blind, no dossier before the posting closes, the
chairman's deadline tracked, and last year's work reachable after the plan is copied."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from campaigns.services import plan_copy_to_next_year
from caolocculture.models import Position
from recognition import services
from recognition.models import Decision, Meeting
from recognition.tests.conftest import held, sent_on
from recognition.tests.test_papers import get_pdf, text
from reports.selectors import due_for
from testing.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


# -- item 5: the dossier waits for the posting to close ----------------------------------


def test_the_dossier_is_sent_only_once_the_posting_has_closed(today, login, khoi1, blocks):
    meeting = held(blocks[0], khoi1, ["Hoàng Văn An", "Lý Thị Bình"])  # 10 days from 21/11: to 30/11
    today.day = datetime.date(2024, 11, 30)
    with pytest.raises(ValidationError) as refused:
        services.meeting_submit(meeting=meeting, by=khoi1)
    assert refused.value.messages == ["Danh sách niêm yết đến hết ngày 30/11/2024: gửi hồ sơ được từ ngày 01/12/2024."]

    client = login(khoi1)
    url = reverse("recognition:meeting", args=[meeting.pk])
    html = client.get(url).content.decode()
    assert (
        '<button class="btn btn-success w-100 mb-3" type="button" disabled>Gửi hồ sơ lên UBND (từ ngày 01/12/2024)'
        "</button>" in html
    )
    assert reverse("recognition:submit", args=[meeting.pk]) not in html
    response = client.post(reverse("recognition:submit", args=[meeting.pk]), follow=True)
    assert "gửi hồ sơ được từ ngày 01/12/2024." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.POSTED

    today.day = datetime.date(2024, 12, 1)
    html = client.get(url).content.decode()
    assert "disabled>Gửi hồ sơ" not in html
    assert (
        'data-confirm="Gửi hồ sơ bình xét năm 2024 của Khối 1 lên UBND: 2 hộ được đề nghị xét tặng, 0 hộ không đạt, '
        'kèm ý kiến đã lưu? Sau khi gửi, khối không sửa được hồ sơ (trừ khi bị trả lại)."' in html
    )
    client.post(reverse("recognition:submit", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SUBMITTED


# -- item 5: the decision form says what will be signed ----------------------------------


def test_the_decision_form_shows_each_blocks_proposal(two_dossiers, login, chairman, django_assert_num_queries):
    first, second = two_dossiers
    client = login(chairman)
    url = reverse("recognition:decision_new")
    # session, user, plan years, checked dossiers with their block and posting, the proposed households;
    # the commune and the year's authority for the signer's title (this chairman's profile has no position),
    # the commune's unit words
    with django_assert_num_queries(8):
        html = client.get(url).content.decode()
    for expected in [
        f'data-count="2" checked>\n        <label class="form-check-label" for="m{first.pk}"><strong>Khối 1</strong>: '
        "<span data-proposed>2 hộ được đề nghị xét tặng</span>",
        "Niêm yết 10 ngày, từ 21/11/2024 đến hết 30/11/2024 · Nhà văn hóa",
        "Không có ý kiến nào trong thời gian niêm yết.",
        "<summary>Xem danh sách 2 hộ</summary>",
        '<li>Hoàng Văn An <span class="text-muted">K01-001</span></li>'
        '<li>Nông Văn Cường <span class="text-muted">K01-003</span></li>',
        f'data-count="2" checked>\n        <label class="form-check-label" for="m{second.pk}"><strong>Khối 2</strong>: '
        "<span data-proposed>2 hộ được đề nghị xét tặng</span>",
        "Niêm yết 10 ngày, từ 22/11/2024 đến hết 01/12/2024 · Nhà văn hóa",
        "<strong>Ý kiến nhận được:</strong> Bà Hà Thị Gấm đề nghị xem lại hộ Vi Văn Em.",
        '<p class="fw-semibold mb-0" id="decision-total">Tổng cộng: 4 hộ của 2 khối.</p>',
        'data-confirm="Ký quyết định tặng danh hiệu Gia đình văn hóa năm 2024 cho {sum:meetings} hộ của '
        '{checked:meetings} khối? Quyết định đã ghi không sửa được."',
        # Without JavaScript: the same figures beside a check box the form needs.
        "Ký quyết định tặng danh hiệu Gia đình văn hóa năm 2024 cho 4 hộ của 2 khối (các hồ sơ đã chọn).",
    ]:
        assert expected in html, expected
    assert "Lý Thị Bình" not in html  # not proposed

    HouseholdFactory.create_batch(30, block=first.block)  # the page stays flat as blocks grow
    with django_assert_num_queries(8):
        client.get(url)


def test_nothing_is_signed_without_the_confirmation(two_dossiers, login, chairman):
    first, second = two_dossiers
    data = {
        "meetings": [first.pk, second.pk],
        "number": "7",
        "symbol": "QĐ-UBND",
        "issued_on": "2024-12-02",
        "signer_name": "Nguyễn Văn An",
        "signer_title": "CHỦ TỊCH",
    }
    client = login(chairman)
    response = client.post(reverse("recognition:decision_new"), data)
    assert response.status_code == 400
    assert "Hãy xác nhận trước khi ghi nhận quyết định." in response.content.decode()
    assert not Decision.objects.exists()

    response = client.post(reverse("recognition:decision_new"), {**data, "confirmed": "1"})
    assert response.status_code == 302
    assert Decision.objects.get().recognitions.count() == 4


@pytest.mark.parametrize(
    ("position", "value", "preview", "signature"),
    [
        (Position.CHAIRMAN, "CHỦ TỊCH", "CHỦ TỊCH", "Lưu: VT. CHỦ TỊCH Nguyễn Văn An"),
        (
            Position.VICE_CHAIRMAN,
            "PHÓ CHỦ TỊCH",
            "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
            "Lưu: VT. KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn An",
        ),
    ],
)
def test_the_signer_comes_from_the_profile(two_dossiers, login, chairman, position, value, preview, signature):
    chairman.position = position
    chairman.save()
    client = login(chairman)
    html = client.get(reverse("recognition:decision_new")).content.decode()
    assert 'name="signer_name" value="Nguyễn Văn An"' in html
    assert f'name="signer_title" value="{value}"' in html
    assert f"Ký trên văn bản: <strong>{preview}</strong>" in html

    response = client.post(
        reverse("recognition:decision_new"),
        {
            "meetings": [m.pk for m in two_dossiers],
            "number": "7",
            "symbol": "QĐ-UBND",
            "issued_on": "2024-12-02",
            "signer_name": "Nguyễn Văn An",
            "signer_title": value,
            "confirmed": "1",
        },
    )
    assert response.status_code == 302
    body = text(get_pdf(client, reverse("recognition:decision_pdf", args=[Decision.objects.get().pk])))
    assert signature in body
    assert "TM. ỦY BAN NHÂN DÂN" not in body  # the chairman decides in his own name


def test_a_vice_chairman_is_never_offered_the_chairmans_title(two_dossiers, login, chairman):
    chairman.position = ""  # no position recorded yet: nothing is guessed
    chairman.save()
    html = login(chairman).get(reverse("recognition:decision_new")).content.decode()
    assert 'value="CHỦ TỊCH"' not in html
    assert "tài khoản chưa ghi chức vụ (Chủ tịch / Phó Chủ tịch)" in html
    chairman.position = Position.VICE_CHAIRMAN
    chairman.save()
    html = login(chairman).get(reverse("recognition:titles")).content.decode()
    assert 'value="CHỦ TỊCH"' not in html


# -- item 5: the chairman's deadline in "Việc cần làm" -----------------------------------


def test_the_decision_deadline_is_due_then_late(two_dossiers, login, chairman, plan):
    assert plan.decision_days == 10  # from 02/12/2024, the complete dossiers' sending: 12/12/2024
    on_time = due_for(chairman, 2024, today=datetime.date(2024, 12, 12))
    assert [(i.text, i.url, i.late) for i in on_time] == [
        ("Ra quyết định công nhận Gia đình văn hóa năm 2024, hạn 12/12/2024: Khối 1, Khối 2", "/quyet-dinh/moi/", False)
    ]
    late = due_for(chairman, 2024, today=datetime.date(2024, 12, 13))
    assert [(i.text, i.late) for i in late] == [
        ("Ra quyết định công nhận Gia đình văn hóa năm 2024, hạn 12/12/2024: Khối 1, Khối 2", True)
    ]
    html = login(chairman).get(reverse("reports:due")).content.decode()  # the real calendar: long past
    assert (
        '<span class="badge text-bg-danger me-1">Quá hạn</span>'
        "Ra quyết định công nhận Gia đình văn hóa năm 2024, hạn 12/12/2024: Khối 1, Khối 2</a>" in html
    )


# -- item 6: years stay reachable ---------------------------------------------------------


@pytest.fixture
def last_years_work(today, plan, blocks, khoi1, khoi2, officer):
    """2024: Khối 1 met and is still entering results, Khối 2's dossier is checked; the rest
    never met. The officer then copies the plan, and January 2025 comes."""
    HouseholdFactory(block=blocks[0], code="K01-001", head_name="Hoàng Văn An")
    services.meeting_open(
        block=blocks[0],
        year=2024,
        by=khoi1,
        held_at=timezone.make_aware(datetime.datetime(2024, 11, 20, 19, 30)),
        place="Nhà văn hóa Khối 1",
        chair="Hoàng Văn Minh",
        secretary="Lý Thị Hoa",
        invited=40,
        present=30,
    )
    checked = held(blocks[1], khoi2, ["Triệu Thị Dung"])
    today.day = datetime.date(2024, 12, 2)
    services.meeting_submit(meeting=checked, by=khoi2)
    sent_on(checked, datetime.date(2024, 12, 2))
    services.meeting_check(meeting=checked, by=officer)
    plan_copy_to_next_year(plan=plan, by=officer)
    today.day = datetime.date(2025, 1, 5)
    return Meeting.objects.get(block=blocks[0]), checked


YEAR_PAGES = [
    ("recognition:meetings", "officer", "Bình xét Gia đình văn hóa năm {year}"),
    ("recognition:titles", "officer", "Danh hiệu văn hóa năm {year}"),
    ("recognition:decision_new", "chairman", "Quyết định tặng danh hiệu Gia đình văn hóa năm {year}"),
    ("reports:due", "officer", "Việc cần làm năm {year}"),
]


@pytest.mark.parametrize(("name", "person", "heading"), YEAR_PAGES)
def test_every_season_page_switches_year(last_years_work, login, request, name, person, heading):
    client = login(request.getfixturevalue(person))
    html = client.get(reverse(name)).content.decode()
    assert heading.format(year=2025) in html  # January: the copied plan is the working year
    assert '<option value="2025" selected>2025 (năm làm việc)</option>' in html
    assert '<option value="2024">2024</option>' in html
    html = client.get(reverse(name), {"year": "2024"}).content.decode()
    assert heading.format(year=2024) in html and '<option value="2024" selected>2024</option>' in html


def test_last_years_open_meeting_is_reachable_after_the_plan_is_copied(last_years_work, login, officer, khoi1):
    open_meeting, checked = last_years_work
    html = login(khoi1).get(reverse("recognition:meetings"), {"year": "2024"}).content.decode()
    assert f'<a href="{reverse("recognition:meeting", args=[open_meeting.pk])}">Khối 1</a>' in html
    assert "Đang bình xét" in html
    assert login(khoi1).get(reverse("recognition:meeting", args=[open_meeting.pk])).status_code == 200
    html = login(officer).get(reverse("recognition:decision_new"), {"year": "2024"})
    assert html.status_code == 403  # the officer checks; the chairman decides


def test_last_years_unfinished_work_stays_due(last_years_work, officer, khoi1, chairman):
    open_meeting, checked = last_years_work
    january = datetime.date(2025, 1, 5)
    officer_items = [(i.text, i.url, i.late) for i in due_for(officer, 2025, today=january)]
    assert ("Hồ sơ bình xét năm 2024 chưa gửi: Khối 1", "/binh-xet/?year=2024", True) in officer_items
    not_held = ", ".join(f"Khối {n}" for n in range(3, 11))
    assert (f"Chưa họp bình xét năm 2024 (hạn 25/11/2024): {not_held}", "/binh-xet/?year=2024", True) in officer_items

    khoi_items = [(i.text, i.url, i.late) for i in due_for(khoi1, 2025, today=january)]
    assert (
        "Khối 1: gửi hồ sơ bình xét năm 2024 (Đang bình xét)",
        reverse("recognition:meeting", args=[open_meeting.pk]),
        True,
    ) in khoi_items

    assert [(i.text, i.url, i.late) for i in due_for(chairman, 2025, today=january)] == [
        (
            "Ra quyết định công nhận Gia đình văn hóa năm 2024, hạn 12/12/2024: Khối 2",
            "/quyet-dinh/moi/?year=2024",
            True,
        )
    ]
    # Done: the dossier decided, the chairman's list is empty whatever the year shown.
    services.decision_issue(
        meetings=[checked],
        number=3,
        issued_on=datetime.date(2025, 1, 5),
        signer_name="Nguyễn Văn An",
        signer_title="CHỦ TỊCH",
        by=chairman,
    )
    assert due_for(chairman, 2025, today=january) == []


def test_copying_the_plan_says_when_it_becomes_the_working_year(today, plan, login, officer):
    counts = (plan.targets.count(), plan.tasks.count(), plan.committee_members.count())
    asked = (
        f"Sao chép kế hoạch năm 2024 sang năm 2025: {counts[0]} chỉ tiêu, {counts[1]} nhiệm vụ, "
        f"{counts[2]} thành viên Ban Chỉ đạo?"
    )
    today.day = datetime.date(2024, 12, 10)
    html = login(officer).get(reverse("campaigns:plan", args=[2024])).content.decode()
    assert (
        f'data-confirm="{asked} Năm làm việc vẫn là 2024 đến hết 31/12/2024; kế hoạch năm 2025 chỉ thành năm '
        'làm việc từ ngày 01/01/2025."' in html
    )
    today.day = datetime.date(2025, 1, 2)  # copied late: it is the working year at once
    html = login(officer).get(reverse("campaigns:plan", args=[2024])).content.decode()
    assert f'data-confirm="{asked} Kế hoạch năm 2025 sẽ là năm làm việc của mọi người ngay sau khi sao chép."' in html
