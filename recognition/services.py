"""The yearly bình xét of Gia đình văn hóa, from registration to decision.
Every step is atomic, checks who may take it (permissions.py) and in what order,
and leaves a MeetingStep with who and when."""

import datetime
import hashlib
from collections.abc import Iterable
from typing import Any

from celery import shared_task
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import selectors as campaign_selectors
from campaigns.models import Organisation, TitleAuthority
from campaigns.selectors import PlanNotFound, latest_plan, plan_for_year
from caolocculture import formatting
from caolocculture.bulk import insert_with_history
from caolocculture.history import save_with_history
from caolocculture.models import User
from caolocculture.notifications import notify, people_who_may
from caolocculture.pdf import render_pdf
from caolocculture.permissions import Action, can, require
from caolocculture.scope import working_in
from households.models import Block, Commune, Household
from households.units import UnitWords

from . import papers
from .models import (
    BlockTitleDossier,
    Commendation,
    Decision,
    Meeting,
    MeetingResult,
    MeetingStep,
    NotAssessedCase,
    Posting,
    Recognition,
    Registration,
    Title,
    before_app_decision,
)
from .rules import VoteRule
from .selectors import exemplary_candidates, titles_held

DEFAULT_SYMBOL = "QĐ-UBND"


class StaleMeeting(ValidationError):
    """The meeting changed since the page was loaded: the second editor is told, nothing is overwritten."""


def _step(meeting: Meeting, action: str, by: User, note: str = "") -> None:
    MeetingStep.objects.create(meeting=meeting, action=action, by=by, note=note)


def _locked_for_update(meeting: Meeting, version: int | None = None) -> Meeting:
    """The meeting re-read under a row lock; a stale copy (edited meanwhile) is refused."""
    current = Meeting.objects.select_for_update().select_related("block").get(pk=meeting.pk)
    if version is not None and version != current.version:
        raise StaleMeeting(_("Cuộc họp vừa được người khác sửa. Hãy tải lại trang để xem bản mới nhất."))
    return current


def _meeting_url(meeting: Meeting) -> str:
    return reverse("recognition:meeting", args=[meeting.pk])


def _tell_decision(decision: Decision, blocks: dict[Block, str], by: User, verb: str) -> None:
    """A decision made or withdrawn: each block's khối trưởng (at the page where they see it,
    `blocks` maps each block to it) and the officers (at the decision) are told."""
    what = _("%(verb)s %(decision)s: danh hiệu “%(title)s” năm %(year)d") % {
        "verb": verb,
        "decision": decision,
        "title": _title_name(decision.title, lambda: UnitWords.of_blocks(blocks, decision.commune.unit_kind)),
        "year": decision.year,
    }
    for block, url in sorted(blocks.items(), key=lambda item: item[0].number):
        notify(users=[block.leader], text=f"{block}: {what}", url=url, by=by)
    names = ", ".join(str(b) for b in sorted(blocks, key=lambda b: b.number))
    notify(
        users=people_who_may(Action.APPROVE),
        text=f"{what} ({names})" if names else what,
        url=reverse("recognition:decision", args=[decision.pk]),
        by=by,
    )


def _bump(meeting: Meeting, by: User, fields: list[str]) -> Meeting:
    meeting.version += 1
    return save_with_history(meeting, by=by, clean=False, update_fields=[*fields, "version"])


def _number_free(*, commune: Commune, number: int, symbol: str, issued_on: datetime.date, issuing_body: str) -> None:
    """Decisions are numbered per issuing body and year: a number used once that year is refused."""
    used = Decision.objects.filter(
        commune=commune,
        number=number,
        symbol__iexact=symbol,
        issuing_body__iexact=issuing_body,
        issued_on__year=issued_on.year,
    ).first()
    if used is not None:
        raise ValidationError(
            {
                "number": _("Số %(ref)s năm %(year)d đã dùng cho quyết định ngày %(day)s.")
                % {"ref": used.reference, "year": issued_on.year, "day": f"{used.issued_on:%d/%m/%Y}"}
            }
        )


def _new_decision(
    *,
    commune: Commune,
    kind: str,
    title: str,
    year: int,
    number: int,
    symbol: str,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str,
    by: User,
    issuing_body: str = "",
    grounds: str = "",
    scan: File | None = None,
) -> Decision:
    issuing_body = issuing_body or commune.people_committee
    if issued_on > timezone.localdate():
        raise ValidationError(
            {
                "issued_on": _("Ngày ký %(day)s chưa tới: chỉ ghi nhận quyết định đã ký.")
                % {"day": f"{issued_on:%d/%m/%Y}"}
            }
        )
    _number_free(commune=commune, number=number, symbol=symbol, issued_on=issued_on, issuing_body=issuing_body)
    decision = save_with_history(
        Decision(
            commune=commune,
            kind=kind,
            title=title,
            year=year,
            number=number,
            symbol=symbol,
            issued_on=issued_on,
            signer_name=signer_name,
            signer_title=signer_title,
            issuing_body=issuing_body,
            grounds=grounds,
            scan=scan,
            issued_by=by,
        ),
        by=by,
    )
    if decision.signed_in_app:
        decision_paper_task.delay_on_commit(decision.pk)
    return decision


def _title_name(title: str, units: Any) -> str:
    """A title as people read it: the unit's as the commune names its units ("Thôn văn hóa"),
    `units` asked only then; the record keeps one code."""
    return str(units().title) if title == Title.CULTURAL_BLOCK else str(Title(title).label)


def _who_decides(authority: TitleAuthority, commune: Commune, year: int) -> str:
    what = _("Năm %(year)d danh hiệu “%(title)s” do %(who)s quyết định") % {
        "year": year,
        "title": _title_name(authority.title, commune.unit_words),
        "who": authority.decider(commune),
    }
    if authority.in_commune:
        return what + _(" trên hệ thống.")
    return what + _("; công chức văn hóa ghi nhận quyết định nhận được.")


def _authority_for(by: User, commune: Commune, title: str, year: int) -> TitleAuthority:
    """Who decides the title that year (the year's plan), checked against who asks: the commune
    chairman issues his own decisions; one decided above the commune is recorded by the officer.
    Asked of the other, refused with who does; asked by neither, refused outright."""
    authority = campaign_selectors.title_authority(commune, title, year)
    if can(by, Action.ISSUE_DECISION if authority.in_commune else Action.APPROVE):
        return authority
    if can(by, Action.ISSUE_DECISION) or can(by, Action.APPROVE):
        raise ValidationError(_who_decides(authority, commune, year))
    raise PermissionDenied


def title_authority(commune: Commune, title: str, year: int) -> Action:
    """Who acts on a title in the app, and so who takes it back (Luật Thi đua, khen thưởng 2022,
    Điều 93): the chairman where the year's plan says the commune chairman confers it; otherwise
    the officer, who records the decision received from the body above."""
    if campaign_selectors.title_authority(commune, title, year).in_commune:
        return Action.ISSUE_DECISION
    return Action.APPROVE


# -- registration --------------------------------------------------------------------


@transaction.atomic
def registration_register_block(*, block: Block, year: int, by: User, on: datetime.date | None = None) -> int:
    """Register every living household of the block that is not registered yet; returns how many."""
    require(by, Action.EDIT_BLOCK, block)
    on = on or timezone.localdate()
    done = set(Registration.objects.filter(year=year, household__block=block).values_list("household", flat=True))
    rows = [
        {
            "title": Title.CULTURAL_FAMILY.value,
            "year": year,
            "household_id": pk,
            "registered_on": on,
            "registered_by_id": by.pk,
        }
        for pk in Household.objects.filter(block=block, moved_out_on__isnull=True).values_list("pk", flat=True)
        if pk not in done
    ]
    insert_with_history(Registration, rows, user=by, reason=_("Đăng ký cả %(unit)s") % {"unit": block.words.counter})
    return len(rows)


@transaction.atomic
def registration_register(
    *,
    year: int,
    by: User,
    block: Block | None = None,
    organisation: Organisation | None = None,
    on: datetime.date | None = None,
) -> Registration:
    """Đăng ký of a block (Tổ dân phố văn hóa, by its khối trưởng or the officer) or an
    organisation (đạt chuẩn văn hóa, by the officer)."""
    subject: dict[str, Block | Organisation | None]
    if block is not None:
        require(by, Action.EDIT_BLOCK, block)
        title, subject = Title.CULTURAL_BLOCK, {"block": block}
    else:
        require(by, Action.EDIT_PLAN)
        title, subject = Title.CULTURAL_ORGANISATION, {"organisation": organisation}
    if Registration.objects.filter(year=year, **subject).exists():
        raise ValidationError(_("Đã đăng ký năm %(year)d.") % {"year": year})
    return save_with_history(
        Registration(title=title, year=year, registered_on=on or timezone.localdate(), registered_by=by, **subject),
        by=by,
    )


# -- the meeting ---------------------------------------------------------------------


@transaction.atomic
def meeting_open(
    *,
    block: Block,
    year: int,
    by: User,
    held_at: datetime.datetime,
    place: str,
    chair: str,
    secretary: str,
    invited: int,
    present: int,
    attendees: str = "",
) -> tuple[Meeting, list[str]]:
    """Record the meeting and the year's rule as it stands; returns warnings (a late meeting is allowed)."""
    require(by, Action.EDIT_BLOCK, block)
    try:
        plan = plan_for_year(year, block.commune)
    except PlanNotFound:
        raise ValidationError(_("Chưa có kế hoạch năm %(year)d.") % {"year": year}) from None
    if Meeting.objects.filter(block=block, year=year).exists():
        raise ValidationError(_("%(block)s đã có cuộc họp bình xét năm %(year)d.") % {"block": block, "year": year})
    if present > invited:
        raise ValidationError({"present": _("Số người có mặt không thể nhiều hơn số người được mời.")})
    if timezone.localtime(held_at).date() > timezone.localdate():
        raise ValidationError({"held_at": _("Cuộc họp chưa diễn ra: nhập kết quả sau khi họp.")})
    rule = VoteRule.of_plan(plan)
    meeting = Meeting(
        block=block,
        year=year,
        held_at=held_at,
        place=place,
        chair=chair,
        secretary=secretary,
        attendees=attendees,
        invited=invited,
        present=present,
        quorum_percent=rule.quorum_percent,
        threshold_percent=rule.threshold_percent,
        threshold_inclusive=rule.threshold_inclusive,
    )
    save_with_history(meeting, by=by)
    _step(meeting, MeetingStep.Action.HELD, by)
    warnings = []
    if timezone.localtime(held_at).date() > plan.deadline:
        warnings.append(_("Cuộc họp sau hạn %(deadline)s của năm.") % {"deadline": f"{plan.deadline:%d/%m/%Y}"})
    if not rule.quorate(present, invited):
        warnings.append(_("Số người dự họp chưa đủ theo quy định của năm: không hộ nào đạt."))
    held = titles_held(block, year)
    if held:
        warnings.append(
            _(
                "%(n)d hộ của %(unit)s đã có danh hiệu năm %(year)d theo quyết định ghi nhận từ hồ sơ giấy: "
                "không ra quyết định tặng lại được cho các hộ này; nếu ghi nhận nhầm, cần quyết định thu hồi "
                "trước."
            )
            % {"n": len(held), "unit": block.words.counter, "year": year}
        )
    return meeting, warnings


def _open_for_results(meeting: Meeting, by: User) -> Meeting:
    """The meeting locked for entering results, by someone who may enter them."""
    require(by, Action.EDIT_BLOCK, meeting.block)
    if not meeting.open_for_results:
        raise ValidationError(_("Hồ sơ đã gửi hoặc đã có quyết định: không sửa được kết quả."))
    return meeting


@transaction.atomic
def meeting_result_record(
    *,
    meeting: Meeting,
    household: Household,
    agreed: int | None,
    by: User,
    excluded: bool = False,
    case: NotAssessedCase | None = None,
    reason: str = "",
    version: int | None = None,
) -> MeetingResult:
    """Enter (or correct) one household's result. The rule of the meeting decides đạt / không đạt;
    a household not assessed (không xét) has the decree's case, or a written reason, and no vote count."""
    meeting = _open_for_results(_locked_for_update(meeting, version), by)
    if household.block_id != meeting.block_id:
        raise ValidationError(
            _("Hộ %(code)s không thuộc %(block)s.") % {"code": household.code, "block": meeting.block}
        )
    if household.moved_out_on is not None:
        raise ValidationError(_("Hộ %(code)s đã chuyển đi, không bình xét.") % {"code": household.code})
    reason = reason.strip()
    if excluded:
        agreed = None
        if case is None and not reason:
            raise ValidationError(
                {
                    "reason": _(
                        "Ghi lý do hộ thuộc trường hợp không xét: chọn một trường hợp theo Nghị định 86/2023 "
                        "(Điều 6), hoặc chọn “Khác” và ghi rõ."
                    )
                }
            )
        if case is not None and case.needs_detail and not reason:
            raise ValidationError({"reason": _("Trường hợp “%(case)s”: ghi rõ lý do không xét.") % {"case": case}})
    else:
        case = None
        if agreed is None:
            raise ValidationError({"agreed": _("Nhập số người tán thành.")})
        if agreed > meeting.present:
            raise ValidationError(
                {
                    "agreed": _("Số người tán thành (%(agreed)d) không thể nhiều hơn số người có mặt (%(present)d).")
                    % {"agreed": agreed, "present": meeting.present}
                }
            )
    other = MeetingResult.objects.filter(household=household, year=meeting.year).exclude(meeting=meeting).first()
    if other is not None:
        raise ValidationError(
            _("Hộ %(code)s đã có kết quả bình xét năm %(year)d.") % {"code": household.code, "year": meeting.year}
        )
    rule = VoteRule.of_meeting(meeting)
    passed = (
        agreed is not None and rule.quorate(meeting.present, meeting.invited) and rule.passes(agreed, meeting.present)
    )
    if not excluded and not passed and not reason:
        reason = _("Không đủ số người tán thành theo quy định.")
    result = MeetingResult.objects.filter(meeting=meeting, household=household).first() or MeetingResult(
        meeting=meeting, household=household, year=meeting.year
    )
    result.agreed, result.excluded, result.case, result.passed = agreed, excluded, case, passed
    result.reason = "" if passed else reason
    result.entered_by = by
    save_with_history(result, by=by)
    _bump(meeting, by, [])
    return result


@transaction.atomic
def meeting_results_complete(
    *, meeting: Meeting, by: User, version: int | None = None, skip: Iterable[int] = ()
) -> int:
    """ "Các hộ còn lại đều tán thành": every living household without a result yet (but those in
    `skip`, still on their way from the phone) is entered as agreed by everyone present, in one
    step, each with its history record. Returns how many were entered."""
    meeting = _open_for_results(_locked_for_update(meeting, version), by)
    rest = (
        Household.objects.filter(block=meeting.block_id, moved_out_on__isnull=True)
        .exclude(meeting_results__year=meeting.year)
        .exclude(pk__in=list(skip))
        .order_by("code")
        .values_list("pk", flat=True)
    )
    rule = VoteRule.of_meeting(meeting)
    passed = rule.quorate(meeting.present, meeting.invited) and rule.passes(meeting.present, meeting.present)
    reason = "" if passed else _("Không đủ số người tán thành theo quy định.")
    rows = [
        {
            "meeting_id": meeting.pk,
            "household_id": pk,
            "year": meeting.year,
            "agreed": meeting.present,
            "excluded": False,
            "case_id": None,
            "passed": passed,
            "reason": reason,
            "entered_by_id": by.pk,
        }
        for pk in rest
    ]
    if rows:
        insert_with_history(MeetingResult, rows, user=by, reason=_("Các hộ còn lại đều tán thành"))
        _bump(meeting, by, [])
    return len(rows)


def _check_end(meeting: Meeting, ended_at: datetime.time | None) -> None:
    # The minutes say "kết thúc vào hồi … cùng ngày": the end is on the day it began, after it began.
    began = timezone.localtime(meeting.held_at).time().replace(second=0, microsecond=0)
    if ended_at is not None and ended_at <= began:
        raise ValidationError(
            {
                "ended_at": _("Giờ kết thúc (%(end)s) phải sau giờ bắt đầu họp (%(begin)s), trong cùng ngày.")
                % {"end": f"{ended_at:%H:%M}", "begin": f"{began:%H:%M}"}
            }
        )


@transaction.atomic
def meeting_end_record(*, meeting: Meeting, ended_at: datetime.time | None, by: User) -> Meeting:
    """The time the meeting ended, printed in the minutes; the khối trưởng enters it (or clears
    it) until the dossier is sent."""
    meeting = _locked_for_update(meeting)
    require(by, Action.EDIT_BLOCK, meeting.block)
    if meeting.locked:
        raise ValidationError(_("Hồ sơ đã gửi: không sửa được giờ kết thúc cuộc họp."))
    _check_end(meeting, ended_at)
    meeting.ended_at = ended_at
    # Not a change to the results: a phone still entering them is not told its copy is stale.
    return save_with_history(meeting, by=by, clean=False, update_fields=["ended_at"])


@transaction.atomic
def meeting_post(
    *,
    meeting: Meeting,
    starts_on: datetime.date,
    by: User,
    place: str = "",
    days: int | None = None,
    ended_at: datetime.time | None = None,
) -> Posting:
    """Post the proposed list publicly once every living household has its result; the meeting
    is closed then, so its end time may come with it (kept when not given)."""
    meeting = _locked_for_update(meeting)
    require(by, Action.EDIT_BLOCK, meeting.block)
    if not meeting.open_for_results:
        raise ValidationError(_("Danh sách đã được niêm yết hoặc đã gửi."))
    _check_end(meeting, ended_at)
    missing = (
        Household.objects.filter(block=meeting.block, moved_out_on__isnull=True)
        .exclude(meeting_results__year=meeting.year)
        .count()
    )
    if missing:
        raise ValidationError(_("Còn %(n)d hộ chưa có kết quả bình xét.") % {"n": missing})
    if starts_on < timezone.localtime(meeting.held_at).date():
        raise ValidationError(_("Ngày niêm yết không được trước ngày họp."))
    plan = plan_for_year(meeting.year, meeting.block.commune)
    posting, _created = Posting.objects.update_or_create(
        meeting=meeting, defaults={"starts_on": starts_on, "days": days or plan.posting_days, "place": place}
    )
    meeting.status = Meeting.Status.POSTED
    if ended_at is not None:
        meeting.ended_at = ended_at
    _bump(meeting, by, ["status", "ended_at"])
    _step(meeting, MeetingStep.Action.POSTED, by)
    # Every result is in and the list is up: the meeting is done, as far as the commune goes.
    notify(
        users=people_who_may(Action.APPROVE),
        text=_("%(block)s đã họp bình xét năm %(year)d và niêm yết danh sách từ %(first)s đến hết %(last)s")
        % {
            "block": meeting.block,
            "year": meeting.year,
            "first": formatting.date(posting.starts_on),
            "last": formatting.date(posting.ends_on - datetime.timedelta(days=1)),
        },
        url=_meeting_url(meeting),
        by=by,
    )
    return posting


@transaction.atomic
def posting_comments_record(*, meeting: Meeting, comments: str, by: User) -> Posting:
    meeting = _locked_for_update(meeting)
    require(by, Action.EDIT_BLOCK, meeting.block)
    if meeting.status != Meeting.Status.POSTED:
        raise ValidationError(_("Chỉ ghi ý kiến trong thời gian niêm yết, trước khi gửi hồ sơ."))
    posting = meeting.posting
    posting.comments = comments
    return save_with_history(posting, by=by)


@transaction.atomic
def meeting_submit(*, meeting: Meeting, by: User) -> Meeting:
    """The khối trưởng sends the dossier (request, list with comments, minutes) to the commune."""
    meeting = _locked_for_update(meeting)
    require(by, Action.EDIT_BLOCK, meeting.block)
    if meeting.status != Meeting.Status.POSTED:
        raise ValidationError(_("Chỉ gửi được hồ sơ sau khi đã niêm yết danh sách."))
    # The dossier carries the comments received, so it is made once the posting has closed
    # (Nghị định 86/2023).
    ends_on = meeting.posting.ends_on
    if timezone.localdate() < ends_on:
        raise ValidationError(
            _("Danh sách niêm yết đến hết ngày %(last)s: gửi hồ sơ được từ ngày %(first)s.")
            % {"last": f"{ends_on - datetime.timedelta(days=1):%d/%m/%Y}", "first": f"{ends_on:%d/%m/%Y}"}
        )
    meeting.status, meeting.returned_reason = Meeting.Status.SUBMITTED, ""
    _bump(meeting, by, ["status", "returned_reason"])
    _step(meeting, MeetingStep.Action.SUBMITTED, by)
    notify(
        users=people_who_may(Action.APPROVE),
        text=_("%(block)s đã gửi hồ sơ bình xét năm %(year)d, chờ kiểm tra")
        % {"block": meeting.block, "year": meeting.year},
        url=_meeting_url(meeting),
        by=by,
    )
    return meeting


@transaction.atomic
def meeting_return(*, meeting: Meeting, reason: str, by: User) -> Meeting:
    """The officer sends the dossier back to the block, saying why."""
    require(by, Action.APPROVE)
    meeting = _locked_for_update(meeting)
    if meeting.status not in (Meeting.Status.SUBMITTED, Meeting.Status.CHECKED):
        raise ValidationError(_("Chỉ trả lại được hồ sơ đã gửi và chưa có quyết định."))
    if not reason.strip():
        raise ValidationError({"reason": _("Ghi lý do trả lại hồ sơ.")})
    meeting.status, meeting.returned_reason = Meeting.Status.RETURNED, reason
    _bump(meeting, by, ["status", "returned_reason"])
    _step(meeting, MeetingStep.Action.RETURNED, by, reason)
    notify(
        users=[meeting.block.leader],
        text=_("Hồ sơ bình xét năm %(year)d của %(block)s bị trả lại: %(reason)s")
        % {"year": meeting.year, "block": meeting.block, "reason": reason.strip()},
        url=_meeting_url(meeting),
        by=by,
    )
    return meeting


@transaction.atomic
def meeting_check(*, meeting: Meeting, by: User) -> Meeting:
    require(by, Action.APPROVE)
    meeting = _locked_for_update(meeting)
    if meeting.status != Meeting.Status.SUBMITTED:
        raise ValidationError(_("Chỉ kiểm tra được hồ sơ vừa gửi."))
    meeting.status = Meeting.Status.CHECKED
    _bump(meeting, by, ["status"])
    _step(meeting, MeetingStep.Action.CHECKED, by)
    notify(
        users=people_who_may(Action.ISSUE_DECISION),
        text=_("Hồ sơ bình xét năm %(year)d của %(block)s đã kiểm tra, chờ quyết định công nhận")
        % {"year": meeting.year, "block": meeting.block},
        url=reverse("recognition:decision_new"),
        by=by,
    )
    return meeting


@transaction.atomic
def decision_issue(
    *,
    meetings: list[Meeting],
    number: int,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str,
    by: User,
    symbol: str = DEFAULT_SYMBOL,
) -> Decision:
    """The chairman's decision recognising every household that passed in the checked dossiers.
    The indicators move here, and only here; the blocks' year is then locked."""
    require(by, Action.ISSUE_DECISION)
    if not meetings:
        raise ValidationError(_("Chọn ít nhất một hồ sơ."))
    commune, first_year = meetings[0].block.commune, meetings[0].year
    authority = campaign_selectors.title_authority(commune, Title.CULTURAL_FAMILY, first_year)
    if not authority.in_commune:  # decided above the commune: recorded from its paper instead
        raise ValidationError(_who_decides(authority, commune, first_year))
    meetings = [_locked_for_update(m) for m in meetings]
    years = {m.year for m in meetings}
    if len(years) != 1:
        raise ValidationError(_("Một quyết định chỉ cho một năm."))
    for meeting in meetings:
        if meeting.status != Meeting.Status.CHECKED:
            raise ValidationError(_("Hồ sơ %(block)s chưa được kiểm tra.") % {"block": meeting.block})
        ends_on = meeting.posting.ends_on
        if issued_on < ends_on:
            raise ValidationError(
                _("%(block)s niêm yết đến hết ngày %(last)s: chưa ra quyết định được trước ngày %(first)s.")
                % {
                    "block": meeting.block,
                    "last": f"{ends_on - datetime.timedelta(days=1):%d/%m/%Y}",
                    "first": f"{ends_on:%d/%m/%Y}",
                }
            )
    year = years.pop()
    passed = list(MeetingResult.objects.filter(meeting__in=meetings, passed=True).values_list("household", flat=True))
    already = list(
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_FAMILY, year=year, household__in=passed)
        .select_related("household", "decision")
        .order_by("household__code")[:5]
    )
    if already:
        raise ValidationError(
            _("Các hộ sau đã có danh hiệu năm %(year)d theo quyết định khác: %(list)s.")
            % {"year": year, "list": "; ".join(f"{r.household.code} ({r.decision.reference})" for r in already)}
        )
    decision = _new_decision(
        commune=meetings[0].block.commune,
        kind=Decision.Kind.CONFERRAL,
        title=Title.CULTURAL_FAMILY,
        year=year,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        signer_name=signer_name,
        signer_title=signer_title,
        by=by,
    )
    insert_with_history(
        Recognition,
        [
            {
                "title": Title.CULTURAL_FAMILY.value,
                "year": year,
                "household_id": pk,
                "source": "decision",
                "decision_id": decision.pk,
                "valid_until": year,
                "note": "",
            }
            for pk in passed
        ],
        user=by,
        reason=str(decision),
    )
    for meeting in meetings:
        meeting.status, meeting.decision = Meeting.Status.DECIDED, decision
        _bump(meeting, by, ["status", "decision"])
        _step(meeting, MeetingStep.Action.DECIDED, by, str(decision))
    _tell_decision(decision, {m.block: _meeting_url(m) for m in meetings}, by, _("Quyết định tặng"))
    return decision


@transaction.atomic
def meeting_reopen(*, meeting: Meeting, reason: str, by: User) -> Meeting:
    """Unlock a block's year before any decision: the officer only, with a reason.
    After a decision the titles stand until a withdrawal takes them back; once every
    title it gave the block is withdrawn, the block may meet again."""
    require(by, Action.APPROVE)
    meeting = _locked_for_update(meeting)
    if not reason.strip():
        raise ValidationError({"reason": _("Ghi lý do mở lại.")})
    if meeting.status == Meeting.Status.OPEN:
        raise ValidationError(_("Cuộc họp đang mở."))
    if meeting.decision is not None and meeting.decided_titles_stand():
        raise ValidationError(
            _(
                "Đã có Quyết định %(ref)s: quyết định đã ký không sửa được. Muốn thay đổi, Chủ tịch "
                "ra quyết định hủy bỏ, thu hồi danh hiệu, sau đó mới họp lại."
            )
            % {"ref": meeting.decision.reference}
        )
    meeting.status, meeting.decision, meeting.returned_reason = Meeting.Status.OPEN, None, reason
    _bump(meeting, by, ["status", "decision", "returned_reason"])
    _step(meeting, MeetingStep.Action.REOPENED, by, reason)
    return meeting


# -- Tổ dân phố văn hóa ----------------------------------------------------------------


def _not_ahead(day: datetime.date | None, what: str) -> None:
    # The papers carry the day it happened: a day still to come has not happened.
    if day is not None and day > timezone.localdate():
        raise ValidationError(_("%(what)s %(day)s chưa tới.") % {"what": what, "day": f"{day:%d/%m/%Y}"})


def _not_before(day: datetime.date | None, earlier: datetime.date | None, message: str) -> None:
    if day is not None and earlier is not None and day < earlier:
        raise ValidationError(message % {"day": f"{earlier:%d/%m/%Y}"})


@transaction.atomic
def block_title_report(
    *, block: Block, year: int, achievements: str, by: User, reported_on: datetime.date | None = None
) -> BlockTitleDossier:
    """The khối trưởng's report of achievements and its day (the page offers today's; none given
    prints blank on the paper, never the day it is printed). The council's earlier record is kept."""
    require(by, Action.EDIT_BLOCK, block)
    if not achievements.strip():
        raise ValidationError(
            {"achievements": _("Ghi báo cáo thành tích của %(unit)s.") % {"unit": block.words.counter}}
        )
    _not_ahead(reported_on, _("Ngày báo cáo thành tích"))
    dossier = BlockTitleDossier.objects.filter(block=block, year=year).first() or BlockTitleDossier(
        block=block, year=year
    )
    if dossier.status not in (BlockTitleDossier.Status.REPORTED, BlockTitleDossier.Status.NOT_PROPOSED):
        raise ValidationError(_("Hồ sơ đã được Hội đồng xét, không sửa báo cáo được."))
    dossier.achievements, dossier.status = achievements, BlockTitleDossier.Status.REPORTED
    dossier.reported_on = reported_on
    return save_with_history(dossier, by=by)


@transaction.atomic
def block_title_review(
    *,
    dossier: BlockTitleDossier,
    propose: bool,
    opinion: str,
    by: User,
    council_met_on: datetime.date | None = None,
    council_members: str = "",
) -> BlockTitleDossier:
    """The council's review, recorded by the officer: its opinion, the day it met and who sat
    (the council's minutes print them; a day not given stays blank there)."""
    require(by, Action.APPROVE)
    dossier = BlockTitleDossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.status != BlockTitleDossier.Status.REPORTED:
        raise ValidationError(_("Chỉ xét được hồ sơ vừa báo cáo."))
    _not_ahead(council_met_on, _("Ngày họp Hội đồng"))
    unit = dossier.block.words.counter
    _not_before(
        council_met_on,
        dossier.reported_on,
        # The day is put in by _not_before: kept as a placeholder here.
        _("Hội đồng không họp xét trước ngày %(unit)s báo cáo thành tích (%(day)s).")
        % {"unit": unit, "day": "%(day)s"},
    )
    dossier.council_opinion = opinion
    dossier.council_met_on, dossier.council_members = council_met_on, council_members
    dossier.status = BlockTitleDossier.Status.REVIEWED if propose else BlockTitleDossier.Status.NOT_PROPOSED
    return save_with_history(dossier, by=by)


@transaction.atomic
def block_title_post(*, dossier: BlockTitleDossier, starts_on: datetime.date, by: User) -> BlockTitleDossier:
    require(by, Action.APPROVE)
    dossier = BlockTitleDossier.objects.select_for_update().select_related("block__commune").get(pk=dossier.pk)
    if dossier.status != BlockTitleDossier.Status.REVIEWED:
        raise ValidationError(_("Chỉ niêm yết hồ sơ được Hội đồng đề nghị."))
    _not_before(starts_on, dossier.council_met_on, _("Ngày niêm yết không được trước ngày Hội đồng họp (%(day)s)."))
    dossier.posting_starts_on = starts_on
    dossier.posting_days = plan_for_year(dossier.year, dossier.block.commune).posting_days
    dossier.status = BlockTitleDossier.Status.POSTED
    return save_with_history(dossier, by=by)


@transaction.atomic
def block_title_submit(*, dossier: BlockTitleDossier, submitted_on: datetime.date, by: User) -> BlockTitleDossier:
    """The day of the submission (tờ trình) that proposes the block to whoever decides: made
    once the posting has closed, since it reports the comments received."""
    require(by, Action.APPROVE)
    dossier = BlockTitleDossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.status != BlockTitleDossier.Status.POSTED:
        raise ValidationError(_("Chỉ lập tờ trình cho hồ sơ đã niêm yết, chưa có quyết định."))
    _not_ahead(submitted_on, _("Ngày tờ trình"))
    _not_before(
        submitted_on,
        dossier.posting_ends_on,
        _("Tờ trình gửi kèm kết quả niêm yết: lập từ ngày %(day)s, khi đã hết thời gian niêm yết."),
    )
    dossier.submitted_on = submitted_on
    return save_with_history(dossier, by=by)


@transaction.atomic
def block_title_decide(
    *,
    dossiers: list[BlockTitleDossier],
    number: int,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str,
    by: User,
    symbol: str = DEFAULT_SYMBOL,
    scan: File | None = None,
) -> Decision:
    """Tổ dân phố văn hóa: the decision the year's plan gives to the commune chairman is issued
    (and printed) here; one decided above the commune (the district chairman in 2024) is
    recorded by the officer from the paper received, issued by that body, with its scan."""
    if not dossiers:
        raise ValidationError(_("Chọn ít nhất một hồ sơ."))
    commune = dossiers[0].block.commune
    authority = _authority_for(by, commune, Title.CULTURAL_BLOCK, dossiers[0].year)
    dossiers = list(
        BlockTitleDossier.objects.select_for_update().select_related("block").filter(pk__in=[d.pk for d in dossiers])
    )
    if len({d.year for d in dossiers}) != 1:
        raise ValidationError(_("Một quyết định chỉ cho một năm."))
    for dossier in dossiers:
        if dossier.status != BlockTitleDossier.Status.POSTED:
            raise ValidationError(_("Hồ sơ %(block)s chưa niêm yết.") % {"block": dossier.block})
        if issued_on < dossier.posting_ends_on:
            raise ValidationError(
                _("%(block)s còn đang niêm yết: chưa ra quyết định được trước ngày %(day)s.")
                % {"block": dossier.block, "day": f"{dossier.posting_ends_on:%d/%m/%Y}"}
            )
    year = dossiers[0].year
    already = (
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_BLOCK, year=year, block__in=[d.block for d in dossiers])
        .first()
    )
    if already is not None:
        raise ValidationError(
            _("%(block)s đã có danh hiệu năm %(year)d theo %(ref)s.")
            % {"block": already.block, "year": year, "ref": already.decision.reference}
        )
    decision = _authority_decision(
        authority=authority,
        commune=commune,
        title=Title.CULTURAL_BLOCK,
        year=year,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        signer_name=signer_name,
        signer_title=signer_title,
        scan=scan,
        by=by,
    )
    source = Recognition.Source.DECISION if authority.in_commune else Recognition.Source.IMPORTED
    for dossier in dossiers:
        save_with_history(
            Recognition(
                title=Title.CULTURAL_BLOCK,
                year=year,
                block=dossier.block,
                source=source,
                decision=decision,
                valid_until=year,
            ),
            by=by,
        )
        dossier.status, dossier.decision = BlockTitleDossier.Status.DECIDED, decision
        save_with_history(dossier, by=by)
    titles_url = f"{reverse('recognition:titles')}?year={year}"
    _tell_decision(decision, {d.block: titles_url for d in dossiers}, by, _("Quyết định tặng"))
    return decision


def _authority_decision(
    *,
    authority: TitleAuthority,
    commune: Commune,
    title: str,
    year: int,
    number: int,
    symbol: str,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str,
    by: User,
    scan: File | None = None,
) -> Decision:
    """The commune chairman's own decision (printed here), or the one received from the body
    the plan names, recorded as issued by that body (its paper is the original)."""
    if authority.in_commune:
        return _new_decision(
            commune=commune,
            kind=Decision.Kind.CONFERRAL,
            title=title,
            year=year,
            number=number,
            symbol=symbol,
            issued_on=issued_on,
            signer_name=signer_name,
            signer_title=signer_title,
            by=by,
        )
    return _new_decision(
        commune=commune,
        kind=Decision.Kind.RECORDED,
        title=title,
        year=year,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        signer_name=signer_name,
        signer_title=signer_title,
        issuing_body=authority.body or authority.decider(commune),
        scan=scan,
        by=by,
    )


# -- cơ quan, đơn vị đạt chuẩn văn hóa ---------------------------------------------------


def _organisation_validity(commune: Commune, year: int) -> int:
    try:
        return plan_for_year(year, commune).organisation_validity_years
    except PlanNotFound:  # an older year, entered afterwards: the latest plan's rule, else the 5 years of TT 08/2014
        latest = latest_plan(commune)
        return latest.organisation_validity_years if latest else 5


@transaction.atomic
def organisation_recognise(
    *,
    organisation: Organisation,
    year: int,
    number: int,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str,
    by: User,
    symbol: str = DEFAULT_SYMBOL,
    scan: File | None = None,
) -> Recognition:
    """Recognise (or re-recognise) an organisation: the title then holds for the years the
    plan sets (5 by default), so it cannot be given again while it still holds. Who decides
    is the year's plan's: a body above the commune (2024: the district), whose decision the
    officer records; the commune chairman only where the plan says so."""
    authority = _authority_for(by, organisation.commune, Title.CULTURAL_ORGANISATION, year)
    holding = Recognition.objects.holding_in(year).filter(organisation=organisation).first()
    if holding is not None:
        raise ValidationError(
            _("%(org)s đang giữ danh hiệu đến hết năm %(until)d; công nhận lại từ năm %(next)d.")
            % {"org": organisation, "until": holding.valid_until, "next": holding.valid_until + 1}
        )
    validity = _organisation_validity(organisation.commune, year)
    decision = _authority_decision(
        authority=authority,
        commune=organisation.commune,
        title=Title.CULTURAL_ORGANISATION,
        year=year,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        signer_name=signer_name,
        signer_title=signer_title,
        scan=scan,
        by=by,
    )
    return save_with_history(
        Recognition(
            title=Title.CULTURAL_ORGANISATION,
            year=year,
            organisation=organisation,
            source=Recognition.Source.DECISION if authority.in_commune else Recognition.Source.IMPORTED,
            decision=decision,
            valid_until=year + validity - 1,
        ),
        by=by,
    )


@transaction.atomic
def organisation_history_record(
    *, organisation: Organisation, year: int, decision_reference: str, valid_until: int, by: User
) -> Recognition:
    """A culture-standard recognition made before the app, from the commune's records: it
    belongs to the commune's recorded decision of that year, its reference kept in the note."""
    require(by, Action.EDIT_PLAN)
    overlapping = (
        Recognition.objects.in_force()
        .filter(organisation=organisation, year__lte=valid_until, valid_until__gte=year)
        .first()
    )
    if overlapping is not None:
        raise ValidationError(
            _("Trùng thời hạn với lần công nhận năm %(year)d (giữ đến %(until)d).")
            % {"year": overlapping.year, "until": overlapping.valid_until}
        )
    return save_with_history(
        Recognition(
            title=Title.CULTURAL_ORGANISATION,
            year=year,
            organisation=organisation,
            source=Recognition.Source.IMPORTED,
            valid_until=valid_until,
            decision=before_app_decision(organisation.commune, Title.CULTURAL_ORGANISATION, year),
            note=decision_reference,
        ),
        by=by,
    )


# -- Gia đình văn hóa tiêu biểu -----------------------------------------------------------


def _commendable(households: list[Household], year: int) -> None:
    """Only candidates (N years in a row), within the year's cap."""
    if not households:
        raise ValidationError(_("Chọn ít nhất một hộ."))
    candidates = exemplary_candidates(year)
    allowed = {h.pk for h in candidates["households"]}
    outside = [h for h in households if h.pk not in allowed]
    if outside:
        raise ValidationError(
            _("Hộ %(code)s không đủ số năm liên tục là Gia đình văn hóa.") % {"code": outside[0].code}
        )
    already = Commendation.objects.filter(year=year).count()
    cap = candidates["cap"]
    if cap is not None and already + len(households) > cap:
        raise ValidationError(
            _("Vượt mức khen thưởng của năm: tối đa %(cap)d hộ, đã có %(n)d.") % {"cap": cap, "n": already}
        )
    twice = Commendation.objects.filter(year=year, household__in=households).select_related("household").first()
    if twice is not None:
        raise ValidationError(
            _("Hộ %(code)s đã được khen thưởng năm %(year)d.") % {"code": twice.household.code, "year": year}
        )


@transaction.atomic
def commendation_record(*, households: list[Household], year: int, reference: str, by: User) -> list[Commendation]:
    """The officer's pick among the candidates, within the year's cap, commended on paper
    (the reference of that Giấy khen or decision)."""
    require(by, Action.APPROVE)
    _commendable(households, year)
    return [
        save_with_history(Commendation(year=year, household=h, reference=reference, recorded_by=by), by=by)
        for h in households
    ]


@transaction.atomic
def commendation_issue(
    *,
    households: list[Household],
    year: int,
    number: int,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str,
    by: User,
    symbol: str = DEFAULT_SYMBOL,
) -> Decision:
    """The chairman's decision giving a Giấy khen to each Gia đình văn hóa tiêu biểu picked,
    printed here with its list and a Giấy khen per household."""
    require(by, Action.ISSUE_DECISION)
    _commendable(households, year)
    if issued_on.year < year:
        raise ValidationError(
            {"issued_on": _("Quyết định khen thưởng năm %(year)d không thể ký trước năm đó.") % {"year": year}}
        )
    decision = _new_decision(
        commune=households[0].block.commune,
        kind=Decision.Kind.COMMENDATION,
        title=Title.CULTURAL_FAMILY,
        year=year,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        signer_name=signer_name,
        signer_title=signer_title,
        by=by,
    )
    for household in households:
        save_with_history(
            Commendation(
                year=year, household=household, reference=decision.reference, decision=decision, recorded_by=by
            ),
            by=by,
        )
    return decision


# -- decisions recorded from paper ------------------------------------------------------


def _subjects_of(
    title: str, households: Iterable[Household], blocks: Iterable[Block], organisations: Iterable[Organisation]
) -> tuple[str, list[Any]]:
    by_title: dict[str, tuple[str, list[Any]]] = {
        Title.CULTURAL_FAMILY: ("household", list(households)),
        Title.CULTURAL_BLOCK: ("block", list(blocks)),
        Title.CULTURAL_ORGANISATION: ("organisation", list(organisations)),
    }
    subjects = by_title[title]
    if not subjects[1]:
        raise ValidationError(_("Quyết định phải có danh sách được tặng danh hiệu."))
    return subjects


@transaction.atomic
def recorded_decision_record(
    *,
    commune: Commune,
    title: str,
    year: int,
    number: int,
    symbol: str,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str,
    issuing_body: str,
    by: User,
    households: Iterable[Household] = (),
    blocks: Iterable[Block] = (),
    organisations: Iterable[Organisation] = (),
    scan: File | None = None,
    grounds: str = "",
) -> Decision:
    """A decision made outside the app (on paper, before the app or by another body), with
    its list, entered by the officer. A block's year run in the app cannot get titles this way."""
    require(by, Action.APPROVE)
    field, subjects = _subjects_of(title, households, blocks, organisations)
    if issued_on.year < year:
        raise ValidationError(
            {"issued_on": _("Quyết định tặng danh hiệu năm %(year)d không thể ký trước năm đó.") % {"year": year}}
        )
    _refuse_titles_outside_the_app(title, year, field, subjects)
    decision = _new_decision(
        commune=commune,
        kind=Decision.Kind.RECORDED,
        title=title,
        year=year,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        signer_name=signer_name,
        signer_title=signer_title,
        issuing_body=issuing_body,
        grounds=grounds,
        scan=scan,
        by=by,
    )
    valid_until = year + _organisation_validity(commune, year) - 1 if title == Title.CULTURAL_ORGANISATION else year
    insert_with_history(
        Recognition,
        [
            {
                "title": title,
                "year": year,
                f"{field}_id": subject.pk,
                "source": Recognition.Source.IMPORTED.value,
                "decision_id": decision.pk,
                "valid_until": valid_until,
                "note": "",
            }
            for subject in subjects
        ],
        user=by,
        reason=str(decision),
    )
    return decision


def _refuse_titles_outside_the_app(title: str, year: int, field: str, subjects: list[Any]) -> None:
    """A subject holding the title already, or a block whose year is run in the app, refuses the whole list."""
    if title == Title.CULTURAL_FAMILY:
        moved = [h for h in subjects if h.moved_out_on is not None and h.moved_out_on.year < year]
        if moved:
            raise ValidationError(
                _("Hộ %(code)s đã chuyển đi trước năm %(year)d.") % {"code": moved[0].code, "year": year}
            )
        in_app = Meeting.objects.filter(year=year, block__in={h.block_id for h in subjects}).select_related("block")
        for meeting in in_app[:1]:
            raise ValidationError(
                _(
                    "%(block)s bình xét năm %(year)d trên hệ thống: danh hiệu của %(unit)s do quyết "
                    "định trên hệ thống tặng, không ghi nhận từ hồ sơ giấy."
                )
                % {"block": meeting.block, "year": year, "unit": meeting.block.words.counter}
            )
    holding = (
        Recognition.objects.in_force()
        .filter(title=title, year=year, **{f"{field}__in": subjects})
        .select_related(field, "decision")
        .first()
    )
    if holding is not None:
        raise ValidationError(
            _("%(subject)s đã có danh hiệu năm %(year)d theo %(ref)s.")
            % {"subject": getattr(holding, field), "year": year, "ref": holding.decision.reference}
        )


# -- taking titles back ------------------------------------------------------------------


@transaction.atomic
def withdrawal_issue(
    *,
    recognitions: list[Recognition],
    number: int,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str,
    grounds: str,
    by: User,
    symbol: str = DEFAULT_SYMBOL,
    scan: File | None = None,
) -> Decision:
    """Quyết định hủy bỏ / thu hồi danh hiệu: the titles are withdrawn from its date (their rows
    and history stay, pointing at it), their certificates are marked as taken back, and the
    decisions that gave them stay as signed. Taken back by the authority that gave them (Luật
    Thi đua, khen thưởng 2022, Điều 93): the commune chairman's is printed here; a higher body's
    is recorded by the officer, issued by that body, with its scan."""
    if not recognitions:
        raise ValidationError(_("Chọn ít nhất một danh hiệu để thu hồi."))
    if not grounds.strip():
        raise ValidationError({"grounds": _("Ghi căn cứ, lý do hủy bỏ, thu hồi danh hiệu.")})
    current = list(
        Recognition.objects.select_for_update(of=("self",))
        .filter(pk__in=[r.pk for r in recognitions])
        .select_related("decision__commune", "household", "block", "organisation")
        .order_by("pk")
    )
    if len(current) != len({r.pk for r in recognitions}):
        raise ValidationError(_("Có danh hiệu không còn trong sổ."))
    first = current[0]
    commune = first.decision.commune
    require(by, title_authority(commune, first.title, first.year))
    if {(r.title, r.year, r.decision.commune_id) for r in current} != {(first.title, first.year, commune.pk)}:
        raise ValidationError(_("Một quyết định thu hồi chỉ cho một danh hiệu của một năm."))
    for recognition in current:
        subject = recognition.household or recognition.block or recognition.organisation
        if not recognition.in_force:
            raise ValidationError(
                _("%(subject)s không còn giữ danh hiệu năm %(year)d: đã thu hồi trước đó.")
                % {"subject": subject, "year": recognition.year}
            )
        given_on = recognition.decision.issued_on
        if given_on is not None and issued_on < given_on:
            raise ValidationError(
                {
                    "issued_on": _("Quyết định thu hồi không thể ký trước quyết định tặng %(ref)s ngày %(day)s.")
                    % {"ref": recognition.decision.reference, "day": f"{given_on:%d/%m/%Y}"}
                }
            )
    authority = campaign_selectors.title_authority(commune, first.title, first.year)
    withdrawal = _new_decision(
        commune=commune,
        kind=Decision.Kind.WITHDRAWAL,
        title=first.title,
        year=first.year,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        signer_name=signer_name,
        signer_title=signer_title,
        grounds=grounds,
        issuing_body="" if authority.in_commune else authority.body or authority.decider(commune),
        scan=None if authority.in_commune else scan,
        by=by,
    )
    for recognition in current:
        recognition.withdrawn_by = withdrawal
        save_with_history(recognition, by=by, reason=str(withdrawal), clean=False, update_fields=["withdrawn_by"])
    # Households' titles are seen on their block's page, a block's own on the titles page;
    # an organisation has no khối trưởng to tell.
    household_blocks = Block.objects.filter(pk__in={r.household.block_id for r in current if r.household})
    blocks = {
        block: reverse("households:block", args=[block.pk]) for block in household_blocks.select_related("leader")
    }
    titles_url = f"{reverse('recognition:titles')}?year={first.year}"
    blocks.update({r.block: titles_url for r in current if r.block})
    _tell_decision(withdrawal, blocks, by, _("Quyết định hủy bỏ, thu hồi"))
    return withdrawal


# -- the signed paper ----------------------------------------------------------------------


class PaperAltered(Exception):
    """The stored paper no longer matches the SHA-256 taken when it was made."""


def decision_paper(*, decision: Decision) -> bytes:
    """The decision's paper as it was made: printed once (the first time it is asked for,
    normally right after signing), stored with its SHA-256, then always read back."""
    if not decision.signed_in_app:
        raise ValidationError(_("Quyết định ghi nhận từ hồ sơ giấy: văn bản gốc là bản giấy."))
    if not decision.paper:
        with transaction.atomic():
            locked = Decision.objects.select_for_update().select_related("commune").get(pk=decision.pk)
            if not locked.paper:
                data = render_pdf(*papers.decision_paper_source(locked))  # as its Word copy is made
                locked.paper.save(f"quyet-dinh-{locked.pk}.pdf", ContentFile(data), save=False)
                locked.paper_sha256 = hashlib.sha256(data).hexdigest()
                # Not a change of the decision: no history row, and only these two columns.
                Decision.objects.filter(pk=locked.pk).update(paper=locked.paper.name, paper_sha256=locked.paper_sha256)
            decision.paper, decision.paper_sha256 = locked.paper, locked.paper_sha256
    with decision.paper.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != decision.paper_sha256:
        raise PaperAltered(decision.pk)
    return data


# Tasks sit beside the service they run (one module, no import cycle).
@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=300, time_limit=360)
def decision_paper_task(decision_id: int) -> str:
    """Print a signed decision's paper once, right after signing. Safe to run twice: the
    second run finds the paper stored and reads it back."""
    decision = Decision.objects.select_related("commune").get(pk=decision_id)
    with working_in(decision.commune):  # a worker has no request: the decision's commune
        decision_paper(decision=decision)
    return decision.paper_sha256
