"""Reads for the bình xét, scoped by permissions.py."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Organisation, Plan
from campaigns.selectors import plan_for_year, plan_years, working_year
from caolocculture import formatting
from caolocculture.models import User
from caolocculture.permissions import Action, Person, blocks_for, in_commune, may_see_decisions
from households.models import Block, Commune, CulturalHouse, Household
from households.selectors import block_counts, current_commune_pk, household_record_changes

from .models import (
    BlockTitleDossier,
    Commendation,
    Decision,
    Meeting,
    MeetingResult,
    MeetingStep,
    NotAssessedCase,
    Posting,
    Recognition,
    Registration,
    Title,
)


def meetings_for(user: Person, year: int) -> QuerySet[Meeting]:
    return Meeting.objects.filter(block__in=blocks_for(user), year=year).select_related("block", "posting")


def get_meeting_for(user: Person, pk: int | str, action: Action = Action.VIEW_BLOCK) -> Meeting:
    """A meeting of a block the user may reach (404 otherwise, whatever the URL)."""
    return get_object_or_404(
        Meeting.objects.select_related("block", "block__commune", "decision").filter(
            block__in=blocks_for(user, action)
        ),
        pk=pk,
    )


def meeting_sheet(meeting: Meeting) -> list[tuple[Household, MeetingResult | None]]:
    """Every living household of the block with its result so far: two queries for any size of block."""
    results = {r.household_id: r for r in MeetingResult.objects.filter(meeting=meeting).select_related("case")}
    households = (
        Household.objects.filter(block=meeting.block_id, moved_out_on__isnull=True)
        .order_by("code")
        .only("pk", "code", "head_name", "address")
    )
    return [(h, results.get(h.pk)) for h in households]


def sheet_totals(sheet: list[tuple[Household, MeetingResult | None]]) -> dict[str, int]:
    """The running totals of a sheet already read: entered, đạt, không đạt, không xét, of how many."""
    statuses = [r.status for _h, r in sheet if r is not None]
    totals = {
        "passed": statuses.count(MeetingResult.Status.PASSED),
        "failed": statuses.count(MeetingResult.Status.FAILED),
        "excluded": statuses.count(MeetingResult.Status.EXCLUDED),
        "entered": len(statuses),
        "households": len(sheet),
    }
    return {**totals, "pending": len(sheet) - len(statuses)}


def meeting_totals(meeting: Meeting) -> dict[str, int]:
    living = Household.objects.filter(block=meeting.block_id, moved_out_on__isnull=True).count()
    counts = MeetingResult.objects.filter(meeting=meeting, household__moved_out_on__isnull=True).aggregate(
        n_passed=Count("pk", filter=Q(passed=True)),
        n_failed=Count("pk", filter=Q(passed=False, excluded=False)),
        n_excluded=Count("pk", filter=Q(excluded=True)),
    )
    entered = counts["n_passed"] + counts["n_failed"] + counts["n_excluded"]
    return {
        "passed": counts["n_passed"],
        "failed": counts["n_failed"],
        "excluded": counts["n_excluded"],
        "entered": entered,
        "households": living,
        "pending": max(living - entered, 0),
    }


def result_state(result: MeetingResult) -> dict[str, Any]:
    """One result as the meeting sheet's script keeps it (and compares it, when devices disagree)."""
    return {
        "agreed": result.agreed,
        "excluded": result.excluded,
        "case": result.case_id,
        "reason": result.reason,
        "status": result.status,
        "label": result.label,
    }


def sheet_state(meeting: Meeting, sheet: list[tuple[Household, MeetingResult | None]]) -> dict[str, Any]:
    """What the server holds for the sheet: its version, each entered household's result, the totals."""
    return {
        "version": meeting.version,
        "results": {str(h.pk): result_state(r) for h, r in sheet if r is not None},
        "totals": sheet_totals(sheet),
    }


def not_assessed_cases() -> list[NotAssessedCase]:
    """The cases offered for "Không xét" (Nghị định 86/2023, Điều 6), as the officer keeps them."""
    return list(NotAssessedCase.objects.filter(active=True))


def get_not_assessed_case(pk: int) -> NotAssessedCase | None:
    """A case by id, in use or not (an entry made before the officer retired it still names it)."""
    return NotAssessedCase.objects.filter(pk=pk).first()


def submit_from(meeting: Meeting, today: datetime.date | None = None) -> datetime.date | None:
    """The day a posted list's dossier may be sent (the day after the posting closes), while
    that day is still ahead; None when it may be sent now or is not posted."""
    if meeting.status != Meeting.Status.POSTED:
        return None
    ends_on = meeting.posting.ends_on
    return ends_on if (today or timezone.localdate()) < ends_on else None


def meeting_sent_on(meeting: Meeting) -> datetime.date | None:
    """The day the khối trưởng last sent the dossier (its last "Gửi hồ sơ" step): the date of
    the written request. None while it has not been sent."""
    step = meeting.steps.filter(action=MeetingStep.Action.SUBMITTED).order_by("at", "pk").last()
    return timezone.localtime(step.at).date() if step else None


def meeting_of(block: Block, year: int) -> Meeting | None:
    """The block's meeting for the year, if it was opened."""
    return Meeting.objects.filter(block=block, year=year).first()


def checked_meetings_for(user: Person, year: int) -> list[Meeting]:
    """The year's checked dossiers the user may see, ready for a decision, by block number."""
    return list(meetings_for(user, year).filter(status=Meeting.Status.CHECKED).order_by("block__number"))


@dataclass
class Proposal:
    """One block's checked dossier as the chairman reads it before signing: who is proposed,
    when the list was posted, and what the residents said."""

    meeting: Meeting
    households: list[Household]

    @property
    def block(self) -> Block:
        return self.meeting.block

    @property
    def count(self) -> int:
        return len(self.households)

    @property
    def posting(self) -> Posting | None:
        return getattr(self.meeting, "posting", None)

    @property
    def posting_last_day(self) -> datetime.date | None:
        return self.posting.ends_on - datetime.timedelta(days=1) if self.posting else None


def decision_proposals(meetings: list[Meeting]) -> list[Proposal]:
    """The households each dossier proposes (those who passed), in one query for any number
    of blocks; the meetings come with their block and posting (checked_meetings_for)."""
    by_meeting: dict[int, list[Household]] = defaultdict(list)
    results = (
        MeetingResult.objects.filter(meeting__in=[m.pk for m in meetings], passed=True)
        .select_related("household")
        .only("meeting_id", "household__code", "household__head_name", "household__address")
        .order_by("household__code")
    )
    for result in results:
        by_meeting[result.meeting_id].append(result.household)
    return [Proposal(m, by_meeting[m.pk]) for m in meetings]


def exemplary_candidates(year: int) -> dict[str, Any]:
    """Households recognised Gia đình văn hóa in each of the plan's last N years up to
    `year` (N = 3 by default), and the cap on commendations (a share of those recognised)."""

    plan = plan_for_year(year)
    years = range(year - plan.exemplary_years + 1, year + 1)
    streak = (
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_FAMILY, year__in=years, household__moved_out_on=None)
        .values("household")
        .annotate(n=Count("pk"))
        .filter(n=len(years))
        .values("household")
    )
    households = list(Household.objects.filter(pk__in=streak).select_related("block").order_by("block__number", "code"))
    recognised = Recognition.objects.in_force().filter(title=Title.CULTURAL_FAMILY, year=year).count()
    cap = None
    if plan.exemplary_cap_percent is not None:
        cap = int((Decimal(recognised) * plan.exemplary_cap_percent / 100).to_integral_value(ROUND_FLOOR))
    return {
        "households": households,
        "years": years,
        "cap": cap,
        "cap_percent": plan.exemplary_cap_percent,
        "recognised": recognised,
    }


def block_dossiers_for(user: Person, year: int) -> list[tuple[Block, BlockTitleDossier | None]]:
    """Each block the user may see, with its unit-title dossier (Tổ dân phố or Thôn văn hóa) for the year (or None)."""

    dossiers = {d.block_id: d for d in BlockTitleDossier.objects.filter(year=year, block__in=blocks_for(user))}
    registered = set(Registration.objects.filter(year=year, block__in=blocks_for(user)).values_list("block", flat=True))
    blocks = list(blocks_for(user).select_related("commune").order_by("number"))  # its words: no query
    for block in blocks:
        block.registered = block.pk in registered
    return [(block, dossiers.get(block.pk)) for block in blocks]


# The Tổ dân phố văn hóa papers. The council meets once for the blocks it reviews and the
# submission carries every block it proposes: each paper covers the year's dossiers sharing its
# date (those not dated yet form one draft together).

REVIEWED_STATUSES = (
    BlockTitleDossier.Status.REVIEWED,
    BlockTitleDossier.Status.NOT_PROPOSED,
    BlockTitleDossier.Status.POSTED,
    BlockTitleDossier.Status.DECIDED,
)
PROPOSED_STATUSES = (
    BlockTitleDossier.Status.REVIEWED,
    BlockTitleDossier.Status.POSTED,
    BlockTitleDossier.Status.DECIDED,
)


def _same_day(field: str, day: datetime.date | None) -> Q:
    return Q(**{f"{field}__isnull": True}) if day is None else Q(**{field: day})


def council_dossiers(dossier: BlockTitleDossier) -> list[BlockTitleDossier]:
    """The dossiers the council reviewed at the meeting that reviewed `dossier`."""
    return list(
        BlockTitleDossier.objects.filter(
            _same_day("council_met_on", dossier.council_met_on),
            year=dossier.year,
            block__commune=dossier.block.commune_id,
            status__in=REVIEWED_STATUSES,
        )
        .select_related("block")
        .order_by("block__number")
    )


def submission_dossiers(dossier: BlockTitleDossier) -> list[BlockTitleDossier]:
    """The dossiers proposed in the submission that carries `dossier`."""
    return list(
        BlockTitleDossier.objects.filter(
            _same_day("submitted_on", dossier.submitted_on),
            year=dossier.year,
            block__commune=dossier.block.commune_id,
            status__in=PROPOSED_STATUSES,
        )
        .select_related("block__leader")
        .order_by("block__number")
    )


def dossier_recorded_by(dossier: BlockTitleDossier, field: str) -> User | None:
    """Who first recorded `field` of the dossier (its history): the officer who signs the submission."""
    first = (
        dossier.history.filter(**{f"{field}__isnull": False}).select_related("history_user").order_by("history_date")
    ).first()
    return first.history_user if first else None


def block_report_facts(dossier: BlockTitleDossier) -> dict[str, Any]:
    """What the block's report of achievements states from the record: its households living at
    the report's date (the year's end at the latest), how many hold Gia đình văn hóa that year,
    and its cultural house."""
    day = min(filter(None, [dossier.reported_on, datetime.date(dossier.year, 12, 31)]))
    living = Household.objects.filter(block=dossier.block_id).living_on(day)
    households = living.count()
    recognised = (
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_FAMILY, year=dossier.year, household__in=living)
        .count()
    )
    return {
        "households": households,
        "recognised": recognised,
        "rate": formatting.ratio_percent(recognised, households, None),
        "house": CulturalHouse.objects.filter(block=dossier.block_id).first(),
    }


def organisations_with_titles(commune: Commune, year: int) -> list[tuple[Organisation, Recognition | None]]:
    """Organisations in the registry that year, each with the recognition holding then (or None)."""

    holding = {
        r.organisation_id: r
        for r in Recognition.objects.holding_in(year)
        .filter(title=Title.CULTURAL_ORGANISATION)
        .select_related("decision")
    }
    organisations = Organisation.objects.filter(commune=commune).in_registry(year)

    registered = set(
        Registration.objects.filter(year=year, organisation__isnull=False).values_list("organisation", flat=True)
    )
    rows = list(organisations.order_by("name"))
    for organisation in rows:
        organisation.registered = organisation.pk in registered  # type: ignore[attr-defined]  # for the page
    return [(o, holding.get(o.pk)) for o in rows]


def decisions_of_year(commune: Commune, year: int) -> QuerySet[Decision]:
    """Every decision on the year's titles (conferrals, recorded, withdrawals), with how many each gave or took back."""

    return (
        Decision.objects.filter(commune=commune, year=year)
        .annotate(
            given=Count("recognitions", distinct=True),
            taken_back=Count("withdrawn_recognitions", distinct=True),
            commended=Count("commendations", distinct=True),
        )
        .order_by("title", "issued_on", "number")
    )


def decision_years(commune: Commune) -> list[int]:
    """The years a decisions page may show: those with a plan or with a decision, newest first."""

    recorded = Decision.objects.filter(commune=commune).values_list("year", flat=True).distinct()
    return sorted(set(plan_years(commune)) | set(recorded), reverse=True)


def decision_titles(decision: Decision) -> list[Recognition]:
    """What a decision gave (or, for a withdrawal, took back), with who holds each and whether it still stands."""

    rows = decision.withdrawn_recognitions if decision.kind == Decision.Kind.WITHDRAWAL else decision.recognitions
    return list(
        rows.select_related("household__block", "block", "organisation", "withdrawn_by", "decision").order_by(
            "household__block__number", "household__code", "block__number", "organisation__name"
        )
    )


def commendation_decisions(commune: Commune, year: int) -> list[Decision]:
    """The year's commendation decisions made here (Gia đình văn hóa tiêu biểu)."""
    return list(
        Decision.objects.filter(commune=commune, year=year, kind=Decision.Kind.COMMENDATION).order_by("issued_on", "pk")
    )


def decision_commendations(decision: Decision) -> list[Commendation]:
    """The households a commendation decision gave a Giấy khen, by block and code."""
    if decision.kind != Decision.Kind.COMMENDATION:
        return []
    return list(
        decision.commendations.select_related("household__block").order_by(
            "household__block__number", "household__code"
        )
    )


def titles_held(block: Block, year: int) -> list[Recognition]:
    """Gia đình văn hóa titles the block's households already hold for the year (recorded from
    paper): shown before a meeting is opened, so nobody learns of them at the decision."""

    return list(
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_FAMILY, year=year, household__block=block)
        .select_related("household", "decision")
        .order_by("household__code")
    )


def commended_households(year: int) -> set[int]:
    """The ids of the households commended (Gia đình văn hóa tiêu biểu) for the year."""
    return set(Commendation.objects.filter(year=year).values_list("household", flat=True))


def get_block_dossier_for(user: User, pk: int | str) -> BlockTitleDossier:
    """A Tổ dân phố văn hóa dossier, reached through its block (404 outside the user's blocks)."""
    return get_object_or_404(
        BlockTitleDossier.objects.select_related("block__commune"), pk=pk, block__in=blocks_for(user)
    )


def _decisions_for(user: User) -> QuerySet[Decision]:
    # Refused before the lookup: 403 whatever the id, not a 404 that tells which ids exist.
    if not may_see_decisions(user):
        raise PermissionDenied
    return Decision.objects.filter(in_commune(user, "commune"))


def get_decision(pk: int | str) -> Decision:
    """A decision with its commune, for its papers (whoever reaches it through a block)."""
    return get_object_or_404(Decision.objects.select_related("commune"), pk=pk, commune=current_commune_pk())


def get_decision_for(user: User, pk: int | str) -> Decision:
    """A decision with its commune, for those who may see decisions."""
    return get_object_or_404(_decisions_for(user).select_related("commune"), pk=pk)


def get_decision_with_issuer_for(user: User, pk: int | str) -> Decision:
    """A decision with its commune and who entered it, for its page."""
    return get_object_or_404(_decisions_for(user).select_related("commune", "issued_by"), pk=pk)


def decision_scan_for(user: User, pk: int | str) -> FieldFile:
    """A decision's scanned paper (404 when it has none)."""
    decision = get_object_or_404(_decisions_for(user), pk=pk)
    if not decision.scan:
        raise Http404
    return decision.scan


# -- households' titles, for the households pages and export ----------------------------


def households_with_titles(households: QuerySet[Household], year: int) -> QuerySet[Household]:
    """Annotated with whether each household registered for, and was recognised, that year."""
    recognised = Recognition.objects.in_force().filter(title=Title.CULTURAL_FAMILY, year=year, household=OuterRef("pk"))
    registered = Registration.objects.filter(title=Title.CULTURAL_FAMILY, year=year, household=OuterRef("pk"))
    # "Is there one?" as the first id or NULL, not EXISTS: PostgreSQL turns an EXISTS into a
    # hash of the whole year's recognitions (150 ms at 50,000 households) even when the page
    # shows 50 rows; a LIMIT 1 sub-query is looked up through the index for those 50 only.
    return households.alias(
        recognised_id=Subquery(recognised.values("pk")[:1]),
        registered_id=Subquery(registered.values("pk")[:1]),
    ).annotate(
        recognised=Case(
            When(recognised_id__isnull=False, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
        registered=Case(
            When(registered_id__isnull=False, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
    )


def block_recognised_counts(blocks: list[Block], year: int) -> dict[int, int]:
    """How many of each block's living households are recognised Gia đình văn hóa for `year`, in one query."""
    living = Household.objects.filter(block__in=[b.pk for b in blocks]).filter(moved_out_on__isnull=True)
    return dict(
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_FAMILY, year=year, household__in=living)
        .values_list("household__block")
        .annotate(n=Count("pk"))
        .order_by()
    )


def block_summaries(user: Person, year: int) -> list[Block]:
    """The user's blocks with their counts for `year` (living, moved out, members,
    recognised), in three queries whatever the number of households."""
    blocks = block_counts(user)
    recognised = block_recognised_counts(blocks, year)
    for block in blocks:
        block.recognised = recognised.get(block.pk, 0)  # type: ignore[attr-defined]  # for the page
    return blocks


def registered_count(block: Block, year: int) -> int:
    """Living households of the block registered for Gia đình văn hóa that year."""
    return Registration.objects.filter(year=year, household__block=block, household__moved_out_on__isnull=True).count()


def household_title_years(household: Household) -> list[dict[str, Any]]:
    """Year by year from the start of the plans' phase to the working year, recognised or
    not, and by what; years on record outside that span (older imported history) too."""
    last = working_year()
    first = min(
        Plan.objects.filter(commune=household.block.commune_id).values_list("phase_start", flat=True), default=last
    )
    # A title taken back shows as such, unless the year's title was given again afterwards.
    records = {
        r.year: r
        for r in household.recognitions.filter(title=Title.CULTURAL_FAMILY)
        .select_related("decision", "withdrawn_by")
        .order_by(F("withdrawn_by").asc(nulls_last=True), "pk")
    }
    years = sorted(set(range(first, last + 1)) | set(records), reverse=True)
    return [{"year": year, "record": records.get(year)} for year in years]


def household_title_changes(household: Household) -> list[dict[str, Any]]:
    """Its Gia đình văn hóa titles coming and going (imports, decisions, reopenings), in the
    shape of household_record_changes: each a history record and its one changed "field"."""
    label = Title.CULTURAL_FAMILY.label
    changes = []
    for record in Recognition.history.filter(household_id=household.pk, title=Title.CULTURAL_FAMILY).select_related(
        "history_user"
    ):
        year = str(record.year)
        old, new = (
            ("", year) if record.history_type == "+" else (year, "") if record.history_type == "-" else (year, year)
        )
        if record.history_type == "~" and record.withdrawn_by_id is not None:
            # A title taken back keeps its row: say so rather than "2024 → 2024".
            old, new = year, str(_("%(year)s (đã thu hồi)") % {"year": year})
        changes.append({"record": record, "fields": [{"label": label, "old": old, "new": new}]})
    return changes


def household_changes(household: Household) -> list[dict[str, Any]]:
    """Its history, newest first: who, when, and each field before and after; its titles
    coming and going belong to its story too."""
    changes = household_record_changes(household) + household_title_changes(household)
    changes.sort(key=lambda c: c["record"].history_date, reverse=True)
    return changes


def title_years_by_household(households: QuerySet[Household]) -> dict[int, list[int]]:
    """Each household's Gia đình văn hóa years in force, oldest first, in one query (for the export)."""
    years = defaultdict(list)
    pairs = Recognition.objects.in_force().filter(title=Title.CULTURAL_FAMILY, household__in=households.values("pk"))
    for household_id, year in pairs.order_by("year").values_list("household", "year"):
        years[household_id].append(year)
    return dict(years)


# -- organisations' titles --------------------------------------------------------------


def organisations_register(commune: Commune, year: int) -> list[Organisation]:
    """The registry with each organisation's recognitions and whether it holds the title in `year`."""
    organisations = list(
        Organisation.objects.filter(commune=commune).prefetch_related(
            Prefetch(
                "recognitions",
                queryset=Recognition.objects.filter(title=Title.CULTURAL_ORGANISATION)
                .select_related("decision")
                .order_by("-year"),
            )
        )
    )
    for organisation in organisations:
        organisation.recognition_list = list(organisation.recognitions.all())  # type: ignore[attr-defined]  # for the page
        organisation.holding = next(  # type: ignore[attr-defined]  # for the page
            (r for r in organisation.recognition_list if r.in_force and r.year <= year <= r.valid_until),  # type: ignore[attr-defined]  # set above
            None,
        )
        organisation.counted = organisation.in_registry_in(year)  # type: ignore[attr-defined]  # for the page
    return organisations


def organisations_totals(organisations: list[Organisation]) -> dict[str, int]:
    """Of those counted in the year (CQVH's denominator), how many hold the title."""
    counted = [o for o in organisations if o.counted]  # type: ignore[attr-defined]  # set by organisations_register
    return {"counted": len(counted), "holding": sum(1 for o in counted if o.holding)}  # type: ignore[attr-defined,misc]  # set by organisations_register


# -- the recorded decisions a households file's title years attach to ----------------


def _paper_decisions() -> QuerySet[Decision]:
    """Numbered decisions on Gia đình văn hóa recorded from paper: what a file's years may attach to."""
    return Decision.objects.filter(kind=Decision.Kind.RECORDED, title=Title.CULTURAL_FAMILY, number__isnull=False)


def recorded_decisions_for(years: Iterable[int], commune: Commune | None = None) -> dict[int, list[Decision]]:
    """The recorded decisions on Gia đình văn hóa the preview offers for each year of the file."""
    found: dict[int, list[Decision]] = {year: [] for year in years}
    decisions = _paper_decisions().filter(year__in=found)
    if commune is not None:
        decisions = decisions.filter(commune=commune)
    for decision in decisions.order_by("year", "issued_on", "number"):
        found[decision.year].append(decision)
    return found


def picked_decisions(chosen: dict) -> dict[int, Decision]:
    """Year -> the recorded decision picked for it on the preview (keys may be "2024" or 2024,
    as the job's JSON keeps them); a pick of another year's decision is no pick."""
    wanted = {int(year): int(pk) for year, pk in chosen.items() if pk}
    return {d.year: d for d in _paper_decisions().filter(pk__in=wanted.values()) if wanted.get(d.year) == d.pk}
