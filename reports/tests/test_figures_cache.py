"""The dashboard's figures and its year-over-year data are kept in Redis per data version
(reports.selectors.figures_of, year_over_year): read again without a change they cost no engine
query; any change of the record, through a page or not, is seen on the very next request; and a
khối trưởng still sees only their block from the commune-wide figures kept for everyone."""

import pytest
from django.urls import reverse

from campaigns.models import BlockFigures
from testing.factories import BlockFiguresFactory, FamilyRecognitionFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


def fill(block, n, year=2024):
    for household in HouseholdFactory.create_batch(n, block=block):
        FamilyRecognitionFactory(household=household, year=year, valid_until=year)


def test_read_again_the_dashboard_asks_no_engine_query(login, officer, blocks, django_assert_num_queries):
    client = login(officer)
    fill(blocks[0], 3)
    client.get(reverse("home"))
    # session, user, plans with their commune, the season's meetings, the commune's words for its
    # units (households.units): the engine's nine are kept
    with django_assert_num_queries(5):
        response = client.get(reverse("home"))
    assert "3/3" in response.content.decode()


def test_a_block_leader_reads_the_kept_figures_for_their_block_only(
    login, officer, khoi1, blocks, django_assert_num_queries
):
    fill(blocks[0], 2)
    fill(blocks[1], 5)
    login(officer).get(reverse("home"))  # the commune-wide figures are kept by the officer's visit
    client = login(khoi1)
    # as above, plus the blocks the leader may see
    with django_assert_num_queries(6):
        response = client.get(reverse("home"))
    view = response.context["view"]
    assert [b.block.pk for b in view.blocks] == [blocks[0].pk]
    assert view.rows[0].measure.numerator == 2 and view.rows[0].measure.denominator == 2


def test_a_household_added_is_counted_on_the_next_request(login, officer, blocks):
    client = login(officer)
    fill(blocks[0], 3)
    assert "3/3" in client.get(reverse("home")).content.decode()
    HouseholdFactory(block=blocks[0])  # saved outside any request
    assert "3/4" in client.get(reverse("home")).content.decode()
    form = {
        "block": blocks[0].pk,
        "code": "K01-NEW",
        "head_name": "Lý Văn Mới",
        "members": 3,
        "address": "",
        "moved_in_on": "2020-01-01",
    }
    assert client.post(reverse("households:create"), form).status_code == 302  # through the page
    assert "3/5" in client.get(reverse("home")).content.decode()


def test_a_figure_approved_is_counted_on_the_next_request(login, officer, blocks):
    client = login(officer)
    figures = BlockFiguresFactory(block=blocks[0], status=BlockFigures.Status.SUBMITTED)
    assert "0/10 khối có số liệu đã duyệt" in client.get(reverse("home")).content.decode()
    response = client.post(reverse("campaigns:figures_decide", args=[figures.pk, "duyet"]))
    assert response.status_code == 302
    html = client.get(reverse("home")).content.decode()
    assert "1/10 khối có số liệu đã duyệt" in html and "600/1.000" in html


def test_the_year_over_year_data_is_kept_and_follows_a_change(login, steering, blocks, django_assert_num_queries):
    client = login(steering)
    fill(blocks[0], 2, year=2023)
    first = client.get("/chi-tieu/lich-su.json", {"year": "2024"}).json()
    # session, user, plans: the history's queries are kept
    with django_assert_num_queries(3):
        again = client.get("/chi-tieu/lich-su.json", {"year": "2024"}).json()
    assert again == first
    gdvh = first["series"][0]["points"]
    assert [p["numerator"] for p in gdvh] == [0, 0, 2, 0]
    fill(blocks[1], 3, year=2023)
    gdvh = client.get("/chi-tieu/lich-su.json", {"year": "2024"}).json()["series"][0]["points"]
    assert [p["numerator"] for p in gdvh] == [0, 0, 5, 0]
