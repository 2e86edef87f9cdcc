"""Work finds its person, in the browser (issue 14, item 4): the khối trưởng sends the dossier
from a phone, the officer's bell says 1 and the dossier waits in "Việc cần làm"; the officer
opens it from the bell and returns it; the khối trưởng is told on the phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import answer_confirm, sign_in_on
from recognition import services
from recognition.models import Meeting
from testing.factories import HouseholdFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/shots-i14-notify"


def posted_meeting(block, khoi):
    meeting, _ = services.meeting_open(
        block=block,
        year=2024,
        by=khoi,
        held_at=timezone.make_aware(datetime.datetime(2024, 11, 10, 19, 30)),
        place="Nhà văn hóa Khối 1",
        chair="Hoàng Văn Minh",
        secretary="Lý Thị Hoa",
        invited=40,
        present=30,
    )
    for household in HouseholdFactory.create_batch(3, block=block):
        services.meeting_result_record(meeting=meeting, household=household, agreed=25, by=khoi)
    services.meeting_post(meeting=meeting, starts_on=datetime.date(2024, 11, 11), by=khoi)  # ended 20/11
    return meeting


def test_the_dossier_finds_the_officer_and_comes_back_to_the_block(browser, live_server, plan, blocks, khoi1, officer):
    meeting = posted_meeting(blocks[0], khoi1)
    meeting_url = f"{live_server.url}/binh-xet/{meeting.pk}/"

    def sign_in(user, width):
        page = browser.new_context(viewport={"width": width, "height": 740}, locale="vi-VN").new_page()
        return sign_in_on(page, live_server.url, user)

    # The khối trưởng, on a phone, finds the dossier to send in "Việc cần làm" and sends it.
    khoi = sign_in(khoi1, 360)
    bell = khoi.locator("#bell")
    expect(bell).to_be_visible()  # outside the folded menu: seen without opening it
    expect(bell.locator("[data-unread]")).to_be_hidden()  # posting it told the officer, not the block
    khoi.goto(live_server.url + "/viec-can-lam/?year=2024")
    khoi.get_by_role("link", name="Khối 1: đã hết niêm yết ngày 20/11/2024, gửi hồ sơ bình xét lên UBND").click()
    khoi.wait_for_url(meeting_url)
    khoi.get_by_role("button", name="Gửi hồ sơ lên UBND").click()
    assert answer_confirm(khoi, "Gửi hồ sơ").startswith("Gửi hồ sơ bình xét năm 2024 của Khối 1 lên UBND: 3 hộ")
    expect(khoi.locator("#meeting-status")).to_have_text("Đã gửi hồ sơ")
    assert khoi.evaluate("document.documentElement.scrollWidth") <= 360

    # The officer signs in: the bell counts the meeting posted and the dossier sent.
    office = sign_in(officer, 1366)
    count = office.locator("#bell [data-unread]")
    expect(count).to_have_text("2")
    expect(office.locator("#bell")).to_have_attribute("aria-label", "2 thông báo chưa đọc")
    office.screenshot(path=f"{SHOTS}/officer-bell-1366.png")
    office.goto(live_server.url + "/viec-can-lam/?year=2024")
    expect(office.locator("#due")).to_contain_text("Hồ sơ bình xét đã gửi, chờ kiểm tra: Khối 1")
    office.locator("#bell").click()
    office.wait_for_url(live_server.url + "/thong-bao/")
    items = office.locator("#notifications [data-notification]")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("Khối 1 đã gửi hồ sơ bình xét năm 2024, chờ kiểm tra")
    expect(items.nth(1)).to_contain_text("Khối 1 đã họp bình xét năm 2024 và niêm yết danh sách từ 11/11/2024")
    office.screenshot(path=f"{SHOTS}/officer-notifications-1366.png", full_page=True)
    items.nth(0).get_by_role("button").click()  # one click: read, and the dossier opens
    office.wait_for_url(meeting_url)
    expect(office.locator("#bell [data-unread]")).to_have_text("1")
    returning = office.locator(f'form[action="/binh-xet/{meeting.pk}/tra-lai/"]')
    returning.get_by_label("Lý do").fill("Thiếu chữ ký của thư ký trong biên bản")
    returning.get_by_role("button", name="Trả lại hồ sơ").click()
    expect(office.locator("#meeting-status")).to_have_text("Bị trả lại")

    # Back on the phone: the bell says 1; the list and "Việc cần làm" say why.
    khoi.goto(live_server.url + "/")
    expect(khoi.locator("#bell [data-unread]")).to_have_text("1")
    khoi.screenshot(path=f"{SHOTS}/khoi-bell-360.png")
    khoi.locator("#bell").click()
    returned = "Hồ sơ bình xét năm 2024 của Khối 1 bị trả lại: Thiếu chữ ký của thư ký trong biên bản"
    expect(khoi.locator("#notifications")).to_contain_text(returned)
    expect(khoi.locator('[data-notification="unread"]')).to_have_count(1)
    assert khoi.evaluate("document.documentElement.scrollWidth") <= 360
    khoi.screenshot(path=f"{SHOTS}/khoi-notifications-360.png", full_page=True)
    khoi.get_by_role("button", name="Đánh dấu tất cả đã đọc").click()
    expect(khoi.locator('[data-notification="unread"]')).to_have_count(0)
    expect(khoi.locator("#bell [data-unread]")).to_be_hidden()
    khoi.goto(live_server.url + "/viec-can-lam/?year=2024")
    late = khoi.locator(
        "#due a", has_text=returned.replace("Hồ sơ bình xét năm 2024 của Khối 1", "Khối 1: hồ sơ bình xét năm 2024")
    )
    expect(late).to_contain_text("Quá hạn")  # past the meeting deadline of 25/11/2024
    khoi.screenshot(path=f"{SHOTS}/khoi-due-360.png", full_page=True)
    late.click()
    khoi.wait_for_url(meeting_url)
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.RETURNED
