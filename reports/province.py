"""The province's figures (Sở VHTTDL): every commune's indicators for a year side by side, the
province's totals and each commune's progress through the season. Read-only.

A total is the sum of the communes' numerators over the sum of their denominators, never an
average of their percentages (a commune of 15,000 households weighs more than one of 800). Each
commune's figures come from reports.indicators.compute() on its own plan for the year, so they
are exactly what that commune's dashboard and `indicators --commune` show (a closed year: its
frozen figures).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F
from django.utils.translation import gettext as _

from campaigns.models import BlockFigures, Plan
from caolocculture.views import UserInputError
from households.models import Block, Commune
from households.units import UnitWords
from recognition.models import Decision, Meeting

from .indicators import Measure, Status, YearIndicators, compute
from .models import YearClosing

# The decisions that confer titles for the year (a withdrawal or a commendation is not the season's).
SEASON_DECISIONS = [Decision.Kind.CONFERRAL, Decision.Kind.RECORDED]


@dataclass
class CommuneFigures:
    """One commune's row: its indicators for the year (None without a plan) and its season."""

    commune: Commune
    result: YearIndicators | None
    blocks: int = 0
    meetings_held: int = 0
    figures_approved: int = 0
    decisions: int = 0
    closed: bool = False
    measures: list[Measure | None] = field(default_factory=list)  # in the province's order of codes

    @property
    def has_plan(self) -> bool:
        return self.result is not None

    def measure(self, code: str) -> Measure | None:
        if self.result is None:
            return None
        return next((i.measure for i in self.result.indicators if i.code == code), None)

    def cells(self, codes: list[str]) -> list[Measure | None]:
        return [self.measure(code) for code in codes]

    def as_json(self) -> dict:
        return {
            "id": self.commune.pk,
            "name": self.commune.name,
            "plan": self.has_plan,
            "indicators": {
                i.code: {
                    "numerator": i.measure.numerator,
                    "denominator": i.measure.denominator,
                    "value": _number(i.measure),
                    "met": i.measure.met,
                    "gap": i.measure.gap,
                }
                for i in (self.result.indicators if self.result else [])
            },
            "progress": {
                "blocks": self.blocks,
                "meetings_held": self.meetings_held,
                "figures_approved": self.figures_approved,
                "decisions": self.decisions,
                "closed": self.closed,
            },
        }


@dataclass
class ProvinceFigures:
    year: int
    province: str
    codes: list[str]  # every indicator some commune's plan has, in the first such plan's order
    communes: list[CommuneFigures]
    totals: dict[str, Measure] = field(default_factory=dict)

    @property
    def total_cells(self) -> list[Measure]:
        return [self.totals[code] for code in self.codes]

    def progress_total(self, attr: str) -> int:
        return sum(int(getattr(c, attr)) for c in self.communes)

    @property
    def progress_totals(self) -> dict[str, int]:
        return {
            attr: self.progress_total(attr)
            for attr in ("blocks", "meetings_held", "figures_approved", "decisions", "closed")
        }

    def as_json(self) -> dict:
        return {
            "year": self.year,
            "province": self.province,
            "indicators": [
                {
                    "code": code,
                    "numerator": m.numerator,
                    "denominator": m.denominator,
                    "value": _number(m),
                    "met": m.met,
                    "comparator": m.comparator,
                    "target": float(m.target) if m.target is not None else None,
                }
                for code, m in self.totals.items()
            ],
            "communes": [c.as_json() for c in self.communes],
            "progress": self.progress_totals,
        }


def _number(measure: Measure) -> float | None:
    value = measure.value
    return float(value) if value is not None else None


def _common_target(results: list[YearIndicators], code: str) -> tuple[str, object]:
    """The target the province's total is judged against: the communes' own when every commune
    with this indicator sets the same one; none ("theo dõi", met null) when their targets differ,
    for no single commune's target is the province's."""
    targets = {(i.measure.comparator, i.measure.target) for r in results for i in r.indicators if i.code == code}
    if len(targets) == 1:
        return next(iter(targets))
    comparator = next(iter(targets))[0] if targets else ">="
    return comparator, None


def province_figures(year: int, communes: list[Commune] | None = None) -> ProvinceFigures:
    """Every commune's indicators for `year` (all communes by default, by name), the province's
    totals and the season's progress per commune."""
    if communes is None:
        communes = list(Commune.objects.order_by("name", "pk"))
    ids = [c.pk for c in communes]
    plans = {p.commune_id: p for p in Plan.objects.filter(commune__in=ids, year=year).select_related("commune")}
    results = {pk: compute(plan) for pk, plan in plans.items()}

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
    rows = [
        CommuneFigures(
            commune=c,
            result=results.get(c.pk),
            blocks=blocks.get(c.pk, 0),
            meetings_held=meetings.get(c.pk, 0),
            figures_approved=approved.get(c.pk, 0),
            decisions=decisions.get(c.pk, 0),
            closed=c.pk in closed,
        )
        for c in communes
    ]
    codes: list[str] = []
    for row in rows:
        for item in row.result.indicators if row.result else []:
            if item.code not in codes:
                codes.append(item.code)
    for row in rows:
        row.measures = row.cells(codes)
    totals = {}
    for code in codes:
        measures = [m for m in (row.measure(code) for row in rows) if m is not None]
        comparator, target = _common_target(list(results.values()), code)
        totals[code] = Measure(
            code,
            sum(m.numerator for m in measures),
            sum(m.denominator for m in measures),
            comparator,
            target,  # type: ignore[arg-type]  # a Decimal or None, from the communes' targets
            # The units of every commune counted: thôn and khối together are "khu dân cư".
            UnitWords.of(kind for m in measures for kind in m.units.kinds),
        )
    province = communes[0].province if communes else ""
    return ProvinceFigures(year=year, province=province, codes=codes, communes=rows, totals=totals)


# -- sorting and filtering the table --------------------------------------------------------

NOT_MET = {Status.NOT_MET, Status.NEAR, Status.NO_DATA}


def not_meeting(figures: ProvinceFigures, code: str) -> list[CommuneFigures]:
    """The communes not (yet) meeting `code`: short of the target, or no figures to judge."""
    return [row for row in figures.communes if (m := row.measure(code)) is not None and m.status in NOT_MET]


def sorted_by(rows: list[CommuneFigures], key: str) -> list[CommuneFigures]:
    """By name (the default), or by an indicator's value, lowest first ("-GDVH": highest first);
    communes without the figure come last either way."""
    descending = key.startswith("-")
    code = key.lstrip("-")
    if code in ("", "ten"):
        return sorted(rows, key=lambda r: r.commune.name, reverse=descending)
    with_value = [r for r in rows if (m := r.measure(code)) is not None and m.value is not None]
    without = [r for r in rows if r not in with_value]
    with_value.sort(key=lambda r: (r.measure(code).value, r.commune.name), reverse=descending)  # type: ignore[union-attr]
    return with_value + without


def province_years() -> list[int]:
    """Every year some commune has a plan for, newest first: the province's year picker."""
    return list(Plan.objects.order_by("-year").values_list("year", flat=True).distinct())


class BadTableChoice(UserInputError):
    pass


@dataclass
class ProvinceTable:
    """The province page's table: the communes shown (filtered, sorted) and what was asked."""

    figures: ProvinceFigures
    rows: list[CommuneFigures]
    not_met: str  # the indicator whose unmet communes are shown, or ""
    sort: str


def province_table(year: int, *, not_met: str = "", sort: str = "") -> ProvinceTable:
    """The figures of `year` with only the communes not meeting `not_met` (?chua_dat=GDVH), sorted
    by `sort` (?sap_xep=GDVH, -GDVH or ten). An indicator no plan has is the user's mistake: 400."""
    figures = province_figures(year)
    known = ", ".join(figures.codes)
    if not_met and not_met not in figures.codes:
        raise BadTableChoice(
            _("Không có chỉ tiêu “%(code)s” năm %(year)d. Các chỉ tiêu: %(codes)s.")
            % {"code": not_met[:20], "year": year, "codes": known}
        )
    if sort and sort.lstrip("-") not in (*figures.codes, "ten"):
        raise BadTableChoice(
            _("Không sắp xếp được theo “%(key)s”. Chọn tên đơn vị hoặc một chỉ tiêu: %(codes)s.")
            % {"key": sort[:20], "codes": known}
        )
    rows = not_meeting(figures, not_met) if not_met else figures.communes
    return ProvinceTable(figures=figures, rows=sorted_by(rows, sort), not_met=not_met, sort=sort)
