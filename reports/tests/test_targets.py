"""Targets as the plan sets them: a goal without a figure is reported and never judged
(CQVH in 2024: "theo dõi"), and the 2024 plan's house to put into use is the year's own
count (NVHMOI: "≥ 1 nhà"), beside the NVH rate, on every page, paper, sheet and in the JSON."""

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from households.models import CulturalHouse
from reports import services
from reports.indicators import compute, thawed
from reports.models import YearClosing
from testing.factories import CulturalHouseFactory, OrganisationFactory, OrganisationRecognitionFactory
from testing.indicators import indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(plan):
    """Three organisations, one holding the title: 1/3 against a goal without a figure."""
    held = OrganisationFactory(commune=plan.commune)
    OrganisationRecognitionFactory(organisation=held, year=2024)
    OrganisationFactory.create_batch(2, commune=plan.commune)
    return plan


@pytest.fixture
def houses(plan, blocks):
    CulturalHouseFactory(block=blocks[0], in_use_since=2024)  # put into use this year: counts
    CulturalHouseFactory(block=blocks[1], in_use_since=2015)  # in use for years: NVH only
    CulturalHouseFactory(block=blocks[2], state=CulturalHouse.State.UNDER_REPAIR, in_use_since=None)
    return plan


def row_of(page: str, code: str) -> str:
    row = page[page.index(f'<tr data-code="{code}">') :]
    return row[: row.index("</tr>")]


class TestGoalWithoutAFigure:
    def test_the_seed_loads_cqvh_as_tracked_and_the_engine_never_judges_it(self, registry):
        cqvh = indicator(registry, "CQVH").measure
        assert (cqvh.numerator, cqvh.denominator, cqvh.target) == (1, 3, None)
        assert (cqvh.met, cqvh.gap, cqvh.gap_points, cqvh.status) == (None, None, None, "tracked")
        assert cqvh.verdict == "theo dõi (kế hoạch không đặt mức)"
        assert (cqvh.official_verdict, cqvh.target_text, cqvh.value_text) == ("Theo dõi", "theo dõi", "33,33\xa0%")

    def test_json_command_and_dashboard_say_theo_doi_never_chua_dat(self, registry, steering, login, capsys):
        call_command("indicators", "--year", "2024", "--json")
        data = json.loads(capsys.readouterr().out)
        cqvh = next(i for i in data["indicators"] if i["code"] == "CQVH")
        assert (cqvh["target"], cqvh["met"], cqvh["status"], cqvh["gap"], cqvh["value"]) == (
            None,
            None,
            "tracked",
            None,
            33.33,
        )
        call_command("indicators", "--year", "2024")
        table = capsys.readouterr().out
        line = next(line for line in table.splitlines() if line.startswith("CQVH"))
        assert "theo dõi" in line and "None" not in line and "chưa đạt" not in line
        row = row_of(login(steering).get("/").content.decode(), "CQVH")
        assert "theo dõi" in row and "None" not in row and "chưa đạt" not in row and "bg-danger" not in row

    def test_a_closed_year_keeps_the_goal_without_a_figure(self, registry, officer):
        before = compute(registry).as_json()
        closing = services.year_close(plan=registry, by=officer)
        frozen = next(i for i in closing.figures["indicators"] if i["code"] == "CQVH")
        assert frozen["target"] is None
        after = compute(registry)
        assert after.closing is not None
        assert after.as_json()["indicators"] == before["indicators"]
        assert indicator(after, "CQVH").measure.status == "tracked"

    def test_a_closing_made_before_writes_none_as_text_and_still_thaws(self, registry, officer):
        closing = services.year_close(plan=registry, by=officer)
        for item in closing.figures["indicators"]:
            if item["code"] == "CQVH":
                item["target"] = "None"  # as main wrote it before this rule
        YearClosing.objects.filter(pk=closing.pk).update(figures=closing.figures)
        closing.refresh_from_db()
        assert indicator(thawed(registry, closing), "CQVH").measure.target is None

    def test_the_year_over_year_table_names_it_theo_doi(self, registry, steering, login):
        chart = login(steering).get("/chi-tieu/lich-su.json?year=2024").json()
        cqvh = next(s for s in chart["series"] if s["code"] == "CQVH")
        assert (cqvh["target"], cqvh["target_text"]) == (None, "theo dõi")


class TestHousesPutIntoUse:
    def test_nvhmoi_counts_the_houses_put_into_use_this_year(self, houses):
        result = compute(houses)
        new, rate = indicator(result, "NVHMOI").measure, indicator(result, "NVH").measure
        assert (new.numerator, new.is_count, new.met, new.gap, new.status) == (1, True, True, 0, "met")
        assert (new.value_text, new.target_text, new.verdict) == ("1 nhà", "≥ 1 nhà", "đạt: 1/1 nhà")
        assert (rate.numerator, rate.denominator) == (2, 10)  # the rate counts the older house too
        assert [i.code for i in result.indicators][2:4] == ["NVH", "NVHMOI"]  # beside the rate
        assert "NVHMOI" not in result.blocks[0].indicators  # the commune's count, not a block's

    def test_none_put_into_use_is_not_met_with_its_gap_in_houses(self, plan, blocks):
        CulturalHouseFactory(block=blocks[0], in_use_since=2023)
        new = indicator(plan, "NVHMOI").measure
        assert (new.numerator, new.met, new.gap, new.status) == (0, False, 1, "not_met")
        assert new.verdict == "chưa đạt: 0/1 nhà, cần thêm 1 nhà"
        assert new.official_verdict == "Chưa đạt: 0/1 nhà, cần thêm 1 nhà"

    def test_json_dashboard_sheet_and_history_carry_it(self, houses, steering, login, capsys):
        call_command("indicators", "--year", "2024", "--json")
        new = next(i for i in json.loads(capsys.readouterr().out)["indicators"] if i["code"] == "NVHMOI")
        assert new == {
            "code": "NVHMOI",
            "name": "Phấn đấu năm 2024 hoàn thiện các thủ tục, tu sửa và đưa vào sử dụng 01 nhà văn hóa",
            "comparator": ">=",
            "target": 1.0,
            "unit": "nhà",
            "kind": "count",
            "numerator": 1,
            "denominator": None,
            "value": 1.0,
            "met": True,
            "status": "met",
            "gap": 0,
            "gap_points": None,
        }
        client = login(steering)
        page = client.get("/").content.decode()
        row = row_of(page, "NVHMOI")
        assert "NVH mới" in row and "≥ 1 nhà" in row and "1 nhà" in row and "đạt: 1/1 nhà" in row
        assert "progress-bar" not in row  # a count has no percentage bar
        assert page.index('data-code="NVH"') < page.index('data-code="NVHMOI"') < page.index('data-code="CQVH"')
        sheet = load_workbook(io.BytesIO(client.get("/bao-cao/2024/thong-ke.xlsx").content))["Toàn đơn vị"]
        new_row = next(r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1] == "NVH mới")
        assert new_row[3:] == ("≥", 1, "nhà", 1, None, None, "Đạt: 1/1 nhà", 0)
        chart = client.get("/chi-tieu/lich-su.json?year=2024").json()
        series = next(s for s in chart["series"] if s["code"] == "NVHMOI")
        assert (series["count"], series["label"], series["target"], series["target_text"]) == (
            True,
            "NVH mới",
            None,  # no line on the chart of rates
            "≥ 1 nhà",
        )
        assert [(p["year"], p["text"], p["value"]) for p in series["points"]][-2:] == [
            (2023, "0 nhà", None),
            (2024, "1 nhà", None),
        ]
