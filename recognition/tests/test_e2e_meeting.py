"""A khối trưởng runs the meeting on a 360-pixel phone, through a dropped connection;
the officer checks the dossier and the chairman records the decision."""

import pytest
from playwright.sync_api import expect

from conftest import answer_confirm
from recognition import services
from recognition.models import Meeting, MeetingResult, Recognition
from testing.factories import HouseholdFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def hold_meeting(page, place: str, invited: str = "40", present: str = "30") -> None:
    """The khối trưởng fills the meeting form on its page and starts entering results."""
    page.get_by_label("Thời gian họp").fill("2024-11-20T19:30")
    page.get_by_label("Địa điểm").fill(place)
    page.get_by_label("Chủ trì").fill("Hoàng Văn Minh")
    page.get_by_label("Thư ký").fill("Lý Thị Hoa")
    page.get_by_label("Số người được mời").fill(invited)
    page.get_by_label("Số người có mặt").fill(present)
    page.get_by_role("button", name="Bắt đầu nhập kết quả").click()


def test_one_blocks_year_in_the_browser(sign_in, live_server, browser, khoi1, officer, chairman, blocks):
    families = [
        HouseholdFactory(block=blocks[0], code=f"K01-00{i}", head_name=name)
        for i, name in enumerate(["Hoàng Văn An", "Lý Thị Bình", "Nông Văn Cường"], start=1)
    ]
    page = sign_in(khoi1)
    page.goto(live_server.url + "/binh-xet/")
    page.get_by_role("link", name="Khối 1").click()
    hold_meeting(page, "Nhà văn hóa Khối 1")
    expect(page.locator("#rule")).to_contain_text("cần ít nhất 16 phiếu tán thành")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    rows = {h.code: page.locator(f'[data-household="{h.pk}"]') for h in families}
    rows["K01-001"].get_by_role("button", name="Tất cả").click()
    expect(rows["K01-001"].locator("[data-state]")).to_have_text("Đạt")
    expect(page.locator('[data-total="passed"]')).to_have_text("1")

    # The connection drops mid-meeting: entries wait on the phone, then reach the server.
    page.context.set_offline(True)
    rows["K01-002"].locator("[data-agreed]").fill("12")
    rows["K01-002"].locator("[data-agreed]").press("Tab")
    expect(page.locator("#sync-state")).to_contain_text("Mất kết nối")
    assert not MeetingResult.objects.filter(household=families[1]).exists()
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(rows["K01-002"].locator("[data-state]")).to_have_text("Không đạt")
    assert MeetingResult.objects.get(household=families[1]).agreed == 12

    rows["K01-003"].locator("[data-agreed]").fill("31")
    rows["K01-003"].locator("[data-agreed]").press("Tab")
    expect(page.locator("#sheet-error")).to_contain_text("không thể nhiều hơn số người có mặt (30)")
    rows["K01-003"].locator("[data-agreed]").fill("22")
    rows["K01-003"].locator("[data-agreed]").press("Tab")
    expect(page.locator('[data-total="pending"]')).to_have_text("0")

    page.get_by_label("Ngày bắt đầu niêm yết").fill("2024-11-21")
    page.get_by_role("button", name="Niêm yết").click()
    assert answer_confirm(page, "Niêm yết") == (
        "Niêm yết danh sách đề nghị từ ngày 21/11/2024: 2 hộ đạt, 1 hộ không đạt? Sau khi niêm yết, "
        "kết quả bình xét không sửa được nữa (trừ khi hồ sơ bị trả lại)."
    )
    expect(page.locator(".alert-success")).to_contain_text("Đã niêm yết danh sách.")
    page.get_by_role("button", name="Gửi hồ sơ lên UBND").click()
    answer_confirm(page, "Gửi hồ sơ")
    expect(page.locator("#meeting-status")).to_have_text("Đã gửi hồ sơ")

    meeting = Meeting.objects.get()
    services.meeting_check(meeting=meeting, by=officer)
    chair = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    chairman.set_password("mat-khau-thu")
    chairman.position = "chairman"  # the form signs as the profile says
    chairman.save()
    chair.goto(live_server.url + "/dang-nhap/?next=/quyet-dinh/moi/")
    chair.get_by_label("Tên đăng nhập").fill("chutich")
    chair.get_by_label("Mật khẩu").fill("mat-khau-thu")
    chair.get_by_role("button", name="Đăng nhập").click()
    chair.get_by_label("Số quyết định").fill("15")
    chair.get_by_label("Ngày ký").fill("2024-12-02")
    chair.locator("#id_signer_name").fill("Lê Thanh Hải")
    chair.get_by_role("button", name="Ghi nhận quyết định").click()
    assert answer_confirm(chair, "Ký quyết định") == (
        "Ký quyết định tặng danh hiệu Gia đình văn hóa năm 2024 cho 2 hộ của 1 khối? Quyết định đã ghi không sửa được."
    )
    expect(chair.locator(".alert-success")).to_contain_text("Đã ghi nhận quyết định 15/QĐ-UBND")
    assert set(Recognition.objects.values_list("household__code", flat=True)) == {"K01-001", "K01-003"}
