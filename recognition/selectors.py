"""Reads for the bình xét, scoped by permissions.py."""

from decimal import ROUND_FLOOR, Decimal

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from campaigns.models import Organisation
from campaigns.selectors import plan_for_year, plan_years
from caolocculture.permissions import Action, blocks_for
from households.models import Household

from .models import BlockTitleDossier, Decision, Meeting, MeetingResult, Recognition, Registration, Title


def meetings_for(user, year: int) -> QuerySet[Meeting]:
    return Meeting.objects.filter(block__in=blocks_for(user), year=year).select_related("block", "posting")


def get_meeting_for(user, pk, action: Action = Action.VIEW_BLOCK) -> Meeting:
    """A meeting of a block the user may reach (404 otherwise, whatever the URL)."""
    return get_object_or_404(
        Meeting.objects.select_related("block", "block__commune", "decision").filter(
            block__in=blocks_for(user, action)
        ),
        pk=pk,
    )


def meeting_sheet(meeting: Meeting) -> list[tuple[Household, MeetingResult | None]]:
    """Every living household of the block with its result so far: two queries for any size of block."""
    results = {r.household_id: r for r in MeetingResult.objects.filter(meeting=meeting)}
    households = (
        Household.objects.filter(block=meeting.block_id, moved_out_on__isnull=True)
        .order_by("code")
        .only("pk", "code", "head_name", "address")
    )
    return [(h, results.get(h.pk)) for h in households]


def meeting_totals(meeting: Meeting) -> dict:
    living = Household.objects.filter(block=meeting.block_id, moved_out_on__isnull=True).count()
    counts = MeetingResult.objects.filter(meeting=meeting).aggregate(
        n_passed=Count("pk", filter=Q(passed=True)), n_failed=Count("pk", filter=Q(passed=False))
    )
    passed, failed = counts["n_passed"], counts["n_failed"]
    return {"passed": passed, "failed": failed, "households": living, "pending": max(living - passed - failed, 0)}


def exemplary_candidates(year: int) -> dict:
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


def block_dossiers_for(user, year: int) -> list:
    """Each block the user may see, with its Tổ dân phố văn hóa dossier for the year (or None)."""

    dossiers = {d.block_id: d for d in BlockTitleDossier.objects.filter(year=year, block__in=blocks_for(user))}
    registered = set(Registration.objects.filter(year=year, block__in=blocks_for(user)).values_list("block", flat=True))
    blocks = list(blocks_for(user).order_by("number"))
    for block in blocks:
        block.registered = block.pk in registered
    return [(block, dossiers.get(block.pk)) for block in blocks]


def organisations_with_titles(commune, year: int) -> list:
    """Organisations in the registry that year, each with the recognition holding then (or None)."""

    holding = {
        r.organisation_id: r
        for r in Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_ORGANISATION, year__lte=year, valid_until__gte=year)
        .select_related("decision")
    }
    organisations = Organisation.objects.filter(commune=commune, in_registry_since__lte=year).filter(
        Q(left_registry_in__isnull=True) | Q(left_registry_in__gte=year)
    )

    registered = set(
        Registration.objects.filter(year=year, organisation__isnull=False).values_list("organisation", flat=True)
    )
    rows = list(organisations.order_by("name"))
    for organisation in rows:
        organisation.registered = organisation.pk in registered
    return [(o, holding.get(o.pk)) for o in rows]


def decisions_of_year(commune, year: int):
    """Every decision on the year's titles (conferrals, recorded, withdrawals), with how many each gave or took back."""

    return (
        Decision.objects.filter(commune=commune, year=year)
        .annotate(given=Count("recognitions", distinct=True), taken_back=Count("withdrawn_recognitions", distinct=True))
        .order_by("title", "issued_on", "number")
    )


def decision_years(commune) -> list[int]:
    """The years a decisions page may show: those with a plan or with a decision, newest first."""

    recorded = Decision.objects.filter(commune=commune).values_list("year", flat=True).distinct()
    return sorted(set(plan_years(commune)) | set(recorded), reverse=True)


def decision_titles(decision) -> list:
    """What a decision gave (or, for a withdrawal, took back), with who holds each and whether it still stands."""

    rows = decision.withdrawn_recognitions if decision.kind == Decision.Kind.WITHDRAWAL else decision.recognitions
    return list(
        rows.select_related("household__block", "block", "organisation", "withdrawn_by", "decision").order_by(
            "household__block__number", "household__code", "block__number", "organisation__name"
        )
    )


def titles_held(block, year: int) -> list:
    """Gia đình văn hóa titles the block's households already hold for the year (recorded from
    paper): shown before a meeting is opened, so nobody learns of them at the decision."""

    return list(
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_FAMILY, year=year, household__block=block)
        .select_related("household", "decision")
        .order_by("household__code")
    )
