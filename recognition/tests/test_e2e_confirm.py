"""In Chromium: an irreversible step asks first, saying what it will do with the numbers the
page holds; cancelling sends nothing. The chairman at 1366 px, the khối trưởng on a phone."""

import datetime
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import answer_confirm, sign_in_on
from recognition.models import Decision, Meeting
from recognition.tests.conftest import held

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots-i14-confirm"))


def shot(page, name: str, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    if not full_page:  # a dialog: once it has faded in, as the person sees it
        page.wait_for_function("() => getComputedStyle(document.querySelector('#confirm-modal')).opacity === '1'")
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def test_the_chairman_confirms_what_he_signs(two_dossiers, browser, live_server, chairman):
    first, second = two_dossiers
    chairman.position = "vice_chairman"
    page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN").new_page()
    sign_in_on(page, live_server.url, chairman, next_url="/quyet-dinh/moi/")
    expect(page.locator("#decision-total")).to_have_text("Tổng cộng: 4 hộ của 2 khối.")
    expect(page.locator("#id_signer_title")).to_have_value("PHÓ CHỦ TỊCH")
    page.locator("#proposals details").first.locator("summary").click()
    page.get_by_label("Số quyết định").fill("21")
    page.get_by_label("Ngày ký").fill("2024-12-02")

    page.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(page.locator("#confirm-modal [data-confirm-text]")).to_have_text(
        "Ký quyết định tặng danh hiệu Gia đình văn hóa năm 2024 cho 4 hộ của 2 khối? Quyết định đã ghi không sửa được."
    )
    shot(page, "decision-confirm-1366", full_page=False)
    answer_confirm(page, "Hủy")
    assert not Decision.objects.exists()  # cancelled: nothing written, the form as it was
    expect(page.get_by_label("Số quyết định")).to_have_value("21")

    page.locator(f"#m{second.pk}").uncheck()  # only Khối 1 this time: the question follows
    page.get_by_role("button", name="Ghi nhận quyết định").click()
    assert answer_confirm(page, "Ký quyết định") == (
        "Ký quyết định tặng danh hiệu Gia đình văn hóa năm 2024 cho 2 hộ của 1 khối? Quyết định đã ghi không sửa được."
    )
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi nhận quyết định 21/QĐ-UBND")
    decision = Decision.objects.get()
    assert (decision.signer_title, decision.recognitions.count()) == ("PHÓ CHỦ TỊCH", 2)
    second.refresh_from_db()
    assert second.status == Meeting.Status.CHECKED


def test_the_khoi_truong_posts_and_sends_after_confirming(today, blocks, khoi1, sign_in, live_server):
    meeting = held(blocks[0], khoi1, ["Hoàng Văn An", "Lý Thị Bình"], post=False)
    today.day = datetime.date(2024, 11, 25)
    page = sign_in(khoi1)
    page.goto(f"{live_server.url}/binh-xet/{meeting.pk}/")
    page.get_by_label("Ngày bắt đầu niêm yết").fill("2024-11-21")
    page.get_by_role("button", name="Niêm yết").click()
    expect(page.locator("#confirm-modal [data-confirm-text]")).to_have_text(
        "Niêm yết danh sách đề nghị từ ngày 21/11/2024: 2 hộ đạt, 0 hộ không đạt? Sau khi niêm yết, "
        "kết quả bình xét không sửa được nữa (trừ khi hồ sơ bị trả lại)."
    )
    shot(page, "posting-confirm-360", full_page=False)
    answer_confirm(page, "Hủy")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.OPEN  # cancelled: not posted

    page.get_by_role("button", name="Niêm yết").click()
    answer_confirm(page, "Niêm yết")
    expect(page.locator(".alert-success")).to_contain_text("Đã niêm yết danh sách.")
    # Posted until 30/11: the dossier waits, and says from when.
    expect(page.get_by_role("button", name="Gửi hồ sơ lên UBND (từ ngày 01/12/2024)")).to_be_disabled()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "submit-waits-360")
