"""The indicator engine: every target of a year's plan, for the commune and for
each block, from stored facts (DOMAIN.md §1).

value = numerator / denominator × 100, rounded half-up to 2 decimals unless that would
cross the target (then cut: 96,99 %, not 97,00 %, for a ratio short of 97 %), None when
the denominator is 0. `met` and the gap compare the exact ratio, not the
rounded value, so "met" and "a gap of 0" always agree.
The number of queries does not depend on the number of households.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from functools import cached_property

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from campaigns.models import (
    BlockFigures,
    Comparator,
    IndicatorCode,
    Organisation,
    Plan,
    code_label,
    in_registry_q,
)
from caolocculture import formatting
from households.models import Block, CulturalHouse, Household, living_on_q
from households.units import UnitWords
from recognition.models import Recognition, Title

from .models import YearClosing

# Indicators a single block has; CQVH is commune-wide.
BLOCK_CODES = [IndicatorCode.GDVH, IndicatorCode.TDPVH, IndicatorCode.NVH, IndicatorCode.TDTT, IndicatorCode.PBGDPL]

# What the numerator counts, for "cần thêm 6 hộ".
UNIT_NOUNS = {
    IndicatorCode.GDVH: _("hộ"),
    IndicatorCode.TDPVH: _("khối"),  # as a khối phố commune counts; Measure.units says for others
    IndicatorCode.NVH: _("khối"),
    IndicatorCode.CQVH: _("cơ quan"),
    IndicatorCode.TDTT: _("người"),
    IndicatorCode.PBGDPL: _("người"),
    IndicatorCode.NVH_NEW: _("nhà"),
}

# Indicators counting the commune's units, named as it names them (households.units).
UNIT_CODES = {IndicatorCode.TDPVH, IndicatorCode.NVH}

# Targets that are a count of the year against a number ("01 nhà văn hóa"), not a rate.
COUNT_CODES = {IndicatorCode.NVH_NEW}


def _whole(value: Decimal) -> str:
    """A count target as written: '1', '2,5' (never '1E+1')."""
    return formatting.number(int(value) if value == value.to_integral_value() else value.normalize())


CENT = Decimal("0.01")
# "Sắp đạt": not met yet, but at 95 % of the target or more (97 % -> from 92,15 %).
NEAR_SHARE = Decimal("0.95")


class Status:
    MET, NEAR, NOT_MET, NO_DATA, TRACKED = "met", "near", "not_met", "no_data", "tracked"
    LABELS = {
        MET: _("đạt"),
        NEAR: _("sắp đạt"),
        NOT_MET: _("chưa đạt"),
        NO_DATA: _("chưa có số liệu"),
        TRACKED: _("theo dõi"),
    }


@dataclass(frozen=True)
class Measure:
    """A ratio against a target: numerator of denominator, compared to target %."""

    code: str
    numerator: int
    denominator: int
    comparator: str
    target: Decimal | None  # None: the plan names the goal without a figure ("theo dõi")
    units: UnitWords = UnitWords.of([])  # how the commune counts its units: "cần thêm 2 thôn"

    @property
    def is_count(self) -> bool:
        """A count of the year against a number (NVHMOI: "≥ 1 nhà"), no denominator, no rate."""
        return self.code in COUNT_CODES

    @property
    def label(self) -> str:
        return code_label(self.code)

    # Cached: a district's dashboard asks each of 500 measures for these several times.
    @cached_property
    def value(self) -> Decimal | None:
        """The percentage as every page, paper and sheet shows it: never rounded across the
        target, so it never contradicts the verdict beside it (formatting.ratio_percent).
        A count's value is the count itself."""
        if self.is_count:
            return Decimal(self.numerator)
        return formatting.ratio_percent(
            self.numerator, self.denominator, self.target, strict=self.comparator == Comparator.MORE_THAN
        )

    @property
    def value_text(self) -> str:
        """'96,99 %' (or '1 nhà' for a count): the value as the dashboard, the year-end report
        and the statistics write it."""
        if self.is_count:
            return f"{formatting.number(self.numerator)} {self.unit_noun}"
        return formatting.percent(self.value)

    @property
    def result_text(self) -> str:
        """'2.873/2.962' for a rate, '1 nhà' for a count: what was achieved, in units."""
        if self.is_count:
            return self.value_text
        return f"{formatting.number(self.numerator)}/{formatting.number(self.denominator)}"

    @property
    def target_text(self) -> str:
        """'≥ 97 %', '> 60 %', '≥ 1 nhà', or 'theo dõi' when the plan sets no figure."""
        if self.target is None:
            return str(_("theo dõi"))
        if self.is_count:
            return f"{self.comparator_symbol} {_whole(self.target)} {self.unit_noun}"
        return f"{self.comparator_symbol} {formatting.target_percent(self.target)}"

    @cached_property
    def needed(self) -> int | None:
        """The smallest numerator that meets the target."""
        if self.target is None:
            return None
        if self.is_count:  # the count itself against the number: ≥ 1 needs 1, > 1 needs 2
            whole = int(self.target.to_integral_value(rounding=ROUND_FLOOR))
            if self.comparator == Comparator.MORE_THAN:
                return whole + 1
            return whole if whole == self.target else whole + 1
        if not self.denominator:
            return None
        # target has 2 decimals: work in hundredths to stay in integers.
        scaled = int(self.target * 100) * self.denominator  # = target% × denominator × 100
        if self.comparator == Comparator.MORE_THAN:
            return scaled // 10000 + 1
        return -(-scaled // 10000)

    @property
    def met(self) -> bool | None:
        needed = self.needed
        return None if needed is None else self.numerator >= needed

    @property
    def gap(self) -> int | None:
        """Units still missing ('cần thêm 6 hộ'); 0 when met."""
        needed = self.needed
        return None if needed is None else max(0, needed - self.numerator)

    @property
    def gap_points(self) -> Decimal | None:
        """Percentage points still missing; at least 0,01 while not met (60,00 is not "> 60")."""
        value = self.value
        if value is None or self.target is None or self.is_count:
            return None
        if self.met:
            return Decimal("0.00")
        return max(self.target - value, CENT)

    @cached_property
    def status(self) -> str:
        """đạt / sắp đạt / chưa đạt / chưa có số liệu / theo dõi (Status)."""
        if self.target is None:
            return Status.TRACKED
        if self.met is None:
            return Status.NO_DATA
        if self.met:
            return Status.MET
        if self.is_count:  # 0 of 1 house is not "nearly" one
            return Status.NOT_MET
        # Exact, like `met`: numerator/denominator ≥ 95 % of the target.
        near = Decimal(self.numerator * 100) >= self.target * NEAR_SHARE * self.denominator
        return Status.NEAR if near else Status.NOT_MET

    @property
    def status_label(self) -> str:
        return str(Status.LABELS[self.status])

    @property
    def unit_noun(self) -> str:
        if self.code in UNIT_CODES:
            return str(self.units.counter)
        return str(UNIT_NOUNS[self.code])

    @property
    def comparator_symbol(self) -> str:
        """'≥'; nothing where the plan sets no figure (the target then reads 'theo dõi')."""
        return "" if self.target is None else Comparator(self.comparator).label

    @property
    def verdict(self) -> str:
        """'đạt', 'chưa đạt, cần thêm 6 hộ', 'sắp đạt, cần thêm 2 hộ' or 'chưa có số liệu':
        in words, never only a colour. A goal without a figure gets no verdict."""
        if self.target is None:
            return str(_("theo dõi (kế hoạch không đặt mức)"))
        if self.is_count:
            return self._count_verdict(str(_("đạt")), str(_("chưa đạt")))
        if self.met is None:
            return str(_("chưa có số liệu"))
        if self.met:
            return str(_("đạt"))
        return str(_("%(status)s, cần thêm %(gap)s %(unit)s (thiếu %(points)s điểm phần trăm)")) % {
            "status": self.status_label,
            "gap": formatting.number(self.gap),
            "unit": self.unit_noun,
            "points": formatting.number(self.gap_points, 2),
        }

    def _count_verdict(self, met: str, not_met: str) -> str:
        """'đạt: 1/1 nhà', 'chưa đạt: 0/1 nhà, cần thêm 1 nhà': a count against its number."""
        values = {
            "n": formatting.number(self.numerator),
            "target": formatting.number(self.needed),
            "unit": self.unit_noun,
            "gap": formatting.number(self.gap),
        }
        if self.met:
            return met + ": " + str(_("%(n)s/%(target)s %(unit)s")) % values
        return not_met + ": " + str(_("%(n)s/%(target)s %(unit)s, cần thêm %(gap)s %(unit)s")) % values

    @property
    def official_verdict(self) -> str:
        """The verdict an official table prints: 'Đạt', 'Chưa đạt (cần thêm 6 hộ)', 'Theo dõi',
        'Chưa có số liệu'. No "sắp đạt": that nuance is the dashboard's."""
        if self.target is None:
            return str(_("Theo dõi"))
        if self.is_count:
            return self._count_verdict(str(_("Đạt")), str(_("Chưa đạt")))
        if self.met is None:
            return str(_("Chưa có số liệu"))
        if self.met:
            return str(_("Đạt"))
        return str(_("Chưa đạt (cần thêm %(gap)s %(unit)s)")) % {
            "gap": formatting.number(self.gap),
            "unit": self.unit_noun,
        }

    @property
    def target_words(self) -> str:
        """The target as prose writes it: 'từ 97 % trở lên', 'trên 60 %', 'từ 1 nhà trở lên'."""
        if self.target is None:
            return str(_("không đặt mức, theo dõi"))
        if self.is_count:
            target = f"{_whole(self.target)} {self.unit_noun}"
        else:
            target = formatting.target_percent(self.target)
        if self.comparator == Comparator.MORE_THAN:
            return str(_("trên %(target)s")) % {"target": target}
        return str(_("từ %(target)s trở lên")) % {"target": target}

    def as_json(self) -> dict:
        value, points = self.value, self.gap_points
        return {
            "kind": "count" if self.is_count else "rate",
            "numerator": self.numerator,
            "denominator": None if self.is_count else self.denominator,
            "value": float(value) if value is not None else None,
            "met": self.met,
            "status": self.status,
            "gap": self.gap,
            "gap_points": float(points) if points is not None else None,
        }


@dataclass
class IndicatorResult:
    code: str
    name: str
    unit: str
    measure: Measure
    # For the indicators summed from blocks' yearly figures: how many blocks have approved figures.
    blocks_reporting: int | None = None
    blocks_total: int | None = None

    @property
    def short_name(self) -> str:
        units = self.measure.units
        if self.code == IndicatorCode.TDPVH:
            return _("%(units)s được tặng danh hiệu %(title)s") % {"units": capfirst(units.name), "title": units.title}
        if self.code == IndicatorCode.NVH:
            return _("%(units)s có nhà văn hóa") % {"units": capfirst(units.name)}
        return str(IndicatorCode(self.code).label)

    @property
    def label(self) -> str:
        return code_label(self.code)

    @property
    def incomplete(self) -> bool:
        return self.blocks_reporting is not None and self.blocks_reporting < self.blocks_total

    def as_json(self) -> dict:
        data = {
            "code": self.code,
            "name": self.name,
            "comparator": self.measure.comparator,
            "target": float(self.measure.target) if self.measure.target is not None else None,
            "unit": self.unit,
            **self.measure.as_json(),
        }
        if self.blocks_reporting is not None:
            data["blocks_reporting"] = self.blocks_reporting
            data["blocks_total"] = self.blocks_total
        return data


@dataclass
class BlockResult:
    block: Block
    indicators: dict[str, Measure] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "number": self.block.number,
            "name": self.block.name,
            "indicators": {code: m.as_json() for code, m in self.indicators.items()},
        }


@dataclass
class YearIndicators:
    plan: Plan
    indicators: list[IndicatorResult]
    blocks: list[BlockResult]
    figure_statuses: dict[int, str] = field(default_factory=dict)  # block id -> its figures' status
    closing: YearClosing | None = None  # set when the figures are the year's frozen ones

    @property
    def year(self) -> int:
        return self.plan.year

    def as_json(self) -> dict:
        closing = self.closing
        return {
            "year": self.plan.year,
            "commune": self.plan.commune.name,
            "closed": {"at": closing.closed_at.isoformat(), "by": str(closing.closed_by)} if closing else None,
            "indicators": [i.as_json() for i in self.indicators],
            "blocks": [b.as_json() for b in self.blocks],
        }

    def frozen(self) -> dict:
        """Everything a closed year shows again: the targets as they stood, each numerator
        and denominator for the commune and per block, and the figures' statuses."""
        return {
            "indicators": [
                {
                    "code": i.code,
                    "name": i.name,
                    "unit": i.unit,
                    "comparator": i.measure.comparator,
                    "target": str(i.measure.target) if i.measure.target is not None else None,
                    "numerator": i.measure.numerator,
                    "denominator": i.measure.denominator,
                    "blocks_reporting": i.blocks_reporting,
                    "blocks_total": i.blocks_total,
                }
                for i in self.indicators
            ],
            "blocks": [
                {
                    "id": b.block.pk,
                    "number": b.block.number,
                    "name": b.block.name,
                    "indicators": {code: [m.numerator, m.denominator] for code, m in b.indicators.items()},
                }
                for b in self.blocks
            ],
            "figure_statuses": {str(pk): status for pk, status in self.figure_statuses.items()},
        }


def _per_block_counts(commune, year: int, codes: set[str], blocks: list[Block]) -> tuple[dict, dict[int, str]]:
    """{code: {block_id: (numerator, denominator)}} for the block-level indicators,
    and the status of each block's figures for the year."""
    year_end = datetime.date(year, 12, 31)
    block_ids = [b.pk for b in blocks]
    counts: dict[str, dict[int, tuple]] = {}

    if IndicatorCode.GDVH in codes:
        # Living households and those recognised for the year, per block, in one query: a LEFT
        # JOIN on the year's recognition (one at most per household and year) that PostgreSQL
        # hashes, rather than a sub-query per household.
        that_year = FilteredRelation(
            "recognitions",
            condition=Q(
                recognitions__title=Title.CULTURAL_FAMILY,
                recognitions__year=year,
                recognitions__withdrawn_by__isnull=True,
            ),
        )
        rows = (
            Household.objects.filter(block__commune=commune)
            .living_on(year_end)
            .annotate(that_year=that_year)
            .values("block")
            .annotate(total=Count("pk"), recognised_n=Count("that_year"))
            .order_by()
        )
        by_block = {row["block"]: (row["recognised_n"], row["total"]) for row in rows}
        counts[IndicatorCode.GDVH] = {pk: by_block.get(pk, (0, 0)) for pk in block_ids}

    if IndicatorCode.TDPVH in codes:
        recognised_blocks = set(
            Recognition.objects.in_force()
            .filter(title=Title.CULTURAL_BLOCK, year=year, block__in=block_ids)
            .values_list("block", flat=True)
        )
        counts[IndicatorCode.TDPVH] = {pk: (int(pk in recognised_blocks), 1) for pk in block_ids}

    if codes & {IndicatorCode.NVH, IndicatorCode.NVH_NEW}:
        # One reading of the houses' history for both: in use at the year's end (NVH), and
        # put into use that very year (NVHMOI, a count: no denominator).
        houses = _houses_at_year_ends(block_ids, [year])[year]
        counts[IndicatorCode.NVH] = {pk: (int(houses.get(pk, year + 1) <= year), 1) for pk in block_ids}
        counts[IndicatorCode.NVH_NEW] = {pk: (int(houses.get(pk) == year), 0) for pk in block_ids}

    # Every block's figures for the year, whatever their status: the season's progress
    # reads the statuses; only approved ones count.
    all_figures = list(
        BlockFigures.objects.filter(block__in=block_ids, year=year).only(
            "block", "status", "population", "regular_exercisers", "legal_education_reached"
        )
    )
    statuses = {f.block_id: f.status for f in all_figures}
    figures = {f.block_id: f for f in all_figures if f.status == BlockFigures.Status.APPROVED}
    if codes & {IndicatorCode.TDTT, IndicatorCode.PBGDPL}:
        columns = {IndicatorCode.TDTT: "regular_exercisers", IndicatorCode.PBGDPL: "legal_education_reached"}
        for code, attr in columns.items():
            if code in codes:
                counts[code] = {
                    pk: ((getattr(figures[pk], attr), figures[pk].population) if pk in figures else (0, 0))
                    for pk in block_ids
                }
    return counts, statuses


def _houses_at_year_ends(block_ids: list[int], years: list[int]) -> dict[int, dict[int, int]]:
    """For each year, {block: year its house was put into use} for the houses in use at the
    year's end. The state then comes from the house's change history, so a house under
    repair today still counts for the years it served; a block with no history before that
    year's end (a house entered later, or rows loaded without history) is taken as it stands
    now. A house deleted by the year's end counts for nothing. Two queries for any number of
    years; compute() and history() both use it."""
    rows = (
        CulturalHouse.history.filter(block_id__in=block_ids)
        .order_by("history_date", "history_id")
        .values_list("block_id", "history_date", "history_type", "state", "in_use_since")
    )
    timeline: dict[int, list] = {}
    for block_id, when, kind, state, since in rows:
        timeline.setdefault(block_id, []).append((when, kind != "-", state, since))
    now = {
        block_id: (True, state, since)
        for block_id, state, since in CulturalHouse.objects.filter(block__in=block_ids).values_list(
            "block_id", "state", "in_use_since"
        )
    }
    tz = timezone.get_current_timezone()
    result = {}
    for year in years:
        year_end = datetime.datetime.combine(datetime.date(year, 12, 31), datetime.time.max, tzinfo=tz)
        in_use: dict[int, int] = {}
        for block_id in set(timeline) | set(now):
            before = [entry[1:] for entry in timeline.get(block_id, []) if entry[0] <= year_end]
            exists, state, since = before[-1] if before else now.get(block_id, (False, None, None))
            if exists and state == CulturalHouse.State.IN_USE and since is not None:
                in_use[block_id] = since
        result[year] = in_use
    return result


def _organisations(commune, year: int) -> tuple[int, int]:
    """(organisations holding the title in `year`, organisations in the registry that year):
    each counted once, however many times it was recognised."""
    holding = Recognition.objects.holding_in(year).filter(
        organisation=OuterRef("pk"), title=Title.CULTURAL_ORGANISATION
    )
    registry = Organisation.objects.filter(commune=commune).in_registry(year)
    result = registry.annotate(holds=Exists(holding)).aggregate(
        total=Count("pk"), holding=Count("pk", filter=Q(holds=True))
    )
    return result["holding"], result["total"]


def standing_closing(commune, year: int):
    return YearClosing.objects.standing().filter(commune=commune, year=year).select_related("closed_by").first()


def _frozen_target(value: str | None) -> Decimal | None:
    """A frozen target: None for a goal without a figure (closings made before this rule
    wrote it as the text "None")."""
    return None if value in (None, "None") else Decimal(value)


def thawed(plan: Plan, closing) -> YearIndicators:
    """A closed year's figures as they were frozen: no household, title or figure read."""
    data = closing.figures
    units = UnitWords.of([plan.commune.unit_kind])  # the frozen blocks keep no kind of their own
    targets = {i["code"]: (i["comparator"], _frozen_target(i["target"]), units) for i in data["indicators"]}
    indicators = [
        IndicatorResult(
            code=i["code"],
            name=i["name"],
            unit=i["unit"],
            measure=Measure(i["code"], i["numerator"], i["denominator"], *targets[i["code"]]),
            blocks_reporting=i["blocks_reporting"],
            blocks_total=i["blocks_total"],
        )
        for i in data["indicators"]
    ]
    blocks = []
    for b in data["blocks"]:
        block = Block(pk=b["id"], number=b["number"], name=b["name"], commune=plan.commune)
        blocks.append(
            BlockResult(
                block=block,
                indicators={code: Measure(code, n, d, *targets[code]) for code, (n, d) in b["indicators"].items()},
            )
        )
    return YearIndicators(
        plan=plan,
        indicators=indicators,
        blocks=blocks,
        closing=closing,
        figure_statuses={int(pk): s for pk, s in data["figure_statuses"].items()},
    )


def compute(plan: Plan, live: bool = False) -> YearIndicators:
    """Every target of `plan`, for the commune and per block, in the plan's order: the
    frozen figures of a closed year (unless `live`), else computed from the record."""
    commune, year = plan.commune, plan.year
    if not live:
        closing = standing_closing(commune, year)
        if closing is not None:
            return thawed(plan, closing)
    targets = list(plan.targets.order_by("order", "pk"))
    codes = {t.code for t in targets}
    blocks = list(Block.objects.filter(commune=commune).order_by("number"))
    units = UnitWords.of_blocks(blocks, commune.unit_kind)
    per_block, figure_statuses = _per_block_counts(commune, year, codes, blocks)
    reporting = {pk for pk, status in figure_statuses.items() if status == BlockFigures.Status.APPROVED}

    def total(code: str) -> tuple[int, int]:
        if code == IndicatorCode.CQVH:
            return _organisations(commune, year)
        pairs = per_block[code].values()
        return sum(n for n, _d in pairs), sum(d for _n, d in pairs)

    indicators = []
    for t in targets:
        numerator, denominator = total(t.code)
        from_figures = t.code in (IndicatorCode.TDTT, IndicatorCode.PBGDPL)
        indicators.append(
            IndicatorResult(
                code=t.code,
                name=t.name,
                unit=t.unit,
                measure=Measure(t.code, numerator, denominator, t.comparator, t.value, units),
                blocks_reporting=len(reporting) if from_figures else None,
                blocks_total=len(blocks) if from_figures else None,
            )
        )
    block_results = []
    for block in blocks:
        result = BlockResult(block=block)
        own = UnitWords.of([block.kind or commune.unit_kind])  # a block's row names it as it is called
        for t in targets:
            if t.code in BLOCK_CODES:
                n, d = per_block[t.code][block.pk]
                result.indicators[t.code] = Measure(t.code, n, d, t.comparator, t.value, own)
        block_results.append(result)
    return YearIndicators(plan=plan, indicators=indicators, blocks=block_results, figure_statuses=figure_statuses)


# -- year over year ---------------------------------------------------------------


def _living_q(year: int, prefix: str = "") -> Q:
    """Living on 31 December of `year` (households.models.living_on_q)."""
    return living_on_q(datetime.date(year, 12, 31), prefix)


def history(commune, years: list[int]) -> dict[str, dict[int, tuple[int, int]]]:
    """The commune's (numerator, denominator) of every indicator for each of `years`,
    by the same rules as compute(), in eight queries however many years and households."""
    years = sorted(years)
    blocks = list(Block.objects.filter(commune=commune).values_list("pk", flat=True))
    households = Household.objects.filter(block__commune=commune)
    living = households.aggregate(**{f"y{y}": Count("pk", filter=_living_q(y)) for y in years})
    recognised = (
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_FAMILY, year__in=years, household__block__commune=commune)
        .aggregate(**{f"y{y}": Count("pk", filter=Q(year=y) & _living_q(y, "household__")) for y in years})
    )
    block_titles = dict(
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_BLOCK, year__in=years, block__in=blocks)
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    sums = {
        row["year"]: row
        for row in BlockFigures.objects.filter(block__in=blocks, year__in=years, status=BlockFigures.Status.APPROVED)
        .values("year")
        .annotate(
            population=Sum("population"), exercisers=Sum("regular_exercisers"), reached=Sum("legal_education_reached")
        )
        .order_by()
    }
    registry = {}
    for y in years:
        in_registry = in_registry_q(y)
        holding = in_registry & Q(
            recognitions__title=Title.CULTURAL_ORGANISATION,
            recognitions__year__lte=y,
            recognitions__valid_until__gte=y,
            recognitions__withdrawn_by__isnull=True,
        )
        registry[f"t{y}"] = Count("pk", filter=in_registry, distinct=True)
        registry[f"h{y}"] = Count("pk", filter=holding, distinct=True)
    organisations = Organisation.objects.filter(commune=commune).aggregate(**registry)
    at_year_ends = _houses_at_year_ends(blocks, years)
    houses = {y: sum(1 for since in h.values() if since <= y) for y, h in at_year_ends.items()}
    opened = {y: sum(1 for since in h.values() if since == y) for y, h in at_year_ends.items()}
    result: dict[str, dict[int, tuple[int, int]]] = {code: {} for code in IndicatorCode.values}
    for y in years:
        figures = sums.get(y, {})
        population = figures.get("population") or 0
        result[IndicatorCode.GDVH][y] = (recognised[f"y{y}"], living[f"y{y}"])
        result[IndicatorCode.TDPVH][y] = (block_titles.get(y, 0), len(blocks))
        result[IndicatorCode.NVH][y] = (houses[y], len(blocks))
        result[IndicatorCode.NVH_NEW][y] = (opened[y], 0)
        result[IndicatorCode.CQVH][y] = (organisations[f"h{y}"], organisations[f"t{y}"])
        result[IndicatorCode.TDTT][y] = (figures.get("exercisers") or 0, population)
        result[IndicatorCode.PBGDPL][y] = (figures.get("reached") or 0, population)
    # Closed years: what was reported, not what the record says today.
    for closing in YearClosing.objects.standing().filter(commune=commune, year__in=years):
        for item in closing.figures["indicators"]:
            result[item["code"]][closing.year] = (item["numerator"], item["denominator"])
    return result
