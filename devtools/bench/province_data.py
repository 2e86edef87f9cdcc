"""Province-scale data: `communes` communes of BLOCKS blocks each (the first the seed's Cao Lộc,
topped up), `households` households spread evenly over every block, `years` years of titles,
blocks' approved figures, and the last year's meetings.

The communes and their plans go through plan_load (as `load_plan` makes them); the rows in bulk
are written by INSERT … SELECT over generate_series inside PostgreSQL, so 1,000,000 households
and 5 years of titles take minutes, not hours, on 2 cores. Which household is recognised comes
from a hash of its id and the year, so every run builds the same province.
"""

from django.db import connection

from campaigns.selectors import plan_for_year
from campaigns.services import plan_load, read_plan_file
from households.models import Block, Commune
from recognition.models import before_app_decision

BLOCKS = 30  # a merged commune's thôn and tổ dân phố


def communes_made(count: int) -> list[Commune]:
    """The seed's commune and count - 1 more, each with its plan for the seed's year and BLOCKS blocks."""
    first = Commune.objects.order_by("pk").first()
    for n in range(2, count + 1):
        data = read_plan_file()
        data["commune"].update(
            name=f"Xã Thử {n:03d}", kind="xa", place_name=f"Thử {n}", people_committee=f"UBND XÃ THỬ {n}"
        )
        # Thôn, with a tổ dân phố every third unit: a merged commune names them both ways.
        data["blocks"] = [
            {"number": b, "name": f"Thôn {b}", "kind": "thon"}
            if b % 3
            else {"number": b, "name": f"Tổ dân phố {b}", "kind": "to_dan_pho"}
            for b in range(1, BLOCKS + 1)
        ]
        plan_load(data=data)
    have = Block.objects.filter(commune=first).count()
    Block.objects.bulk_create([Block(commune=first, number=n, name=f"Khối {n}") for n in range(have + 1, BLOCKS + 1)])
    return list(Commune.objects.order_by("pk"))


def _execute(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def households_made(ids: list[int], households: int, last: int) -> None:
    """`households` households, the i-th in the i-th block (round robin), one in 40 moved out
    the year before `last`."""
    _execute(
        """
        WITH b AS (
            SELECT id, commune_id, row_number() OVER (ORDER BY commune_id, number) - 1 AS k
            FROM households_block WHERE commune_id = ANY(%s)
        ), n AS (SELECT count(*) AS c FROM b)
        INSERT INTO households_household
            (code, head_name, address, members, phone, note, moved_in_on, moved_out_on, search_text, block_id,
             commune_id)
        SELECT 'P' || lpad(i::text, 7, '0'), 'Hộ ' || i, '', 1 + i %% 6, '', '', NULL,
               CASE WHEN i %% 40 = 0 THEN make_date(%s - 1, 6, 1) END, 'p' || lpad(i::text, 7, '0') || ' ho ' || i,
               b.id, b.commune_id
        FROM generate_series(0, %s - 1) AS i JOIN b ON b.k = i %% (SELECT c FROM n)
        """,
        [ids, last, households],
    )


def titles_made(communes: list[Commune], ids: list[int], year: int) -> None:
    """A year's titles from the registers: ~95 % of households, ~90 % of blocks."""
    for commune in communes:
        for title in ("GDVH", "TDPVH"):
            before_app_decision(commune, title, year)
    _execute(
        """
        INSERT INTO recognition_recognition
            (title, year, source, valid_until, note, created_at, decision_id, household_id, block_id)
        SELECT 'GDVH', %s, 'imported', %s, '', now(), d.id, h.id, NULL
        FROM households_household h JOIN households_block b ON b.id = h.block_id
        JOIN recognition_decision d ON d.commune_id = b.commune_id AND d.title = 'GDVH' AND d.year = %s
             AND d.kind = 'recorded' AND d.number IS NULL
        WHERE b.commune_id = ANY(%s) AND abs(hashtext(h.id || '-' || %s)) %% 100 < 95
        """,
        [year, year, year, ids, year],
    )
    _execute(
        """
        INSERT INTO recognition_recognition
            (title, year, source, valid_until, note, created_at, decision_id, household_id, block_id)
        SELECT 'TDPVH', %s, 'imported', %s, '', now(), d.id, NULL, b.id
        FROM households_block b
        JOIN recognition_decision d ON d.commune_id = b.commune_id AND d.title = 'TDPVH' AND d.year = %s
             AND d.kind = 'recorded' AND d.number IS NULL
        WHERE b.commune_id = ANY(%s) AND abs(hashtext(b.id || '-' || %s)) %% 100 < 90
        """,
        [year, year, year, ids, year],
    )


def figures_made(ids: list[int], year: int) -> None:
    """Each block's approved figures for the year: 60–80 % exercising, 90–100 % reached."""
    _execute(
        """
        INSERT INTO campaigns_blockfigures
            (block_id, year, population, regular_exercisers, legal_education_reached, status,
             returned_reason, version)
        SELECT b.id, %s, 400, 240 + abs(hashtext(b.id || 'x' || %s)) %% 80,
               360 + abs(hashtext(b.id || 'y' || %s)) %% 40, 'approved', '', 1
        FROM households_block b WHERE b.commune_id = ANY(%s)
        """,
        [year, year, year, ids],
    )


def meetings_made(ids: list[int], year: int) -> None:
    """A meeting per block in `year`: decided in odd-numbered blocks, open in the others."""
    _execute(
        """
        INSERT INTO recognition_meeting
            (block_id, year, held_at, place, chair, secretary, attendees, invited, present,
             threshold_percent, threshold_inclusive, status, returned_reason, version)
        SELECT b.id, %s, now(), 'Nhà văn hóa', 'A', 'B', '', 60, 50, 50, false,
               CASE WHEN b.number %% 2 = 1 THEN 'decided' ELSE 'open' END, '', 1
        FROM households_block b WHERE b.commune_id = ANY(%s)
        """,
        [year, ids],
    )


def province_data(communes: int, households: int, years: int):
    """(the communes, the last year, the years) of the province, built beside the seed's commune."""
    last = plan_for_year(2024, Commune.objects.order_by("pk").first()).year
    span = list(range(last - years + 1, last + 1))
    made = communes_made(communes)
    ids = [c.pk for c in made]
    households_made(ids, households, last)
    for year in span:
        titles_made(made, ids, year)
        figures_made(ids, year)
    meetings_made(ids, last)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # statistics for the rows just written, as a database in use has them
    return made, last, span
