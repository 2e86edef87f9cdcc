import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import F, Max, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from campaigns.models import BlockFigures, Plan, Task
from campaigns.selectors import plans_by_year
from caolocculture import formatting, versions
from caolocculture.models import Role, User
from caolocculture.permissions import Action, Person, blocks_for, can, in_commune, may_see_report_files
from households.models import Block
from households.selectors import current_commune_pk
from households.units import UnitWords
from recognition.models import Meeting, MeetingStep

from .indicators import (
    COUNT_CODES,
    BlockResult,
    IndicatorResult,
    Measure,
    YearIndicators,
    code_label,
    compute,
    history,
)
from .models import ApiToken, ReportFile, YearClosing, YearEndReport


@dataclass
class IndicatorsView:
    """The indicators a user may see. `rows` are the targets with their progress:
    the commune's for commune roles, their own block's for a khối trưởng with one
    block. `blocks` are the per-block rows they may see."""

    plan: Plan
    scope: str  # the commune's or the block's name, for the caption
    rows: list[IndicatorResult]
    blocks: list[BlockResult]
    commune_wide: bool
    season: dict[str, int] = field(default_factory=dict)
    closing: YearClosing | None = None  # the year's standing closing: the figures shown are the frozen ones

    @property
    def block_rows(self) -> list[dict[str, Any]]:
        return block_rows(self.blocks)

    @property
    def block_headers(self) -> list[str]:
        """The blocks table's column headings as people read them ("GĐVH", not the code)."""
        return [code_label(code) for code in self.blocks[0].indicators] if self.blocks else []


def season_progress(result: YearIndicators, block_ids: set[int]) -> dict[str, int]:
    """How far the year's season has come over `block_ids`: meetings held, figures sent
    and approved, decisions received. One query (the figures come with the engine's)."""
    statuses = dict(Meeting.objects.filter(year=result.plan.year, block__in=block_ids).values_list("block", "status"))
    figures = [s for pk, s in result.figure_statuses.items() if pk in block_ids]
    return {
        "blocks": len(block_ids),
        "meetings": len(statuses),
        "decided": sum(1 for s in statuses.values() if s == Meeting.Status.DECIDED),
        "figures_sent": sum(1 for s in figures if s in (BlockFigures.Status.SUBMITTED, BlockFigures.Status.APPROVED)),
        "figures_approved": sum(1 for s in figures if s == BlockFigures.Status.APPROVED),
    }


def block_rows(blocks: list[BlockResult]) -> list[dict[str, Any]]:
    """The blocks × indicators table as plain text, cell by cell: (status, value, note).
    Built here rather than in the template: a district's 100 blocks × 5 indicators
    would otherwise cost more in template tags than the engine's queries."""
    yes_no = {"NVH": (_("có"), _("chưa có")), "TDPVH": (_("đạt"), _("chưa đạt"))}
    words = {"met": _("đạt"), "no_data": _("chưa có số liệu")}
    near = _("sắp đạt")
    rows = []
    for row in blocks:
        cells = []
        for code, m in row.indicators.items():
            status = m.status
            if m.denominator == 1 and code in yes_no:  # one block: it has it or not, no percentage
                cells.append((status, yes_no[code][0] if m.met else yes_no[code][1], ""))
                continue
            if status in words:
                note = words[status]
            else:
                note = _("thiếu %(gap)s %(unit)s") % {"gap": formatting.number(m.gap), "unit": m.unit_noun}
                if status == "near":
                    note = f"{near}, {note}"
            cells.append((status, m.value_text, note))
        rows.append(
            {
                "number": row.block.number,
                "name": row.block.name,
                "cells": cells,
                "url": reverse("households:block", args=[row.block.pk]),
            }
        )
    return rows


def _figures_key(kind: str, plan: Plan) -> str:
    """A cache key that changes with the commune's data (caolocculture.versions): a figure kept
    under it is never read after any change of the record it was computed from."""
    return f"{kind}:{plan.commune_id}:{plan.year}:{versions.current(plan.commune_id)}"


def figures_of(plan: Plan) -> YearIndicators:
    """compute(plan), kept in Redis per data version: a dashboard read by many people between two
    changes computes once (nine queries) instead of on every request. Commune-wide figures only;
    what a person may see is filtered afterwards (indicators_for). A closed year is not kept: it
    is read from its frozen row already, and that row carries the account that closed it."""
    key = _figures_key("indicators", plan)
    result = cache.get(key)
    if result is None:
        result = compute(plan)
        if result.closing is None:
            cache.set(key, result)
    return replace(result, plan=plan)


def indicators_for(user: Person, plan: Plan) -> IndicatorsView:
    result = figures_of(plan)
    if can(user, Action.VIEW_COMMUNE):
        return IndicatorsView(
            plan,
            plan.commune.name,
            result.indicators,
            result.blocks,
            commune_wide=True,
            season=season_progress(result, {b.block.pk for b in result.blocks}),
            closing=result.closing,
        )
    visible = set(blocks_for(user).values_list("pk", flat=True))
    blocks = [b for b in result.blocks if b.block.pk in visible]
    rows = []
    if len(blocks) == 1:
        names = {i.code: i for i in result.indicators}
        rows = [
            IndicatorResult(code=code, name=names[code].name, unit=names[code].unit, measure=measure)
            for code, measure in blocks[0].indicators.items()
        ]
    scope = blocks[0].block.name if len(blocks) == 1 else ""
    return IndicatorsView(
        plan,
        scope,
        rows,
        blocks,
        commune_wide=False,
        season=season_progress(result, {b.block.pk for b in blocks}) if blocks else {},
        closing=result.closing,
    )


# Titles recorded for every household or block each year: a year without a single one has
# no records (older years not entered), not a real 0 %.
RECORDED_EACH_YEAR = {"GDVH", "TDPVH"}


def year_over_year(plan: Plan) -> dict[str, Any]:
    """The commune's value of each of the plan's indicators for every year of the plan's
    phase up to its year (2021–2024), for the dashboard's chart and its table; None where
    a year has no records of that kind. Kept in Redis per data version, as figures_of."""
    key = _figures_key("year-over-year", plan)
    data = cache.get(key)
    if data is None:
        data = _year_over_year(plan)
        cache.set(key, data)
    return data


def _year_over_year(plan: Plan) -> dict[str, Any]:
    years = list(range(min(plan.phase_start, plan.year), plan.year + 1))
    counts = history(plan.commune, years)
    series = []
    for target in plan.targets.order_by("order", "pk"):
        # A count of the year (NVHMOI: houses put into use) is in the table, not on the
        # chart of rates: its "1 nhà" has no place on a percentage axis.
        count = target.code in COUNT_CODES
        points = []
        for year in years:
            numerator, denominator = counts[target.code][year]
            measure = Measure(target.code, numerator, denominator, target.comparator, target.value)
            recorded = numerator or target.code not in RECORDED_EACH_YEAR
            value = measure.value if recorded else None
            points.append(
                {
                    "year": year,
                    "numerator": numerator,
                    "denominator": denominator,
                    "value": float(value) if value is not None and not count else None,
                    "text": measure.value_text if count else formatting.percent(value),
                }
            )
        series.append(
            {
                "code": target.code,
                "label": code_label(target.code),
                "count": count,
                "target": float(target.value) if target.value is not None and not count else None,
                "comparator": target.comparator,
                # "≥ 97 %", for the chart's target line and legend; a goal without a figure has no line
                "target_text": Measure(target.code, 0, 0, target.comparator, target.value).target_text,
                "points": points,
            }
        )
    closed = sorted(
        YearClosing.objects.standing().filter(commune=plan.commune, year__in=years).values_list("year", flat=True)
    )
    return {"years": years, "series": series, "closed": closed}


def preparer_for(user: User | None, plan: Plan) -> str:
    """Who prepares the plan's commune's form sent upward: the culture officer asking for it, or
    (when the chairman or a committee member prints it) that commune's first active officer,
    never another commune's."""
    mine = getattr(user, "role", "") == Role.OFFICER and getattr(user, "commune_id", None) == plan.commune_id
    officer = user if mine else None
    if officer is None:
        officer = User.objects.filter(role=Role.OFFICER, is_active=True, commune=plan.commune_id).order_by("pk").first()
    if officer is None:
        return ""
    return officer.get_full_name() or officer.username


def blocks_of(plan: Plan) -> list[Block]:
    """The commune's blocks in their order, for the forms sent upward."""
    return list(Block.objects.filter(commune=plan.commune).order_by("number"))


def report_files(report: YearEndReport) -> list[ReportFile]:
    """The report's printings, newest first (none before the report is first saved), each
    with its number in order of asking (`seq`: "Lần 3"), so that two printings asked in the
    same minute by the same person are still two different rows."""
    if report.pk is None:
        return []
    numbered = report.files.select_related("requested_by").annotate(
        seq=Window(RowNumber(), order_by=(F("requested_at").asc(), F("pk").asc()))
    )
    return list(numbered.order_by("-requested_at", "-pk")[:20])


def _report_files_for(user: User) -> QuerySet[ReportFile]:
    # Refused before the lookup: 403 whatever the id, not a 404 that tells which ids exist.
    if not may_see_report_files(user):
        raise PermissionDenied
    return ReportFile.objects.filter(in_commune(user, "report__plan__commune"))


def get_report_file_for(user: User, pk: int | str) -> ReportFile:
    """A printing with its report, plan and who asked for it, for its page."""
    return get_object_or_404(_report_files_for(user).select_related("report__plan", "requested_by"), pk=pk)


def get_report_file_to_retry_for(user: User, pk: int | str) -> ReportFile:
    """A printing to run again (the service locks and reloads it)."""
    return get_object_or_404(_report_files_for(user), pk=pk)


def get_report_file_done_for(user: User, pk: int | str) -> ReportFile:
    """A finished printing with its report and plan, for the download (404 until it is done)."""
    return get_object_or_404(
        _report_files_for(user).select_related("report__plan"), pk=pk, status=ReportFile.Status.DONE
    )


def api_token_exists(user: User) -> bool:
    """Whether the person holds a key for the district's machines."""
    return ApiToken.objects.filter(user=user).exists()


# -- what is due -----------------------------------------------------------------


ONE_DAY = datetime.timedelta(days=1)


def _posting_ended(meeting: Meeting, today: datetime.date) -> bool:
    """Posted, and the posting's last day is past: the dossier waits to be sent."""
    return meeting.status == Meeting.Status.POSTED and today >= meeting.posting.ends_on


def _block_number(blocks: dict[int, Any]) -> Any:
    return lambda m: blocks[m.block_id].number


def _meetings_url(meetings: list[Meeting]) -> str:
    """One dossier: its page; several: the list of meetings."""
    if len(meetings) == 1:
        return reverse("recognition:meeting", args=[meetings[0].pk])
    return reverse("recognition:meetings")


@dataclass
class DueItem:
    text: str
    url: str
    late: bool


@dataclass
class SeasonMeeting:
    """A meeting as "what is due" needs it: its block, year, status, and when its dossier was last sent."""

    pk: int
    block_id: int
    year: int
    status: str
    submitted_on: datetime.date | None


def _season_meetings(year: int) -> tuple[list[SeasonMeeting], dict[int, Meeting]]:
    """Every meeting up to `year` (the years before stay until their work is done), with the
    day its dossier was last sent; and this year's, by block, with their postings. One query."""
    rows = list(
        Meeting.objects.filter(year__lte=year, block__commune=current_commune_pk())
        .select_related("posting")
        .annotate(submitted_at=Max("steps__at", filter=Q(steps__action=MeetingStep.Action.SUBMITTED)))
    )
    season = [
        SeasonMeeting(
            m.pk,
            m.block_id,
            m.year,
            m.status,
            timezone.localtime(m.submitted_at).date() if m.submitted_at else None,  # type: ignore[attr-defined]  # annotated
        )
        for m in rows
    ]
    return season, {m.block_id: m for m in rows if m.year == year}


def decision_deadline(meeting: SeasonMeeting, plans: dict[int, Plan]) -> datetime.date | None:
    """The chairman's deadline: the year's decision_days from the day the complete dossier was
    sent (its last sending, the one the officer then found complete)."""
    plan = plans.get(meeting.year)
    if meeting.submitted_on is None or plan is None:
        return None
    return meeting.submitted_on + datetime.timedelta(days=plan.decision_days)


def _names(blocks: dict[int, Block], ids: Iterable[int]) -> str:
    return ", ".join(blocks[pk].name for pk in sorted(ids, key=lambda pk: blocks[pk].number))


def _earlier_years(
    year: int,
    meetings: list[SeasonMeeting],
    plans: dict[int, Plan],
    scope: dict[int, Block],
    today: datetime.date,
    *,
    approves: bool,
    editable: set[int],
) -> list[DueItem]:
    """The years before `year` run in the app (a meeting was held) stay listed until their
    meetings are held and their dossiers sent and checked, whatever the working year."""
    items: list[DueItem] = []
    unfinished = (Meeting.Status.OPEN, Meeting.Status.POSTED, Meeting.Status.RETURNED)
    for y in sorted({m.year for m in meetings if m.year < year and m.year in plans}, reverse=True):
        plan = plans[y]
        late = today > plan.deadline
        of_year = {m.block_id: m for m in meetings if m.year == y and m.block_id in scope}
        not_held = [pk for pk in scope if pk not in of_year]
        meetings_url = reverse("recognition:meetings") + f"?year={y}"
        if approves:
            if not_held:
                items.append(
                    DueItem(
                        _("Chưa họp bình xét năm %(year)d (hạn %(date)s): %(blocks)s")
                        % {"year": y, "date": formatting.date(plan.deadline), "blocks": _names(scope, not_held)},
                        meetings_url,
                        late,
                    )
                )
            for statuses, text in (
                (unfinished, _("Hồ sơ bình xét năm %(year)d chưa gửi: %(blocks)s")),
                ((Meeting.Status.SUBMITTED,), _("Hồ sơ bình xét năm %(year)d chờ kiểm tra: %(blocks)s")),
            ):
                waiting = [pk for pk, m in of_year.items() if m.status in statuses]
                if waiting:
                    items.append(DueItem(text % {"year": y, "blocks": _names(scope, waiting)}, meetings_url, late))
            continue
        for pk in sorted(editable & scope.keys(), key=lambda pk: scope[pk].number):
            block, meeting = scope[pk], of_year.get(pk)
            if meeting is None:
                items.append(
                    DueItem(
                        _("%(block)s: họp bình xét Gia đình văn hóa năm %(year)d (hạn %(date)s)")
                        % {"block": block.name, "year": y, "date": formatting.date(plan.deadline)},
                        reverse("recognition:block", args=[pk]) + f"?year={y}",
                        late,
                    )
                )
            elif meeting.status in unfinished:
                items.append(
                    DueItem(
                        _("%(block)s: gửi hồ sơ bình xét năm %(year)d (%(status)s)")
                        % {"block": block.name, "year": y, "status": Meeting.Status(meeting.status).label},
                        reverse("recognition:meeting", args=[meeting.pk]),
                        late,
                    )
                )
    return items


def _decisions_due(
    year: int, meetings: list[SeasonMeeting], plans: dict[int, Plan], scope: dict[int, Block], today: datetime.date
) -> list[DueItem]:
    """Checked dossiers of `year` and the years before, grouped by year and deadline."""
    by_deadline: dict[tuple[int, datetime.date | None], list[int]] = {}
    for m in meetings:
        if m.status == Meeting.Status.CHECKED and m.block_id in scope:
            by_deadline.setdefault((m.year, decision_deadline(m, plans)), []).append(m.block_id)
    items = []
    for (y, deadline), ids in sorted(by_deadline.items(), key=lambda kv: (kv[0][1] or datetime.date.max, kv[0][0])):
        url = reverse("recognition:decision_new") + ("" if y == year else f"?year={y}")
        if deadline is None:
            text = _("Ra quyết định công nhận Gia đình văn hóa năm %(year)d: %(blocks)s")
        else:
            text = _("Ra quyết định công nhận Gia đình văn hóa năm %(year)d, hạn %(date)s: %(blocks)s")
        values = {"year": y, "blocks": _names(scope, ids), "date": formatting.date(deadline) if deadline else ""}
        items.append(DueItem(text % values, url, deadline is not None and today > deadline))
    return items


def due_for(user: Person, year: int, today: datetime.date | None = None) -> list[DueItem]:
    """What waits on this person for `year`: figures to enter or approve, tasks past their
    deadline, meetings not held by the deadline, results to finish and post, dossiers to send
    once their posting ended, to check, to correct when returned, decisions to issue by their
    deadline; and the years before's unfinished meetings and dossiers until they are done. Late
    ones first. Every step that waits on someone is here for that person (docs/notifications.md)."""
    today = today or datetime.date.today()
    plans = plans_by_year()
    plan = plans.get(year)
    if plan is None:
        return []
    items: list[DueItem] = []
    deadline = plan.deadline
    past_deadline = today > deadline
    editable = list(blocks_for(user, Action.EDIT_BLOCK).order_by("number")) if can(user, Action.EDIT_BLOCK) else []
    approves = can(user, Action.APPROVE)
    scope = {b.pk: b for b in blocks_for(user).select_related("commune").order_by("number")}
    unit = UnitWords.of(b.unit_kind for b in scope.values()).counter
    figures = {f.block_id: f for f in BlockFigures.objects.filter(year=year, block__commune=current_commune_pk())}
    # One query for every meeting up to this year, with its posting: where each dossier stands,
    # the chairman's deadlines and the years before's unfinished work.
    season, meetings = _season_meetings(year)
    held = set(meetings)
    figures_url = reverse("campaigns:figures", args=[year])

    # The officer edits every block but answers for the commune: their list names blocks
    # together, a khối trưởng's names their own block's work.
    if approves:
        waiting = [f for f in figures.values() if f.status == BlockFigures.Status.SUBMITTED]
        if waiting:
            items.append(
                DueItem(
                    _("%(n)d %(unit)s đã gửi số liệu năm %(year)d, chờ duyệt")
                    % {"n": len(waiting), "unit": unit, "year": year},
                    figures_url,
                    False,
                )
            )
        blocks = list(scope.values())
        missing = [b.name for b in blocks if b.pk not in figures or figures[b.pk].editable_by_block]
        if missing:
            items.append(
                DueItem(
                    _("Chưa gửi số liệu năm %(year)d: %(blocks)s") % {"year": year, "blocks": ", ".join(missing)},
                    figures_url,
                    past_deadline,
                )
            )
        not_held = [b.name for b in blocks if b.pk not in held]
        if not_held:
            items.append(
                DueItem(
                    _("Chưa họp bình xét (hạn %(date)s): %(blocks)s")
                    % {"date": formatting.date(deadline), "blocks": ", ".join(not_held)},
                    reverse("recognition:meetings"),
                    past_deadline,
                )
            )
        block_of = {b.pk: b for b in blocks}
        submitted = [m for m in meetings.values() if m.status == Meeting.Status.SUBMITTED and m.block_id in block_of]
        if submitted:
            names = ", ".join(block_of[m.block_id].name for m in sorted(submitted, key=_block_number(block_of)))
            items.append(
                DueItem(
                    _("Hồ sơ bình xét đã gửi, chờ kiểm tra: %(blocks)s") % {"blocks": names},
                    _meetings_url(submitted),
                    False,
                )
            )
        unsent = [m for m in meetings.values() if _posting_ended(m, today) and m.block_id in block_of]
        if unsent:
            names = ", ".join(block_of[m.block_id].name for m in sorted(unsent, key=_block_number(block_of)))
            items.append(
                DueItem(
                    _("Đã hết niêm yết, chưa gửi hồ sơ bình xét: %(blocks)s") % {"blocks": names},
                    _meetings_url(unsent),
                    False,
                )
            )
        for task in plan.tasks.exclude(status=Task.Status.DONE).filter(deadline__lt=today).order_by("deadline"):
            items.append(
                DueItem(
                    _("Nhiệm vụ quá hạn %(date)s: %(title)s")
                    % {"date": formatting.date(task.deadline), "title": Truncator(task.title).chars(120)},
                    reverse("campaigns:task", args=[task.pk]),
                    True,
                )
            )
    else:
        for block in editable:
            f = figures.get(block.pk)
            url = reverse("campaigns:figures_block", args=[year, block.pk])
            if f is None or f.status == BlockFigures.Status.DRAFT:
                items.append(
                    DueItem(
                        _("%(block)s: nhập và gửi số liệu năm %(year)d") % {"block": block.name, "year": year},
                        url,
                        past_deadline,
                    )
                )
            elif f.status == BlockFigures.Status.RETURNED:
                items.append(
                    DueItem(
                        _("%(block)s: số liệu năm %(year)d bị trả lại: %(reason)s")
                        % {"block": block.name, "year": year, "reason": f.returned_reason},
                        url,
                        True,
                    )
                )
            meeting = meetings.get(block.pk)
            if meeting is None:
                items.append(
                    DueItem(
                        _("%(block)s: họp bình xét Gia đình văn hóa trước %(date)s")
                        % {"block": block.name, "date": formatting.date(deadline)},
                        reverse("recognition:block", args=[block.pk]),
                        past_deadline,
                    )
                )
            elif meeting.status == Meeting.Status.OPEN:
                items.append(
                    DueItem(
                        _("%(block)s: nhập đủ kết quả bình xét và niêm yết danh sách (hạn %(date)s)")
                        % {"block": block.name, "date": formatting.date(deadline)},
                        reverse("recognition:meeting", args=[meeting.pk]),
                        past_deadline,
                    )
                )
            elif meeting.status == Meeting.Status.RETURNED:
                items.append(
                    DueItem(
                        _("%(block)s: hồ sơ bình xét năm %(year)d bị trả lại: %(reason)s")
                        % {"block": block.name, "year": year, "reason": meeting.returned_reason},
                        reverse("recognition:meeting", args=[meeting.pk]),
                        past_deadline,
                    )
                )
            elif _posting_ended(meeting, today):
                items.append(
                    DueItem(
                        _("%(block)s: đã hết niêm yết ngày %(date)s, gửi hồ sơ bình xét lên UBND")
                        % {"block": block.name, "date": formatting.date(meeting.posting.ends_on - ONE_DAY)},
                        reverse("recognition:meeting", args=[meeting.pk]),
                        False,
                    )
                )
    items += _earlier_years(year, season, plans, scope, today, approves=approves, editable={b.pk for b in editable})
    if can(user, Action.ISSUE_DECISION):
        items += _decisions_due(year, season, plans, scope, today)
    return sorted(items, key=lambda item: not item.late)
