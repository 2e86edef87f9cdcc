"""The dashboard, its year-over-year data, the engine, the household list, a meeting sheet and the
year-end PDF at district scale (district_data.py), each against its floor where it has one."""

import statistics

from caolocculture.models import Role, User
from caolocculture.scope import working_in
from households import views
from recognition import views as recognition_views
from recognition.models import Meeting, Recognition
from reports import views as report_views
from reports.indicators import compute
from reports.services import report_of
from reports.yearend import yearend_pdf

from . import floors
from .district_data import district_data
from .measure import against_floor, median_s, page, query_count, timed


def dashboard(steering, year: int, floor: float) -> dict:
    """The dashboard against `floor`, and its year-over-year data."""
    home = page(report_views.home, steering, "/", computed=True)  # right after a change
    return {
        "dashboard": {**home, **against_floor(home["ms"], floor)},
        "dashboard_kept": page(report_views.home, steering, "/"),  # read again, unchanged
        "dashboard_history_json": page(report_views.history_json, steering, f"/?year={year}", computed=True),
    }


def engine(plan, floor: float) -> dict:
    """The indicator engine alone, against the dashboard's floor."""
    queries = query_count(lambda: compute(plan))
    ms = round(median_s(lambda: compute(plan), 5) * 1000, 1)
    return {"ms": ms, "queries": queries, **against_floor(ms, floor)}


def yearend(plan) -> dict:
    """The year-end report PDF, against a one-page paper with the same font."""
    report = report_of(plan)
    runs = [timed(lambda: yearend_pdf(report)) for _ in range(3)]
    pdf_s = statistics.median(t for t, _ in runs)
    minimal = median_s(floors.one_page_pdf, 3)
    return {
        "s": round(pdf_s, 2),
        "pages": runs[0][1][1],
        "floor_one_page_s": round(minimal, 2),
        "ratio_to_floor": round(pdf_s / minimal, 2),
    }


def household_lists(officer) -> dict:
    """The household list against its rows in raw SQL, and an accent-free search."""
    floor = median_s(floors.household_list_rows, 5)
    listing = page(views.household_list, officer, "/ho/", computed=True)
    return {
        "household_list": {**listing, **against_floor(listing["ms"], floor)},
        "household_list_kept": page(views.household_list, officer, "/ho/"),
        "household_list_search": page(views.household_list, officer, "/ho/?q=ho+4999", computed=True),
    }


def open_meeting_sheet(officer, year: int) -> dict:
    """The sheet of a meeting reopened for entry, against its rows in raw SQL."""
    meeting = Meeting.objects.filter(year=year).select_related("block").first()
    meeting.status = "open"
    meeting.save(update_fields=["status"])
    floor = median_s(lambda: floors.meeting_sheet_rows(meeting), 5)
    sheet = page(recognition_views.meeting_detail, officer, "/", pk=meeting.pk)
    return {
        **sheet,
        "households": meeting.block.households.count(),
        **against_floor(sheet["ms"], floor),
    }


def district(households: int, years: int) -> dict:
    """The pages and papers at district scale: 100 blocks, `households` households,
    `years` years of recognitions and figures."""
    plan, blocks, ids, span = district_data(households, years)
    steering = User.objects.create(username="bench-bcd", role=Role.STEERING, commune=plan.commune)
    result = {
        "blocks": len(blocks),
        "households": len(ids),
        "years": span,
        "recognitions": Recognition.objects.count(),
    }
    # The raw aggregate a dashboard cannot do without; the engine is held to it as well.
    floor = median_s(lambda: floors.recognised_per_block(plan.year), 5)
    officer = User.objects.create(username="bench-district-officer", role=Role.OFFICER, commune=plan.commune)
    with working_in(plan.commune):  # as the middleware sets it for the commune's people
        result.update(dashboard(steering, plan.year, floor))
        result["yearend_pdf"] = yearend(plan)
        result["engine"] = engine(plan, floor)
        result.update(household_lists(officer))
        result["meeting_page"] = open_meeting_sheet(officer, plan.year)
    return result
