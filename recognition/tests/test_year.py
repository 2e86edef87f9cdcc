"""One block's whole year as services, every refusal, every wrong role or wrong order."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from recognition import services
from recognition.models import Meeting, MeetingResult, MeetingStep, Recognition, Registration
from recognition.rules import VoteRule
from testing.factories import HouseholdFactory
from testing.indicators import indicator

pytestmark = pytest.mark.django_db

HELD = timezone.make_aware(datetime.datetime(2024, 11, 20, 19, 30))


@pytest.fixture
def block(blocks):
    return blocks[0]


@pytest.fixture
def families(block):
    return HouseholdFactory.create_batch(5, block=block)


def open_meeting(block, by, **kwargs):
    values = {
        "held_at": HELD,
        "place": "Nhà văn hóa Khối 1",
        "chair": "Hoàng Văn Minh",
        "secretary": "Lý Thị Hoa",
        "invited": 40,
        "present": 30,
        "attendees": "Trưởng Ban Công tác Mặt trận\nChi hội Phụ nữ",
    }
    return services.meeting_open(block=block, year=2024, by=by, **{**values, **kwargs})


class TestRule:
    def test_the_default_is_more_than_half_of_those_present_and_no_quorum(self):
        rule = VoteRule(None, Decimal(50), False)
        assert (rule.passes(16, 30), rule.passes(15, 30), rule.quorate(1, 40)) == (True, False, True)
        assert rule.votes_needed(30) == 16
        assert rule.describe() == (
            "Hộ được đề nghị xét tặng khi có trên một nửa số người dự họp tán thành; "
            "không yêu cầu số người dự họp tối thiểu."
        )

    def test_the_former_decrees_preset(self):
        rule = VoteRule(Decimal(60), Decimal(60), True)
        assert (rule.quorate(24, 40), rule.quorate(23, 40)) == (True, False)
        assert (rule.passes(18, 30), rule.passes(17, 30)) == (True, False)
        assert "từ 60\u00a0% số người được mời" in rule.describe()


class TestWholeYear:
    def test_one_blocks_year_from_registration_to_decision(self, plan, block, families, khoi1, officer, chairman):
        assert services.registration_register_block(block=block, year=2024, by=khoi1) == 5
        assert services.registration_register_block(block=block, year=2024, by=khoi1) == 0
        assert Registration.objects.filter(year=2024).count() == 5

        meeting, warnings = open_meeting(block, khoi1)
        assert warnings == []
        for household in families[:4]:
            services.meeting_result_record(meeting=meeting, household=household, agreed=25, by=khoi1)
        last = services.meeting_result_record(meeting=meeting, household=families[4], agreed=15, by=khoi1)
        assert (last.passed, last.reason) == (False, "Không đủ số người tán thành theo quy định.")

        posting = services.meeting_post(meeting=meeting, starts_on=datetime.date(2024, 11, 21), by=khoi1)
        assert (posting.days, posting.ends_on) == (10, datetime.date(2024, 12, 1))
        services.meeting_submit(meeting=meeting, by=khoi1)
        services.meeting_check(meeting=meeting, by=officer)
        assert indicator(plan, "GDVH").measure.numerator == 0  # nothing counts before the decision

        decision = services.decision_issue(
            meetings=[meeting],
            number=5,
            issued_on=datetime.date(2024, 12, 2),
            signer_name="Lê Thanh Hải",
            signer_title="Phó Chủ tịch",
            by=chairman,
        )
        gdvh = indicator(plan, "GDVH").measure
        assert (gdvh.numerator, gdvh.denominator) == (4, 5)
        assert set(Recognition.objects.filter(decision=decision).values_list("household", flat=True)) == {
            h.pk for h in families[:4]
        }
        meeting.refresh_from_db()
        assert meeting.status == "decided" and meeting.locked
        assert [s.action for s in meeting.steps.all()] == ["held", "posted", "submitted", "checked", "decided"]
        assert [s.by for s in meeting.steps.all()] == [khoi1, khoi1, khoi1, officer, chairman]

        with pytest.raises(ValidationError, match="không sửa được kết quả"):
            services.meeting_result_record(meeting=meeting, household=families[4], agreed=29, by=khoi1)

        # A decided year is not reopened: the signed decision stands until a withdrawal.
        with pytest.raises(PermissionDenied):
            services.meeting_reopen(meeting=meeting, reason="Sai sót", by=khoi1)
        with pytest.raises(ValidationError, match="Ghi lý do mở lại"):
            services.meeting_reopen(meeting=meeting, reason=" ", by=officer)
        with pytest.raises(ValidationError, match="quyết định hủy bỏ, thu hồi"):
            services.meeting_reopen(meeting=meeting, reason="Sai số phiếu hộ thứ 5", by=officer)
        assert indicator(plan, "GDVH").measure.numerator == 4 and meeting.steps.count() == 5
        # After the chairman takes every title of the block back, the block may meet again.
        services.withdrawal_issue(
            recognitions=list(decision.recognitions.all()),
            number=9,
            issued_on=datetime.date(2024, 12, 10),
            signer_name="Lê Thanh Hải",
            signer_title="Phó Chủ tịch",
            grounds="Sai số phiếu",
            by=chairman,
        )
        assert indicator(plan, "GDVH").measure.numerator == 0
        assert Recognition.history.filter(history_type="-").count() == 0  # nothing deleted
        services.meeting_reopen(meeting=meeting, reason="Sai số phiếu hộ thứ 5", by=officer)
        assert meeting.steps.last().note == "Sai số phiếu hộ thứ 5"

    def test_a_returned_dossier_goes_back_to_the_block(self, plan, block, families, khoi1, officer):
        meeting, _ = open_meeting(block, khoi1)
        for household in families:
            services.meeting_result_record(meeting=meeting, household=household, agreed=20, by=khoi1)
        services.meeting_post(meeting=meeting, starts_on=datetime.date(2024, 11, 21), by=khoi1)
        services.meeting_submit(meeting=meeting, by=khoi1)
        with pytest.raises(ValidationError, match="Ghi lý do trả lại hồ sơ"):
            services.meeting_return(meeting=meeting, reason="", by=officer)
        services.meeting_return(meeting=meeting, reason="Thiếu chữ ký thư ký", by=officer)
        meeting.refresh_from_db()
        assert (meeting.status, meeting.returned_reason) == ("returned", "Thiếu chữ ký thư ký")
        services.meeting_result_record(meeting=meeting, household=families[0], agreed=10, by=khoi1)
        assert MeetingResult.objects.get(household=families[0]).passed is False
        assert MeetingResult.history.filter(household=families[0]).count() == 2  # every vote change kept


class TestRefusals:
    @pytest.fixture
    def meeting(self, plan, block, khoi1):
        return open_meeting(block, khoi1)[0]

    def test_more_votes_than_people_present(self, meeting, families, khoi1):
        with pytest.raises(ValidationError, match=r"Số người tán thành \(31\) không thể nhiều hơn số người có mặt"):
            services.meeting_result_record(meeting=meeting, household=families[0], agreed=31, by=khoi1)

    def test_a_moved_out_household(self, meeting, families, khoi1):
        families[0].moved_out_on = datetime.date(2024, 5, 1)
        families[0].save()
        with pytest.raises(ValidationError, match="đã chuyển đi"):
            services.meeting_result_record(meeting=meeting, household=families[0], agreed=20, by=khoi1)

    def test_a_second_result_in_the_same_year(self, meeting, families, khoi1, officer, blocks):
        services.meeting_result_record(meeting=meeting, household=families[0], agreed=20, by=khoi1)
        families[0].block = blocks[1]
        families[0].save()
        other, _ = open_meeting(blocks[1], officer)
        with pytest.raises(ValidationError, match="đã có kết quả bình xét năm 2024"):
            services.meeting_result_record(meeting=other, household=families[0], agreed=20, by=officer)

    def test_a_household_of_another_block(self, meeting, khoi1, blocks):
        with pytest.raises(ValidationError, match="không thuộc Khối 1"):
            services.meeting_result_record(
                meeting=meeting, household=HouseholdFactory(block=blocks[1]), agreed=1, by=khoi1
            )

    def test_a_late_meeting_is_allowed_with_a_warning(self, plan, block, khoi1):
        late = timezone.make_aware(datetime.datetime(2024, 11, 28, 19, 0))
        meeting, warnings = open_meeting(block, khoi1, held_at=late)
        assert meeting.pk and warnings == ["Cuộc họp sau hạn 25/11/2024 của năm."]

    def test_a_second_meeting_and_more_present_than_invited(self, meeting, block, khoi1, officer, blocks):
        with pytest.raises(ValidationError, match="đã có cuộc họp bình xét năm 2024"):
            open_meeting(block, khoi1)
        with pytest.raises(ValidationError, match="không thể nhiều hơn số người được mời"):
            open_meeting(blocks[1], officer, present=50)
        with pytest.raises(PermissionDenied):
            open_meeting(blocks[1], khoi1)  # khoi1 does not lead Khối 2

    def test_excluded_needs_a_reason_and_never_passes(self, meeting, families, khoi1):
        with pytest.raises(ValidationError, match="Ghi lý do hộ thuộc trường hợp không xét"):
            services.meeting_result_record(meeting=meeting, household=families[0], agreed=30, excluded=True, by=khoi1)
        result = services.meeting_result_record(
            meeting=meeting,
            household=families[0],
            agreed=30,
            excluded=True,
            reason="Có thành viên vi phạm pháp luật",
            by=khoi1,
        )
        assert result.passed is False

    def test_no_posting_until_every_household_has_its_result(self, meeting, families, khoi1):
        services.meeting_result_record(meeting=meeting, household=families[0], agreed=20, by=khoi1)
        with pytest.raises(ValidationError, match="Còn 4 hộ chưa có kết quả"):
            services.meeting_post(meeting=meeting, starts_on=datetime.date(2024, 11, 21), by=khoi1)

    def test_no_decision_before_the_posting_ends(self, meeting, families, khoi1, officer, chairman):
        for household in families:
            services.meeting_result_record(meeting=meeting, household=household, agreed=20, by=khoi1)
        services.meeting_post(meeting=meeting, starts_on=datetime.date(2024, 11, 21), by=khoi1)
        services.meeting_submit(meeting=meeting, by=khoi1)
        services.meeting_check(meeting=meeting, by=officer)
        with pytest.raises(ValidationError, match="niêm yết đến hết ngày 30/11/2024"):
            services.decision_issue(
                meetings=[meeting],
                number=5,
                issued_on=datetime.date(2024, 11, 30),
                signer_name="A",
                signer_title="B",
                by=chairman,
            )
        assert not Recognition.objects.exists()

    def test_a_stale_copy_is_refused(self, meeting, families, khoi1, officer):
        stale = meeting.version
        services.meeting_result_record(meeting=meeting, household=families[0], agreed=20, by=officer)
        with pytest.raises(ValidationError, match="vừa được người khác sửa"):
            services.meeting_result_record(meeting=meeting, household=families[1], agreed=20, by=khoi1, version=stale)


class TestWrongRoleOrOrder:
    @pytest.fixture
    def meeting(self, plan, block, khoi1, families):
        meeting, _ = open_meeting(block, khoi1)
        for household in families:
            services.meeting_result_record(meeting=meeting, household=household, agreed=20, by=khoi1)
        return meeting

    def test_roles(self, meeting, families, khoi2, steering, chairman, khoi1, officer):
        for user in (khoi2, steering, chairman):
            with pytest.raises(PermissionDenied):
                services.meeting_result_record(meeting=meeting, household=families[0], agreed=20, by=user)
        services.meeting_post(meeting=meeting, starts_on=datetime.date(2024, 11, 21), by=khoi1)
        services.meeting_submit(meeting=meeting, by=khoi1)
        for user in (khoi1, steering, chairman):
            with pytest.raises(PermissionDenied):
                services.meeting_check(meeting=meeting, by=user)
        services.meeting_check(meeting=meeting, by=officer)
        for user in (khoi1, officer, steering):
            with pytest.raises(PermissionDenied):
                services.decision_issue(
                    meetings=[meeting],
                    number=1,
                    issued_on=datetime.date(2024, 12, 5),
                    signer_name="A",
                    signer_title="B",
                    by=user,
                )

    def test_order(self, meeting, khoi1, officer, chairman):
        with pytest.raises(ValidationError, match="sau khi đã niêm yết"):
            services.meeting_submit(meeting=meeting, by=khoi1)
        with pytest.raises(ValidationError, match="vừa gửi"):
            services.meeting_check(meeting=meeting, by=officer)
        with pytest.raises(ValidationError, match="chưa được kiểm tra"):
            services.decision_issue(
                meetings=[meeting],
                number=1,
                issued_on=datetime.date(2024, 12, 5),
                signer_name="A",
                signer_title="B",
                by=chairman,
            )
        assert Meeting.objects.get().status == "open"
        assert MeetingStep.objects.count() == 1
