"""Fixtures for the season's steps: a clock the services and pages share, and checked dossiers."""

import datetime

import pytest
from django.utils import timezone

from recognition import services
from recognition.models import MeetingStep
from testing.factories import HouseholdFactory


@pytest.fixture
def today(monkeypatch):
    """The services' and pages' day (timezone.localdate), set by the test: today.day = …"""
    real = timezone.localdate

    class Clock:
        day = datetime.date(2024, 11, 20)

    def localdate(value=None, timezone=None):
        return Clock.day if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return Clock


def held(block, leader, names, failing=(), posted_on=datetime.date(2024, 11, 21), comments="", post=True):
    """A block's 2024 meeting with a household per name (those in `failing` not passing), posted
    from `posted_on` unless `post` is False."""
    for i, name in enumerate(names, start=1):
        HouseholdFactory(block=block, code=f"K{block.number:02d}-00{i}", head_name=name)
    meeting, _ = services.meeting_open(
        block=block,
        year=2024,
        by=leader,
        held_at=timezone.make_aware(datetime.datetime(2024, 11, 20, 19, 30)),
        place=f"Nhà văn hóa {block.name}",
        chair="Hoàng Văn Minh",
        secretary="Lý Thị Hoa",
        invited=40,
        present=30,
    )
    for household in block.households.order_by("code"):
        agreed = 10 if household.head_name in failing else 25
        services.meeting_result_record(meeting=meeting, household=household, agreed=agreed, by=leader)
    if not post:
        return meeting
    services.meeting_post(meeting=meeting, starts_on=posted_on, by=leader, place="Nhà văn hóa")
    if comments:
        services.posting_comments_record(meeting=meeting, comments=comments, by=leader)
    return meeting


def sent_on(meeting, day: datetime.date) -> None:
    """The dossier's sending dated `day` (the step is stamped with the real clock)."""
    MeetingStep.objects.filter(meeting=meeting, action=MeetingStep.Action.SUBMITTED).update(
        at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))
    )


@pytest.fixture
def two_dossiers(today, blocks, khoi1, khoi2, officer):
    """Khối 1: three households, two proposed, no comment; Khối 2: two proposed, one comment.
    Both checked on 2 December 2024."""
    first = held(blocks[0], khoi1, ["Hoàng Văn An", "Lý Thị Bình", "Nông Văn Cường"], failing=["Lý Thị Bình"])
    second = held(
        blocks[1],
        khoi2,
        ["Triệu Thị Dung", "Vi Văn Em"],
        posted_on=datetime.date(2024, 11, 22),
        comments="Bà Hà Thị Gấm đề nghị xem lại hộ Vi Văn Em.",
    )
    today.day = datetime.date(2024, 12, 2)
    for meeting, leader in ((first, khoi1), (second, khoi2)):
        services.meeting_submit(meeting=meeting, by=leader)
        sent_on(meeting, datetime.date(2024, 12, 2))
        services.meeting_check(meeting=meeting, by=officer)
    return first, second
