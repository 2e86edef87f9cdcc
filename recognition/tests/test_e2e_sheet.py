"""The meeting sheet as a khối trưởng uses it on a 360-pixel phone (issue 14): a 300-household
block entered with search, Enter and "the rest agreed"; entries made offline surviving a save
from another device, and a conflict on one household asked about; "Không xét" with the decree's
case, kept across a reload and printed in the minutes."""

import datetime
import os
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import answer_confirm, sign_in_on
from recognition import services
from recognition.models import Meeting, MeetingResult
from testing.factories import HouseholdFactory, NotAssessedCaseFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SHOTS_DIR", "/tmp/shots-i14-sheet")
GAMBLING = "Có thành viên bị xử phạt vi phạm hành chính về hành vi đánh bạc"
NAMES = ["Hoàng Văn", "Lý Thị", "Nông Văn", "Vi Thị", "Lương Văn", "Hà Thị", "Lục Văn", "Chu Thị"]


def shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png")


def open_meeting(block, khoi, present=45):
    meeting, _ = services.meeting_open(
        block=block,
        year=2024,
        by=khoi,
        held_at=timezone.make_aware(datetime.datetime(2024, 11, 20, 19, 30)),
        place="Nhà văn hóa Khối 1",
        chair="Hoàng Văn Minh",
        secretary="Lý Thị Hoa",
        invited=50,
        present=present,
    )
    return meeting


def second_device(browser, live_server, user):
    """Another phone, signed in as `user` (whose password sign_in has set)."""
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN").new_page()
    return sign_in_on(page, live_server.url, user)


def row(page, household):
    return page.locator(f'[data-household="{household.pk}"]')


def enter(page, household, value):
    box = row(page, household).locator("[data-agreed]")
    box.fill(str(value))
    box.press("Tab")


def test_a_300_household_block_with_search_and_the_rest_agreed(sign_in, live_server, khoi1, blocks):
    NotAssessedCaseFactory(text=GAMBLING)
    families = [
        HouseholdFactory(block=blocks[0], code=f"K01-{i:03d}", head_name=f"{NAMES[i % 8]} {i}") for i in range(1, 301)
    ]
    hue, next_after_hue = families[149], families[150]
    hue.head_name = "Trần Thị Huệ"
    hue.save()
    meeting = open_meeting(blocks[0], khoi1)
    page = sign_in(khoi1)
    page.goto(live_server.url + f"/binh-xet/{meeting.pk}/")
    expect(page.locator('[data-total="households"]')).to_have_text("300")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "sheet-300-top-360")

    # Search without accents, jump with Enter: the row's box has the focus, in view.
    page.get_by_label("Tìm hộ theo tên chủ hộ hoặc mã hộ").fill("tran thi hue")
    expect(page.locator("#search-results button")).to_have_text(["Trần Thị Huệ K01-150"])
    shot(page, "sheet-300-search-360")
    page.get_by_label("Tìm hộ theo tên chủ hộ hoặc mã hộ").press("Enter")
    box = row(page, hue).locator("[data-agreed]")
    expect(box).to_be_focused()
    expect(row(page, hue)).to_be_in_viewport()
    # Enter saves and moves on to the next household.
    box.fill("20")
    box.press("Enter")
    expect(row(page, next_after_hue).locator("[data-agreed]")).to_be_focused()
    expect(row(page, hue).locator("[data-state]")).to_have_text("Không đạt")
    page.keyboard.type("44")
    page.keyboard.press("Enter")
    expect(row(page, next_after_hue).locator("[data-state]")).to_have_text("Đạt")

    # By code, then a number bigger than the room: explained on the row itself.
    page.get_by_label("Tìm hộ theo tên chủ hộ hoặc mã hộ").fill("K01-007")
    page.locator("#search-results button").first.click()
    enter(page, families[6], 50)
    expect(row(page, families[6]).locator("[data-row-error]")).to_have_text(
        "Số người tán thành (50) không thể nhiều hơn số người có mặt (45)."
    )
    expect(row(page, families[6]).locator("[data-row-error]")).to_be_in_viewport()
    shot(page, "sheet-300-row-error-360")
    enter(page, families[6], 45)
    expect(row(page, families[6]).locator("[data-state]")).to_have_text("Đạt")
    expect(row(page, families[6]).locator("[data-row-error]")).to_have_text("")

    # One household is not assessed, on a ground of the decree.
    row(page, families[9]).get_by_role("button", name="Không xét").click()
    page.get_by_label("Trường hợp không xét (Nghị định 86/2023, Điều 6)").select_option(label=GAMBLING)
    page.get_by_role("button", name="Lưu: không xét").click()
    expect(row(page, families[9]).locator("[data-ground]")).to_have_text(f"Không xét – {GAMBLING}")
    expect(page.locator('[data-total="entered"]')).to_have_text("4")

    # The rest agreed: the confirmation says how many; one request writes them.
    page.get_by_role("button", name="Các hộ còn lại đều tán thành").click()
    expect(page.locator("#rest-body")).to_have_text(
        "Ghi 296 hộ chưa nhập là tán thành 45/45 (tất cả người dự họp). Các hộ đã nhập giữ nguyên."
    )
    shot(page, "sheet-300-confirm-360")
    page.get_by_role("button", name="Ghi 296 hộ").click()
    expect(page.locator("#sheet-error")).to_have_text("Đã ghi 296 hộ còn lại.")
    expect(page.locator('[data-total="entered"]')).to_have_text("300")
    expect(page.locator('[data-total="passed"]')).to_have_text("298")
    expect(page.locator('[data-total="failed"]')).to_have_text("1")
    expect(page.locator('[data-total="excluded"]')).to_have_text("1")
    expect(page.locator('[data-total="pending"]')).to_have_text("0")
    expect(page.locator("#sync-state")).to_have_text("Đã lưu")

    results = MeetingResult.objects.filter(meeting=meeting)
    assert results.count() == 300
    assert (results.filter(passed=True).count(), results.filter(excluded=True).get().case.text) == (298, GAMBLING)
    assert list(results.filter(passed=False, excluded=False).values_list("household__code", "agreed")) == [
        ("K01-150", 20)
    ]
    assert MeetingResult.history.filter(history_change_reason="Các hộ còn lại đều tán thành").count() == 296

    # The filter shows the one that failed; the totals stay in view at the top.
    page.locator('[data-filter="failed"]').click()
    expect(page.locator("[data-household]:visible")).to_have_count(1)
    expect(page.locator("[data-household]:visible")).to_contain_text("Trần Thị Huệ")
    page.mouse.wheel(0, 3000)
    expect(page.locator("#totals")).to_be_in_viewport()
    page.locator('[data-filter="failed"]').click()
    page.locator(f'[data-household="{families[200].pk}"]').scroll_into_view_if_needed()
    expect(page.locator("#totals")).to_be_in_viewport()
    shot(page, "sheet-300-scrolled-360")

    # After a reload the page says the same, from the server.
    page.reload()
    expect(page.locator('[data-total="passed"]')).to_have_text("298")
    expect(row(page, hue).locator("[data-state]")).to_have_text("Không đạt")


def test_entries_made_offline_survive_a_save_from_another_device(sign_in, browser, live_server, khoi1, blocks):
    families = [HouseholdFactory(block=blocks[0], code=f"K01-00{i}", head_name=f"Hộ số {i}") for i in range(1, 8)]
    meeting = open_meeting(blocks[0], khoi1)
    phone = sign_in(khoi1)
    phone.goto(live_server.url + f"/binh-xet/{meeting.pk}/")
    other = second_device(browser, live_server, khoi1)
    other.goto(live_server.url + f"/binh-xet/{meeting.pk}/")

    # Three results entered without a connection stay on the phone.
    phone.context.set_offline(True)
    for household, value in zip(families[:3], (30, 31, 10), strict=True):
        enter(phone, household, value)
    expect(phone.locator("#sync-state")).to_contain_text("Mất kết nối – 3 hộ chờ lưu")
    expect(row(phone, families[0]).locator("[data-state]")).to_have_text("Chưa lưu")
    assert not MeetingResult.objects.exists()

    # Meanwhile another device saves another household: the meeting's version moves on.
    enter(other, families[3], 40)
    expect(row(other, families[3]).locator("[data-state]")).to_have_text("Đạt")
    version = Meeting.objects.get().version

    # Back online: the server says the meeting changed; the phone re-reads it and sends all three.
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    expect(phone.locator("#sync-state")).to_have_text("Đã lưu")
    saved = dict(MeetingResult.objects.values_list("household__code", "agreed"))
    assert saved == {"K01-001": 30, "K01-002": 31, "K01-003": 10, "K01-004": 40}
    assert Meeting.objects.get().version == version + 3
    expect(row(phone, families[3]).locator("[data-agreed]")).to_have_value("40")  # the other's save shown
    expect(phone.locator('[data-total="entered"]')).to_have_text("4")

    # Now both change the same households: the phone asks, showing both values, and keeps the choice.
    phone.context.set_offline(True)
    enter(phone, families[4], 42)
    enter(phone, families[5], 20)
    enter(phone, families[0], 44)  # one the other device leaves alone
    enter(other, families[4], 40)
    enter(other, families[5], 25)
    expect(row(other, families[5]).locator("[data-state]")).to_have_text("Đạt")
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    question = row(phone, families[4]).locator("[data-conflict]")
    expect(question).to_contain_text("Máy khác đã lưu 40/45 tán thành, bạn nhập 42/45 tán thành.")
    expect(row(phone, families[5]).locator("[data-conflict]")).to_contain_text(
        "Máy khác đã lưu 25/45 tán thành, bạn nhập 20/45 tán thành."
    )
    expect(phone.locator("#sheet-error")).to_contain_text("2 hộ vừa được máy khác lưu khác với bạn nhập")
    expect(row(phone, families[0]).locator("[data-state]")).to_have_text("Đạt")
    shot(phone, "sheet-conflict-360")
    assert MeetingResult.objects.get(household=families[0]).agreed == 44  # not asked: re-applied
    assert MeetingResult.objects.get(household=families[4]).agreed == 40  # asked: nothing overwritten yet

    question.get_by_role("button", name="Giữ của bạn").click()
    expect(row(phone, families[4]).locator("[data-state]")).to_have_text("Đạt")
    expect(question).to_be_empty()
    row(phone, families[5]).get_by_role("button", name="Dùng của máy khác").click()
    expect(row(phone, families[5]).locator("[data-agreed]")).to_have_value("25")
    expect(phone.locator("#sync-state")).to_have_text("Đã lưu")
    saved = dict(MeetingResult.objects.values_list("household__code", "agreed"))
    assert (saved["K01-005"], saved["K01-006"]) == (42, 25)
    assert phone.evaluate(f"localStorage.getItem('meeting-{meeting.pk}-pending')") == "{}"


def test_not_assessed_with_the_decrees_case(sign_in, live_server, khoi1, blocks):
    NotAssessedCaseFactory(text=GAMBLING, order=6)
    NotAssessedCaseFactory(text="Khác", needs_detail=True, order=99)
    families = [HouseholdFactory(block=blocks[0], code=f"K01-00{i}", head_name=f"Hộ số {i}") for i in range(1, 4)]
    meeting = open_meeting(blocks[0], khoi1)
    page = sign_in(khoi1)
    page.goto(live_server.url + f"/binh-xet/{meeting.pk}/")

    row(page, families[1]).get_by_role("button", name="Không xét").click()
    page.get_by_role("button", name="Lưu: không xét").click()
    expect(row(page, families[1]).locator("[data-row-error]")).to_have_text("Chọn trường hợp không xét.")
    page.get_by_label("Trường hợp không xét (Nghị định 86/2023, Điều 6)").select_option(label="Khác")
    page.get_by_role("button", name="Lưu: không xét").click()
    expect(row(page, families[1]).locator("[data-row-error]")).to_have_text("Ghi rõ lý do không xét.")
    shot(page, "sheet-not-assessed-panel-360")
    page.get_by_label("Trường hợp không xét (Nghị định 86/2023, Điều 6)").select_option(label=GAMBLING)
    page.get_by_role("button", name="Lưu: không xét").click()
    expect(row(page, families[1]).locator("[data-state]")).to_have_text("Không xét")
    expect(page.locator("#sync-state")).to_have_text("Đã lưu")
    result = MeetingResult.objects.get()
    assert (result.excluded, result.agreed, result.case.text, result.passed) == (True, None, GAMBLING, False)

    page.reload()
    expect(row(page, families[1]).locator("[data-ground]")).to_have_text(f"Không xét – {GAMBLING}")
    expect(row(page, families[1]).locator("[data-agreed]")).to_have_value("")
    expect(page.locator('[data-total="excluded"]')).to_have_text("1")
    expect(page.locator('[data-total="failed"]')).to_have_text("0")
    shot(page, "sheet-not-assessed-360")

    pdf = page.request.get(live_server.url + f"/binh-xet/{meeting.pk}/bien-ban.pdf").body()
    minutes = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode().split()
    )
    assert f"Không xét – {GAMBLING}" in minutes
    assert "/45" not in minutes  # no count printed for a household not assessed


def test_the_officer_checks_the_dossier_from_the_top(browser, live_server, khoi1, officer, blocks):
    for i in range(1, 41):
        HouseholdFactory(block=blocks[0], code=f"K01-{i:03d}", head_name=f"Hộ số {i}")
    meeting = open_meeting(blocks[0], khoi1)
    services.meeting_results_complete(meeting=meeting, by=khoi1)
    services.meeting_post(meeting=meeting, starts_on=datetime.date(2024, 11, 21), by=khoi1)
    services.posting_comments_record(meeting=meeting, comments="Bà Hộ số 7 đề nghị ghi đúng tên chủ hộ.", by=khoi1)
    services.meeting_submit(meeting=meeting, by=khoi1)
    page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN").new_page()
    sign_in_on(page, live_server.url, officer)
    page.goto(live_server.url + f"/binh-xet/{meeting.pk}/")
    actions = page.locator("#dossier-actions")
    expect(actions).to_contain_text("Đề nghị xét tặng 40/40 hộ; không đạt 0; không xét 0.")
    expect(actions).to_contain_text("Bà Hộ số 7 đề nghị ghi đúng tên chủ hộ.")
    check = page.get_by_role("button", name="Hồ sơ đầy đủ: chuyển Chủ tịch ký")
    expect(check).to_be_in_viewport()  # no scrolling past 40 rows to find it
    expect(page.get_by_role("button", name="Trả lại hồ sơ")).to_be_visible()
    shot(page, "dossier-officer-1366")
    check.click()
    question = answer_confirm(page, "Chuyển Chủ tịch ký")
    assert question == "Xác nhận hồ sơ Khối 1 đầy đủ và chuyển Chủ tịch ký quyết định cho 40 hộ được đề nghị xét tặng?"
    expect(page.locator("#meeting-status")).to_have_text("Đã kiểm tra, chờ quyết định")
