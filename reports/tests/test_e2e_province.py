"""The province (Sở VHTTDL) in Chromium, on a 360-px phone and a 1366-px screen: its table with
the numbers written out and how fresh each row is, the "chưa đạt" filter, the drill into one
commune's dashboard and blocks, read-only; and the bar's menu button at the right edge whenever
the bar is folded."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from caolocculture.models import Role
from conftest import sign_in_on
from households.models import Block
from reports.services import rollups_refresh
from reports.tests.test_province import households, second_commune
from testing.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots-i16-province"))
SCREENS = {"phone": (360, 740), "desk": (1366, 768)}


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


@pytest.fixture
def province(plan):
    """Cao Lộc meets GĐVH (10 of 10 households); Hòa Bình does not (20 of 30: 66,67 %)."""
    cao_loc = plan.commune
    hoa_binh = second_commune()
    households(Block.objects.filter(commune=cao_loc).order_by("number")[0], 10, 10, figures=(100, 70))
    households(Block.objects.filter(commune=hoa_binh).order_by("number")[0], 30, 20)
    # Rolled up as the deployment does before the first view: with a broker, a stale row would
    # be shown as it was ("đang cập nhật") until a worker refreshes it.
    rollups_refresh(communes=[cao_loc, hoa_binh], year=2024)
    return cao_loc, hoa_binh


@pytest.fixture
def tinh(db):
    return UserFactory(username="tinh", role=Role.PROVINCE)


def on_screen(browser, live_server, user, screen):
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    return sign_in_on(context.new_page(), live_server.url, user)


@pytest.mark.parametrize("screen", ["phone", "desk"])
def test_the_province_reads_its_table_filters_it_and_drills_into_a_commune(
    live_server, browser, province, tinh, screen
):
    cao_loc, hoa_binh = province
    page = on_screen(browser, live_server, tinh, screen)
    page.goto(live_server.url + "/tinh/?year=2024")
    table = page.locator("#province-table")
    cao_loc_gdvh = table.locator(f'tr[data-commune="{cao_loc.pk}"] td[data-code="GDVH"]')
    hoa_binh_row = table.locator(f'tr[data-commune="{hoa_binh.pk}"]')
    # The numbers are written out, not left to the cell's colour.
    expect(cao_loc_gdvh).to_contain_text("100,00 %")
    expect(cao_loc_gdvh).to_contain_text("(10/10)")
    expect(cao_loc_gdvh).to_contain_text("đạt")
    expect(hoa_binh_row.locator('td[data-code="GDVH"]')).to_contain_text("66,67 % (20/30)")
    expect(hoa_binh_row.locator('td[data-code="GDVH"]')).to_contain_text("chưa đạt, cần thêm 10 hộ")
    expect(hoa_binh_row.locator("[data-fresh]")).to_contain_text("Số liệu cập nhật lúc")
    expect(page.locator('#province-totals td[data-code="GDVH"]')).to_contain_text("75,00 % (30/40)")
    # Only the table scrolls sideways on a phone, never the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen][0]
    shot(page, f"province-{screen}")

    page.get_by_label("Chỉ hiện đơn vị chưa đạt").select_option("GDVH")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("#filter-note")).to_have_text("1 đơn vị chưa đạt GDVH.")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(hoa_binh_row).to_be_visible()
    shot(page, f"province-chua-dat-{screen}")

    hoa_binh_row.get_by_role("link", name="Xã Hòa Bình").click()
    expect(page).to_have_url(live_server.url + "/?year=2024")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chỉ tiêu năm 2024 – Xã Hòa Bình")
    expect(page.locator("#province-crumb")).to_have_text("Toàn tỉnh Xã Hòa Bình", use_inner_text=True)
    expect(page.locator('#targets tr[data-code="GDVH"]')).to_contain_text("20/30")
    # Read-only: nothing on the commune's pages writes.
    expect(page.locator("main form[method=post]")).to_have_count(0)
    expect(page.get_by_role("button", name="Chốt số liệu năm 2024")).to_have_count(0)
    shot(page, f"province-commune-{screen}")
    page.locator("#province-crumb").get_by_role("link", name="Toàn tỉnh").click()
    expect(page.locator("#filter-note")).to_have_count(0)
    expect(table.locator("tbody tr")).to_have_count(2)
    page.goto(live_server.url + "/khoi-pho/")
    expect(page.locator("main")).to_contain_text("Thôn 1")
    expect(page.locator("main")).not_to_contain_text("Khối 1")
    expect(page.locator("main form[method=post]")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen][0]
    page.context.close()


@pytest.mark.parametrize("screen", ["phone", "desk"])
def test_the_provinces_folded_bar_keeps_its_menu_button_at_the_right(live_server, browser, province, tinh, screen):
    """The province's bar folds below 1400 px (the commune switch does not fit on one line at
    1366); folded, the bell and the menu button sit at the right edge, on the brand's line."""
    width = SCREENS[screen][0]
    page = on_screen(browser, live_server, tinh, screen)
    page.goto(live_server.url + "/tinh/")
    toggler = page.get_by_label("Mở menu")
    expect(toggler).to_be_visible()
    brand, bell, button = (
        page.locator(".navbar-brand").bounding_box(),
        page.locator("#bell").bounding_box(),
        toggler.bounding_box(),
    )
    shot(page, f"bar-{screen}")
    assert width - 16 <= button["x"] + button["width"] <= width, button  # the container's padding only
    assert brand["x"] + brand["width"] < bell["x"] < bell["x"] + bell["width"] < button["x"], (brand, bell, button)
    assert abs((bell["y"] + bell["height"] / 2) - (button["y"] + button["height"] / 2)) <= 4
    assert page.locator("nav.navbar").bounding_box()["height"] < 64
    # Opened, the switch is there and takes the province to another commune.
    toggler.click()
    page.get_by_label("Xã đang xem").select_option(label="Xã Hòa Bình")
    # The page is /tinh/ already: wait for the switch's own answer, not for an address it has.
    with page.expect_navigation():
        page.locator("#commune-switch").get_by_role("button", name="Xem").click()
    expect(page).to_have_url(live_server.url + "/tinh/")
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chỉ tiêu năm 2024 – Xã Hòa Bình")
    page.context.close()


def test_an_officers_bar_folded_on_a_tablet_keeps_its_menu_button_at_the_right(live_server, browser, officer, plan):
    """The same rule for the commune's bar, which folds below 1200 px."""
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="vi-VN")
    page = sign_in_on(context.new_page(), live_server.url, officer)
    button = page.get_by_label("Mở menu").bounding_box()
    assert 1024 - 16 <= button["x"] + button["width"] <= 1024, button
    assert page.locator("#bell").bounding_box()["x"] < button["x"]
    context.close()


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/?xa=999999", "Không có xã, phường, thị trấn nào như đã chọn."),
        ("/?xa=abc", "Không có xã, phường, thị trấn nào như đã chọn."),
        ("/tinh/?chua_dat=<script>alert(1)</script>", "<script>alert(1)"),
        ("/tinh/?sap_xep=xyz", "xyz"),
        ("/tinh/?year=1900", "1900"),
    ],
)
def test_careless_addresses_get_a_clear_400(live_server, page, province, tinh, path, says):
    sign_in_on(page, live_server.url, tinh)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = page.goto(live_server.url + path)
    assert response.status == 400
    expect(page.locator("main")).to_contain_text(says)  # shown as text, never run
    assert dialogs == []
