"""One rule for the year (issue 11, item 6): after copying plans ahead, the dashboard
showed 2027 while /ho/ showed 2026. Every page, export and command now asks working_year(),
and a page that shows a year takes another with ?year=."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.models import Plan
from campaigns.selectors import BadYear, working_year, working_year_among, year_from_request
from households.models import Commune

pytestmark = pytest.mark.django_db

DECEMBER = datetime.date(2026, 12, 1)  # the 2027 plan is drafted, the season is still 2026's


@pytest.fixture
def december(monkeypatch):
    """Pages ask django.utils.timezone for today: hold it at 1 December 2026."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return DECEMBER if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return DECEMBER


@pytest.fixture
def plans_ahead(plan, officer):
    """2024's plan copied to 2025, 2026 and 2027, the way the officer does it."""
    for _ in range(3):
        plan = services.plan_copy_to_next_year(plan=plan, by=officer)
    assert sorted(Plan.objects.values_list("year", flat=True)) == [2024, 2025, 2026, 2027]
    return plan


# -- the rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "today", "expected"),
    [
        ([], DECEMBER, 2026),  # no plan yet: the calendar year
        ([2024], DECEMBER, 2024),  # behind: its latest plan, not an empty year
        ([2024, 2025, 2026, 2027], DECEMBER, 2026),  # next year's plan, drafted in December, waits
        ([2024, 2025, 2026, 2027], datetime.date(2027, 1, 2), 2027),  # ...for January
        ([2027], DECEMBER, 2027),  # only a plan ahead: that one
        ([2025, 2027], datetime.date(2026, 6, 1), 2025),  # a year with no plan: the latest before it
    ],
)
def test_the_rule(years, today, expected):
    assert working_year_among(years, today) == expected


def test_the_rule_on_the_database_for_each_commune(plans_ahead):
    assert working_year(today=DECEMBER) == 2026
    assert working_year(today=datetime.date(2027, 1, 2)) == 2027
    other = Commune.objects.create(
        name="Xã Hợp Thành",
        kind="xa",
        province="Lạng Sơn",
        place_name="Hợp Thành",
        people_committee="UBND XÃ HỢP THÀNH",
        steering_committee="BAN CHỈ ĐẠO",
    )
    assert working_year(commune=other, today=DECEMBER) == 2026  # no plan: the calendar
    Plan.objects.create(commune=other, year=2025, title="Kế hoạch 2025")
    assert working_year(other, DECEMBER) == 2025  # its own plans, not this commune's
    assert working_year(today=DECEMBER) == 2026


@pytest.mark.parametrize(
    ("query", "any_year", "expected"),
    [
        ({}, False, 2026),
        ({"year": ""}, False, 2026),
        ({"year": "2025"}, False, 2025),
        ({"year": "2019"}, False, 2026),  # well-formed but no plan: the working year
        ({"year": "2019"}, True, 2019),  # a page of recorded titles takes any sane year
    ],
)
def test_year_from_request(query, any_year, expected):
    request = RequestFactory().get("/", query)
    choice = year_from_request(request, years=[2027, 2026, 2025, 2024], any_year=any_year, today=DECEMBER)
    assert (choice.year, choice.working) == (expected, 2026)


@pytest.mark.parametrize("value", ["abc", "99999", "1999", "2101", "-2025", "٢٠٢٥", "2025.0"])
def test_a_value_that_is_no_year_is_refused(value):
    with pytest.raises(BadYear, match="Năm không hợp lệ"):
        year_from_request(RequestFactory().get("/", {"year": value}), years=[2024], any_year=True)


def test_the_picker_carries_the_other_parameters_but_not_the_page():
    request = RequestFactory().get("/", {"block": ["1", "2"], "page": "3", "year": "2025", "q": "Nguyễn"})
    choice = year_from_request(request, years=[2026, 2025], today=DECEMBER)
    assert choice.hidden == [("block", "1"), ("block", "2"), ("q", "Nguyễn")]
    assert choice.query == "?year=2025" and choice.picked


# -- the bug, on the pages -----------------------------------------------------------

PAGES = {
    "home": "Chỉ tiêu năm {year} – Thị trấn Cao Lộc",
    "households:list": "Cột GĐVH: năm {year}.",
    "recognition:meetings": "Bình xét Gia đình văn hóa năm {year}",
    "recognition:titles": "Danh hiệu văn hóa năm {year}",
    "reports:due": "Việc cần làm năm {year}",
}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_shows_the_working_year_not_the_plan_drafted_ahead(name, plans_ahead, december, officer, login):
    client = login(officer)
    html = client.get(reverse(name)).content.decode()
    assert PAGES[name].format(year=2026) in html
    assert 'name="year"' in html and '<option value="2026" selected>2026 (năm làm việc)</option>' in html
    assert '<option value="2027">2027</option>' in html  # the year ahead can still be looked at

    html = client.get(reverse(name), {"year": "2025"}).content.decode()
    assert PAGES[name].format(year=2025) in html and '<option value="2025" selected>' in html


@pytest.mark.parametrize("name", PAGES)
def test_a_year_that_is_no_year_is_a_400_in_vietnamese(name, plans_ahead, december, officer, login):
    response = login(officer).get(reverse(name), {"year": "abc"})
    assert response.status_code == 400
    assert "Năm không hợp lệ: “abc”. Hãy chọn năm từ 2000 đến 2100." in response.content.decode()


def test_the_chart_data_follows_the_same_rule(plans_ahead, december, officer, login):
    client = login(officer)
    assert client.get(reverse("history_json")).json()["years"][-1] == 2026
    assert client.get(reverse("history_json"), {"year": "2025"}).json()["years"][-1] == 2025
    response = client.get(reverse("history_json"), {"year": "99999"})
    assert response.status_code == 400 and response.json()["error"].startswith("Năm không hợp lệ")


def test_the_household_filter_keeps_the_year_and_the_picker_keeps_the_filter(
    plans_ahead, december, blocks, officer, login
):
    html = login(officer).get(reverse("households:list"), {"year": "2025", "block": blocks[0].pk}).content.decode()
    assert '<input type="hidden" name="year" value="2025">' in html  # in the filter form
    assert f'<input type="hidden" name="block" value="{blocks[0].pk}">' in html  # in the picker
    assert "Gia đình văn hóa năm 2025" in html  # the 'recognised this year' filter


def test_exports_follow_the_pages_year(plans_ahead, december, officer, login):
    client = login(officer)
    response = client.get(reverse("campaigns:organisations_export"), {"year": "2025"})
    assert response.status_code == 200 and "co-quan-don-vi-2025.xlsx" in response["Content-Disposition"]
    assert "co-quan-don-vi-2026.xlsx" in client.get(reverse("campaigns:organisations_export"))["Content-Disposition"]
    assert client.get(reverse("households:export"), {"year": "abc"}).status_code == 400


def test_the_block_meeting_page_opens_the_chosen_years_meeting(plans_ahead, december, blocks, khoi1, login):
    client = login(khoi1)
    url = reverse("recognition:block", args=[blocks[0].pk])
    assert "Họp bình xét Khối 1 năm 2026" in client.get(url).content.decode()
    assert "Họp bình xét Khối 1 năm 2025" in client.get(url, {"year": "2025"}).content.decode()
    assert f'href="{url}?year=2025"' in client.get(reverse("recognition:meetings"), {"year": "2025"}).content.decode()


def test_the_commands_default_to_the_working_year(plans_ahead, december, capsys):
    call_command("indicators", "--json")
    assert json.loads(capsys.readouterr().out)["year"] == 2026


def test_other_bad_requests_keep_their_details_private(client):
    response = client.get("/", HTTP_HOST="evil.example")  # a Host not allowed: Django's own 400
    assert response.status_code == 400
    html = response.content.decode()
    assert "Yêu cầu không hợp lệ." in html and "evil.example" not in html
