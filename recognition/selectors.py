"""Reads for the bình xét, scoped by permissions.py."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from caolocculture.permissions import Action, blocks_for
from households.models import Household

from .models import Meeting, MeetingResult


def meetings_for(user, year: int) -> QuerySet[Meeting]:
    return Meeting.objects.filter(block__in=blocks_for(user), year=year).select_related("block", "posting")


def get_meeting_for(user, pk, action: Action = Action.VIEW_BLOCK) -> Meeting:
    """A meeting of a block the user may reach (404 otherwise, whatever the URL)."""
    return get_object_or_404(
        Meeting.objects.select_related("block", "block__commune", "decision").filter(
            block__in=blocks_for(user, action)), pk=pk)


def meeting_sheet(meeting: Meeting) -> list[tuple[Household, MeetingResult | None]]:
    """Every living household of the block with its result so far: two queries for any size of block."""
    results = {r.household_id: r for r in MeetingResult.objects.filter(meeting=meeting)}
    households = Household.objects.filter(block=meeting.block_id, moved_out_on__isnull=True).order_by("code").only(
        "pk", "code", "head_name", "address")
    return [(h, results.get(h.pk)) for h in households]


def meeting_totals(meeting: Meeting) -> dict:
    living = Household.objects.filter(block=meeting.block_id, moved_out_on__isnull=True).count()
    counts = MeetingResult.objects.filter(meeting=meeting).aggregate(
        n_passed=Count("pk", filter=Q(passed=True)), n_failed=Count("pk", filter=Q(passed=False)))
    passed, failed = counts["n_passed"], counts["n_failed"]
    return {"passed": passed, "failed": failed, "households": living, "pending": max(living - passed - failed, 0)}
