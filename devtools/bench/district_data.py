"""District-scale data: 100 blocks, `households` households, `years` years of recognitions and figures.
Random draws come from one seeded generator, in a fixed order, so every run builds the same district."""

import datetime
import random

from django.db import connection
from django.utils import timezone

from campaigns.models import BlockFigures, Organisation
from campaigns.selectors import plan_for_year, working_year
from households.models import Block, CulturalHouse, Household
from recognition.models import Meeting, Recognition, before_app_decision

BLOCKS = 100
ORGANISATIONS = 30


def hundred_blocks(commune) -> list[Block]:
    """The commune's blocks, topped up to BLOCKS."""
    existing = Block.objects.filter(commune=commune).count()
    Block.objects.bulk_create(
        [Block(commune=commune, number=n, name=f"Khối {n}") for n in range(existing + 1, BLOCKS + 1)]
    )
    return list(Block.objects.filter(commune=commune).order_by("number"))


def district_households(commune, blocks: list[Block], households: int, last: int) -> list[int]:
    """`households` households spread over `blocks`, one in 40 moved out the year before `last`;
    the ids of all the commune's households."""
    Household.objects.bulk_create(
        [
            Household(
                block=blocks[i % len(blocks)],
                commune=commune,
                code=f"D{i:06d}",
                head_name=f"Hộ {i}",
                members=1 + i % 6,
                moved_out_on=datetime.date(last - 1, 6, 1) if i % 40 == 0 else None,
                search_text=f"d{i:06d} ho {i}",
            )
            for i in range(households)
        ],
        batch_size=5000,
    )
    return list(Household.objects.filter(block__commune=commune).values_list("pk", flat=True))


def year_of_recognitions(commune, blocks: list[Block], ids: list[int], year: int, rng: random.Random) -> None:
    """A year's titles from the registers: 95 % of households, 90 % of blocks."""
    family, block_title = (before_app_decision(commune, title, year) for title in ("GDVH", "TDPVH"))
    Recognition.objects.bulk_create(
        [
            Recognition(title="GDVH", year=year, household_id=pk, source="imported", valid_until=year, decision=family)
            for pk in ids
            if rng.random() < 0.95
        ],
        batch_size=10000,
    )
    Recognition.objects.bulk_create(
        [
            Recognition(title="TDPVH", year=year, block=b, source="imported", valid_until=year, decision=block_title)
            for b in blocks
            if rng.random() < 0.9
        ]
    )


def year_of_figures(blocks: list[Block], year: int, rng: random.Random) -> None:
    """Each block's approved figures for a year."""
    BlockFigures.objects.bulk_create(
        [
            BlockFigures(
                block=b,
                year=year,
                population=1200,
                regular_exercisers=rng.randint(600, 800),
                legal_education_reached=rng.randint(1100, 1200),
                status="approved",
            )
            for b in blocks
        ]
    )


def cultural_houses(blocks: list[Block]) -> None:
    for b in blocks:
        CulturalHouse.objects.update_or_create(block=b, defaults={"state": "in_use", "in_use_since": 2015})


def recognised_organisations(commune, year: int) -> None:
    """ORGANISATIONS agencies, each recognised in `year` for five years."""
    for n in range(ORGANISATIONS):
        org = Organisation.objects.create(commune=commune, name=f"Cơ quan thử {n}", kind="agency")
        Recognition.objects.create(
            title="CQVH",
            year=year,
            organisation=org,
            source="imported",
            valid_until=year + 4,
            decision=before_app_decision(commune, "CQVH", year),
        )


def year_meetings(blocks: list[Block], year: int) -> None:
    """A meeting per block in `year`: decided in odd-numbered blocks, open in the others."""
    Meeting.objects.bulk_create(
        [
            Meeting(
                block=b,
                year=year,
                held_at=timezone.now(),
                place="Nhà văn hóa",
                chair="A",
                secretary="B",
                invited=60,
                present=50,
                threshold_percent=50,
                status="decided" if b.number % 2 else "open",
            )
            for b in blocks
        ]
    )


def district_data(households: int, years: int):
    """(plan, blocks, household ids, the years) of the district, built in the working year's commune."""
    rng = random.Random(7)
    plan = plan_for_year(working_year())
    commune, last = plan.commune, plan.year
    span = list(range(last - years + 1, last + 1))
    blocks = hundred_blocks(commune)
    ids = district_households(commune, blocks, households, last)
    for year in span:
        year_of_recognitions(commune, blocks, ids, year, rng)
        year_of_figures(blocks, year, rng)
    cultural_houses(blocks)
    recognised_organisations(commune, span[0])
    year_meetings(blocks, last)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # statistics for the rows just written, as a database in use has them
    return plan, blocks, ids, span
