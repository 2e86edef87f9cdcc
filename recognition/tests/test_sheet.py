"""The meeting sheet for real blocks (issue 14): "không xét" with the decree's case, "the rest
agreed" in one request, what the server holds for a phone to compare with, and the dossier's
check and return at the top."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from caolocculture import versions
from recognition import services
from recognition.models import Meeting, MeetingResult, NotAssessedCase
from recognition.tests.test_papers import text
from testing.factories import HouseholdFactory, NotAssessedCaseFactory

pytestmark = pytest.mark.django_db

GAMBLING = "Có thành viên bị xử phạt vi phạm hành chính về hành vi đánh bạc"


@pytest.fixture
def meeting(plan, blocks, khoi1):
    for i, name in enumerate(["Hoàng Văn An", "Lý Thị Bình", "Nông Văn Cường", "Vi Thị Dung"], start=1):
        HouseholdFactory(block=blocks[0], code=f"K01-00{i}", head_name=name)
    meeting, _ = services.meeting_open(
        block=blocks[0],
        year=2024,
        by=khoi1,
        held_at=timezone.make_aware(datetime.datetime(2024, 11, 20, 19)),
        place="Nhà văn hóa",
        chair="Hoàng Văn Minh",
        secretary="Lý Thị Hoa",
        invited=50,
        present=45,
    )
    return meeting


@pytest.fixture
def gambling():
    return NotAssessedCaseFactory(text=GAMBLING)


@pytest.fixture
def other():
    return NotAssessedCaseFactory(text="Khác", needs_detail=True, order=99)


def household(meeting, code):
    return meeting.block.households.get(code=code)


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_migration_seeds_the_decrees_cases_and_khac():
    cases = list(NotAssessedCase.objects.values_list("text", "needs_detail", "active"))
    assert len(cases) == 10
    assert cases[0] == ("Có thành viên bị truy cứu trách nhiệm hình sự", False, True)
    assert cases[-1] == ("Khác", True, True)
    assert sum(1 for text, *_ in cases if "xử phạt vi phạm hành chính" in text) == 6


class TestNotAssessed:
    def test_saved_with_its_case_and_no_vote_count(self, meeting, gambling, khoi1):
        result = services.meeting_result_record(
            meeting=meeting,
            household=household(meeting, "K01-001"),
            agreed=None,
            excluded=True,
            case=gambling,
            by=khoi1,
        )
        result.refresh_from_db()
        assert (result.agreed, result.excluded, result.passed, result.case) == (None, True, False, gambling)
        assert result.label == f"Không xét – {GAMBLING}"
        assert result.history.get().case_id == gambling.pk  # kept in its history

    def test_a_count_sent_with_it_is_not_kept(self, meeting, gambling, khoi1):
        result = services.meeting_result_record(
            meeting=meeting, household=household(meeting, "K01-001"), agreed=40, excluded=True, case=gambling, by=khoi1
        )
        assert result.agreed is None

    def test_khac_needs_the_reason_written(self, meeting, other, khoi1):
        with pytest.raises(ValidationError, match="Trường hợp “Khác”: ghi rõ lý do không xét."):
            services.meeting_result_record(
                meeting=meeting,
                household=household(meeting, "K01-001"),
                agreed=None,
                excluded=True,
                case=other,
                by=khoi1,
            )
        result = services.meeting_result_record(
            meeting=meeting,
            household=household(meeting, "K01-001"),
            agreed=None,
            excluded=True,
            case=other,
            reason="Cả hộ đi làm ăn xa cả năm",
            by=khoi1,
        )
        assert result.label == "Không xét – Cả hộ đi làm ăn xa cả năm"

    def test_assessed_again_with_a_count_drops_the_case(self, meeting, gambling, khoi1):
        services.meeting_result_record(
            meeting=meeting,
            household=household(meeting, "K01-001"),
            agreed=None,
            excluded=True,
            case=gambling,
            by=khoi1,
        )
        result = services.meeting_result_record(
            meeting=meeting, household=household(meeting, "K01-001"), agreed=40, by=khoi1
        )
        assert (result.agreed, result.excluded, result.case, result.label) == (40, False, None, "Đạt")
        assert MeetingResult.history.filter(household_id=result.household_id).count() == 2

    def test_a_count_is_needed_when_assessed(self, meeting, khoi1):
        with pytest.raises(ValidationError, match="Nhập số người tán thành."):
            services.meeting_result_record(
                meeting=meeting, household=household(meeting, "K01-001"), agreed=None, by=khoi1
            )

    def test_the_database_keeps_the_rule(self, meeting, khoi1):
        row = {"meeting": meeting, "household": household(meeting, "K01-001"), "year": 2024, "passed": False}
        with pytest.raises(IntegrityError), transaction.atomic():
            MeetingResult.objects.create(**row, excluded=True, agreed=None)  # no case, no reason
        with pytest.raises(IntegrityError), transaction.atomic():
            MeetingResult.objects.create(**row, excluded=False, agreed=None)  # assessed without a count
        with pytest.raises(IntegrityError), transaction.atomic():
            MeetingResult.objects.create(**row, excluded=True, agreed=45, reason="x")  # a count for no vote
        MeetingResult.objects.create(**row, excluded=True, agreed=None, reason="Lý do ghi trước khi có danh mục")

    def test_through_the_sheets_json(self, login, meeting, gambling, other, khoi1):
        client = login(khoi1)
        url = reverse("recognition:result", args=[meeting.pk])
        h = household(meeting, "K01-002")
        response = post_json(client, url, {"household": h.pk, "excluded": True, "case": gambling.pk, "reason": ""})
        assert response.status_code == 200
        assert response.json()["result"] == {
            "agreed": None,
            "excluded": True,
            "case": gambling.pk,
            "reason": "",
            "status": "excluded",
            "label": f"Không xét – {GAMBLING}",
        }
        assert response.json()["totals"] == {
            "passed": 0,
            "failed": 0,
            "excluded": 1,
            "entered": 1,
            "households": 4,
            "pending": 3,
        }
        for case, error in [
            (other.pk, "Trường hợp “Khác”: ghi rõ lý do không xét."),
            (999999, "Trường hợp không xét không hợp lệ."),
            ("abc", "Trường hợp không xét không hợp lệ."),
        ]:
            refused = post_json(client, url, {"household": h.pk, "excluded": True, "case": case})
            assert (refused.status_code, refused.json()["error"]) == (400, error)
        assert MeetingResult.objects.get().case == gambling

    def test_shown_on_the_page_never_as_a_count(self, login, meeting, gambling, khoi1, officer):
        services.meeting_result_record(
            meeting=meeting,
            household=household(meeting, "K01-003"),
            agreed=None,
            excluded=True,
            case=gambling,
            by=khoi1,
        )
        for user in (khoi1, officer):
            page = login(user).get(reverse("recognition:meeting", args=[meeting.pk])).content.decode()
            assert f"Không xét – {GAMBLING}" in page
            assert "Không đạt 0" not in page and "0/45" not in page

    def test_printed_in_the_minutes(self, login, meeting, gambling, khoi1):
        services.meeting_result_record(
            meeting=meeting,
            household=household(meeting, "K01-001"),
            agreed=None,
            excluded=True,
            case=gambling,
            by=khoi1,
        )
        services.meeting_result_record(meeting=meeting, household=household(meeting, "K01-002"), agreed=20, by=khoi1)
        services.meeting_result_record(meeting=meeting, household=household(meeting, "K01-003"), agreed=30, by=khoi1)
        pdf = login(khoi1).get(reverse("recognition:paper", args=[meeting.pk, "bien-ban"])).content
        body = text(pdf)  # read in the order pdftotext finds the table's cells
        assert f"Không xét – {GAMBLING}" in body
        assert "20/45 Không đạt" in body and "30/45 Đạt" in body
        assert body.count("/45") == 2  # no count printed for the household not assessed
        assert "Số hộ thuộc trường hợp không xét: 1 hộ." in body


class TestTheRestAgreed:
    def test_one_step_for_every_household_not_entered(self, meeting, gambling, khoi1):
        services.meeting_result_record(meeting=meeting, household=household(meeting, "K01-001"), agreed=10, by=khoi1)
        services.meeting_result_record(
            meeting=meeting,
            household=household(meeting, "K01-002"),
            agreed=None,
            excluded=True,
            case=gambling,
            by=khoi1,
        )
        version = Meeting.objects.get().version
        saved = services.meeting_results_complete(meeting=meeting, by=khoi1, version=version)
        assert saved == 2
        rows = {
            r.household.code: (r.agreed, r.passed, r.excluded)
            for r in MeetingResult.objects.select_related("household")
        }
        assert rows == {
            "K01-001": (10, False, False),
            "K01-002": (None, False, True),
            "K01-003": (45, True, False),
            "K01-004": (45, True, False),
        }
        added = MeetingResult.history.filter(history_change_reason="Các hộ còn lại đều tán thành")
        assert sorted(added.values_list("history_user__username", flat=True)) == [khoi1.username] * 2
        assert Meeting.objects.get().version == version + 1

    def test_households_still_on_their_way_from_the_phone_are_left(self, meeting, khoi1):
        skip = [household(meeting, "K01-004").pk]
        assert services.meeting_results_complete(meeting=meeting, by=khoi1, skip=skip) == 3
        assert not MeetingResult.objects.filter(household_id__in=skip).exists()

    def test_a_stale_copy_is_refused(self, meeting, khoi1, officer):
        stale = meeting.version
        services.meeting_result_record(meeting=meeting, household=household(meeting, "K01-001"), agreed=10, by=officer)
        with pytest.raises(services.StaleMeeting):
            services.meeting_results_complete(meeting=meeting, by=khoi1, version=stale)
        assert MeetingResult.objects.count() == 1

    def test_without_quorum_nobody_passes(self, plan, meeting, khoi1):
        Meeting.objects.filter(pk=meeting.pk).update(quorum_percent=95)
        meeting.refresh_from_db()
        services.meeting_results_complete(meeting=meeting, by=khoi1)
        assert set(MeetingResult.objects.values_list("passed", "reason")) == {
            (False, "Không đủ số người tán thành theo quy định.")
        }

    def test_refused_once_posted(self, meeting, khoi1):
        services.meeting_results_complete(meeting=meeting, by=khoi1)
        services.meeting_post(meeting=meeting, starts_on=datetime.date(2024, 11, 21), by=khoi1)
        with pytest.raises(ValidationError, match="không sửa được kết quả"):
            services.meeting_results_complete(meeting=meeting, by=khoi1)

    def test_in_one_request(self, login, meeting, khoi1, khoi2, django_assert_max_num_queries):
        client = login(khoi1)
        url = reverse("recognition:complete", args=[meeting.pk])
        with django_assert_max_num_queries(20):  # whatever the number of households
            response = post_json(client, url, {"version": meeting.version, "skip": []})
        data = response.json()
        assert (response.status_code, data["saved"], data["totals"]["passed"], data["totals"]["pending"]) == (
            200,
            4,
            4,
            0,
        )
        stale = post_json(client, url, {"version": meeting.version, "skip": []})
        assert stale.status_code == 409
        assert post_json(client, url, {"version": data["version"], "skip": "abc"}).status_code == 400
        assert post_json(login(khoi2), url, {"version": data["version"]}).status_code == 404


def test_the_sheet_as_the_server_holds_it(login, meeting, khoi1, khoi2, steering, django_assert_num_queries):
    services.meeting_result_record(meeting=meeting, household=household(meeting, "K01-001"), agreed=40, by=khoi1)
    url = reverse("recognition:results", args=[meeting.pk])
    client = login(khoi1)
    # session, user, meeting, results, households
    with django_assert_num_queries(5):
        data = client.get(url).json()
    first = household(meeting, "K01-001").pk
    assert data == {
        "version": meeting.version + 1,
        "results": {
            str(first): {
                "agreed": 40,
                "excluded": False,
                "case": None,
                "reason": "",
                "status": "passed",
                "label": "Đạt",
            }
        },
        "totals": {"passed": 1, "failed": 0, "excluded": 0, "entered": 1, "households": 4, "pending": 3},
    }
    assert login(steering).get(url).status_code == 200
    assert login(khoi2).get(url).status_code == 404


def test_the_dossier_shows_the_comments_and_puts_check_and_return_first(login, meeting, khoi1, officer):
    services.meeting_results_complete(meeting=meeting, by=khoi1)
    services.meeting_post(meeting=meeting, starts_on=datetime.date(2024, 11, 21), by=khoi1)
    services.posting_comments_record(
        meeting=meeting, comments="Ông Nông Văn Cường đề nghị xem lại hộ K01-003.", by=khoi1
    )
    services.meeting_submit(meeting=meeting, by=khoi1)
    page = login(officer).get(reverse("recognition:meeting", args=[meeting.pk])).content.decode()
    top = page.index('id="dossier-actions"')
    assert top < page.index('id="sheet"')
    box = page[top : page.index("</section>", top)]
    assert "Ông Nông Văn Cường đề nghị xem lại hộ K01-003." in box
    assert "Đề nghị xét tặng 4/4 hộ; không đạt 0; không xét 0." in box
    assert "Hồ sơ đầy đủ: chuyển Chủ tịch ký" in box and "Trả lại hồ sơ" in box
    # The khối trưởng, once the dossier is sent, still reads what was received.
    page = login(khoi1).get(reverse("recognition:meeting", args=[meeting.pk])).content.decode()
    assert 'id="dossier-actions"' not in page
    assert "Ông Nông Văn Cường đề nghị xem lại hộ K01-003." in page


def test_the_officer_corrects_the_cases_in_the_admin(login, officer, khoi1, gambling):
    client = login(officer)
    assert GAMBLING in client.get(reverse("admin:recognition_notassessedcase_changelist")).content.decode()
    response = client.post(
        reverse("admin:recognition_notassessedcase_change", args=[gambling.pk]),
        {"order": "6", "text": "Có thành viên bị xử phạt vì đánh bạc", "active": "on"},
    )
    assert response.status_code == 302
    gambling.refresh_from_db()
    change = gambling.history.first()
    assert (gambling.text, change.history_type, change.history_user) == (
        "Có thành viên bị xử phạt vì đánh bạc",
        "~",
        officer,
    )
    assert login(khoi1).get(reverse("admin:recognition_notassessedcase_changelist")).status_code == 302


def test_votes_keep_the_communes_data_version_opening_a_meeting_moves_it(plan, blocks, khoi1, khoi2, login, meeting):
    """A household's votes change no figure (titles come only by decisions; the season's progress
    counts meetings, not votes): entering them, one at a time or "the rest agreed", leaves the
    commune's version where it was, so the kept dashboards stay kept through the meeting."""
    commune = plan.commune.pk
    before_opening = versions.current(commune)
    services.meeting_open(
        block=blocks[1],
        year=2024,
        by=khoi2,
        held_at=timezone.make_aware(datetime.datetime(2024, 11, 21, 19)),
        place="Nhà văn hóa",
        chair="Hoàng Văn Minh",
        secretary="Lý Thị Hoa",
        invited=40,
        present=35,
    )
    assert versions.current(commune) != before_opening

    client = login(khoi1)
    before_votes = versions.current(commune)
    answer = post_json(
        client,
        reverse("recognition:result", args=[meeting.pk]),
        {"household": household(meeting, "K01-001").pk, "agreed": 40},
    )
    assert answer.status_code == 200
    answer = post_json(
        client, reverse("recognition:complete", args=[meeting.pk]), {"version": answer.json()["version"]}
    )
    assert answer.status_code == 200 and MeetingResult.objects.filter(meeting=meeting).count() == 4
    assert versions.current(commune) == before_votes
    # The declaration ends with its request: the next write of the record moves the version again.
    HouseholdFactory(block=blocks[0], code="K01-009")
    assert versions.current(commune) != before_votes
