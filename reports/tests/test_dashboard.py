"""The Ban Chỉ đạo's dashboard: status in words, season progress, years side by side."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from campaigns.models import BlockFigures, Organisation, Plan, Target
from households.models import CulturalHouse
from recognition.models import Meeting
from reports.indicators import Measure, compute, history
from testing.factories import (
    BlockRecognitionFactory,
    FamilyRecognitionFactory,
    HouseholdFactory,
    OrganisationRecognitionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("numerator", "denominator", "status"),
    [
        (97, 100, "met"),
        (93, 100, "near"),
        (92, 100, "not_met"),
        (0, 0, "no_data"),
    ],
)
def test_status_in_words(numerator, denominator, status):
    # 95 % of a 97 % target is 92,15 %: 93 % is nearly there, 92 % is not.
    measure = Measure("GDVH", numerator, denominator, ">=", Decimal("97"))
    assert measure.status == status
    assert (
        measure.status_label
        == {"met": "đạt", "near": "sắp đạt", "not_met": "chưa đạt", "no_data": "chưa có số liệu"}[status]
    )


def plans_for(plan, years):
    """Plans for earlier years with the same targets (as copying would give)."""
    result = {plan.year: plan}
    for year in years:
        if year == plan.year:
            continue
        other = Plan.objects.create(commune=plan.commune, year=year, title=f"Kế hoạch {year}")
        for t in plan.targets.all():
            Target.objects.create(
                plan=other, order=t.order, code=t.code, name=t.name, comparator=t.comparator, value=t.value
            )
        result[year] = other
    return result


def test_history_equals_the_engine_year_by_year(plan, blocks, officer):
    years = [2021, 2022, 2023, 2024]
    for i, block in enumerate(blocks[:4]):
        for n, household in enumerate(HouseholdFactory.create_batch(4, block=block)):
            for year in years[: 1 + (n + i) % 4]:
                FamilyRecognitionFactory(household=household, year=year, valid_until=year)
        gone = HouseholdFactory(
            block=block, moved_in_on=datetime.date(2020, 1, 1), moved_out_on=datetime.date(2022, 6, 1)
        )
        FamilyRecognitionFactory(household=gone, year=2021, valid_until=2021)
        for year in years[i:]:
            BlockRecognitionFactory(year=year, block=block, valid_until=year)
            BlockFigures.objects.create(
                block=block,
                year=year,
                population=100 + i,
                regular_exercisers=50 + year % 7,
                legal_education_reached=90,
                status="approved" if year != 2023 else "draft",
            )
    CulturalHouse.objects.create(block=blocks[0], state="in_use", in_use_since=2019)
    CulturalHouse.objects.create(block=blocks[1], state="in_use", in_use_since=2023)
    org = Organisation.objects.create(commune=plan.commune, name="Trường học", kind="school", in_registry_since=2021)
    Organisation.objects.create(commune=plan.commune, name="Bưu điện", kind="unit", in_registry_since=2023)
    OrganisationRecognitionFactory(year=2022, organisation=org, valid_until=2023)

    by_year = plans_for(plan, years)
    counts = history(plan.commune, years)
    for year, year_plan in by_year.items():
        for item in compute(year_plan).indicators:
            assert counts[item.code][year] == (item.measure.numerator, item.measure.denominator), (item.code, year)
    # By hand: household n of block i holds the title from 2021 for 1 + (n + i) % 4 years, so 4, 3, 2
    # then 1 of each block's 4 a year; the 4 that left in 2022 count in 2021 only.
    assert [counts["GDVH"][y] for y in years] == [(20, 20), (12, 16), (8, 16), (4, 16)]
    assert [counts["TDPVH"][y] for y in years] == [(1, 10), (2, 10), (3, 10), (4, 10)]
    # Block i's approved figures from years[i] on, 2023's left as drafts: 100 + i people, 50 + year % 7
    # exercising, 90 reached.
    assert [counts["TDTT"][y] for y in years] == [(55, 100), (112, 201), (0, 0), (204, 406)]
    assert [counts["PBGDPL"][y] for y in years] == [(90, 100), (180, 201), (0, 0), (360, 406)]
    assert [counts["NVH"][y] for y in years] == [(1, 10), (1, 10), (2, 10), (2, 10)]
    assert [counts["CQVH"][y] for y in years] == [(0, 1), (1, 1), (1, 2), (0, 2)]


def test_history_equals_the_engine_in_the_hard_cases(plan, blocks):
    """Houses whose state changed over the years (and one replaced), an organisation
    recognised twice, one leaving the registry, households moving in and out mid-span."""
    years = [2021, 2022, 2023, 2024]
    tz = timezone.get_current_timezone()

    def at(year, month=6):
        return datetime.datetime(year, month, 1, tzinfo=tz)

    house = CulturalHouse.objects.create(block=blocks[0], state="in_use", in_use_since=2018)
    house.state = "under_repair"
    house.save()
    house.state = "in_use"
    house.save()
    for record, when in zip(house.history.order_by("history_id"), [at(2020), at(2022), at(2024)], strict=True):
        CulturalHouse.history.filter(pk=record.pk).update(history_date=when)
    replaced = CulturalHouse.objects.create(block=blocks[1], state="in_use", in_use_since=2019)
    CulturalHouse.history.filter(block_id=blocks[1].pk).update(history_date=at(2020))
    replaced.delete()
    CulturalHouse.history.filter(block_id=blocks[1].pk, history_type="-").update(history_date=at(2022))
    CulturalHouse.objects.create(block=blocks[1], state="in_use", in_use_since=2023)
    CulturalHouse.history.filter(block_id=blocks[1].pk, history_type="+", in_use_since=2023).update(
        history_date=at(2023, 9)
    )
    CulturalHouse.objects.bulk_create([CulturalHouse(block=blocks[2], state="in_use", in_use_since=2020)])  # no history

    twice = Organisation.objects.create(commune=plan.commune, name="Trường", kind="school", in_registry_since=2019)
    OrganisationRecognitionFactory(year=2019, organisation=twice, valid_until=2023)
    OrganisationRecognitionFactory(year=2024, organisation=twice, valid_until=2028)
    gone = Organisation.objects.create(
        commune=plan.commune, name="Chi nhánh", kind="enterprise", in_registry_since=2020, left_registry_in=2022
    )
    OrganisationRecognitionFactory(year=2021, organisation=gone, valid_until=2025)
    HouseholdFactory(block=blocks[0], moved_in_on=datetime.date(2023, 3, 1))
    left = HouseholdFactory(
        block=blocks[0], moved_in_on=datetime.date(2019, 1, 1), moved_out_on=datetime.date(2023, 12, 31)
    )
    for year in years:
        FamilyRecognitionFactory(household=left, year=year, valid_until=year)

    by_year = plans_for(plan, years)
    counts = history(plan.commune, years)
    for year, year_plan in by_year.items():
        for item in compute(year_plan).indicators:
            assert counts[item.code][year] == (item.measure.numerator, item.measure.denominator), (item.code, year)
    # 2022: block 1 under repair, block 2 without a house (the old one gone, the new one not yet).
    assert [counts["NVH"][y][0] for y in years] == [3, 1, 2, 3]
    assert [counts["CQVH"][y] for y in years] == [(2, 2), (2, 2), (1, 1), (1, 1)]  # the twice-recognised once
    # Moving out on 31/12 means not living there at the year's end.
    assert [counts["GDVH"][y] for y in years] == [(1, 1), (1, 1), (0, 1), (0, 1)]


def test_history_json_for_the_commune_only(plan, blocks, steering, khoi1, login, django_assert_num_queries):
    for household in HouseholdFactory.create_batch(3, block=blocks[0]):
        FamilyRecognitionFactory(household=household, year=2023, valid_until=2023)
    assert login(khoi1).get("/chi-tieu/lich-su.json").status_code == 403
    client = login(steering)
    # session, user, plans, targets, then history's nine (blocks, households, GDVH, TDPVH, figures,
    # organisations, houses' history and as they stand, the closed years), and the closed years' list
    with django_assert_num_queries(14):
        data = client.get("/chi-tieu/lich-su.json", {"year": "2024"}).json()
    assert data["years"] == [2021, 2022, 2023, 2024]
    gdvh = data["series"][0]
    assert gdvh["code"] == "GDVH" and gdvh["target"] == 97.0
    # Years without a single recognition on record are gaps, not 0 %.
    assert [p["value"] for p in gdvh["points"]] == [None, None, 100.0, None]
    for household in HouseholdFactory.create_batch(20, block=blocks[1]):
        FamilyRecognitionFactory(household=household, year=2022, valid_until=2022)
    with django_assert_num_queries(14):
        client.get("/chi-tieu/lich-su.json", {"year": "2024"})


def test_season_progress_and_bands_on_the_dashboard(plan, blocks, steering, khoi1, login):
    for block, status in zip(blocks[:3], ["open", "decided", "decided"], strict=True):
        Meeting.objects.create(
            block=block,
            year=2024,
            held_at=timezone.now(),
            place="Nhà văn hóa",
            chair="A",
            secretary="B",
            invited=30,
            present=25,
            threshold_percent=50,
            status=status,
        )
    for block, status in zip(blocks[:4], ["draft", "submitted", "approved", "approved"], strict=True):
        BlockFigures.objects.create(
            block=block, year=2024, population=100, regular_exercisers=62, legal_education_reached=100, status=status
        )
    for household in HouseholdFactory.create_batch(93, block=blocks[0]):
        FamilyRecognitionFactory(household=household)
    HouseholdFactory.create_batch(7, block=blocks[0])
    html = login(steering).get("/").content.decode()
    assert 'data-season="meetings">3/10 khối' in html
    assert 'data-season="figures">3/10 khối đã gửi' in html and "2 khối đã duyệt" in html
    assert 'data-season="decided">2/10 khối' in html
    # Khối 1: 93/100 households is "sắp đạt" against 97 %, written out and banded.
    assert 'class="text-end text-nowrap band-near">' in html
    assert "sắp đạt, thiếu 4 hộ" in html
    assert '<a class="tap" href="/khoi-pho/' in html  # drill-down to the block, then its households
    page = login(khoi1).get("/").content.decode()
    assert 'data-season="meetings">1/1 khối' in page and 'id="history"' not in page
