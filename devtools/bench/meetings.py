"""Recognition at commune scale: the meeting sheet of one block, and a decision over several blocks' dossiers."""

import datetime

from django.utils import timezone

from campaigns.selectors import working_year
from caolocculture.bulk import insert_with_history
from caolocculture.models import Role, User
from recognition import services as recognition
from recognition import views as recognition_views
from recognition.models import Meeting, MeetingResult, Posting

from .measure import page, timed

# Enough households for a decision to weigh like a real one (docs/speed.md: 3,000 over 3 blocks).
DECISION_HOUSEHOLDS = 3000


def checked_meetings(blocks, year: int) -> list[Meeting]:
    """One checked meeting per block, posted from 1 November."""
    meetings = []
    for block in blocks:
        meeting = Meeting.objects.create(
            block=block,
            year=year,
            held_at=timezone.now(),
            place="Nhà văn hóa",
            chair="A",
            secretary="B",
            invited=60,
            present=50,
            threshold_percent=50,
            status=Meeting.Status.CHECKED,
        )
        Posting.objects.create(meeting=meeting, starts_on=datetime.date(year, 11, 1), days=10)
        meetings.append(meeting)
    return meetings


def living_households(meeting: Meeting) -> list[int]:
    return list(meeting.block.households.filter(moved_out_on__isnull=True).values_list("pk", flat=True))


def passed_results(meeting: Meeting, household_ids: list[int], year: int, officer) -> list[dict]:
    """A result row for each household: agreed by 40 of the 50 present, passed."""
    return [
        {
            "meeting_id": meeting.pk,
            "household_id": pk,
            "year": year,
            "agreed": 40,
            "excluded": False,
            "passed": True,
            "reason": "",
            "entered_by_id": officer.pk,
        }
        for pk in household_ids
    ]


def meeting_sheet(meeting: Meeting, year: int, officer) -> dict:
    """The sheet of one meeting with every living household's result entered."""
    insert_with_history(MeetingResult, passed_results(meeting, living_households(meeting), year, officer))
    sheet = page(recognition_views.meeting_detail, officer, "/", pk=meeting.pk)
    sheet["households"] = meeting.block.households.count()
    return sheet


def meetings_to_decide(meetings: list[Meeting], year: int, officer) -> list[Meeting]:
    """The first meetings whose passed households reach DECISION_HOUSEHOLDS, their results entered for `year`."""
    results, chosen, total = [], [], 0
    for meeting in meetings:
        ids = living_households(meeting)
        MeetingResult.objects.filter(meeting=meeting).delete()
        results += passed_results(meeting, ids, year, officer)
        chosen.append(meeting)
        total += len(ids)
        if total >= DECISION_HOUSEHOLDS:
            break
    insert_with_history(MeetingResult, results)
    return chosen


def decision(meetings: list[Meeting], year: int, chairman) -> dict:
    """The chairman's decision over `meetings`: how many it recognises and how long it takes."""
    elapsed, issued = timed(
        lambda: recognition.decision_issue(
            meetings=meetings,
            number=99,
            issued_on=datetime.date(year, 12, 20),
            signer_name="A",
            signer_title="B",
            by=chairman,
        )
    )
    return {"households": issued.recognitions.count(), "blocks": len(meetings), "s": round(elapsed, 2)}


def recognition_season(blocks, officer) -> dict:
    """The meeting sheet of one block, and a decision over several blocks' dossiers."""
    chairman = User.objects.create(username="bench-chairman", role=Role.CHAIRMAN, commune=blocks[0].commune)
    year = working_year()  # the year the pages measured below show
    meetings = checked_meetings(blocks, year)
    sheet = meeting_sheet(meetings[0], year, officer)

    # Recognitions already on file for the year (the bench's own import) would clash: a decision year.
    decided_year = year + 1
    Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(year=decided_year)
    chosen = meetings_to_decide(meetings, decided_year, officer)
    return {"meeting_page": sheet, "decision": decision(chosen, decided_year, chairman)}
