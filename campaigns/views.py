"""The officer's year: the plan, its tasks and committee, activities, block figures,
cultural houses, organisations and funding. Thin: forms in, services write,
selectors read, permissions.py decides."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caolocculture.docx import DOCX, render_docx
from caolocculture.permissions import Action, can, get_block_for, require
from caolocculture.views import apply_form, form_status, import_step
from households.selectors import blocks_by_number, blocks_with_houses_for, cultural_house_of, current_commune
from recognition.selectors import organisations_register, organisations_totals
from recognition.services import organisation_history_record

from . import selectors, services
from .exporting import export_activities, export_figures, export_organisations
from .filters import ActivityFilter
from .forms import (
    ActivityForm,
    AuthorityForm,
    BudgetLineForm,
    CulturalHouseForm,
    DecisionBasesForm,
    EvidenceForm,
    FiguresForm,
    FiguresImportForm,
    MemberForm,
    OrganisationForm,
    OrganisationHistoryForm,
    PlanForm,
    ReturnForm,
    TargetFormSet,
    TaskForm,
)
from .models import Activity, BudgetLine, SteeringCommitteeMember, Task
from .papers import plan_document_context, plan_document_pdf

FORM_PAGE = "campaigns/form.html"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form_page(request, form, title: str, cancel: str, **extra) -> HttpResponse:
    context = {"form": form, "title": title, "cancel": cancel, **extra}
    return render(request, FORM_PAGE, context, status=form_status(request))


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


# -- the plan ---------------------------------------------------------------------


def plan_current(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_COMMUNE)
    return redirect("campaigns:plan", year=selectors.year_from_request(request).year)


def plan_detail(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, Action.VIEW_COMMUNE)
    plan = selectors.plan_or_404(year)
    tasks = list(selectors.tasks_of(plan))
    for task in tasks:
        task.overdue = selectors.is_overdue(task)
    years = selectors.plan_years()
    return render(
        request,
        "campaigns/plan_detail.html",
        {
            "plan": plan,
            "years": years,
            "targets": selectors.plan_targets(plan),
            "authorities": selectors.plan_authorities(plan),
            "bases": [line for line in plan.decision_bases.splitlines() if line.strip()],
            "members": selectors.plan_members(plan),
            "tasks": tasks,
            "can_edit": can(request.user, Action.EDIT_PLAN),
            "next_exists": plan.year + 1 in years,
            # Said before copying: a plan copied ahead waits for January to become the working year.
            "copy_works_at_once": selectors.working_year_among([*years, plan.year + 1]) == plan.year + 1,
        },
    )


def plan_document(request: HttpRequest, year: int) -> HttpResponse:
    """The plan as the Ban Chỉ đạo issues it: the Kế hoạch paper, printed from the record."""
    require(request.user, Action.VIEW_COMMUNE)
    plan = selectors.plan_or_404(year)
    response = HttpResponse(plan_document_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ke-hoach-{year}.pdf"'
    return response


def plan_document_docx(request: HttpRequest, year: int) -> HttpResponse:
    """The Kế hoạch as a Word copy (the same template and context as its PDF), to finish by hand."""
    require(request.user, Action.VIEW_COMMUNE)
    plan = selectors.plan_or_404(year)
    response = HttpResponse(render_docx("pdf/plan_document.html", plan_document_context(plan)), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="ban-word-ke-hoach-{year}.docx"'
    return response


def plan_edit(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, Action.EDIT_PLAN)
    plan = selectors.plan_or_404(year)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and apply_form(form, lambda data: services.plan_update(plan=plan, by=request.user)):
        messages.success(request, _("Đã lưu kế hoạch năm %(year)d.") % {"year": year})
        return redirect("campaigns:plan", year=year)
    return _form_page(
        request, form, _("Sửa kế hoạch năm %(year)d") % {"year": year}, reverse("campaigns:plan", args=[year])
    )


def authorities_edit(request: HttpRequest, year: int) -> HttpResponse:
    """Who confers each title this year and how the signature reads, with the decisions' bases."""
    require(request.user, Action.EDIT_PLAN)
    plan = selectors.plan_or_404(year)
    authorities = selectors.plan_authorities(plan)
    data = request.POST or None
    bases = DecisionBasesForm(data, initial={"decision_bases": plan.decision_bases})
    forms_ = [
        (
            a,
            AuthorityForm(
                data,
                prefix=a.title,
                initial={"level": a.level, "body": a.body, "signs_as": a.signs_as, "symbol": a.symbol},
            ),
        )
        for a in authorities
    ]
    if request.method == "POST":
        if bases.is_valid() and all(f.is_valid() for _a, f in forms_):
            try:
                services.plan_authorities_save(
                    plan=plan,
                    decision_bases=bases.cleaned_data["decision_bases"],
                    authorities={a.title: f.cleaned_data for a, f in forms_},
                    by=request.user,
                )
            except ValidationError as exc:
                bases.add_error(None, exc)
            else:
                messages.success(request, _("Đã lưu thẩm quyền tặng danh hiệu năm %(year)d.") % {"year": year})
                return redirect(reverse("campaigns:plan", args=[year]) + "#tham-quyen")
    return render(
        request,
        "campaigns/authorities_form.html",
        {"plan": plan, "bases": bases, "forms": forms_},
        status=form_status(request),
    )


def targets_edit(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, Action.EDIT_PLAN)
    plan = selectors.plan_or_404(year)
    formset = TargetFormSet(request.POST or None, queryset=selectors.plan_targets(plan))
    if request.method == "POST" and formset.is_valid():
        try:
            services.targets_save(plan=plan, targets=formset.save(commit=False), by=request.user)
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Đã lưu chỉ tiêu năm %(year)d.") % {"year": year})
            return redirect("campaigns:plan", year=year)
    return render(
        request, "campaigns/targets_form.html", {"formset": formset, "plan": plan}, status=form_status(request)
    )


@require_POST
def plan_copy(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, Action.EDIT_PLAN)
    plan = selectors.plan_or_404(year)
    try:
        new = services.plan_copy_to_next_year(plan=plan, by=request.user)
    except ValidationError as exc:
        _error(request, exc)
        return redirect("campaigns:plan", year=year)
    messages.success(
        request,
        _("Đã tạo kế hoạch năm %(new)d từ kế hoạch năm %(year)d; hãy xem lại và sửa.")
        % {"new": new.year, "year": year},
    )
    if new.year > new.phase_end:
        messages.warning(
            request,
            _("Năm %(year)d nằm ngoài giai đoạn %(start)d–%(end)d của kế hoạch: hãy sửa giai đoạn và căn cứ.")
            % {"year": new.year, "start": new.phase_start, "end": new.phase_end},
        )
    return redirect("campaigns:plan", year=new.year)


def member_edit(request: HttpRequest, year: int, pk: int | None = None) -> HttpResponse:
    require(request.user, Action.EDIT_PLAN)
    plan = selectors.plan_or_404(year)
    member = selectors.get_member(plan, pk) if pk else SteeringCommitteeMember(plan=plan)
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and apply_form(form, lambda data: services.member_save(member=member, by=request.user)):
        messages.success(request, _("Đã lưu thành viên %(member)s.") % {"member": member})
        return redirect(reverse("campaigns:plan", args=[year]) + "#ban-chi-dao")
    title = _("Sửa thành viên Ban Chỉ đạo") if pk else _("Thêm thành viên Ban Chỉ đạo")
    return _form_page(
        request,
        form,
        title,
        reverse("campaigns:plan", args=[year]),
        delete_url=reverse("campaigns:member_delete", args=[year, pk]) if pk else "",
    )


@require_POST
def member_delete(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    require(request.user, Action.EDIT_PLAN)
    plan = selectors.plan_or_404(year)
    member = selectors.get_member(plan, pk)
    services.member_remove(member=member, by=request.user)
    messages.success(request, _("Đã xóa thành viên %(member)s.") % {"member": member})
    return redirect(reverse("campaigns:plan", args=[year]) + "#ban-chi-dao")


# -- tasks ---------------------------------------------------------------------------


def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.VIEW_COMMUNE)
    task = selectors.get_task(pk)
    task.overdue = selectors.is_overdue(task)
    return render(
        request,
        "campaigns/task_detail.html",
        {
            "task": task,
            "responsible": selectors.task_responsible(task),
            "evidence": selectors.task_evidence(task),
            "activities": selectors.task_activities(task),
            "budget": selectors.budget_by_task(task.plan).get(task.pk),
            "changes": selectors.task_changes(task),
            "evidence_form": EvidenceForm(),
            "can_edit": can(request.user, Action.EDIT_PLAN),
        },
    )


def task_edit(request: HttpRequest, year: int, pk: int | None = None) -> HttpResponse:
    require(request.user, Action.EDIT_PLAN)
    plan = selectors.plan_or_404(year)
    task = selectors.get_plan_task(plan, pk) if pk else Task(plan=plan)
    form = TaskForm(
        request.POST or None,
        instance=task,
        plan=plan,
        initial={"responsible": selectors.task_responsible(task)} if pk else None,
    )
    if request.method == "POST":
        saved = apply_form(
            form, lambda data: services.task_save(task=task, responsible=data["responsible"], by=request.user)
        )
        if saved:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("campaigns:task", pk=saved.pk)
    return _form_page(
        request,
        form,
        _("Sửa nhiệm vụ") if pk else _("Thêm nhiệm vụ"),
        reverse("campaigns:task", args=[pk]) if pk else reverse("campaigns:plan", args=[year]),
    )


@require_POST
def task_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.EDIT_PLAN)
    task = selectors.get_task(pk)
    form = EvidenceForm(request.POST, request.FILES)
    if apply_form(form, lambda data: services.task_evidence_add(task=task, by=request.user, **data)):
        messages.success(request, _("Đã thêm minh chứng."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("campaigns:task", pk=task.pk)


def evidence_download(request: HttpRequest, kind: str, pk: int) -> FileResponse:
    """Evidence is served through here, never from a public folder: it can show people."""
    if kind == "nhiem-vu":
        evidence = selectors.get_task_evidence_for(request.user, pk)
    elif kind == "hoat-dong":
        evidence = selectors.get_activity_evidence_for(request.user, pk)  # 404 outside the user's reach
    else:
        raise Http404
    try:
        return FileResponse(
            evidence.file.open("rb"), as_attachment=True, filename=evidence.file.name.rsplit("/", 1)[-1]
        )
    except FileNotFoundError:
        raise Http404 from None


# -- activities ----------------------------------------------------------------------


def activity_list(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """The year in the address, else ?year=, else the working year."""
    require(request.user, Action.VIEW_BLOCK)
    choice = selectors.year_from_request(request)
    plan = selectors.plan_or_404(year or choice.year)
    blocks = blocks_by_number(request.user)
    filterset = ActivityFilter(request.GET, queryset=selectors.activities_for(request.user, plan), blocks=blocks)
    activities = list(filterset.qs)
    return render(
        request,
        "campaigns/activity_list.html",
        {
            "plan": plan,
            "filter": filterset,
            "activities": activities,
            "years": choice.years,
            "attendance": sum(a.attendance for a in activities),
            "can_add": can(request.user, Action.EDIT_BLOCK) or can(request.user, Action.EDIT_PLAN),
        },
    )


def activity_export(request: HttpRequest, year: int) -> HttpResponse:
    """The list as filtered on screen, as a spreadsheet."""
    require(request.user, Action.VIEW_BLOCK)
    plan = selectors.plan_or_404(year)
    blocks = blocks_by_number(request.user)
    filterset = ActivityFilter(request.GET, queryset=selectors.activities_for(request.user, plan), blocks=blocks)
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="hoat-dong-{year}.xlsx"'
    export_activities(filterset.qs, response)
    return response


def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_activity_for(request.user, pk)
    may_edit = (
        can(request.user, Action.EDIT_BLOCK, activity.block)
        if activity.block_id
        else can(request.user, Action.EDIT_PLAN)
    )
    return render(
        request,
        "campaigns/activity_detail.html",
        {
            "activity": activity,
            "evidence": selectors.activity_evidence(activity),
            "evidence_form": EvidenceForm(),
            "can_edit": may_edit,
        },
    )


def activity_edit(request: HttpRequest, year: int, pk: int | None = None) -> HttpResponse:
    plan = selectors.plan_or_404(year)
    if pk:
        activity = selectors.get_activity_for(request.user, pk)
        if activity.plan_id != plan.pk:
            raise Http404
        services.require_activity_rights(activity, request.user)
    else:
        activity = Activity(plan=plan)
        if not can(request.user, Action.EDIT_PLAN):
            require(request.user, Action.EDIT_BLOCK)
    commune_wide = can(request.user, Action.EDIT_PLAN)
    form = ActivityForm(
        request.POST or None,
        instance=activity,
        plan=plan,
        commune_wide=commune_wide,
        blocks=blocks_by_number(request.user, Action.EDIT_BLOCK),
    )
    if request.method == "POST":
        saved = apply_form(form, lambda data: services.activity_save(activity=activity, by=request.user))
        if saved:
            messages.success(request, _("Đã lưu hoạt động."))
            return redirect("campaigns:activity", pk=saved.pk)
    return _form_page(
        request,
        form,
        _("Sửa hoạt động") if pk else _("Thêm hoạt động"),
        reverse("campaigns:activities_year", args=[year]),
    )


@require_POST
def activity_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_activity_for(request.user, pk)
    services.require_activity_rights(activity, request.user)
    form = EvidenceForm(request.POST, request.FILES)
    if apply_form(form, lambda data: services.activity_evidence_add(activity=activity, by=request.user, **data)):
        messages.success(request, _("Đã thêm minh chứng."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("campaigns:activity", pk=activity.pk)


# -- block figures -------------------------------------------------------------------


def figures_current(request: HttpRequest) -> HttpResponse:
    return redirect("campaigns:figures", year=selectors.year_from_request(request).year)


def _figures_year(year: int) -> int:
    if not services.FIRST_FIGURES_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404
    return year


def figures(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, Action.VIEW_BLOCK)
    _figures_year(year)
    lines = selectors.figures_sheet(request.user, year)
    approved, totals = selectors.approved_totals(lines)
    return render(
        request,
        "campaigns/figures.html",
        {
            "year": year,
            "lines": lines,
            "years": selectors.plan_years(),
            "totals": totals,
            "approved": approved,
            "can_import": can(request.user, Action.EDIT_BLOCK),
            "can_approve": can(request.user, Action.APPROVE),
        },
    )


def figures_block(request: HttpRequest, year: int, block_pk: int) -> HttpResponse:
    block = get_block_for(request.user, block_pk)
    _figures_year(year)
    current = selectors.figures_of(block, year)
    last_year = selectors.figures_of(block, year - 1)
    may_edit = can(request.user, Action.EDIT_BLOCK, block) and (current is None or current.editable_by_block)
    form = FiguresForm(request.POST or None, instance=current, last_year=last_year) if may_edit else None
    if request.method == "POST":
        require(request.user, Action.EDIT_BLOCK, block)
        if form is None:
            messages.error(request, _("Số liệu đã gửi hoặc đã duyệt, không sửa được."))
            return redirect("campaigns:figures_block", year=year, block_pk=block.pk)
        submit = "submit" in request.POST
        seen = _version(request)
        saved = apply_form(
            form,
            lambda data: services.figures_save(
                block=block, year=year, by=request.user, submit=submit, version=seen, **data
            ),
        )
        if saved:
            messages.success(
                request, _("Đã gửi số liệu để công chức văn hóa duyệt.") if submit else _("Đã lưu nháp số liệu.")
            )
            return redirect("campaigns:figures_block", year=year, block_pk=block.pk)
    return render(
        request,
        "campaigns/figures_block.html",
        {
            "the_block": block,
            "year": year,
            "figures": current,
            "last_year": last_year,
            "form": form,
            "return_form": ReturnForm(),
            "can_approve": can(request.user, Action.APPROVE),
            "changes": selectors.figures_changes(current) if current else [],
        },
        status=form_status(request),
    )


def _version(request) -> int | None:
    """The version of the figures the page showed (0: none yet), posted back with every write."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


@require_POST
def figures_decide(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    figures_ = selectors.get_figures(pk)
    get_block_for(request.user, figures_.block_id)
    try:
        if step == "duyet":
            services.figures_approve(figures=figures_, by=request.user, version=_version(request))
            messages.success(request, _("Đã duyệt số liệu của %(block)s.") % {"block": figures_.block})
        elif step == "tra-lai":
            services.figures_return(
                figures=figures_,
                reason=request.POST.get("returned_reason", ""),
                by=request.user,
                version=_version(request),
            )
            messages.success(request, _("Đã trả lại số liệu cho %(block)s.") % {"block": figures_.block})
        else:
            raise Http404
    except ValidationError as exc:
        _error(request, exc)
    return redirect("campaigns:figures_block", year=figures_.year, block_pk=figures_.block_id)


def figures_import(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, Action.EDIT_BLOCK)
    _figures_year(year)
    form = FiguresImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.figures_import_check(file=form.cleaned_data["file"], year=year, by=request.user)
        return redirect("campaigns:figures_import_detail", pk=job.pk)
    return render(
        request,
        "campaigns/figures_import.html",
        {"form": form, "year": year},
        status=form_status(request),  # a refused file: nothing kept
    )


def figures_import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.get_figures_import_for(request.user, pk)
    if request.method == "POST":
        return import_step(
            request,
            lambda: services.figures_import_confirm(figures_import=job, by=request.user),
            reverse("campaigns:figures_import_detail", args=[job.pk]),
        )
    return render(
        request,
        "campaigns/figures_import_detail.html",
        {
            "job": job,
            "again_url": reverse("campaigns:figures_import", args=[job.year]),
            "lands_approved": can(request.user, Action.APPROVE),
        },
    )


def figures_template(request: HttpRequest, year: int) -> HttpResponse:
    """The blocks the user may enter, with this year's figures where there are some."""
    require(request.user, Action.VIEW_BLOCK)
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="so-lieu-khoi-pho-{year}.xlsx"'
    export_figures(selectors.figures_sheet(request.user, year), response)
    return response


# -- cultural houses, organisations, funding ----------------------------------------


def houses(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_BLOCK)
    blocks = blocks_with_houses_for(request.user)
    choice = selectors.year_from_request(request)
    return render(
        request,
        "campaigns/houses.html",
        {"blocks": blocks, "can_edit": can(request.user, Action.EDIT_PLAN), "year": choice.year, "year_choice": choice},
    )


def house_edit(request: HttpRequest, block_pk: int) -> HttpResponse:
    require(request.user, Action.EDIT_PLAN)
    block = get_block_for(request.user, block_pk)
    house = cultural_house_of(block)
    form = CulturalHouseForm(request.POST or None, instance=house)
    if request.method == "POST" and apply_form(
        form, lambda data: services.cultural_house_save(house=house, by=request.user)
    ):
        messages.success(request, _("Đã lưu nhà văn hóa %(block)s.") % {"block": block})
        return redirect("campaigns:houses")
    return _form_page(request, form, _("Nhà văn hóa %(block)s") % {"block": block}, reverse("campaigns:houses"))


def organisations(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_COMMUNE)
    choice = selectors.year_from_request(request)
    year = choice.year
    items = organisations_register(current_commune(), year)
    return render(
        request,
        "campaigns/organisations.html",
        {
            "organisations": items,
            "year": year,
            "year_choice": choice,
            **organisations_totals(items),
            "can_edit": can(request.user, Action.EDIT_PLAN),
        },
    )


def organisation_export(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_COMMUNE)
    year = selectors.year_from_request(request).year  # the year the page showed
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="co-quan-don-vi-{year}.xlsx"'
    export_organisations(organisations_register(current_commune(), year), year, response)
    return response


def organisation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, Action.EDIT_PLAN)
    organisation = selectors.get_organisation(pk) if pk else selectors.new_organisation()
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and apply_form(
        form, lambda data: services.organisation_save(organisation=organisation, by=request.user)
    ):
        messages.success(request, _("Đã lưu %(name)s.") % {"name": organisation})
        return redirect("campaigns:organisations")
    return _form_page(
        request, form, _("Sửa cơ quan, đơn vị") if pk else _("Thêm cơ quan, đơn vị"), reverse("campaigns:organisations")
    )


def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.EDIT_PLAN)
    organisation = selectors.get_organisation(pk)
    form = OrganisationHistoryForm(request.POST or None)
    if request.method == "POST" and apply_form(
        form, lambda data: organisation_history_record(organisation=organisation, by=request.user, **data)
    ):
        messages.success(request, _("Đã ghi lần công nhận của %(name)s.") % {"name": organisation})
        return redirect("campaigns:organisations")
    return _form_page(
        request,
        form,
        _("Ghi lần công nhận đã có: %(name)s") % {"name": organisation},
        reverse("campaigns:organisations"),
    )


def funding(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, Action.VIEW_COMMUNE)
    plan = selectors.plan_or_404(year)
    return render(
        request,
        "campaigns/funding.html",
        {"plan": plan, **selectors.funding_summary(plan), "can_edit": can(request.user, Action.EDIT_PLAN)},
    )


def budget_line_edit(request: HttpRequest, year: int, pk: int | None = None) -> HttpResponse:
    require(request.user, Action.EDIT_PLAN)
    plan = selectors.plan_or_404(year)
    line = selectors.get_budget_line(plan, pk) if pk else BudgetLine()
    form = BudgetLineForm(request.POST or None, instance=line, plan=plan)
    if request.method == "POST" and apply_form(
        form, lambda data: services.budget_line_save(line=line, by=request.user)
    ):
        messages.success(request, _("Đã lưu dòng kinh phí."))
        return redirect("campaigns:funding", year=year)
    return _form_page(
        request,
        form,
        _("Sửa dòng kinh phí") if pk else _("Thêm dòng kinh phí"),
        reverse("campaigns:funding", args=[year]),
    )
