from contextlib import nullcontext
from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from campaigns.selectors import plan_or_404, plans_by_year, working_year, year_from_request
from caolocculture import scope
from caolocculture.audit import export_recorded
from caolocculture.docx import DOCX
from caolocculture.models import PersonalDataExport
from caolocculture.pdf import render_html
from caolocculture.permissions import Action, can, commune_pk_for, require
from caolocculture.scope import working_in
from caolocculture.views import apply_form, form_status

from . import services, upward
from .exporting import province_workbook, statistics_workbook
from .forms import YearEndReportForm
from .indicators import compute, standing_closing
from .province import province_figures, province_table, province_years
from .selectors import (
    api_token_exists,
    blocks_of,
    due_for,
    get_report_file_done_for,
    get_report_file_for,
    get_report_file_to_retry_for,
    indicators_for,
    preparer_for,
    report_files,
    year_over_year,
)
from .yearend import report_context, yearend_docx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _chosen_plan(request, by_year: dict):
    """The plan of ?year=, else of the working year (the same rule as every page), with the picker's choice."""
    choice = year_from_request(request, years=sorted(by_year, reverse=True))
    return by_year.get(choice.year), choice


def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: the year's targets and where the commune (or the user's block)
    stands, block by block, and how far the season has come."""
    return _dashboard(request)


def _dashboard(request: HttpRequest, year: int | None = None, status: int = 200) -> HttpResponse:
    """The dashboard of ?year= (or of `year`, for a closing step sent back to it)."""
    by_year = plans_by_year()
    choice = year_from_request(request, years=sorted(by_year, reverse=True))
    if year is not None:
        choice = replace(choice, year=year)
    plan = by_year.get(choice.year)
    view = indicators_for(request.user, plan) if plan else None
    return render(
        request,
        "reports/home.html",
        {
            "plan": plan,
            "years": choice.years,
            "year_choice": choice,
            "view": view,
            "can_close": can(request.user, Action.APPROVE),
        },
        status=status,
    )


def _closing_step(request: HttpRequest, year: int, run, done: str) -> HttpResponse:
    """Close or reopen a year; a refusal is shown on the year's dashboard with a 400."""
    plan = _plan(year)
    require(request.user, Action.APPROVE)
    try:
        run(plan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _dashboard(request, year, status=400)
    messages.success(request, done % {"year": year})
    return redirect(f"{reverse('home')}?year={year}")


@require_POST
def year_close(request: HttpRequest, year: int) -> HttpResponse:
    return _closing_step(
        request, year, lambda plan: services.year_close(plan=plan, by=request.user), _("Đã chốt số liệu năm %(year)d.")
    )


@require_POST
def year_reopen(request: HttpRequest, year: int) -> HttpResponse:
    return _closing_step(
        request,
        year,
        lambda plan: services.year_reopen(plan=plan, reason=request.POST.get("reason", ""), by=request.user),
        _("Đã mở lại số liệu năm %(year)d."),
    )


def history_json(request: HttpRequest) -> JsonResponse:
    """The commune's indicators year over year, for the dashboard's chart (loaded after the page)."""
    require(request.user, Action.VIEW_COMMUNE)
    plan, _choice = _chosen_plan(request, plans_by_year())
    return JsonResponse(year_over_year(plan) if plan else {"years": [], "series": []})


# -- the year-end report ------------------------------------------------------------


def _plan(year: int):
    return plan_or_404(year)


def yearend(request: HttpRequest, year: int) -> HttpResponse:
    """The officer writes sections I, III, IV and V; anyone commune-wide prints and downloads."""
    require(request.user, Action.VIEW_COMMUNE)
    plan = _plan(year)
    report = services.report_of(plan)
    may_edit = can(request.user, Action.EDIT_PLAN)
    form = YearEndReportForm(request.POST or None, instance=report) if may_edit else None
    if request.method == "POST":
        require(request.user, Action.EDIT_PLAN)
        if apply_form(form, lambda data: services.report_update(report=report, by=request.user)):
            messages.success(request, _("Đã lưu nội dung báo cáo."))
            return redirect("reports:yearend", year=year)
    return render(
        request,
        "reports/yearend.html",
        {
            "plan": plan,
            "report": report,
            "form": form,
            "missing": report.unwritten_sections,
            "closing": standing_closing(plan.commune, plan.year),
            "files": report_files(report),
        },
        status=form_status(request),
    )


def yearend_preview(request: HttpRequest, year: int) -> HttpResponse:
    """The report as it will print, in the browser."""
    require(request.user, Action.VIEW_COMMUNE)
    report = services.report_of(_plan(year))
    return HttpResponse(render_html("pdf/yearend.html", report_context(report), fonts=settings.STATIC_URL + "fonts"))


def yearend_word(request: HttpRequest, year: int) -> HttpResponse:
    """The report as a Word copy, made at once from the data (the PDF, made by a worker, stays the record)."""
    require(request.user, Action.VIEW_COMMUNE)
    report = services.report_of(_plan(year))
    response = HttpResponse(yearend_docx(report), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="ban-word-bao-cao-tong-ket-{year}.docx"'
    return response


@require_POST
def yearend_generate(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, Action.VIEW_COMMUNE)
    job = services.report_file_start(report=services.report_of(_plan(year)), by=request.user)
    return redirect("reports:file", pk=job.pk)


def report_file(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_report_file_for(request.user, pk)
    stale = services.is_stale(job)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse(
            {
                "status": job.status,
                "label": job.get_status_display(),
                "progress": job.progress,
                "stage": job.stage,
                "running": job.running and not stale,
            }
        )
    return render(request, "reports/report_file.html", {"job": job, "stale": stale})


@require_POST
def report_file_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = services.report_file_retry(report_file=get_report_file_to_retry_for(request.user, pk), by=request.user)
    return redirect("reports:file", pk=job.pk)


def report_file_download(request: HttpRequest, pk: int) -> FileResponse:
    job = get_report_file_done_for(request.user, pk)
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        content_type="application/pdf",
        filename=f"bao-cao-tong-ket-{job.report.plan.year}.pdf",
    )


# -- the forms sent upward -----------------------------------------------------------


def summary_table(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    """The yearly summary table for the district or province, as Excel or PDF."""
    require(request.user, Action.VIEW_COMMUNE)
    plan = _plan(year)
    context = upward.summary_context(compute(plan), preparer_for(request.user, plan))
    name = f"bieu-tong-hop-phong-trao-{year}"
    if kind == "pdf":
        return _paper(upward.summary_table_pdf(context), f"{name}.pdf")
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    upward.summary_table_workbook(context, response)
    return response


def sports_assessment(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    """The mass-sports assessment at 31/10 (Thông tư 01/2019), as Excel or PDF."""
    require(request.user, Action.VIEW_COMMUNE)
    plan = _plan(year)
    context = upward.sports_context(plan, blocks_of(plan), compute(plan), preparer_for(request.user, plan))
    name = f"danh-gia-the-thao-quan-chung-{year}"
    if kind == "pdf":
        return _paper(upward.sports_assessment_pdf(context), f"{name}.pdf")
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    upward.sports_assessment_workbook(context, response)
    return response


def _paper(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def statistics(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, Action.VIEW_COMMUNE)
    result = compute(_plan(year))
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="thong-ke-chi-tieu-{year}.xlsx"'
    statistics_workbook(result, response)
    export_recorded(user=request.user, kind=PersonalDataExport.Kind.STATISTICS_XLSX, detail=str(year))
    return response


# -- JSON for the district -------------------------------------------------------------


@login_not_required
@require_GET
def api_indicators(request: HttpRequest, year: int) -> JsonResponse:
    """The year's indicators in the shape of `indicators --json`, for a signed-in person
    or a machine holding a person's key ("Authorization: Bearer <key>")."""
    user = request.user
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        user = services.api_token_user(header.removeprefix("Bearer ").strip())
    if user is None or not can(user, Action.VIEW_COMMUNE):
        status = 403 if getattr(user, "is_authenticated", False) else 401
        response = JsonResponse({"error": _("Cần đăng nhập hoặc khóa truy cập hợp lệ.")}, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response
    # A key speaks for its holder's commune, whoever the request's session says is signed in.
    commune = commune_pk_for(user)
    with working_in(commune) if commune is not scope.UNSET else nullcontext():
        plan = plans_by_year().get(year)
        if plan is None:
            return JsonResponse({"error": _("Không có kế hoạch năm %(year)d.") % {"year": year}}, status=404)
        return JsonResponse(compute(plan).as_json(), json_dumps_params={"ensure_ascii": False})


@never_cache
def api_token(request: HttpRequest) -> HttpResponse:
    """Make (or replace) one's key for the district's machines. The key is shown once, in the
    answer to the POST itself (never-cache, no-store): it is kept nowhere but as its hash, not
    even for a moment in the session table. Reloading that answer asks to send the form again,
    which would make another key (the page's confirmation says the old one stops working)."""
    require(request.user, Action.VIEW_COMMUNE)
    key = services.api_token_issue(by=request.user) if request.method == "POST" else None
    year = working_year()
    return render(
        request,
        "reports/api_token.html",
        {
            "key": key,
            "has_token": api_token_exists(request.user),
            "example_year": year,
            "example_url": request.build_absolute_uri(reverse("reports:api_indicators", args=[year])),
        },
    )


def due(request: HttpRequest) -> HttpResponse:
    choice = year_from_request(request)
    return render(
        request,
        "reports/due.html",
        {"year": choice.year, "year_choice": choice, "items": due_for(request.user, choice.year)},
    )


# -- the province (Sở VHTTDL): every commune side by side, read-only ------------------------


def _province_table(request: HttpRequest):
    require(request.user, Action.VIEW_PROVINCE)
    choice = year_from_request(request, years=province_years())
    table = province_table(
        choice.year,
        not_met=request.GET.get("chua_dat", "").strip(),
        sort=request.GET.get("sap_xep", "").strip(),
    )
    return table, choice


@require_GET
def province(request: HttpRequest) -> HttpResponse:
    """Communes × indicators for the year, banded by status with the gap in units, the season's
    progress per commune and the province's totals; filter ?chua_dat=GDVH, sort ?sap_xep=GDVH."""
    table, choice = _province_table(request)
    return render(request, "reports/province.html", {"table": table, "figures": table.figures, "year_choice": choice})


@require_GET
def province_json(request: HttpRequest) -> JsonResponse:
    """The province's figures as `indicators --province --json` prints them (the filter applies)."""
    table, _choice = _province_table(request)
    data = table.figures.as_json()
    shown = {row.commune.pk for row in table.rows}
    data["communes"] = [c for c in data["communes"] if c["id"] in shown]
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_GET
def province_xlsx(request: HttpRequest) -> HttpResponse:
    """The province's table: one row per commune, then the province's totals (sums of numerators
    and denominators), whatever the page's filter: the Sở's table is every commune."""
    require(request.user, Action.VIEW_PROVINCE)
    choice = year_from_request(request, years=province_years())
    response = HttpResponse(content_type=XLSX)
    province_workbook(province_figures(choice.year), response)
    response["Content-Disposition"] = f'attachment; filename="chi-tieu-tinh-{choice.year}.xlsx"'
    return response
