"""In a real Chromium on a 360-pixel phone: the officer opens next year's plan from
this year's, and a khối trưởng enters the block's figures and sends them."""

import re

import pytest
from playwright.sync_api import expect

from campaigns.models import BlockFigures, Plan
from conftest import answer_confirm

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_copies_the_plan_to_next_year(live_server, sign_in, officer, plan):
    page = sign_in(officer)
    page.get_by_label("Mở menu").click()
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch năm 2024")
    page.get_by_role("button", name="Sao chép sang năm 2025").click()
    question = answer_confirm(page, "Sao chép")
    assert question.startswith("Sao chép kế hoạch năm 2024 sang năm 2025: 7 chỉ tiêu, 8 nhiệm vụ, ")

    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch năm 2025")
    expect(page.locator(".alert-success")).to_contain_text("Đã tạo kế hoạch năm 2025 từ kế hoạch năm 2024")
    expect(page.locator("#targets li")).to_have_count(7)
    expect(page.locator("#targets")).to_contain_text(re.compile(r"TDTT > 60\s%"))
    expect(page.locator("#targets")).to_contain_text("công nhận Gia đình văn hóa năm 2025")
    expect(page.locator("#tasks .list-group-item")).to_have_count(8)
    expect(page.locator("#tasks")).to_contain_text("Chưa thực hiện")
    expect(page.locator("#rules")).to_contain_text("họp bình xét trước 25/11/2025")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert Plan.objects.get(year=2025).history.get().history_user == officer


def test_khoi_truong_enters_figures_on_a_phone(live_server, sign_in, khoi1, officer, blocks):
    BlockFigures.objects.create(
        block=blocks[0],
        year=2023,
        population=1180,
        regular_exercisers=690,
        legal_education_reached=1150,
        status="approved",
    )
    page = sign_in(khoi1)
    page.get_by_label("Mở menu").click()
    page.get_by_role("button", name="Phong trào").click()
    page.get_by_role("link", name="Số liệu khối phố").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Số liệu khối phố năm 2024")
    expect(page.locator("#figures tbody tr")).to_have_count(1)  # their block only
    page.get_by_role("link", name="Khối 1").click()

    expect(page.get_by_text("Năm 2023: 1.180")).to_be_visible()  # last year beside the field
    page.get_by_label("Dân số").fill("1200")
    page.get_by_label("Số người tập TDTT thường xuyên").fill("1300")
    page.get_by_label("Số người được PBGDPL").fill("1200")
    page.get_by_role("button", name="Gửi duyệt").click()
    answer_confirm(page, "Gửi duyệt")  # the server, not the dialog, checks the figures
    expect(page.locator(".invalid-feedback")).to_contain_text(
        "Số người tập TDTT thường xuyên (1.300) không được lớn hơn dân số (1.200)."
    )
    assert not BlockFigures.objects.filter(year=2024).exists()

    page.get_by_label("Số người tập TDTT thường xuyên").fill("780")
    page.get_by_role("button", name="Gửi duyệt").click()
    assert answer_confirm(page, "Gửi duyệt") == (
        "Gửi số liệu năm 2024 của Khối 1 để duyệt: dân số 1.200, tập TDTT thường xuyên 780, được PBGDPL 1.200? "
        "Sau khi gửi, khối không sửa được nữa (trừ khi bị trả lại)."
    )
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi số liệu để công chức văn hóa duyệt.")
    expect(page.locator("#figures-status")).to_have_text("Đã gửi")
    expect(page.get_by_role("button", name="Gửi duyệt")).to_have_count(0)  # frozen once sent
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    figures = BlockFigures.objects.get(year=2024)
    assert (figures.population, figures.regular_exercisers, figures.status) == (1200, 780, "submitted")
