"""A person on a 360-pixel phone signs in and reads the year's targets."""

import pytest
from playwright.sync_api import expect

from testing.factories import FamilyRecognitionFactory, HouseholdFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_steering_member_signs_in_on_a_phone_and_reads_the_targets(live_server, page, steering, blocks):
    steering.set_password("mat-khau-thu")
    steering.save()
    for household in HouseholdFactory.create_batch(3, block=blocks[0]):
        FamilyRecognitionFactory(household=household)
    HouseholdFactory(block=blocks[0])

    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + "/dang-nhap/?next=/")
    page.get_by_label("Tên đăng nhập").fill("bcd")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Chỉ tiêu năm 2024 – Thị trấn Cao Lộc")
    gdvh = page.locator('#targets tr[data-code="GDVH"]')
    expect(gdvh).to_contain_text("3/4")
    expect(gdvh).to_contain_text("75,00 %")
    expect(gdvh).to_contain_text("chưa đạt, cần thêm 1 hộ")
    # Nothing spills sideways on a phone: the page is no wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The menu folds behind the toggler and opens.
    page.get_by_label("Mở menu").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
