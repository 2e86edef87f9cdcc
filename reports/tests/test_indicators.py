import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from campaigns.models import BlockFigures
from households.models import CulturalHouse
from reports.indicators import Measure, compute
from testing.factories import (
    BlockFiguresFactory,
    BlockRecognitionFactory,
    CulturalHouseFactory,
    FamilyRecognitionFactory,
    HouseholdFactory,
    OrganisationFactory,
    OrganisationRecognitionFactory,
)
from testing.indicators import indicator

pytestmark = pytest.mark.django_db


def households(block, n, recognised=0, year=2024, **kwargs):
    made = HouseholdFactory.create_batch(n, block=block, **kwargs)
    for household in made[:recognised]:
        FamilyRecognitionFactory(household=household, year=year)
    return made


class TestMeasure:
    def test_it_rounds_half_up_to_two_decimals(self):
        assert Measure("GDVH", 2870, 2950, ">=", Decimal(97)).value == Decimal("97.29")
        assert Measure("GDVH", 305, 310, ">=", Decimal(97)).value == Decimal("98.39")
        # 1/8 = 12.5 % exactly; 1/16 = 6.25; 1/32 = 3.125 -> half-up gives 3.13 (banker's would give 3.12)
        assert Measure("GDVH", 1, 32, ">=", Decimal(97)).value == Decimal("3.13")

    def test_it_has_no_value_when_nothing_to_divide_by(self):
        m = Measure("TDTT", 0, 0, ">", Decimal(60))
        assert (m.value, m.met, m.gap) == (None, None, None)
        assert m.verdict == "chưa có số liệu"

    def test_a_goal_without_a_figure_is_reported_without_a_verdict(self):
        m = Measure("CQVH", 3, 4, ">=", None)
        assert (m.value, m.met, m.gap, m.status) == (Decimal("75.00"), None, None, "tracked")
        assert m.verdict == "theo dõi (kế hoạch không đặt mức)"
        assert m.comparator_symbol == "" and m.target_words == "không đặt mức, theo dõi"

    def test_more_than_is_strict(self):
        assert Measure("TDTT", 60, 100, ">", Decimal(60)).met is False
        assert Measure("TDTT", 60, 100, ">", Decimal(60)).gap == 1
        assert Measure("TDTT", 60, 100, ">", Decimal(60)).gap_points == Decimal("0.01")
        assert Measure("TDTT", 61, 100, ">", Decimal(60)).met is True

    def test_at_least_includes_the_target(self):
        assert Measure("GDVH", 97, 100, ">=", Decimal(97)).met is True
        assert Measure("GDVH", 96, 100, ">=", Decimal(97)).gap == 1

    def test_gap_counts_units_still_needed(self):
        # 97 % of 2950 = 2861.5 -> 2862 households needed.
        m = Measure("GDVH", 2856, 2950, ">=", Decimal(97))
        assert m.gap == 6
        assert m.verdict == "sắp đạt, cần thêm 6 hộ (thiếu 0,19 điểm phần trăm)"
        assert m.gap_points == Decimal("0.19")  # 97 − 96,81

    def test_met_uses_the_exact_ratio_not_the_rounded_value(self):
        # 2909/3000 = 96.9667 rounds to 96.97 but 2910/3000 = 97.00: only the latter meets 97.
        assert Measure("GDVH", 2909, 3000, ">=", Decimal("96.97")).met is False
        assert Measure("GDVH", 2910, 3000, ">=", Decimal("96.97")).met is True


class TestEngine:
    def test_gdvh_counts_recognised_households_living_at_year_end(self, plan, blocks):
        households(blocks[0], 10, recognised=8)
        # Moved out during 2024: out of numerator and denominator although recognised.
        gone = HouseholdFactory(block=blocks[0], moved_out_on=datetime.date(2024, 6, 1))
        FamilyRecognitionFactory(household=gone)
        # Moved out in 2025: still living at the end of 2024.
        later = HouseholdFactory(block=blocks[0], moved_out_on=datetime.date(2025, 2, 1))
        FamilyRecognitionFactory(household=later)
        # Moved in during 2025: not yet counted in 2024.
        HouseholdFactory(block=blocks[1], moved_in_on=datetime.date(2025, 1, 5))
        # Recognised for another year only.
        households(blocks[1], 2, recognised=2, year=2023)

        result = compute(plan)
        gdvh = indicator(result, "GDVH").measure
        assert (gdvh.numerator, gdvh.denominator, gdvh.value) == (9, 13, Decimal("69.23"))
        block1 = result.blocks[0].indicators["GDVH"]
        assert (block1.numerator, block1.denominator) == (9, 11)
        block2 = result.blocks[1].indicators["GDVH"]
        assert (block2.numerator, block2.denominator) == (0, 2)

    def test_a_house_under_repair_today_still_counts_for_the_years_it_served(self, plan, blocks):
        house = CulturalHouseFactory(block=blocks[0], in_use_since=2015)
        # The repair is recorded now (2026); its history says it was in use at the end of 2024.
        history = house.history.get()
        history.history_date = history.history_date.replace(year=2024, month=1, day=1)
        history.save()
        house.state = CulturalHouse.State.UNDER_REPAIR
        house.save()
        assert indicator(plan, "NVH").measure.numerator == 1
        plan_now = PlanFactoryYear(plan, datetime.date.today().year)
        assert indicator(plan_now, "NVH").measure.numerator == 0

    def test_figures_report_how_many_blocks_they_cover(self, plan, blocks):
        BlockFiguresFactory(block=blocks[0])
        BlockFiguresFactory(block=blocks[1], status=BlockFigures.Status.SUBMITTED)
        tdtt = indicator(plan, "TDTT")
        assert (tdtt.blocks_reporting, tdtt.blocks_total, tdtt.incomplete) == (1, 10, True)
        assert tdtt.as_json()["blocks_reporting"] == 1

    def test_blocks_and_cultural_houses(self, plan, blocks):
        for block in blocks[:9]:
            BlockRecognitionFactory(block=block, year=2024)
        BlockRecognitionFactory(block=blocks[9], year=2023)
        for block in blocks[:8]:
            CulturalHouseFactory(block=block, in_use_since=2015)
        CulturalHouseFactory(block=blocks[8], in_use_since=2025)  # not yet in use at the end of 2024
        CulturalHouseFactory(block=blocks[9], state=CulturalHouse.State.UNDER_REPAIR, in_use_since=None)

        result = compute(plan)
        tdpvh, nvh = indicator(result, "TDPVH").measure, indicator(result, "NVH").measure
        assert (tdpvh.numerator, tdpvh.denominator, tdpvh.gap) == (9, 10, 1)
        assert (nvh.numerator, nvh.denominator, nvh.met) == (8, 10, False)
        assert nvh.verdict == "chưa đạt, cần thêm 1 khối (thiếu 10,00 điểm phần trăm)"

    def test_organisations_hold_the_title_for_its_validity(self, plan):
        commune = plan.commune
        holding = OrganisationRecognitionFactory(organisation__commune=commune, year=2020)  # valid to 2024
        OrganisationRecognitionFactory(organisation__commune=commune, year=2019)  # expired in 2023
        OrganisationFactory(commune=commune)  # never recognised
        OrganisationFactory(commune=commune, in_registry_since=2025)  # not yet in the registry
        OrganisationFactory(commune=commune, left_registry_in=2023)  # left before 2024

        cqvh = indicator(plan, "CQVH").measure
        assert (cqvh.numerator, cqvh.denominator) == (1, 3)
        assert holding.valid_until == 2024

    def test_figures_count_only_when_approved(self, plan, blocks):
        BlockFiguresFactory(block=blocks[0], population=1000, regular_exercisers=700, legal_education_reached=1000)
        BlockFiguresFactory(block=blocks[1], population=500, regular_exercisers=200, legal_education_reached=450)
        BlockFiguresFactory(
            block=blocks[2],
            population=900,
            regular_exercisers=900,
            legal_education_reached=900,
            status=BlockFigures.Status.SUBMITTED,
        )
        result = compute(plan)
        tdtt, pbgdpl = indicator(result, "TDTT").measure, indicator(result, "PBGDPL").measure
        assert (tdtt.numerator, tdtt.denominator, tdtt.value) == (900, 1500, Decimal("60.00"))
        assert tdtt.met is False  # "trên 60 %": exactly 60 is not enough
        assert (pbgdpl.numerator, pbgdpl.denominator) == (1450, 1500)
        assert result.blocks[2].indicators["TDTT"].value is None

    def test_indicators_follow_the_plans_order_and_edits(self, plan):
        plan.targets.filter(code="TDTT").update(value=Decimal("55"), order=0)
        result = compute(plan)
        assert [i.code for i in result.indicators] == ["TDTT", "GDVH", "TDPVH", "NVH", "NVHMOI", "CQVH", "PBGDPL"]
        assert indicator(result, "TDTT").measure.target == Decimal("55")

    def test_queries_do_not_grow_with_households(self, plan, blocks, django_assert_num_queries):
        households(blocks[0], 3, recognised=2)
        # the year's standing closing (none), targets, blocks, GDVH, TDPVH, NVH as of year end,
        # NVH entered later, figures, CQVH
        with django_assert_num_queries(9):
            compute(plan)
        for block in blocks:
            households(block, 30, recognised=25)
        with django_assert_num_queries(9):
            result = compute(plan)
        assert indicator(result, "GDVH").measure.numerator == 252


def PlanFactoryYear(plan, year):
    """A copy of `plan` for another year, with the same targets."""
    targets = list(plan.targets.all())
    plan.pk, plan.id, plan.year = None, None, year
    plan.save()
    for target in targets:
        target.pk, target.id, target.plan = None, None, plan
        target.save()
    return plan


class TestCommand:
    def test_json_has_the_agreed_shape(self, plan, blocks, capsys):
        households(blocks[0], 310, recognised=305)
        call_command("indicators", "--year", "2024", "--json")
        data = json.loads(capsys.readouterr().out)
        assert data["year"] == 2024
        assert data["commune"] == "Thị trấn Cao Lộc"
        assert [i["code"] for i in data["indicators"]] == ["GDVH", "TDPVH", "NVH", "NVHMOI", "CQVH", "TDTT", "PBGDPL"]
        gdvh = data["indicators"][0]
        assert gdvh["comparator"] == ">=" and gdvh["target"] == 97.0
        assert (gdvh["numerator"], gdvh["denominator"], gdvh["value"], gdvh["met"]) == (305, 310, 98.39, True)
        assert data["indicators"][5]["comparator"] == ">"
        assert [b["name"] for b in data["blocks"]] == [f"Khối {n}" for n in range(1, 11)]
        assert list(data["blocks"][0]["indicators"]) == ["GDVH", "TDPVH", "NVH", "TDTT", "PBGDPL"]
        assert data["blocks"][0]["indicators"]["GDVH"] == {
            "kind": "rate",
            "numerator": 305,
            "denominator": 310,
            "value": 98.39,
            "met": True,
            "status": "met",
            "gap": 0,
            "gap_points": 0.0,
        }
        assert data["blocks"][1]["indicators"]["GDVH"]["value"] is None

    def test_it_prints_a_vietnamese_table(self, plan, blocks, capsys):
        households(blocks[0], 2950, recognised=2856)
        call_command("indicators", "--year", "2024")
        out = capsys.readouterr().out
        assert "Kết quả thực hiện chỉ tiêu năm 2024 — Thị trấn Cao Lộc" in out
        assert "2.856/2.950" in out and "96,81\u00a0%" in out
        assert "sắp đạt, cần thêm 6 hộ (thiếu 0,19 điểm phần trăm)" in out

    @pytest.mark.parametrize(
        ("year", "message"),
        [
            ("abc", "Năm không hợp lệ: 'abc'. Hãy nhập năm bằng số, ví dụ --year 2024."),
            ("20x4", "Năm không hợp lệ: '20x4'. Hãy nhập năm bằng số, ví dụ --year 2024."),
            ("1800", "Năm không hợp lệ: 1800. Năm phải từ 2000 đến 2100."),
        ],
    )
    def test_it_refuses_a_year_that_is_not_a_year(self, plan, year, message):
        with pytest.raises(CommandError) as refused:
            call_command("indicators", "--year", year, "--json")
        assert str(refused.value) == message

    def test_it_refuses_a_year_without_a_plan(self, plan):
        with pytest.raises(CommandError) as refused:
            call_command("indicators", "--year", "2023")
        assert str(refused.value) == "Chưa có kế hoạch năm 2023. Hãy tạo kế hoạch (hoặc chạy load_plan) trước."
