"""The province's figures: every commune's indicators side by side, totals as sums of numerators
and denominators, the `indicators` command for several communes, and the /tinh/ page."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from campaigns.models import Target
from campaigns.services import plan_load, read_plan_file
from households.models import Block, Commune
from reports.province import province_figures
from testing.factories import BlockFiguresFactory, FamilyRecognitionFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


def second_commune(name="Xã Hòa Bình", blocks=4):
    data = read_plan_file()
    data["commune"].update(name=name, kind="xa", place_name="Hòa Bình", people_committee=f"UBND {name.upper()}")
    data["blocks"] = [{"number": n, "name": f"Thôn {n}", "kind": "thon"} for n in range(1, blocks + 1)]
    plan_load(data=data)
    return Commune.objects.get(name=name)


def households(block, living, recognised, figures=None):
    for i in range(living):
        household = HouseholdFactory(block=block)
        if i < recognised:
            FamilyRecognitionFactory(household=household, year=2024)
    if figures:
        BlockFiguresFactory(
            block=block,
            year=2024,
            population=figures[0],
            regular_exercisers=figures[1],
            legal_education_reached=figures[0],
        )


@pytest.fixture
def province(plan):
    """Cao Lộc (the seed plan: GDVH ≥ 97 %) with 10 living households, 9 recognised; Hòa Bình with
    30, 29 recognised, and its GDVH target raised to 98 %."""
    cao_loc = plan.commune
    hoa_binh = second_commune()
    first = Block.objects.filter(commune=cao_loc).order_by("number")
    households(first[0], 6, 6, figures=(100, 70))
    households(first[1], 4, 3)
    second = Block.objects.filter(commune=hoa_binh).order_by("number")
    households(second[0], 20, 20, figures=(1000, 500))
    households(second[2], 10, 9)
    return cao_loc, hoa_binh


def command_json(*args):
    out = io.StringIO()
    call_command("indicators", "--year", "2024", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_province_json_is_the_sum_of_each_communes_own_figures(province):
    cao_loc, hoa_binh = province
    communes = [command_json("--commune", c.name) for c in (cao_loc, hoa_binh)]
    assert communes[0]["commune"] == "Thị trấn Cao Lộc" and communes[1]["commune"] == "Xã Hòa Bình"

    result = command_json("--province")

    assert result["year"] == 2024 and result["province"] == "tỉnh Lạng Sơn"
    totals = {i["code"]: i for i in result["indicators"]}
    for code in ("GDVH", "TDPVH", "NVH", "CQVH", "TDTT", "PBGDPL"):
        own = [next(i for i in c["indicators"] if i["code"] == code) for c in communes]
        assert totals[code]["numerator"] == sum(i["numerator"] for i in own), code
        assert totals[code]["denominator"] == sum(i["denominator"] for i in own), code
        by_name = {c["name"]: c["indicators"][code] for c in result["communes"]}
        for commune, item in zip(communes, own, strict=True):
            row = by_name[commune["commune"]]
            assert (row["numerator"], row["denominator"], row["value"]) == (
                item["numerator"],
                item["denominator"],
                item["value"],
            )
    # GDVH: (9 + 29) / (10 + 30) = 95 %, not the mean of 90 % and 96,67 % (93,33 %).
    assert (totals["GDVH"]["numerator"], totals["GDVH"]["denominator"], totals["GDVH"]["value"]) == (38, 40, 95.0)
    # TDTT: (70 + 500) / (100 + 1000) = 51,82 %, not the mean of 70 % and 50 %.
    assert totals["TDTT"]["value"] == 51.82
    assert totals["TDTT"]["met"] is False  # both communes' target: > 60 %


def test_the_province_total_is_judged_only_against_a_target_every_commune_shares(province):
    cao_loc, hoa_binh = province
    Target.objects.filter(plan__commune=hoa_binh, code="GDVH").update(value=98)

    totals = {i["code"]: i for i in command_json("--province")["indicators"]}

    assert totals["GDVH"]["met"] is None and totals["GDVH"]["target"] is None  # 97 % and 98 %: no single target
    assert totals["TDTT"]["target"] == 60.0 and totals["TDTT"]["met"] is False


def test_with_several_communes_and_neither_option_it_refuses_listing_them(province):
    with pytest.raises(CommandError) as refused:
        call_command("indicators", "--year", "2024", "--json", stdout=io.StringIO())
    message = str(refused.value)
    assert "--commune" in message and "--province" in message
    assert "Thị trấn Cao Lộc" in message and "Xã Hòa Bình" in message


def test_an_unknown_commune_is_refused_listing_the_communes(province):
    with pytest.raises(
        CommandError, match=r"Không có đơn vị 'Xã Không Có'\. Các đơn vị: Thị trấn Cao Lộc; Xã Hòa Bình"
    ):
        call_command("indicators", "--commune", "Xã Không Có", stdout=io.StringIO())


def test_the_commune_is_named_whatever_its_case_and_accents(province):
    assert command_json("--commune", "xa hoa binh")["commune"] == "Xã Hòa Bình"


def test_with_one_commune_it_works_as_before_without_an_option(plan):
    assert command_json()["commune"] == "Thị trấn Cao Lộc"


def test_the_season_progress_is_counted_per_commune(province):
    cao_loc, hoa_binh = province
    figures = province_figures(2024)
    rows = {row.commune.name: row for row in figures.communes}
    assert (rows["Thị trấn Cao Lộc"].blocks, rows["Xã Hòa Bình"].blocks) == (10, 4)
    assert (rows["Thị trấn Cao Lộc"].figures_approved, rows["Xã Hòa Bình"].figures_approved) == (1, 1)
    assert figures.progress_totals["blocks"] == 14
