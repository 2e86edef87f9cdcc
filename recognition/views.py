import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import selectors as campaign_selectors
from campaigns.selectors import get_commune_organisation, year_from_request
from caolocculture import numbers
from caolocculture.audit import export_recorded
from caolocculture.docx import DOCX, render_docx
from caolocculture.models import PersonalDataExport
from caolocculture.permissions import Action, can, get_block_for, require
from caolocculture.versions import changes_no_figure
from caolocculture.views import form_status, ids_from
from households.selectors import blocks_by_number, current_commune, get_household_in_block, households_by_ids

from . import dossier_papers, papers, services
from .forms import (
    AuthorityDecisionForm,
    BlockReportForm,
    BlockReviewForm,
    BlockSubmitForm,
    DecisionForm,
    MeetingEndForm,
    MeetingForm,
    MeetingPostingForm,
    PostingForm,
    ReasonForm,
    RecordedDecisionForm,
    WithdrawalForm,
)
from .models import Decision, Meeting, Title
from .rules import VoteRule
from .selectors import (
    block_dossiers_for,
    checked_meetings_for,
    commendation_decisions,
    commended_households,
    decision_commendations,
    decision_proposals,
    decision_scan_for,
    decision_titles,
    decision_years,
    decisions_of_year,
    exemplary_candidates,
    get_block_dossier_for,
    get_decision,
    get_decision_for,
    get_decision_with_issuer_for,
    get_meeting_for,
    get_not_assessed_case,
    meeting_of,
    meeting_sheet,
    meeting_totals,
    meetings_for,
    not_assessed_cases,
    organisations_with_titles,
    result_state,
    sheet_state,
    sheet_totals,
    submit_from,
    titles_held,
)


def _messages_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def meeting_list(request: HttpRequest) -> HttpResponse:
    year_choice = year_from_request(request)
    year = year_choice.year
    meetings = {m.block_id: m for m in meetings_for(request.user, year)}
    rows = [(block, meetings.get(block.pk)) for block in blocks_by_number(request.user)]
    return render(
        request,
        "recognition/meeting_list.html",
        {
            "rows": rows,
            "year": year,
            "year_choice": year_choice,
            "can_decide": can(request.user, Action.ISSUE_DECISION),
            "can_view_decision": can(request.user, Action.VIEW_COMMUNE),
        },
    )


def meeting_block(request: HttpRequest, block_pk: int) -> HttpResponse:
    """The block's meeting for the working year: the form to open it, or its sheet."""
    block = get_block_for(request.user, block_pk)
    year_choice = year_from_request(request)
    year = year_choice.year
    meeting = meeting_of(block, year)
    if meeting is not None:
        return redirect("recognition:meeting", pk=meeting.pk)
    require(request.user, Action.EDIT_BLOCK, block)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting, warnings = services.meeting_open(block=block, year=year, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("recognition:meeting", pk=meeting.pk)
    return render(
        request,
        "recognition/meeting_open.html",
        {"form": form, "target": block, "year": year, "year_choice": year_choice, "held": titles_held(block, year)},
        status=form_status(request),
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The sheet used at the meeting, on a phone: one compact row per household, saved as you
    go; and the dossier it becomes (the officer's check and return first, the comments received)."""
    meeting = get_meeting_for(request.user, pk)
    rule = VoteRule.of_meeting(meeting)
    sheet = meeting_sheet(meeting)
    can_edit = can(request.user, Action.EDIT_BLOCK, meeting.block) and meeting.open_for_results
    return render(
        request,
        "recognition/meeting_detail.html",
        {
            "meeting": meeting,
            "sheet": sheet,
            "state": sheet_state(meeting, sheet),
            "totals": sheet_totals(sheet),
            "cases": not_assessed_cases() if can_edit else [],
            "rule": rule.describe(),
            "votes_needed": rule.votes_needed(meeting.present),
            "quorate": rule.quorate(meeting.present, meeting.invited),
            "can_edit": can_edit,
            "can_submit": can(request.user, Action.EDIT_BLOCK, meeting.block)
            and meeting.status == Meeting.Status.POSTED,
            "submit_from": submit_from(meeting),
            "can_approve": can(request.user, Action.APPROVE),
            # The officer's check and return, with the comments received, at the top of the dossier.
            "dossier_actions": can(request.user, Action.APPROVE)
            and meeting.status in (Meeting.Status.SUBMITTED, Meeting.Status.CHECKED),
            "can_view_decision": can(request.user, Action.VIEW_COMMUNE),
            "posting_form": MeetingPostingForm(initial={"ended_at": meeting.ended_at}),
            "reason_form": ReasonForm(),
            "titles_in_force": meeting.decided_titles_stand(),
        },
    )


def meeting_results(request: HttpRequest, pk: int) -> JsonResponse:
    """What the server holds for the sheet (JSON): a phone told another device changed the
    meeting reads it to re-apply its own entries and to ask about the households both changed."""
    meeting = get_meeting_for(request.user, pk)
    return JsonResponse(sheet_state(meeting, meeting_sheet(meeting)))


def _json_body(request: HttpRequest) -> dict:
    data = json.loads(request.body)
    if not isinstance(data, dict):
        raise TypeError
    return data


@require_POST
@changes_no_figure
def meeting_result(request: HttpRequest, pk: int) -> JsonResponse:
    """Save one household's result (JSON in, JSON out) for the meeting sheet: a vote count, or
    "không xét" with the decree's case (and the reason written for "Khác")."""
    meeting = get_meeting_for(request.user, pk, Action.EDIT_BLOCK)
    try:
        data = _json_body(request)
        household = get_household_in_block(meeting.block, int(data["household"]))
        excluded = bool(data.get("excluded"))
        # 12, "12", "1.000"; never "12OO" or -1. No count is taken for a household not assessed.
        agreed = None if excluded else numbers.parse_integer(data["agreed"])
    except ValidationError as exc:
        return JsonResponse({"error": _messages_of(exc)}, status=400)
    except (ValueError, KeyError, TypeError, OverflowError):  # OverflowError: int() of 1e400 (JSON's inf)
        return JsonResponse({"error": _("Số phiếu không hợp lệ.")}, status=400)
    case = None
    if excluded and data.get("case") not in (None, ""):
        try:
            case = get_not_assessed_case(int(data["case"]))
        except (ValueError, TypeError, OverflowError):
            case = None
        if case is None:
            return JsonResponse({"error": _("Trường hợp không xét không hợp lệ.")}, status=400)
    try:
        result = services.meeting_result_record(
            meeting=meeting,
            household=household,
            agreed=agreed,
            by=request.user,
            excluded=excluded,
            case=case,
            reason=str(data.get("reason", "")),
            version=data.get("version"),
        )
    except ValidationError as exc:
        return JsonResponse({"error": _messages_of(exc)}, status=409 if isinstance(exc, services.StaleMeeting) else 400)
    meeting.refresh_from_db(fields=["version"])
    return JsonResponse(
        {
            "passed": result.passed,
            "reason": result.reason,
            "result": result_state(result),
            "version": meeting.version,
            "totals": meeting_totals(meeting),
        }
    )


@require_POST
@changes_no_figure
def meeting_complete(request: HttpRequest, pk: int) -> JsonResponse:
    """ "Các hộ còn lại đều tán thành", in one request (JSON: the version the phone holds and the
    households it still has entries for); answers with the sheet as the server now holds it."""
    meeting = get_meeting_for(request.user, pk, Action.EDIT_BLOCK)
    try:
        data = _json_body(request)
        skip = [int(pk) for pk in data.get("skip", [])]
    except (ValueError, TypeError, OverflowError):
        return JsonResponse({"error": _("Yêu cầu không hợp lệ.")}, status=400)
    try:
        saved = services.meeting_results_complete(
            meeting=meeting, by=request.user, version=data.get("version"), skip=skip
        )
    except ValidationError as exc:
        return JsonResponse({"error": _messages_of(exc)}, status=409 if isinstance(exc, services.StaleMeeting) else 400)
    meeting.refresh_from_db(fields=["version"])
    return JsonResponse({"saved": saved, **sheet_state(meeting, meeting_sheet(meeting))})


def _run(request, message: str, run, *redirect_to):
    """Take a workflow step; its refusal, or `message`, is shown on the page it returns to."""
    try:
        run()
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, message)
    return redirect(*redirect_to)


def _step(request, pk, message, run):
    meeting = get_meeting_for(request.user, pk)
    return _run(request, message, lambda: run(meeting), "recognition:meeting", meeting.pk)


@require_POST
def meeting_post(request: HttpRequest, pk: int) -> HttpResponse:
    get_meeting_for(request.user, pk, Action.EDIT_BLOCK)  # who may, before what they sent
    form = MeetingPostingForm(request.POST)
    if not form.is_valid():
        invalid = _("Ngày niêm yết không hợp lệ.") if "starts_on" in form.errors else None
        messages.error(request, invalid or " ".join(form.errors.get("ended_at", [])))
        return redirect("recognition:meeting", pk=pk)
    return _step(
        request,
        pk,
        _("Đã niêm yết danh sách."),
        lambda m: services.meeting_post(meeting=m, by=request.user, **form.cleaned_data),
    )


@require_POST
def meeting_end(request: HttpRequest, pk: int) -> HttpResponse:
    """The time the meeting ended, for the minutes (blank clears it)."""
    get_meeting_for(request.user, pk, Action.EDIT_BLOCK)  # who may, before what they sent
    form = MeetingEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["ended_at"]))
        return redirect("recognition:meeting", pk=pk)
    return _step(
        request,
        pk,
        _("Đã lưu giờ kết thúc cuộc họp."),
        lambda m: services.meeting_end_record(meeting=m, ended_at=form.cleaned_data["ended_at"], by=request.user),
    )


@require_POST
def meeting_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, _("Đã gửi hồ sơ."), lambda m: services.meeting_submit(meeting=m, by=request.user))


@require_POST
def meeting_check(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, _("Đã kiểm tra hồ sơ."), lambda m: services.meeting_check(meeting=m, by=request.user))


@require_POST
def meeting_return(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _step(
        request,
        pk,
        _("Đã trả lại hồ sơ."),
        lambda m: services.meeting_return(meeting=m, reason=reason, by=request.user),
    )


@require_POST
def meeting_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _step(
        request, pk, _("Đã mở lại."), lambda m: services.meeting_reopen(meeting=m, reason=reason, by=request.user)
    )


def decision_new(request: HttpRequest) -> HttpResponse:
    """The chairman reads what each checked dossier of the year proposes (households, posting,
    comments), then records the decision, signed as their profile says, after confirming."""
    require(request.user, Action.ISSUE_DECISION)
    year_choice = year_from_request(request)
    year = year_choice.year
    ready = checked_meetings_for(request.user, year)
    proposals = decision_proposals(ready)
    signer = request.user
    # Who signs: the signer's profile when it says; else the year's plan when it names the
    # vice-chairman. Never CHỦ TỊCH by guess: a vice-chairman would sign as the chairman.
    signer_title = signer.signer_title or (
        campaign_selectors.title_authority(current_commune(), Title.CULTURAL_FAMILY, year).default_signer_title
    )
    form = DecisionForm(
        request.POST or None, initial={"signer_name": signer.get_full_name(), "signer_title": signer_title}
    )
    if request.method == "POST" and form.is_valid():
        chosen = [m for m in ready if str(m.pk) in request.POST.getlist("meetings")]
        if request.POST.get("confirmed") != "1":
            # The page's dialog (or, without JavaScript, its check box) says what will be signed first.
            form.add_error(None, _("Hãy xác nhận trước khi ghi nhận quyết định."))
        else:
            try:
                decision = services.decision_issue(meetings=chosen, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã ghi nhận quyết định %(d)s.") % {"d": decision})
                return redirect(reverse("recognition:meetings") + year_choice.query)
    return render(
        request,
        "recognition/decision_form.html",
        {
            "form": form,
            "proposals": proposals,
            "total": sum(p.count for p in proposals),
            "signature": papers.signature_lines(title) if (title := form["signer_title"].value()) else [],
            "year": year,
            "year_choice": year_choice,
        },
        status=form_status(request),
    )


# -- printed papers --------------------------------------------------------------

PAPERS = {
    "bien-ban": (papers.minutes_pdf, "bien-ban-binh-xet"),
    "danh-sach": (papers.proposed_list_pdf, "danh-sach-de-nghi"),
    "niem-yet": (papers.posting_notice_pdf, "thong-bao-niem-yet"),
    "de-nghi": (dossier_papers.written_request_pdf, "van-ban-de-nghi"),
}
AFTER_POSTING = {"niem-yet", "de-nghi"}  # papers that tell of the posting: none before it


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def meeting_paper(request: HttpRequest, pk: int, paper: str) -> HttpResponse:
    meeting = get_meeting_for(request.user, pk)
    if paper not in PAPERS:
        raise Http404
    builder, name = PAPERS[paper]
    if paper in AFTER_POSTING and not hasattr(meeting, "posting"):
        raise Http404
    export_recorded(
        user=request.user,
        kind=PersonalDataExport.Kind.MEETING_PAPER,
        detail=f"{paper} {meeting.block.name} {meeting.year}",
    )
    return _pdf(builder(meeting), f"{name}-khoi-{meeting.block.number}-{meeting.year}")


# The Tổ dân phố văn hóa dossier's papers: the block's own report, and the commune's (the
# council's minutes, the submission), which name other blocks too.
DOSSIER_PAPERS = {
    "bao-cao-thanh-tich": (dossier_papers.block_report_pdf, "bao-cao-thanh-tich", False),
    "bien-ban-hoi-dong": (dossier_papers.council_minutes_pdf, "bien-ban-hoi-dong-thi-dua", True),
    "to-trinh": (dossier_papers.block_submission_pdf, "to-trinh-tdp-van-hoa", True),
}


def dossier_paper(request: HttpRequest, pk: int, paper: str) -> HttpResponse:
    dossier = get_block_dossier_for(request.user, pk)  # another block's: 404
    if paper not in DOSSIER_PAPERS:
        raise Http404
    builder, name, commune_paper = DOSSIER_PAPERS[paper]
    if commune_paper:
        require(request.user, Action.VIEW_COMMUNE)
    if not dossier_papers.paper_exists(dossier, paper):
        raise Http404
    return _pdf(builder(dossier), f"{name}-khoi-{dossier.block.number}-{dossier.year}")


# Word copies of the meeting papers: the same template and context as the PDF, for the same people.
WORD_COPIES = {
    "bien-ban": ("pdf/minutes.html", papers.minutes_context, "bien-ban-binh-xet"),
    "danh-sach": ("pdf/proposed_list.html", papers.proposed_list_context, "danh-sach-de-nghi"),
    "niem-yet": ("pdf/posting_notice.html", papers.posting_notice_context, "thong-bao-niem-yet"),
    "de-nghi": ("pdf/written_request.html", dossier_papers.written_request_context, "van-ban-de-nghi"),
}


def _docx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response


def meeting_paper_docx(request: HttpRequest, pk: int, paper: str) -> HttpResponse:
    """The Word copy of a meeting paper, to finish by hand; the PDF stays the record."""
    meeting = get_meeting_for(request.user, pk)  # another block's: 404
    if paper not in WORD_COPIES or (paper in AFTER_POSTING and not hasattr(meeting, "posting")):
        raise Http404
    template, context, name = WORD_COPIES[paper]
    export_recorded(
        user=request.user,
        kind=PersonalDataExport.Kind.MEETING_PAPER,
        detail=f"{paper} (bản Word) {meeting.block.name} {meeting.year}",
    )
    return _docx(render_docx(template, context(meeting)), f"ban-word-{name}-khoi-{meeting.block.number}-{meeting.year}")


def decision_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed paper exactly as it was made (stored with its SHA-256); a recorded decision has
    none here (its original is on paper; its scan, if any, is at decision_scan)."""
    decision = get_decision_for(request.user, pk)
    if not decision.signed_in_app:
        raise Http404
    export_recorded(user=request.user, kind=PersonalDataExport.Kind.DECISION_PDF, detail=decision.reference)
    response = _pdf(
        services.decision_paper(decision=decision),
        f"quyet-dinh-{decision.number}-{decision.issued_on.year}-{decision.pk}",
    )
    response["X-Content-SHA256"] = decision.paper_sha256
    return response


# Word copies of the Tổ dân phố văn hóa dossier's papers: the same template and context as the PDF.
DOSSIER_WORD_COPIES = {
    "bao-cao-thanh-tich": ("pdf/block_report.html", dossier_papers.block_report_context),
    "bien-ban-hoi-dong": ("pdf/council_minutes.html", dossier_papers.council_minutes_context),
    "to-trinh": ("pdf/block_submission.html", dossier_papers.block_submission_context),
}


def dossier_paper_docx(request: HttpRequest, pk: int, paper: str) -> HttpResponse:
    """The Word copy of a Tổ dân phố văn hóa dossier's paper, given as its PDF is."""
    dossier = get_block_dossier_for(request.user, pk)  # another block's: 404
    if paper not in DOSSIER_WORD_COPIES:
        raise Http404
    _builder, name, commune_paper = DOSSIER_PAPERS[paper]
    if commune_paper:
        require(request.user, Action.VIEW_COMMUNE)
    if not dossier_papers.paper_exists(dossier, paper):
        raise Http404
    template, context = DOSSIER_WORD_COPIES[paper]
    return _docx(render_docx(template, context(dossier)), f"ban-word-{name}-khoi-{dossier.block.number}-{dossier.year}")


def decision_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """A working copy in Word of a decision signed in the app, from the same context as its
    stored PDF (which stays the record); its name says it is the Word copy."""
    decision = get_decision_for(request.user, pk)
    if not decision.signed_in_app:
        raise Http404
    export_recorded(
        user=request.user, kind=PersonalDataExport.Kind.DECISION_PDF, detail=f"{decision.reference} (bản Word)"
    )
    return _docx(
        render_docx(*papers.decision_paper_source(decision)),
        f"ban-word-quyet-dinh-{decision.number:02d}-{decision.issued_on.year}",
    )


def decision_certificates(request: HttpRequest, pk: int, block_pk: int) -> HttpResponse:
    """One PDF per block: a certificate (a Giấy khen for a commendation) for each household, or
    the block itself, that the decision gave its title; a block with none there: 404."""
    block = get_block_for(request.user, block_pk)
    decision = get_decision(pk)
    if not papers.has_certificates(decision, block):
        raise Http404
    export_recorded(
        user=request.user, kind=PersonalDataExport.Kind.CERTIFICATES_PDF, detail=f"{decision.reference} {block.name}"
    )
    return _pdf(papers.certificates_pdf(decision, block), f"giay-chung-nhan-khoi-{block.number}-{decision.year}")


def decision_all_certificates(request: HttpRequest, pk: int) -> HttpResponse:
    """Every certificate of a decision in one PDF, numbered over the whole decision (commune roles)."""
    decision = get_decision_for(request.user, pk)
    if not papers.has_certificates(decision):
        raise Http404
    export_recorded(user=request.user, kind=PersonalDataExport.Kind.CERTIFICATES_PDF, detail=decision.reference)
    return _pdf(papers.certificates_pdf(decision), f"giay-chung-nhan-{decision.number}-{decision.year}")


@require_POST
def register_block(request: HttpRequest, block_pk: int) -> HttpResponse:
    """Đăng ký: every living household of the block, in one step."""
    block = get_block_for(request.user, block_pk, Action.EDIT_BLOCK)
    choice = year_from_request(request)
    added = services.registration_register_block(block=block, year=choice.year, by=request.user)
    messages.success(request, _("Đã đăng ký thêm %(n)d hộ cho năm %(year)d.") % {"n": added, "year": choice.year})
    return redirect(reverse("households:block", args=[block.pk]) + choice.query)


@require_POST
def posting_comments(request: HttpRequest, pk: int) -> HttpResponse:
    """Comments received while the list was posted, kept with the dossier."""
    return _step(
        request,
        pk,
        _("Đã lưu ý kiến nhận được."),
        lambda m: services.posting_comments_record(
            meeting=m, comments=request.POST.get("comments", ""), by=request.user
        ),
    )


# -- other titles: blocks, organisations, tiêu biểu ------------------------------------------


def titles(request: HttpRequest) -> HttpResponse:
    """Tổ dân phố văn hóa per block, organisations đạt chuẩn văn hóa, Gia đình văn hóa tiêu biểu."""
    year_choice = year_from_request(request)
    year = year_choice.year
    commune = current_commune()
    dossiers = block_dossiers_for(request.user, year)
    for block, _dossier in dossiers:
        block.editable = can(request.user, Action.EDIT_BLOCK, block)
    context = {
        "year": year,
        "year_choice": year_choice,
        "dossiers": dossiers,
        "can_approve": can(request.user, Action.APPROVE),
        "can_decide": can(request.user, Action.ISSUE_DECISION),
        "can_view_commune": can(request.user, Action.VIEW_COMMUNE),
        "today": timezone.localdate(),  # offered as the report's day
        "commune": commune,
        "block_authority": campaign_selectors.title_authority(commune, Title.CULTURAL_BLOCK, year),
        "org_authority": campaign_selectors.title_authority(commune, Title.CULTURAL_ORGANISATION, year),
    }
    if can(request.user, Action.VIEW_COMMUNE):
        context["organisations"] = organisations_with_titles(commune, year)
        context["exemplary"] = exemplary_candidates(year)
        context["commended"] = commended_households(year)
        context["commendation_decisions"] = commendation_decisions(commune, year)
    return render(request, "recognition/titles.html", context)


def _titles_step(request, message, run):
    """Back to the titles page of the year the action was taken for."""
    query = year_from_request(request).query
    return _run(request, message, run, reverse("recognition:titles") + query)


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@require_POST
def block_report(request: HttpRequest, block_pk: int) -> HttpResponse:
    block = get_block_for(request.user, block_pk, Action.EDIT_BLOCK)
    form = BlockReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(reverse("recognition:titles") + year_from_request(request).query)
    return _titles_step(
        request,
        _("Đã gửi báo cáo thành tích."),
        lambda: services.block_title_report(
            block=block, year=year_from_request(request).year, by=request.user, **form.cleaned_data
        ),
    )


@require_POST
def block_dossier_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    dossier = get_block_dossier_for(request.user, pk)
    if step == "xet":
        require(request.user, Action.APPROVE)  # who may, before what they sent
        review = BlockReviewForm(request.POST)
        if not review.is_valid():
            messages.error(request, _form_errors(review))
            return redirect("recognition:titles")
        return _titles_step(
            request,
            _("Đã ghi ý kiến Hội đồng."),
            lambda: services.block_title_review(
                dossier=dossier, propose=request.POST.get("propose") == "1", by=request.user, **review.cleaned_data
            ),
        )
    if step == "to-trinh":
        require(request.user, Action.APPROVE)
        submission = BlockSubmitForm(request.POST)
        if not submission.is_valid():
            messages.error(request, _form_errors(submission))
            return redirect("recognition:titles")
        return _titles_step(
            request,
            _("Đã ghi ngày tờ trình."),
            lambda: services.block_title_submit(dossier=dossier, by=request.user, **submission.cleaned_data),
        )
    if step == "niem-yet":
        form = PostingForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Ngày niêm yết không hợp lệ."))
            return redirect("recognition:titles")
        return _titles_step(
            request,
            _("Đã niêm yết."),
            lambda: services.block_title_post(
                dossier=dossier, starts_on=form.cleaned_data["starts_on"], by=request.user
            ),
        )
    if step != "quyet-dinh":
        raise Http404
    form = AuthorityDecisionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Thông tin quyết định chưa đủ: %(errors)s") % {"errors": _form_errors(form)})
        return redirect("recognition:titles")
    return _titles_step(
        request,
        _("Đã ghi nhận quyết định."),
        lambda: services.block_title_decide(dossiers=[dossier], by=request.user, **form.cleaned_data),
    )


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@require_POST
def organisation_recognise(request: HttpRequest, pk: int) -> HttpResponse:
    """The chairman's decision, or the officer's record of the one received (the year's plan says whose)."""
    if not (can(request.user, Action.ISSUE_DECISION) or can(request.user, Action.APPROVE)):
        raise PermissionDenied
    organisation = get_commune_organisation(pk)
    form = AuthorityDecisionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Thông tin quyết định chưa đủ: %(errors)s") % {"errors": _form_errors(form)})
        return redirect("recognition:titles")
    return _titles_step(
        request,
        _("Đã công nhận %(org)s.") % {"org": organisation},
        lambda: services.organisation_recognise(
            organisation=organisation, year=year_from_request(request).year, by=request.user, **form.cleaned_data
        ),
    )


@require_POST
def commend(request: HttpRequest) -> HttpResponse:
    """Gia đình văn hóa tiêu biểu: the chairman's commendation decision (printed here, a Giấy
    khen each), or the officer's record of one made on paper (its reference)."""
    if not (can(request.user, Action.ISSUE_DECISION) or can(request.user, Action.APPROVE)):
        raise PermissionDenied  # who may, before what they sent
    year = year_from_request(request).year
    chosen = households_by_ids(ids_from(request.POST, "households"))
    if can(request.user, Action.ISSUE_DECISION):
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Thông tin quyết định chưa đủ: %(errors)s") % {"errors": _form_errors(form)})
            return redirect(reverse("recognition:titles") + year_from_request(request).query)
        return _titles_step(
            request,
            _("Đã ký quyết định khen thưởng %(n)d hộ.") % {"n": len(chosen)},
            lambda: services.commendation_issue(households=chosen, year=year, by=request.user, **form.cleaned_data),
        )
    return _titles_step(
        request,
        _("Đã ghi khen thưởng %(n)d hộ.") % {"n": len(chosen)},
        lambda: services.commendation_record(
            households=chosen, year=year, reference=request.POST.get("reference", ""), by=request.user
        ),
    )


@require_POST
def register(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Đăng ký of a block or an organisation for the working year."""
    year = year_from_request(request).year
    if kind == "khoi":
        subject = {"block": get_block_for(request.user, pk, Action.EDIT_BLOCK)}
    else:
        subject = {"organisation": get_commune_organisation(pk)}
    return _titles_step(
        request, _("Đã đăng ký."), lambda: services.registration_register(year=year, by=request.user, **subject)
    )


# -- decisions: the record of every title ---------------------------------------------


def decision_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_COMMUNE)
    commune = current_commune()
    year_choice = year_from_request(request, commune, years=decision_years(commune), any_year=True)
    return render(
        request,
        "recognition/decision_list.html",
        {
            "year": year_choice.year,
            "year_choice": year_choice,
            "decisions": decisions_of_year(commune, year_choice.year),
            "can_record": can(request.user, Action.APPROVE),
        },
    )


def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision as recorded, what it gave or took back, and (to its authority) the way to take titles back."""
    decision = get_decision_with_issuer_for(request.user, pk)
    rows = decision_titles(decision)
    may_withdraw = (
        decision.kind != Decision.Kind.WITHDRAWAL
        and any(r.in_force for r in rows)
        and can(request.user, services.title_authority(decision.commune, decision.title, decision.year))
    )
    form = WithdrawalForm(request.POST or None, request.FILES or None) if may_withdraw else None
    ticked: set[int] = set()
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        ticked = set(ids_from(request.POST, "recognitions"))  # who may, before what they sent
        if form.is_valid():
            try:
                withdrawal = services.withdrawal_issue(
                    recognitions=[r for r in rows if r.pk in ticked], by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã ghi nhận quyết định thu hồi %(d)s.") % {"d": withdrawal})
                return redirect("recognition:decision", pk=withdrawal.pk)
    commended = decision_commendations(decision)
    blocks = sorted(
        {r.household.block for r in rows if r.household_id} | {c.household.block for c in commended},
        key=lambda b: b.number,
    )
    return render(
        request,
        "recognition/decision_detail.html",
        {
            "decision": decision,
            "rows": rows,
            "commended": commended,
            "has_certificates": decision.kind in (Decision.Kind.CONFERRAL, Decision.Kind.COMMENDATION),
            "form": form,
            "blocks": blocks,
            "ticked": ticked,
            "in_force": sum(1 for r in rows if r.in_force),
        },
        status=form_status(request),  # a POST that gets here was refused
    )


def recorded_decision_new(request: HttpRequest) -> HttpResponse:
    """The officer enters a decision made on paper (before the app, or by another body) with its list."""
    require(request.user, Action.APPROVE)
    commune = current_commune()
    form = RecordedDecisionForm(
        request.POST or None,
        request.FILES or None,
        initial={"issuing_body": commune.people_committee if commune else ""},
    )
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                decision = services.recorded_decision_record(
                    commune=commune, by=request.user, households=data.pop("household_codes"), **data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã ghi nhận quyết định %(d)s.") % {"d": decision})
                return redirect("recognition:decision", pk=decision.pk)
    return render(request, "recognition/recorded_decision_form.html", {"form": form}, status=form_status(request))


def decision_scan(request: HttpRequest, pk: int) -> FileResponse:
    scan = decision_scan_for(request.user, pk)
    return FileResponse(scan.open("rb"), filename=scan.name.rsplit("/", 1)[-1])
