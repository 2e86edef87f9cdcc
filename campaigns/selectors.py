import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet, Sum
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from caolocculture import formatting
from caolocculture.models import User
from caolocculture.permissions import (
    Action,
    Person,
    activities_in_reach,
    blocks_for,
    can,
    may_act_on_organisation,
    may_see_figures_import,
    may_see_task_evidence,
    require,
)
from caolocculture.views import UserInputError
from households.models import Block, Commune, living_on_q
from households.selectors import current_commune, current_commune_pk

from .models import (
    Activity,
    ActivityEvidence,
    AuthorityLevel,
    BlockFigures,
    BlockFiguresImport,
    BudgetLine,
    Funding,
    Organisation,
    Plan,
    SteeringCommitteeMember,
    Target,
    Task,
    TaskEvidence,
    Title,
    TitleAuthority,
)


class PlanNotFound(Exception):
    pass


def plans() -> QuerySet[Plan]:
    return Plan.objects.select_related("commune")


def plan_for_year(year: int, commune: Commune | None = None) -> Plan:
    commune = commune or current_commune()
    try:
        return plans().get(commune=commune, year=year)
    except Plan.DoesNotExist:
        raise PlanNotFound(year) from None


# Where a year's plan does not say: the commune chairman confers the households' and blocks'
# titles (the rule since districts ended on 1/7/2025); an organisation's standard is not the
# commune's to confer (Thông tư 08/2014).
DEFAULT_LEVEL = {
    Title.CULTURAL_FAMILY: AuthorityLevel.COMMUNE_CHAIRMAN,
    Title.CULTURAL_BLOCK: AuthorityLevel.COMMUNE_CHAIRMAN,
    Title.CULTURAL_ORGANISATION: AuthorityLevel.OTHER_BODY,
}


def title_authority(commune: Commune, title: str, year: int) -> TitleAuthority:
    """Who confers `title` in `year`, from that year's plan; unsaved with the default when
    the plan (or the year) does not say."""
    found = (
        TitleAuthority.objects.filter(plan__commune=commune, plan__year=year, title=title)
        .select_related("plan")
        .first()
    )
    return found or TitleAuthority(title=title, level=DEFAULT_LEVEL[Title(title)])


def decision_bases(commune: Commune, year: int) -> list[str]:
    """The "Căn cứ" of decisions in `year`, one per line as the plan holds them (with their dates):
    that year's plan's, else the nearest earlier plan's (a law stands until replaced), else the
    nearest later one's, so a paper about a year before the app still cites its laws."""
    with_bases = Plan.objects.filter(commune=commune).exclude(decision_bases="")
    plan = with_bases.filter(year__lte=year).order_by("-year").first() or with_bases.order_by("year").first()
    if plan is None:
        return []
    return [line.strip().rstrip(";.").strip() for line in plan.decision_bases.splitlines() if line.strip()]


def plan_authorities(plan: Plan) -> list[TitleAuthority]:
    """The plan's authority for every title, defaults filled in where it has none."""
    held = {a.title: a for a in TitleAuthority.objects.filter(plan=plan)}
    return [held.get(t) or TitleAuthority(plan=plan, title=t, level=DEFAULT_LEVEL[t]) for t in Title]


def latest_plan(commune: Commune | None = None) -> Plan | None:
    return plans().filter(commune=commune or current_commune()).order_by("-year").first()


def working_year(commune: Commune | None = None, today: datetime.date | None = None) -> int:
    """The one rule for "which year are we working on", asked by every page, export and command."""
    return working_year_among(plan_years(commune), today)


def working_year_among(years: Iterable[int], today: datetime.date | None = None) -> int:
    """The rule on a commune's plan years: the latest plan not ahead of the calendar (next
    year's plan, drafted in December, waits for January), else the latest plan, else this year.
    Apart from the query so a page that already holds the years asks nothing more."""
    today = today or timezone.localdate()
    years = list(years)
    return max((y for y in years if y <= today.year), default=None) or max(years, default=today.year)


def plan_or_404(year: int) -> Plan:
    """This commune's plan for `year`, with its commune, in one query."""
    return get_object_or_404(plans(), commune=current_commune_pk(), year=year)


def plan_years(commune: Commune | None = None) -> list[int]:
    """The commune's years with a plan (this commune's by default), newest first, in one query."""
    plans_ = Plan.objects.filter(commune=commune or current_commune_pk())  # type: ignore[misc]  # stubs refuse a Subquery
    return list(plans_.order_by("-year").values_list("year", flat=True))


def plans_by_year() -> dict[int, Plan]:
    """This commune's plans with their commune, by year, in one query."""
    return {plan.year: plan for plan in plans().filter(commune=current_commune_pk())}


def plan_targets(plan: Plan) -> QuerySet[Target]:
    return plan.targets.order_by("order")


def plan_members(plan: Plan) -> QuerySet[SteeringCommitteeMember]:
    """The steering committee, in the plan's order."""
    return plan.committee_members.order_by("order")


def get_member(plan: Plan, pk: int | str) -> SteeringCommitteeMember:
    """A member of this plan's committee (404 for another plan's)."""
    return get_object_or_404(plan.committee_members, pk=pk)


# -- the year a page shows ----------------------------------------------------------

FIRST_YEAR, LAST_YEAR = 2000, 2100  # a sane year, for pages that need no plan


class BadYear(UserInputError):
    pass


@dataclass(frozen=True)
class YearChoice:
    """The year a page shows, the plan years to offer in its picker, and the other query
    parameters the picker carries along (the page number starts again)."""

    year: int
    years: list[int]
    working: int
    hidden: list[tuple[str, str]]

    @property
    def picked(self) -> bool:
        return self.year != self.working

    @property
    def options(self) -> list[int]:
        return sorted({*self.years, self.year}, reverse=True)

    @property
    def query(self) -> str:
        """ "?year=…" to carry on links and form actions when the page shows another year."""
        return f"?year={self.year}" if self.picked else ""


def year_from_request(
    request: HttpRequest,
    commune: Commune | None = None,
    *,
    years: list[int] | None = None,
    any_year: bool = False,
    today: datetime.date | None = None,
) -> YearChoice:
    """`?year=` if it names one of the commune's plan years (any year 2000–2100 with
    `any_year`, for pages that read recorded titles and need no plan), else the working year.
    A value that is not such a year at all is the user's mistake: 400, in Vietnamese.
    `years` spares the query when the page already fetched the plan years."""
    years = plan_years(commune) if years is None else years
    working = working_year_among(years, today)
    raw = request.GET.get("year", "").strip()
    year = working
    if raw:
        if not (raw.isascii() and raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR):
            raise BadYear(
                _("Năm không hợp lệ: “%(value)s”. Hãy chọn năm từ %(first)d đến %(last)d.")
                % {"value": Truncator(raw).chars(20), "first": FIRST_YEAR, "last": LAST_YEAR}
            )
        if any_year or int(raw) in years:
            year = int(raw)
    hidden = [(name, value) for name, values in request.GET.lists() if name not in ("year", "page") for value in values]
    return YearChoice(year=year, years=years, working=working, hidden=hidden)


def tasks_of(plan: Plan) -> QuerySet[Task]:
    return (
        plan.tasks.prefetch_related(Prefetch("responsible", queryset=SteeringCommitteeMember.objects.order_by("order")))
        .annotate(evidence_count=Count("evidence"))
        .order_by("order")
    )


def is_overdue(task: Task, today: datetime.date | None = None) -> bool:
    today = today or datetime.date.today()
    return task.deadline is not None and task.deadline < today and task.status != Task.Status.DONE


def get_task(pk: int | str) -> Task:
    """A task with its plan, whatever the year."""
    return get_object_or_404(Task.objects.select_related("plan"), pk=pk, plan__commune=current_commune_pk())


def get_plan_task(plan: Plan, pk: int | str) -> Task:
    """A task of this plan (404 for another year's)."""
    return get_object_or_404(plan.tasks, pk=pk)


def task_responsible(task: Task) -> list[SteeringCommitteeMember]:
    """Who answers for the task, in the committee's order."""
    return list(task.responsible.all())


def task_evidence(task: Task) -> QuerySet[TaskEvidence]:
    """Its evidence with who uploaded each, newest first."""
    return task.evidence.select_related("uploaded_by").order_by("-uploaded_at")


def task_activities(task: Task) -> QuerySet[Activity]:
    """The activities held for it, with their block, latest first."""
    return task.activities.select_related("block").order_by("-held_on")


def task_changes(task: Task) -> QuerySet:
    """Who changed the task and when, the last 20, newest first."""
    return task.history.select_related("history_user").order_by("-history_date")[:20]


def get_task_evidence_for(user: User, pk: int | str) -> TaskEvidence:
    """A task's evidence file, for those who may see it (403 for others, whatever the id)."""
    if not may_see_task_evidence(user):
        raise PermissionDenied
    return get_object_or_404(TaskEvidence, pk=pk, task__plan__commune=current_commune_pk())


# -- block figures ---------------------------------------------------------------


@dataclass
class FiguresLine:
    block: Block
    figures: BlockFigures | None
    last_year: BlockFigures | None
    members: int = 0  # the members of the block's households living there on 31/12

    # Beyond this share the sent population and the households file tell different stories.
    HINT_SHARE = Decimal("0.05")

    @property
    def population_hint(self) -> str:
        """A word when the sent population and the households' members differ by more than 5 %:
        one of them is likely out of date."""
        if self.figures is None or not self.figures.population:
            return ""
        if abs(self.figures.population - self.members) <= self.HINT_SHARE * self.figures.population:
            return ""
        return _("Khác hơn 5 %% so với số nhân khẩu của các hộ trong sổ (%(members)s người): kiểm tra lại.") % {
            "members": formatting.number(self.members)
        }


def figures_sheet(user: Person, year: int) -> list[FiguresLine]:
    """Every block the user may see with its figures for `year` and the year before, and its
    households' members on 31/12, in two queries."""
    year_end = datetime.date(year, 12, 31)
    blocks = list(
        blocks_for(user)
        .annotate(members=Sum("households__members", filter=living_on_q(year_end, "households__")))
        .order_by("number")
    )
    by_key = {
        (f.block_id, f.year): f
        for f in BlockFigures.objects.filter(block__in=[b.pk for b in blocks], year__in=[year, year - 1])
    }
    return [
        FiguresLine(b, by_key.get((b.pk, year)), by_key.get((b.pk, year - 1)), b.members or 0)  # type: ignore[attr-defined]  # annotated above
        for b in blocks
    ]


def approved_totals(lines: list[FiguresLine]) -> tuple[int, dict[str, int]]:
    """How many blocks have approved figures, and the sums of those figures."""
    approved = [line.figures for line in lines if line.figures and line.figures.status == BlockFigures.Status.APPROVED]
    return len(approved), {
        name: sum(getattr(f, name) or 0 for f in approved)
        for name in (
            "population",
            "regular_exercisers",
            "legal_education_reached",
            "sporting_families",
            "sports_clubs",
            "sports_collaborators",
        )
    }


def figures_of(block: Block, year: int) -> BlockFigures | None:
    return BlockFigures.objects.filter(block=block, year=year).first()


def figures_changes(figures: BlockFigures) -> list[Any]:
    """Who changed the figures, when, and to what, newest first."""
    return list(figures.history.select_related("history_user").order_by("-history_date")[:20])


def get_figures_import_for(user: User, pk: int | str) -> BlockFiguresImport:
    """Only the person who uploaded a file sees its preview."""
    job = get_object_or_404(BlockFiguresImport.objects.select_related("uploaded_by"), pk=pk)
    if not may_see_figures_import(user, job):
        raise Http404
    return job


def get_figures(pk: int | str) -> BlockFigures:
    """A block's figures for a year, with the block."""
    return get_object_or_404(BlockFigures.objects.select_related("block"), pk=pk, block__commune=current_commune_pk())


# -- activities ------------------------------------------------------------------


def activities_for(user: Person, plan: Plan) -> QuerySet[Activity]:
    """The year's activities: commune-wide ones and those of the blocks the user may see."""
    activities = plan.activities.select_related("block", "task").annotate(evidence_count=Count("evidence"))
    if can(user, Action.VIEW_COMMUNE):
        return activities
    return activities.filter(activities_in_reach(user))


def get_activity_for(user: Person, pk: int | str) -> Activity:
    require(user, Action.VIEW_BLOCK)
    return get_object_or_404(
        Activity.objects.filter(activities_in_reach(user)).select_related("block", "plan", "task"),
        pk=pk,
    )


def activity_evidence(activity: Activity) -> QuerySet[ActivityEvidence]:
    """Its evidence with who uploaded each."""
    return activity.evidence.select_related("uploaded_by")


def get_activity_evidence_for(user: User, pk: int | str) -> ActivityEvidence:
    """An activity's evidence file, for those who may see the activity (404 for anyone else)."""
    evidence = get_object_or_404(ActivityEvidence.objects.select_related("activity__block"), pk=pk)
    get_activity_for(user, evidence.activity_id)
    return evidence


# -- funding ---------------------------------------------------------------------


def funding_summary(plan: Plan) -> dict[str, Any]:
    """Budget lines by source with planned and spent totals per source and overall."""
    fundings = list(Funding.objects.filter(plan=plan).prefetch_related("lines__task").order_by("pk"))
    # Each funding carries its rows and sums for the page: attributes the model does not declare.
    for funding in fundings:
        funding.line_list = sorted(funding.lines.all(), key=lambda line: line.pk)  # type: ignore[attr-defined]  # for the page
        funding.planned = sum(line.planned_vnd for line in funding.line_list)  # type: ignore[attr-defined]  # for the page
        funding.spent = sum(line.spent_vnd for line in funding.line_list)  # type: ignore[attr-defined]  # for the page
    return {"fundings": fundings, "planned": sum(f.planned for f in fundings), "spent": sum(f.spent for f in fundings)}  # type: ignore[attr-defined]  # set above


def budget_by_task(plan: Plan) -> dict[int, dict[str, Any]]:
    rows = (
        Funding.objects.filter(plan=plan)
        .values("lines__task")
        .annotate(planned=Sum("lines__planned_vnd"), spent=Sum("lines__spent_vnd"))
        .order_by()
    )
    return {r["lines__task"]: r for r in rows if r["lines__task"]}


def get_budget_line(plan: Plan, pk: int | str) -> BudgetLine:
    """A budget line of this plan's funding (404 for another year's)."""
    return get_object_or_404(BudgetLine, pk=pk, funding__plan=plan)


# -- organisations ---------------------------------------------------------------


def get_organisation(pk: int | str) -> Organisation:
    """An organisation of the commune at hand (404 for another commune's)."""
    return get_object_or_404(Organisation, pk=pk, commune=current_commune_pk())


def new_organisation() -> Organisation:
    return Organisation(commune=current_commune())


def get_commune_organisation(pk: int | str) -> Organisation:
    """An organisation of this installation's commune (404 for any other, or before a profile exists)."""
    commune = current_commune()
    organisation = get_object_or_404(Organisation, pk=pk)
    if not may_act_on_organisation(organisation, commune):
        raise Http404
    return organisation
