"""The household list writes its rows itself (HouseholdTable.body, for speed): the same markup as
django-tables2's own loop, for every kind of cell, as a commune role and as a khối trưởng."""

import datetime
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django_tables2 import RequestConfig

from caolocculture.permissions import Action, blocks_for, can
from households.selectors import households_for
from households.tables import HouseholdTable
from recognition.selectors import households_with_titles
from testing.factories import FamilyRecognitionFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


def tbody(html: str) -> str:
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", html, re.S).group(1)
    return re.sub(r">\s+<", "><", body).strip()


def both_ways(user, query: str = "") -> tuple[str, str]:
    """The table's body as the page writes it, and as django-tables2's own template would."""
    request = RequestFactory().get("/ho/", {"q": query} if query else {})
    request.user = user
    rendered = []
    for template in ("households/household_table.html", "tables/table.html"):
        table = HouseholdTable(
            households_with_titles(households_for(user), 2024).order_by("block__number", "code"),
            exclude=() if can(user, Action.VIEW_COMMUNE) else ("block",),
            search=query,
            template_name=template,
        )
        RequestConfig(request, paginate={"per_page": 50}).configure(table)
        rendered.append(tbody(table.as_html(request)))
    return rendered[0], rendered[1]


@pytest.fixture
def households(blocks):
    made = [
        HouseholdFactory(block=blocks[0], code="K01-001", head_name="Nguyễn Văn <Đức>", address="Số 5, Hùng Vương"),
        HouseholdFactory(block=blocks[0], code="K01-002", head_name="Lý Thị Hoa", address=""),
        HouseholdFactory(block=blocks[1], code="K02-001", head_name="Hoàng Văn Nam", members=7),
        HouseholdFactory(block=blocks[0], code="K01-003", moved_out_on=datetime.date(2024, 3, 1)),
    ]
    FamilyRecognitionFactory(household=made[0])
    return made


@pytest.mark.parametrize("query", ["", "hung vuong"])
def test_the_rows_are_django_tables2s_own(officer, khoi1, plan, households, query):
    for user in (officer, khoi1):
        fast, own = both_ways(user, query)
        assert fast == own
        assert fast.count("<tr") == len([h for h in households if h.block in blocks_for(user)])
    fast, _own = both_ways(officer, "hung vuong")
    assert "&lt;Đức&gt;" in fast and "matched" in fast  # escaped, and the address match shown


def test_an_empty_list_says_so(login, khoi1, plan):
    html = login(khoi1).get(reverse("households:list")).content.decode()
    assert "Không có hộ nào." in tbody(html)


def test_without_paging_every_row_is_written(officer, plan, households):
    table = HouseholdTable(households_with_titles(households_for(officer), 2024).order_by("code"))
    assert str(table.body()).count("<tr") == len(households)
