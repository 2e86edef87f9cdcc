"""What the province's table keeps of one commune's year (CommuneYearRollup.figures): each
indicator's numerator, denominator, comparator and target from reports.indicators.compute() on
the commune's plan (a closed year: its frozen figures), and the season's progress. Reads only;
reports.services.rollup_refresh stores it.

Counts of several communes are read in one query each, so refreshing all 65 communes costs the
engine's queries per commune plus five.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Count, F

from campaigns.models import BlockFigures, Plan
from households.models import Block, Commune
from households.units import UnitWords
from recognition.models import Decision, Meeting

from .indicators import Measure, YearIndicators, compute
from .models import YearClosing

# The decisions that confer titles for the year (a withdrawal or a commendation is not the season's).
SEASON_DECISIONS = [Decision.Kind.CONFERRAL, Decision.Kind.RECORDED]

PROGRESS = ("blocks", "meetings_held", "figures_approved", "decisions", "closed")


def progress_of(ids: list[int], year: int) -> dict[int, dict[str, Any]]:
    """The season's progress of each commune in `ids`: blocks, meetings held, blocks' figures
    approved, conferral decisions made, year closed. Five queries for any number of communes."""

    def per_commune(rows: Iterable[dict[str, Any]]) -> dict[int, int]:
        return {row["commune"]: row["n"] for row in rows}

    blocks = per_commune(Block.objects.filter(commune__in=ids).values("commune").annotate(n=Count("pk")).order_by())
    meetings = per_commune(
        Meeting.objects.filter(block__commune__in=ids, year=year)
        .values(commune=F("block__commune"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    approved = per_commune(
        BlockFigures.objects.filter(block__commune__in=ids, year=year, status=BlockFigures.Status.APPROVED)
        .values(commune=F("block__commune"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    decisions = per_commune(
        Decision.objects.filter(commune__in=ids, year=year, kind__in=SEASON_DECISIONS)
        .values("commune")
        .annotate(n=Count("pk"))
        .order_by()
    )
    closed = set(YearClosing.objects.standing().filter(commune__in=ids, year=year).values_list("commune", flat=True))
    return {
        pk: {
            "blocks": blocks.get(pk, 0),
            "meetings_held": meetings.get(pk, 0),
            "figures_approved": approved.get(pk, 0),
            "decisions": decisions.get(pk, 0),
            "closed": pk in closed,
        }
        for pk in ids
    }


def _indicators(result: YearIndicators) -> list[dict[str, Any]]:
    return [
        {
            "code": i.code,
            "numerator": i.measure.numerator,
            "denominator": i.measure.denominator,
            "comparator": i.measure.comparator,
            # The exact Decimal as text: a float would turn 97.00 into 97.0 and 33.33 into 33.329…
            "target": str(i.measure.target) if i.measure.target is not None else None,
            # As the province's JSON writes them, worked out once here rather than at every read.
            "value": float(i.measure.value) if i.measure.value is not None else None,
            "met": i.measure.met,
            "gap": i.measure.gap,
        }
        for i in result.indicators
    ]


def figures_of(communes: list[Commune], year: int) -> dict[int, dict[str, Any]]:
    """{commune pk: the rollup's figures for `year`} of each of `communes`."""
    ids = [c.pk for c in communes]
    plans = {p.commune_id: p for p in Plan.objects.filter(commune__in=ids, year=year).select_related("commune")}
    progress = progress_of(ids, year)
    figures = {}
    for pk in ids:
        plan = plans.get(pk)
        result = compute(plan) if plan is not None else None
        figures[pk] = {
            "has_plan": result is not None,
            "closing": result.closing.pk if result is not None and result.closing is not None else None,
            "indicators": _indicators(result) if result is not None else [],
            "progress": progress[pk],
        }
    return figures


def measures(figures: dict[str, Any], units: UnitWords | None = None) -> dict[str, Measure] | None:
    """The stored indicators as Measures, in the plan's order, counting `units` (the commune's
    words: "cần thêm 2 thôn"); None without a plan."""
    if not figures["has_plan"]:
        return None
    return {
        i["code"]: Measure(
            i["code"],
            i["numerator"],
            i["denominator"],
            i["comparator"],
            Decimal(i["target"]) if i["target"] is not None else None,
            units or UnitWords.of([]),
        )
        for i in figures["indicators"]
    }
