"""The demo tells a true story: a new user carries one block of the demo season from its
meeting to the chairman's decision in the browser, and the dashboard moves."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conftest import answer_confirm
from households.models import Block
from recognition.models import Decision, Meeting, MeetingResult, Recognition
from recognition.tests.test_e2e_meeting import hold_meeting

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def gdvh_cell(page):
    return page.locator('#targets tr[data-code="GDVH"] td').nth(2)


def test_the_demo_season_finished_end_to_end(settings, plan, browser, live_server):
    settings.DEBUG = True  # seed_demo refuses otherwise
    call_command("seed_demo", "--households-per-block", "6")
    block = Block.objects.get(number=7)
    living = block.households.filter(moved_out_on__isnull=True).count()
    before = Recognition.objects.filter(year=2024, title="GDVH").count()

    def sign_in(username, width=360):
        page = browser.new_context(viewport={"width": width, "height": 740}).new_page()
        page.goto(live_server.url + "/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill("vanhoa2024")
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(live_server.url + "/")
        return page

    # The steering committee sees where the season stands.
    bcd = sign_in("bcd", width=1200)
    expect(bcd.locator('[data-season="decided"]')).to_have_text("3/10 khối")
    expect(gdvh_cell(bcd)).to_contain_text(f"{before}/")

    # Khối 7 has not met: its khối trưởng holds the meeting on a phone.
    khoi = sign_in("khoi7")
    khoi.goto(live_server.url + "/binh-xet/")
    expect(khoi.locator("#meetings")).to_contain_text("Chưa họp")
    khoi.get_by_role("link", name="Khối 7").click()
    expect(khoi.locator("#titles-held")).to_have_count(0)  # nothing recorded for 2024 in the demo
    hold_meeting(khoi, "Nhà văn hóa Khối 7")
    rows = khoi.locator("[data-household]")
    expect(rows).to_have_count(living)
    for i in range(living):
        rows.nth(i).get_by_role("button", name="Tất cả").click()
        expect(rows.nth(i).locator("[data-state]")).to_have_text("Đạt")
    expect(khoi.locator('[data-total="pending"]')).to_have_text("0")
    assert khoi.evaluate("document.documentElement.scrollWidth") <= 360
    khoi.get_by_label("Ngày bắt đầu niêm yết").fill("2024-11-21")
    khoi.get_by_role("button", name="Niêm yết").click()
    answer_confirm(khoi, "Niêm yết")
    expect(khoi.locator(".alert-success")).to_contain_text("Đã niêm yết danh sách.")
    khoi.get_by_role("button", name="Gửi hồ sơ lên UBND").click()
    answer_confirm(khoi, "Gửi hồ sơ")
    expect(khoi.locator("#meeting-status")).to_have_text("Đã gửi hồ sơ")

    # The officer finds the dossier complete.
    officer = sign_in("canbo", width=1200)
    meeting = Meeting.objects.get(block=block, year=2024)
    officer.goto(f"{live_server.url}/binh-xet/{meeting.pk}/")
    officer.get_by_role("button", name="Hồ sơ đầy đủ: chuyển Chủ tịch ký").click()
    answer_confirm(officer, "Chuyển Chủ tịch ký")
    expect(officer.locator("#meeting-status")).to_have_text("Đã kiểm tra, chờ quyết định")

    # The chairman records the decision: only Khối 7 is ready (4 to 6 are still posted).
    chair = sign_in("chutich", width=1200)
    chair.goto(live_server.url + "/quyet-dinh/moi/")
    expect(chair.locator('input[name="meetings"]')).to_have_count(1)
    chair.get_by_label("Số quyết định").fill("1.201")  # typed the Vietnamese way
    chair.get_by_label("Ngày ký").fill("2024-12-05")
    chair.locator("#id_signer_name").fill("Lê Thanh Hải")
    chair.get_by_role("button", name="Ghi nhận quyết định").click()
    answer_confirm(chair, "Ký quyết định")
    expect(chair.locator(".alert-success")).to_contain_text("Đã ghi nhận quyết định 1201/QĐ-UBND")
    decision = Decision.objects.get(number=1201)
    passed = MeetingResult.objects.filter(meeting=meeting, passed=True).count()
    assert passed == living and decision.recognitions.count() == passed

    # The dashboard moved, in numbers.
    bcd.reload()
    expect(bcd.locator('[data-season="decided"]')).to_have_text("4/10 khối")
    expect(gdvh_cell(bcd)).to_contain_text(f"{before + passed}/")
    # The decision's page lists what it gave; its paper is the one stored.
    chair.goto(f"{live_server.url}/quyet-dinh/{decision.pk}/")
    expect(chair.locator("#titles tbody tr")).to_have_count(passed)

    # At the year's end the officer closes it (after a confirmation); the dashboard says so.
    officer.goto(live_server.url + "/")
    officer.get_by_role("button", name="Chốt số liệu năm 2024").click()
    answer_confirm(officer, "Hủy")
    expect(officer.locator("#closed")).to_have_count(0)  # cancelled: nothing closed
    officer.get_by_role("button", name="Chốt số liệu năm 2024").click()
    answer_confirm(officer, "Đồng ý")
    expect(officer.locator("#closed")).to_contain_text("Đã chốt số liệu")
    expect(gdvh_cell(officer)).to_contain_text(f"{before + passed}/")
