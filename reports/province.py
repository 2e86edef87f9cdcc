"""The province's figures (Sở VHTTDL): every commune's indicators for a year side by side, the
province's totals and each commune's progress through the season. Read-only.

A total is the sum of the communes' numerators over the sum of their denominators, never an
average of their percentages (a commune of 15,000 households weighs more than one of 800). Each
commune's figures come from reports.indicators.compute() on its own plan for the year, so they
are exactly what that commune's dashboard and `indicators --commune` show (a closed year: its
frozen figures), kept per commune and year in a rollup (CommuneYearRollup) that a Celery task
refreshes after each change of the commune's record: the page reads 65 rows, not 65 communes'
households, and says of each commune how fresh its figures are.
"""

import datetime
import functools
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from campaigns.models import Plan
from caolocculture import versions
from caolocculture.text import vietnamese_key
from caolocculture.views import UserInputError
from households.models import Commune
from households.units import UnitWords

from .indicators import Measure, Status
from .models import CommuneYearRollup
from .rollup import measures
from .services import rollup_enqueue, rollups_in_background, rollups_refresh


@dataclass
class CommuneFigures:
    """One commune's row, from its rollup: its indicators for the year (None without a plan) in
    its plan's order, and its season."""

    commune: Commune
    indicators: dict[str, Measure] | None
    blocks: int = 0
    meetings_held: int = 0
    figures_approved: int = 0
    decisions: int = 0
    closed: bool = False
    computed_at: datetime.datetime | None = None
    fresh: bool = True  # computed from the commune's data as it is now
    stored: list[dict] = field(default_factory=list)  # the rollup's indicators, as the JSON writes them
    measures: list[Measure | None] = field(default_factory=list)  # in the province's order of codes

    @property
    def has_plan(self) -> bool:
        return self.indicators is not None

    def measure(self, code: str) -> Measure | None:
        return self.indicators.get(code) if self.indicators is not None else None

    def cells(self, codes: list[str]) -> list[Measure | None]:
        return [self.measure(code) for code in codes]

    def as_json(self) -> dict:
        return {
            "id": self.commune.pk,
            "name": self.commune.name,
            "plan": self.has_plan,
            "indicators": {
                i["code"]: {key: i[key] for key in ("numerator", "denominator", "value", "met", "gap")}
                for i in self.stored
            },
            "progress": {
                "blocks": self.blocks,
                "meetings_held": self.meetings_held,
                "figures_approved": self.figures_approved,
                "decisions": self.decisions,
                "closed": self.closed,
            },
            "computed_at": self.computed_at.isoformat() if self.computed_at else None,
            "fresh": self.fresh,
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


def _common_target(rows: list[CommuneFigures], code: str) -> tuple[str, object]:
    """The target the province's total is judged against: the communes' own when every commune
    with this indicator sets the same one; none ("theo dõi", met null) when their targets differ,
    for no single commune's target is the province's."""
    targets = {(m.comparator, m.target) for row in rows if (m := row.measure(code)) is not None}
    if len(targets) == 1:
        return next(iter(targets))
    comparator = next(iter(targets))[0] if targets else ">="
    return comparator, None


def _rollups(communes: list[Commune], year: int, *, current: bool) -> tuple[dict[int, CommuneYearRollup], set[int]]:
    """The communes' rollups of `year` and which are stale. One query; a commune never rolled up
    (new, or the year just planned) is computed now so the first view is right; a stale one is
    recomputed now when `current` (the command) or when no worker would (no broker), else shown
    as it is and its refresh enqueued."""
    ids = [c.pk for c in communes]
    rollups = {r.commune_id: r for r in CommuneYearRollup.objects.filter(year=year, commune__in=ids)}
    missing = [c for c in communes if c.pk not in rollups]
    now = versions.current_many(ids) if ids else {}
    stale = {pk for pk, r in rollups.items() if r.version != now[pk]}
    if current or not rollups_in_background():
        missing += [c for c in communes if c.pk in stale]
        stale = set()
    elif stale:
        # After the commit of the page's own writes (a missing rollup stored), as every task.
        transaction.on_commit(lambda: rollup_enqueue(sorted(stale)))
    if missing:
        rollups.update(rollups_refresh(communes=missing, year=year))
    return rollups, stale


def province_figures(year: int, communes: list[Commune] | None = None, *, current: bool = False) -> ProvinceFigures:
    """Every commune's indicators for `year` (all communes by default, by name), the province's
    totals and the season's progress per commune, read from their rollups (current=True: every
    stale rollup recomputed first, for the command that must print today's figures)."""
    if communes is None:
        communes = sorted(Commune.objects.all(), key=lambda c: (vietnamese_key(c.name), c.pk))
    rollups, stale = _rollups(communes, year, current=current)
    rows = []
    for c in communes:
        rollup = rollups[c.pk]
        rows.append(
            CommuneFigures(
                commune=c,
                indicators=measures(rollup.figures, UnitWords.of([c.unit_kind])),  # its blocks' own kinds aside
                **rollup.figures["progress"],
                computed_at=rollup.computed_at,
                fresh=c.pk not in stale,
                stored=rollup.figures["indicators"],
            )
        )
    codes: list[str] = []
    for row in rows:
        for code in row.indicators or {}:
            if code not in codes:
                codes.append(code)
    for row in rows:
        row.measures = row.cells(codes)
    totals = {}
    for code in codes:
        cells = [m for m in (row.measure(code) for row in rows) if m is not None]
        comparator, target = _common_target(rows, code)
        totals[code] = Measure(
            code,
            sum(m.numerator for m in cells),
            sum(m.denominator for m in cells),
            comparator,
            target,  # type: ignore[arg-type]  # a Decimal or None, from the communes' targets
            # The units of every commune counted: thôn and khối together are "khu dân cư".
            UnitWords.of(kind for m in cells for kind in m.units.kinds),
        )
    province = communes[0].province if communes else ""
    return ProvinceFigures(year=year, province=province, codes=codes, communes=rows, totals=totals)


# -- sorting and filtering the table --------------------------------------------------------

# A rendered row lives six hours at most: a key no longer asked for (the rollup moved on) expires.
ROW_SECONDS = 6 * 3600
ROW_TEMPLATES = ("reports/_province_row.html", "reports/_verdict.html")


@functools.cache
def _row_templates_signature() -> str:
    """The row's templates as this release has them: a new release's row is never served from
    the cache of the one before."""
    sources = "".join(get_template(name).template.source for name in ROW_TEMPLATES)  # type: ignore[attr-defined]
    return hashlib.sha256(sources.encode()).hexdigest()[:16]


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
        return sorted(rows, key=lambda r: vietnamese_key(r.commune.name), reverse=descending)
    with_value = [r for r in rows if (m := r.measure(code)) is not None and m.value is not None]
    without = [r for r in rows if r not in with_value]
    with_value.sort(key=lambda r: (r.measure(code).value, vietnamese_key(r.commune.name)), reverse=descending)  # type: ignore[union-attr]
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

    @property
    def rows_html(self) -> list[str]:
        """The table's rows, rendered: the page's main cost at 65 communes. Each commune's row is
        kept in the cache under a key that changes with its rollup (when it was computed), its
        freshness, its name and the province's codes, so after one commune's change only its row
        is rendered again, and a row is never shown older than its rollup. One round trip to Redis."""
        codes = ",".join(self.figures.codes)
        release = f"{translation.get_language()}|{_row_templates_signature()}"

        def key(row: CommuneFigures) -> str:
            at = row.computed_at.isoformat() if row.computed_at else ""
            parts = f"{self.figures.year}|{row.commune.pk}|{row.commune.name}|{at}|{row.fresh}|{codes}|{release}"
            return "province:row:" + hashlib.sha256(parts.encode()).hexdigest()

        keys = [key(row) for row in self.rows]
        found = cache.get_many(keys)
        rendered = {
            k: render_to_string("reports/_province_row.html", {"row": row, "year": self.figures.year})
            for k, row in zip(keys, self.rows, strict=True)
            if k not in found
        }
        if rendered:
            cache.set_many(rendered, timeout=ROW_SECONDS)
        # Our own rendering, escaped when it was made.
        return [mark_safe(found.get(k) or rendered[k]) for k in keys]  # noqa: S308


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
