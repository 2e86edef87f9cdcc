"""Property-based tests (hypothesis): whatever a spreadsheet or a form holds, no server
error and nothing half-written — a refused file or form leaves the records as they were."""

import datetime
import json

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns import figures_import
from campaigns.models import BlockFigures
from households import importing
from households.models import Household
from households.tests.sheets import xlsx
from recognition.models import Meeting, MeetingResult, Recognition
from testing.factories import HouseholdFactory

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

# What people and Excel put in cells: Vietnamese text (both Unicode forms), control
# characters, numbers typed as text, floats, dates, booleans, Excel's error values, nothing.
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
# A spreadsheet cannot hold most control characters (openpyxl and Excel refuse them); the
# parsers get them through `text` above.
sheet_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40)


def cell_values(strings):
    return st.one_of(
        st.none(),
        strings,
        st.sampled_from(
            [
                "Khối 1",
                "khối phố 2",
                " KHỐI 3 ",
                "10",
                "Khối 99",
                "#REF!",
                "#N/A",
                "1.234",
                "2021, 2022;2023",
                "Nguyễn Văn An",
                "Nguyễn Văn An",
                "-5",
                "3,5",
                "=",
            ]
        ),
        st.integers(min_value=-(10**6), max_value=10**7),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 1, 1)),
    )


cells = cell_values(text)
sheet_cells = cell_values(sheet_text)


def rows(width: int):
    return st.lists(st.lists(sheet_cells, min_size=0, max_size=width + 2), min_size=0, max_size=12)


def counts():
    return (
        Household.objects.count(),
        Household.history.count(),
        Recognition.objects.count(),
        BlockFigures.objects.count(),
    )


@pytest.mark.django_db
@FUZZ
@given(data=rows(len(importing.HEADERS)))
def test_households_import_never_fails_and_is_all_or_nothing(data, blocks, khoi1):
    for user in (None, khoi1):
        with transaction.atomic():
            before = counts()
            check = importing.check_file(xlsx(data), user=user)
            assert counts() == before  # the dry run writes nothing
            assert all(e.row is None or 1 <= e.row <= len(data) + 1 for e in check.errors)
            if check.ok:
                applied = importing.apply_rows(check.rows, user=user)
                assert applied.ok and Household.objects.count() == before[0] + len(applied.new)
            transaction.set_rollback(True)


@pytest.mark.django_db
@FUZZ
@given(data=rows(len(figures_import.HEADERS)))
def test_figures_import_never_fails_and_is_all_or_nothing(data, blocks, khoi1):
    for user in (None, khoi1):
        with transaction.atomic():
            before = BlockFigures.objects.count()
            check = figures_import.check_file(xlsx(data, figures_import.HEADERS), 2024, user=user)
            assert BlockFigures.objects.count() == before
            if check.ok:
                figures_import.apply_rows(check.rows, 2024, user=user)
                written = list(
                    BlockFigures.objects.values_list("population", "regular_exercisers", "legal_education_reached")
                )
                assert len(written) == before + len(check.new)
                assert all(0 <= e <= p and 0 <= r <= p for p, e, r in written)
            transaction.set_rollback(True)


@FUZZ
@given(value=cells)
def test_cell_parsers_never_raise(value):
    importing.as_text(value)
    importing.as_phone(value)
    number = importing.parse_members(value)
    assert number is None or 1 <= number <= 99
    years, bad = importing.parse_years(value, 2026)
    assert all(2000 <= y <= 2026 for y in years)
    count = figures_import.parse_count(value)
    assert count is None or count >= 0
    if isinstance(value, str):
        importing.block_number(value)


household_form = st.fixed_dictionaries(
    {
        "block": st.one_of(st.just("BLOCK"), st.just("OTHER"), text),
        "code": text,
        "head_name": text,
        "address": text,
        "members": st.one_of(text, st.integers(-5, 200).map(str)),
        "phone": text,
        "note": text,
        "moved_in_on": st.one_of(text, st.dates().map(str)),
    }
)


@pytest.mark.django_db
@FUZZ
@given(form=household_form)
def test_household_form_never_fails(form, blocks, khoi1, client):
    client.force_login(khoi1)
    form = {**form, "block": {"BLOCK": blocks[0].pk, "OTHER": blocks[1].pk}.get(form["block"], form["block"])}
    with transaction.atomic():
        before = Household.objects.count()
        response = client.post("/ho/them/", form)
        assert response.status_code in (400, 302)
        created = Household.objects.count() - before
        assert created == (1 if response.status_code == 302 else 0)
        if created:
            household = Household.objects.latest("pk")
            assert household.block == blocks[0] and 1 <= household.members <= 99
            assert household.history.count() == 1  # the change is kept, with its author
        transaction.set_rollback(True)


@pytest.mark.django_db
@FUZZ
@given(
    figures=st.fixed_dictionaries(
        {
            k: st.one_of(text, st.integers(-10, 10**9).map(str))
            for k in ("population", "regular_exercisers", "legal_education_reached")
        }
    ),
    submit=st.booleans(),
)
def test_figures_form_never_fails(figures, submit, blocks, khoi1, client):
    client.force_login(khoi1)
    with transaction.atomic():
        button = "submit" if submit else "draft"
        response = client.post(f"/so-lieu/2024/khoi/{blocks[0].pk}/", {**figures, button: ""})
        assert response.status_code in (400, 302)
        stored = BlockFigures.objects.filter(block=blocks[0], year=2024).first()
        assert (stored is not None) == (response.status_code == 302)
        if stored:
            assert 0 <= stored.regular_exercisers <= stored.population
            assert 0 <= stored.legal_education_reached <= stored.population
        transaction.set_rollback(True)


@pytest.mark.django_db
@FUZZ
@given(
    body=st.one_of(
        text,
        st.dictionaries(
            st.sampled_from(["household", "agreed", "excluded", "reason", "version"]),
            st.one_of(cells.filter(lambda v: not isinstance(v, datetime.date)), st.just("HOUSEHOLD")),
            max_size=5,
        ),
    )
)
def test_meeting_result_entry_never_fails(body, blocks, khoi1, client):
    client.force_login(khoi1)
    with transaction.atomic():
        household = HouseholdFactory(block=blocks[0])
        meeting = Meeting.objects.create(
            block=blocks[0],
            year=2024,
            held_at=timezone.now(),
            place="NVH",
            chair="A",
            secretary="B",
            invited=30,
            present=20,
            threshold_percent=50,
        )
        if isinstance(body, dict):
            body = {k: (household.pk if v == "HOUSEHOLD" else v) for k, v in body.items()}
            payload = json.dumps(body, default=str)
        else:
            payload = body
        response = client.post(f"/binh-xet/{meeting.pk}/ket-qua/", payload, content_type="application/json")
        assert response.status_code in (200, 400, 404, 409)
        results = MeetingResult.objects.filter(meeting=meeting)
        assert results.count() == (1 if response.status_code == 200 else 0)
        if response.status_code == 200:
            assert 0 <= results.get().agreed <= meeting.present
        transaction.set_rollback(True)
