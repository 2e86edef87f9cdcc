"""The province at scale (province_data.py): the province's page and JSON read from the rollups,
against the raw SQL of their figures over the record (and the one SELECT of the rollups); a
commune's dashboard and household list at the province's size; and the rollup's refresh, of one
commune and of all."""

import statistics

from django.db import connection
from django.shortcuts import render

from caolocculture import versions
from caolocculture.models import Role, User
from caolocculture.scope import working_in
from households import views
from households.models import Household
from recognition.models import Recognition
from reports import views as report_views
from reports.models import CommuneYearRollup
from reports.province import province_figures
from reports.services import rollup_refresh, rollups_refresh

from .measure import against_floor, median_s, page, query_count, timed
from .province_data import province_data


def empty_page(request):
    """base.html with nothing in it: the frame every page of the app pays."""
    return render(request, "base.html", {})


def rollups_with_communes(year: int) -> list:
    """Every commune with its rollup of the year, one SELECT: what the page reads."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id, c.name, r.figures, r.version, r.computed_at FROM households_commune c "
            "LEFT JOIN reports_communeyearrollup r ON r.commune_id = c.id AND r.year = %s ORDER BY c.name, c.id",
            [year],
        )
        return cursor.fetchall()


def live_aggregate(year: int) -> list:
    """The province page's raw SQL floor, as the commune dashboard's is its figures' SQL over the
    record: living households and those recognised, per commune (the other indicators and the
    progress come on top, so the real floor is higher still)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT b.commune_id, count(*), count(r.id) FROM households_household h "
            "JOIN households_block b ON b.id = h.block_id "
            "LEFT JOIN recognition_recognition r ON r.household_id = h.id AND r.title = 'GDVH' "
            "AND r.year = %s WHERE h.moved_out_on IS NULL GROUP BY b.commune_id",
            [year],
        )
        return cursor.fetchall()


def refreshes(communes, year: int) -> dict:
    """The rollup computed again: one commune (what the task does after its change), then all."""
    one_s = median_s(lambda: rollup_refresh(commune=communes[0], year=year), 3)
    all_s, _ = timed(lambda: rollups_refresh(communes=communes, year=year))
    return {
        "rollup_refresh_one_commune_ms": round(one_s * 1000, 1),
        "rollup_refresh_all_communes_ms": round(all_s * 1000, 1),
    }


def against_both(ms: float, live_s: float, select_s: float) -> dict:
    """`ms` against the page's raw SQL floor (what it shows, computed from the record, as every
    dashboard of this bench is measured) and, for the record, against the one SELECT of the rollups
    it reads (a read of what the rollup task computed: no rendered page comes near 2 × that)."""
    return {
        **against_floor(ms, live_s),
        "rollup_select_ms": round(select_s * 1000, 1),
        "ratio_to_rollup_select": round(ms / (select_s * 1000), 2),
    }


def province_pages(communes, year: int) -> dict:
    """The province's page and JSON from fresh rollups, against the floor."""
    tinh = User.objects.create(username="bench-tinh", role=Role.PROVINCE)
    select = median_s(lambda: rollups_with_communes(year), 5)
    dashboard = page(report_views.province, tinh, f"/tinh/?year={year}")
    as_json = page(report_views.province_json, tinh, f"/tinh/chi-so.json?year={year}")
    # Right after a change in some commune: its row stale, the table rendered again (not cached).
    after_change = []
    for commune in communes[:5]:
        versions.moved(commune.pk)
        after_change.append(page(report_views.province, tinh, f"/tinh/?year={year}", repeat=1))
    changed_ms = statistics.median(p["ms"] for p in after_change)
    live = median_s(lambda: live_aggregate(year), 3)
    # Where the page's time goes: its data alone (the rollups read, the rows and totals built),
    # and the frame every page pays (base.html: menus, the commune switch), empty.
    data_s = median_s(lambda: province_figures(year), 5)
    frame = page(empty_page, tinh, "/")
    return {
        "province_dashboard": {**dashboard, **against_both(dashboard["ms"], live, select)},
        "province_dashboard_after_a_change": {
            "ms": changed_ms,
            "queries": after_change[-1]["queries"],
            **against_both(changed_ms, live, select),
        },
        "province_json": {**as_json, **against_both(as_json["ms"], live, select)},
        "province_figures_alone": {
            "ms": round(data_s * 1000, 1),
            "queries": query_count(lambda: province_figures(year)),
            **against_both(round(data_s * 1000, 1), live, select),
        },
        "empty_page_same_frame": frame,
    }


def commune_pages(commune, year: int) -> dict:
    """One commune's dashboard and household list, as its own people see them (the scope the
    middleware would set)."""
    steering = User.objects.create(username="bench-p-bcd", role=Role.STEERING, commune=commune)
    officer = User.objects.create(username="bench-p-officer", role=Role.OFFICER, commune=commune)
    with working_in(commune):
        # Right after a change (the version moved): the figures computed, as a one-commune
        # installation computes them; then read again, from Redis.
        computed = []
        for _ in range(3):
            versions.moved(commune.pk)
            computed.append(page(report_views.home, steering, f"/?year={year}", repeat=1))
        return {
            "commune_households": Household.objects.filter(block__commune=commune).count(),
            "commune_dashboard_computed": {
                "ms": statistics.median(p["ms"] for p in computed),
                "queries": computed[-1]["queries"],
            },
            "commune_dashboard": page(report_views.home, steering, f"/?year={year}"),
            "commune_household_list": page(views.household_list, officer, "/ho/", computed=True),
            "commune_household_list_kept": page(views.household_list, officer, "/ho/"),
        }


def province(communes: int, households: int, years: int) -> dict:
    """Everything above at province scale."""
    made, last, span = province_data(communes, households, years)
    result = {
        "communes": len(made),
        "households": Household.objects.count(),
        "years": span,
        "recognitions": Recognition.objects.count(),
    }
    # The first view, with no rollup kept: every commune computed on the spot (once).
    tinh = User.objects.create(username="bench-tinh-first", role=Role.PROVINCE)
    with working_in(made[0]):  # the province looks at the installation's first commune, as CommuneScope says
        first_s, _ = timed(lambda: page(report_views.province, tinh, f"/tinh/?year={last}", repeat=1))
    result["province_dashboard_first_view_ms"] = round(first_s * 1000, 1)
    result["rollups"] = CommuneYearRollup.objects.filter(year=last).count()
    result.update(refreshes(made, last))
    result["rollup_refresh_one_commune_queries"] = query_count(lambda: rollup_refresh(commune=made[1], year=last))
    with working_in(made[0]):
        result.update(province_pages(made, last))
    result.update(commune_pages(made[1], last))
    return result
