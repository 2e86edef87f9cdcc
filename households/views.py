from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.selectors import year_from_request
from caolocculture import scope, versions
from caolocculture.audit import export_recorded
from caolocculture.models import PersonalDataExport
from caolocculture.permissions import Action, blocks_for, can, get_block_for, require
from caolocculture.views import apply_form, form_status, import_step, paginate
from recognition.selectors import (
    block_summaries,
    household_changes,
    household_title_years,
    households_with_titles,
    recorded_decisions_for,
    registered_count,
    title_years_by_household,
)

from . import exporting, services
from .filters import HouseholdFilter
from .forms import HouseholdForm, HouseholdImportForm, MoveForm, MoveOutForm
from .importing import years_in_files_for
from .selectors import current_unit_words, get_household_for, get_import_for, households_for
from .tables import HouseholdTable
from .units import UnitWords

PER_PAGE = 50
# A page of the list is 30–60 KB of HTML, kept per person and address: ten minutes covers paging
# back and forth through a session without keeping every page anyone ever opened.
LISTING_KEPT_SECONDS = 600
PREVIEW_ROWS = 200  # rows listed per kind in the preview; every error is always listed


def _year(request):
    """Recognitions are recorded facts: any sane year may be looked at, plan or not."""
    return year_from_request(request, any_year=True)


def block_list(request: HttpRequest) -> HttpResponse:
    choice = _year(request)
    return render(
        request,
        "households/block_list.html",
        {"blocks": block_summaries(request.user, choice.year), "year": choice.year, "year_choice": choice},
    )


def block_detail(request: HttpRequest, pk: int) -> HttpResponse:
    block = get_block_for(request.user, pk)
    choice = _year(request)
    year = choice.year
    summary = next(b for b in block_summaries(request.user, year) if b.pk == block.pk)
    return render(
        request,
        "households/block_detail.html",
        {
            "summary": summary,
            "year": year,
            "year_choice": choice,
            "registered": registered_count(block, year),
            "can_edit": can(request.user, Action.EDIT_BLOCK, block),
        },
    )


def household_list(request: HttpRequest) -> HttpResponse:
    choice = _year(request)
    year = choice.year
    user = request.user
    # The filter, the count and the page of rows are the same for this person and address until
    # the commune's record changes: kept per data version, they cost no query and no rendering
    # on the next read (the list was half the server's work under load, docs/speed.md).
    name = (
        f"households:list|{user.pk}|{user.role}|{user.is_superuser}|{user.commune_id}|"
        f"{get_language()}|{year}|{request.get_full_path()}"
    )
    listing = versions.kept(
        scope.current_pk(), name, lambda: _household_listing(request, choice), seconds=LISTING_KEPT_SECONDS
    )
    return render(
        request,
        "households/household_list.html",
        {
            "listing": mark_safe(listing),  # noqa: S308  rendered by our own template, escaped there
            "year": year,
            "year_choice": choice,
            "can_add": can(request.user, Action.EDIT_BLOCK),
            "export_query": request.GET.urlencode(),
        },
    )


def _household_listing(request: HttpRequest, choice) -> str:
    """The household list's filter, count and table (with its pager) as HTML."""
    year = choice.year
    households = households_with_titles(households_for(request.user), year)
    filterset = HouseholdFilter(request.GET, queryset=households, blocks=blocks_for(request.user), year=year)
    # A khối trưởng's list is all one block: the column would only crowd a phone.
    table = HouseholdTable(
        filterset.qs,
        exclude=() if can(request.user, Action.VIEW_COMMUNE) else ("block",),
        search=filterset.form.cleaned_data.get("q") or "" if filterset.is_valid() else "",
    )
    paginate(request, table, PER_PAGE)
    return render_to_string(
        "households/household_listing.html",
        {"filter": filterset, "table": table, "year": year, "year_choice": choice},
        request,
    )


def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = get_household_for(request.user, pk)
    return render(
        request,
        "households/household_detail.html",
        {
            "household": household,
            "years": household_title_years(household),
            "changes": household_changes(household),
            "can_edit": can(request.user, Action.EDIT_BLOCK, household.block),
            "can_move": can(request.user, Action.MANAGE_BLOCKS),
        },
    )


def household_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.EDIT_BLOCK)
    blocks = blocks_for(request.user, Action.EDIT_BLOCK)
    form = HouseholdForm(request.POST or None, blocks=blocks)
    if request.method == "POST":

        def write(data):
            return services.household_create(by=request.user, **data)

        household = apply_form(form, write)
        if household:
            messages.success(request, _("Đã thêm hộ %(household)s.") % {"household": household})
            return redirect(household)
    return render(
        request,
        "households/household_form.html",
        {"form": form, "title": _("Thêm hộ gia đình")},
        status=form_status(request),
    )


def household_edit(request: HttpRequest, pk: int) -> HttpResponse:
    household = get_household_for(request.user, pk, Action.EDIT_BLOCK)
    form = HouseholdForm(request.POST or None, instance=household, blocks=None)
    if request.method == "POST":
        # The form wrote the new values onto `household`; the service validates and saves them.
        saved = apply_form(form, lambda data: services.household_update(household=household, by=request.user, **data))
        if saved:
            messages.success(request, _("Đã lưu hộ %(household)s.") % {"household": saved})
            return redirect(saved)
    return render(
        request,
        "households/household_form.html",
        {
            "form": form,
            "household": household,
            "title": _("Sửa hộ %(code)s") % {"code": household.code},
        },
        status=form_status(request),
    )


def household_move_out(request: HttpRequest, pk: int) -> HttpResponse:
    household = get_household_for(request.user, pk, Action.EDIT_BLOCK)
    form = MoveOutForm(request.POST or None)
    if request.method == "POST":
        saved = apply_form(
            form, lambda data: services.household_move_out(household=household, on=data["on"], by=request.user)
        )
        if saved:
            messages.success(request, _("Đã ghi nhận hộ %(household)s chuyển đi.") % {"household": saved})
            return redirect(saved)
    return render(
        request,
        "households/household_action.html",
        {
            "form": form,
            "household": household,
            "title": _("Chuyển đi"),
            "explain": _(
                "Hộ chuyển đi vẫn được giữ trong sổ, không bị xóa; từ ngày này hộ không còn tính vào chỉ tiêu."
            ),
        },
        status=form_status(request),
    )


@require_POST
def household_return(request: HttpRequest, pk: int) -> HttpResponse:
    household = get_household_for(request.user, pk, Action.EDIT_BLOCK)
    services.household_return(household=household, by=request.user)
    messages.success(request, _("Đã bỏ ghi nhận chuyển đi của hộ %(household)s.") % {"household": household})
    return redirect(household)


def household_move(request: HttpRequest, pk: int) -> HttpResponse:
    household = get_household_for(request.user, pk, Action.MANAGE_BLOCKS)
    form = MoveForm(request.POST or None, household=household)
    if request.method == "POST":
        saved = apply_form(
            form, lambda data: services.household_move(household=household, to_block=data["to_block"], by=request.user)
        )
        if saved:
            messages.success(
                request, _("Đã chuyển hộ %(household)s sang %(block)s.") % {"household": saved, "block": saved.block}
            )
            return redirect(saved)
    return render(
        request,
        "households/household_action.html",
        {
            "form": form,
            "household": household,
            "title": _("Chuyển sang %(unit)s khác") % {"unit": current_unit_words().counter},
        },
        status=form_status(request),
    )


# -- Excel ---------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def household_export(request: HttpRequest) -> HttpResponse:
    """The list as filtered on screen (its year too), as a spreadsheet the import reads back."""
    year = _year(request).year
    households = households_with_titles(households_for(request.user), year)
    filterset = HouseholdFilter(request.GET, queryset=households, blocks=blocks_for(request.user), year=year)
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="ho-gia-dinh.xlsx"'
    title_years = title_years_by_household(filterset.qs) if years_in_files_for(request.user) else None
    count = exporting.export_households(filterset.qs, response, title_years=title_years)
    export_recorded(
        user=request.user, kind=PersonalDataExport.Kind.HOUSEHOLDS_XLSX, detail=request.GET.urlencode(), rows=count
    )
    return response


def household_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho-gia-dinh.xlsx"'
    first_kind = UnitWords.of(current_unit_words().kinds[:1])  # a mixed commune: its first kind's
    example = f"{capfirst(first_kind.counter)} 1"  # "Khối 1", "Thôn 1"
    exporting.export_template(response, with_years=years_in_files_for(request.user), block=example)
    return response


def household_import(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.EDIT_BLOCK)
    form = HouseholdImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400  # a refused file: nothing kept
        if form.is_valid():
            try:
                job = services.household_import_start(file=form.cleaned_data["file"], by=request.user)
            except services.BrokerUnavailable as exc:
                form.add_error(None, exc)
                status = 503
            else:
                return redirect("households:import_detail", pk=job.pk)
    return render(request, "households/import_form.html", {"form": form}, status=status)


def household_import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress while it runs, the preview when checked, the outcome when done."""
    job = get_import_for(request.user, pk)
    years = job.summary.get("years", []) if job.status == job.Status.CHECKED else []
    preview = reverse("households:import_detail", args=[job.pk])
    if request.method == "POST" and "retry" in request.POST:
        return import_step(
            request, lambda: services.household_import_retry(household_import=job, by=request.user), preview
        )
    if request.method == "POST":
        picked = {year: request.POST.get(f"decision_{year}", "") for year in years}
        return import_step(
            request,
            lambda: services.household_import_confirm(
                household_import=job,
                by=request.user,
                decisions={year: int(pk) for year, pk in picked.items() if pk.isdigit()},
            ),
            preview,
        )
    return render(
        request,
        "households/import_detail.html",
        {
            "job": job,
            "again_url": reverse("households:import"),
            "interrupted": services.is_interrupted(job),
            "recorded": sorted(recorded_decisions_for(years).items()) if years else [],
        },
    )


def household_import_progress(request: HttpRequest, pk: int) -> JsonResponse:
    job = get_import_for(request.user, pk)
    interrupted = services.is_interrupted(job)
    label = _("Bị gián đoạn") if interrupted else job.get_status_display()
    return JsonResponse(
        {
            "status": job.status,
            "label": label,
            "progress": job.progress,
            "done": job.done_rows,
            "total": job.total_rows,
            "running": job.running and not interrupted,
            "interrupted": interrupted,
        }
    )
