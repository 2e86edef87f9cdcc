"""A search that matched the address says so on a phone, where the address column folds away."""

import pytest
from django.urls import reverse

from testing.factories import HouseholdFactory

pytestmark = pytest.mark.django_db

LINE = '<div class="small text-muted fw-normal d-md-none matched">Địa chỉ: Số 5, đường Hùng Vương</div>'


@pytest.fixture
def duc(blocks):
    return HouseholdFactory(
        block=blocks[0], code="K01-001", head_name="Nguyễn Văn Đức", address="Số 5, đường Hùng Vương"
    )


def test_a_match_in_the_address_shows_the_address_under_the_name(login, khoi1, duc):
    html = login(khoi1).get(reverse("households:list"), {"q": "hung vuong"}).content.decode()
    assert html.count(LINE) == 1


@pytest.mark.parametrize("query", ["", "nguyen duc", "k01-001"])
def test_a_match_in_the_name_or_code_adds_nothing(login, khoi1, duc, query):
    html = login(khoi1).get(reverse("households:list"), {"q": query}).content.decode()
    assert "Nguyễn Văn Đức" in html and 'class="small text-muted fw-normal d-md-none matched"' not in html
