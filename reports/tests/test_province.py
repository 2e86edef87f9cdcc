"""The province's figures: every commune's indicators side by side, totals as sums of numerators
and denominators, the `indicators` command for several communes, and the /tinh/ page."""

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from campaigns.models import Target
from campaigns.services import plan_load, read_plan_file
from caolocculture.models import Role
from households.models import Block, Commune
from reports.province import province_figures
from testing.factories import BlockFiguresFactory, FamilyRecognitionFactory, HouseholdFactory, UserFactory

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


# -- the page, its JSON and its Excel table ------------------------------------------------


@pytest.fixture
def tinh(db):
    return UserFactory(username="tinh", role=Role.PROVINCE)


def test_the_province_page_shows_every_commune_with_its_figures_and_the_totals(province, tinh, login):
    cao_loc, hoa_binh = province
    response = login(tinh).get("/tinh/?year=2024")
    assert response.status_code == 200
    html = response.content.decode()
    # Each commune opens on the table's year.
    assert f'href="/?xa={cao_loc.pk}&amp;year=2024">Thị trấn Cao Lộc</a>' in html
    assert f'href="/?xa={hoa_binh.pk}&amp;year=2024">Xã Hòa Bình</a>' in html
    rows = {row.commune.name: row for row in response.context["table"].rows}
    assert rows["Thị trấn Cao Lộc"].measures[0].code == "GDVH"
    assert rows["Thị trấn Cao Lộc"].measures[0].gap == 1  # 9 of 10 against ≥ 97 %: one household more
    assert "chưa đạt, cần thêm 1 hộ" in html
    totals = response.context["figures"].totals["GDVH"]
    assert (totals.numerator, totals.denominator) == (38, 40)
    assert "38/40" in html


def test_the_filter_keeps_the_communes_not_meeting_an_indicator(province, tinh, login):
    # Hòa Bình: 29/30 = 96,67 %, Cao Lộc 9/10 = 90 %: both short of 97 %; make Hòa Bình meet it.
    cao_loc, hoa_binh = province
    household = hoa_binh.blocks.get(number=3).households.exclude(recognitions__year=2024).get()
    FamilyRecognitionFactory(household=household, year=2024)

    response = login(tinh).get("/tinh/?year=2024&chua_dat=GDVH")

    assert [row.commune.name for row in response.context["table"].rows] == ["Thị trấn Cao Lộc"]
    # The totals stay the province's, and the page says so.
    assert "cả 2 đơn vị, không chỉ các đơn vị đang lọc" in response.content.decode()
    assert "không chỉ các đơn vị đang lọc" not in login(tinh).get("/tinh/?year=2024").content.decode()
    data = login(tinh).get("/tinh/chi-so.json?year=2024&chua_dat=GDVH").json()
    assert [c["name"] for c in data["communes"]] == ["Thị trấn Cao Lộc"]


def test_sorting_by_an_indicator_puts_the_lowest_first(province, tinh, login):
    response = login(tinh).get("/tinh/?year=2024&sap_xep=GDVH")
    assert [r.commune.name for r in response.context["table"].rows] == ["Thị trấn Cao Lộc", "Xã Hòa Bình"]
    response = login(tinh).get("/tinh/?year=2024&sap_xep=-GDVH")
    assert [r.commune.name for r in response.context["table"].rows] == ["Xã Hòa Bình", "Thị trấn Cao Lộc"]


def test_communes_are_listed_in_vietnamese_order(plan, tinh, login):
    # A C collation (PostgreSQL's here) puts "Ái Quốc" and "Đồng Đăng" after "Yên Trạch".
    for name in ("Xã Yên Trạch", "Xã Đồng Đăng", "Xã Ái Quốc", "Xã Dương Đông", "Xã Bắc Sơn"):
        second_commune(name, blocks=1)
    client = login(tinh)
    expected = [
        "Thị trấn Cao Lộc",
        "Xã Ái Quốc",
        "Xã Bắc Sơn",
        "Xã Dương Đông",
        "Xã Đồng Đăng",
        "Xã Yên Trạch",
    ]

    page = client.get("/tinh/?year=2024")
    assert [r.commune.name for r in page.context["table"].rows] == expected
    html = page.content.decode()
    assert [html.index(f">{name}</option>") for name in expected] == sorted(
        html.index(f">{name}</option>") for name in expected
    )
    assert [c["name"] for c in client.get("/tinh/chi-so.json?year=2024").json()["communes"]] == expected
    assert [r.commune.name for r in client.get("/tinh/?year=2024&sap_xep=-ten").context["table"].rows] == expected[::-1]


@pytest.mark.parametrize("query", ["chua_dat=XYZ", "sap_xep=abc", "year=20x4"])
def test_a_bad_filter_is_a_clear_400(province, tinh, login, query):
    response = login(tinh).get(f"/tinh/?{query}")
    assert response.status_code == 400
    assert "Không" in response.content.decode() or "Năm không hợp lệ" in response.content.decode()


def test_the_province_json_equals_the_command(province, tinh, login):
    data = login(tinh).get("/tinh/chi-so.json?year=2024").json()
    assert data["indicators"] == command_json("--province")["indicators"]
    assert [c["indicators"] for c in data["communes"]] == [
        c["indicators"] for c in command_json("--province")["communes"]
    ]


@pytest.mark.parametrize("path", ["/tinh/", "/tinh/chi-so.json", "/tinh/chi-so.xlsx"])
def test_a_communes_officer_is_refused_the_province(province, officer, login, path):
    assert login(officer).get(path).status_code == 403


def test_the_excel_table_has_a_row_per_commune_and_the_totals_are_sums(province, tinh, login):
    response = login(tinh).get("/tinh/chi-so.xlsx?year=2024")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    header, communes, total = rows[0], rows[1:-1], rows[-1]
    assert [r[1] for r in communes] == ["Thị trấn Cao Lộc", "Xã Hòa Bình"]
    assert total[1] == "Toàn tỉnh"
    for column, title in enumerate(header):
        if title.endswith(" đạt") or title.endswith(" tổng"):
            assert total[column] == sum(r[column] for r in communes), title
    gdvh = header.index("GĐVH (%)")
    assert total[gdvh] == 95.0  # (9 + 29) / (10 + 30), not the mean of the two rates
    assert header[-5:] == (
        "Số khu dân cư",
        "Đã họp bình xét",
        "Số liệu đã duyệt",
        "Quyết định tặng danh hiệu",
        "Đã chốt số liệu",
    )
    assert total[-5] == 14


def test_the_province_table_in_text_names_every_commune_and_the_total(province):
    out = io.StringIO()
    call_command("indicators", "--province", stdout=out)  # no --year: the working year of the plans
    text = out.getvalue()
    assert "Kết quả thực hiện chỉ tiêu năm 2024 — tỉnh Lạng Sơn" in text
    assert "Thị trấn Cao Lộc" in text and "Xã Hòa Bình" in text
    assert "Toàn tỉnh" in text and "95,00\u00a0%" in text  # GĐVH: 38/40


def test_the_menu_leads_the_province_to_its_page_and_no_one_else(province, tinh, officer, login):
    link = f'href="{reverse("reports:province")}"'
    assert link in login(tinh).get(reverse("home")).content.decode()
    assert link not in login(officer).get(reverse("home")).content.decode()


def test_a_communes_dashboard_leads_the_province_back_to_its_table_on_the_same_year(province, tinh, officer, login):
    back = f'<a href="{reverse("reports:province")}?year=2024">Toàn tỉnh</a>'
    assert back in login(tinh).get(reverse("home") + "?year=2024").content.decode()
    assert 'id="province-crumb"' not in login(officer).get(reverse("home")).content.decode()
