"""On a 360-pixel phone: a khối trưởng adds a household; the officer imports a file through the preview."""

import pytest
from playwright.sync_api import expect

from households.models import Household
from households.tests.sheets import row, xlsx

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_block_leader_adds_a_household_on_a_phone(sign_in, live_server, khoi1, blocks):
    page = sign_in(khoi1)
    page.get_by_label("Mở menu").click()
    page.get_by_role("link", name="Hộ gia đình").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hộ gia đình")
    assert fits_the_screen(page)
    page.get_by_role("link", name="Thêm hộ").click()

    expect(page.get_by_label("Khối phố")).to_have_value(str(blocks[0].pk))  # their only block, chosen already
    page.get_by_label("Mã hộ").fill("K01-500")
    page.get_by_label("Chủ hộ").fill("Hoàng Văn Tư")
    page.get_by_label("Địa chỉ").fill("Số 3, ngõ Chợ")
    page.get_by_label("Số nhân khẩu").fill("0")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".invalid-feedback")).to_contain_text('"0" nhỏ quá: tối thiểu 1.')
    assert not Household.objects.exists()

    page.get_by_label("Số nhân khẩu").fill("4")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hoàng Văn Tư")
    expect(page.locator(".alert-success")).to_contain_text("Đã thêm hộ K01-500")
    assert fits_the_screen(page)
    household = Household.objects.get()
    assert (household.block, household.members, household.history.get().history_user) == (blocks[0], 4, khoi1)

    # The search finds it without accents.
    page.goto(live_server.url + "/ho/?q=hoang+van+tu")
    expect(page.locator("#households tbody tr")).to_have_count(1)


def test_the_officer_imports_a_file_through_the_preview(sign_in, live_server, officer, blocks, tmp_path):
    path = tmp_path / "danh-sach-ho.xlsx"
    path.write_bytes(xlsx([row(years="2023, 2024"), row(code="K02-001", block="khối 2", head="Lý Thị Hà")]).getvalue())
    page = sign_in(officer)
    page.goto(live_server.url + "/ho/nhap/")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()

    expect(page.locator('[data-count="new"]')).to_have_text("2")
    expect(page.locator('[data-count="recognitions"]')).to_have_text("2")
    expect(page.locator("#import-new")).to_contain_text("Lý Thị Hà")
    assert not Household.objects.exists()
    assert fits_the_screen(page)

    page.get_by_role("button", name="Xác nhận nhập 2 dòng").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã nhập xong 2 dòng.")
    assert Household.objects.count() == 2
