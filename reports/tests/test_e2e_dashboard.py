"""A steering committee member on a 360-pixel phone reads the dashboard and downloads
the year-end report, printed by a real Celery worker."""

import pytest
from playwright.sync_api import expect

from campaigns.models import BlockFigures
from reports.models import ReportFile
from testing.factories import FamilyRecognitionFactory, HouseholdFactory

pytestmark = [pytest.mark.e2e, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_steering_member_reads_the_dashboard_and_downloads_the_report(
    live_server, sign_in, steering, blocks, worker, tmp_path
):
    for household in HouseholdFactory.create_batch(3, block=blocks[0]):
        FamilyRecognitionFactory(household=household)
    for household in HouseholdFactory.create_batch(2, block=blocks[1]):
        FamilyRecognitionFactory(household=household, year=2023, valid_until=2023)
    BlockFigures.objects.create(
        block=blocks[0],
        year=2024,
        population=500,
        regular_exercisers=320,
        legal_education_reached=500,
        status="approved",
    )
    page = sign_in(steering)

    gdvh = page.locator('#targets tr[data-code="GDVH"]')
    expect(gdvh).to_contain_text("3/5")
    expect(gdvh).to_contain_text("60,00 %")
    expect(gdvh).to_contain_text("chưa đạt, cần thêm 2 hộ")
    expect(page.locator('[data-season="figures"]')).to_contain_text("1/10 khối đã gửi")
    # The years side by side, as numbers under the chart.
    expect(page.locator('#history-table tr[data-code="GDVH"]')).to_contain_text("40,00 %")  # 2023: 2 of 5
    expect(page.locator("#history-chart")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("link", name="Báo cáo tổng kết").click()
    page.get_by_role("button", name="Tạo tệp PDF").click()
    download_link = page.locator("#download")
    expect(download_link).to_be_visible(timeout=60_000)  # the worker has laid it out; the page said so
    with page.expect_download() as info:
        download_link.click()
    path = tmp_path / "bao-cao.pdf"
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    job = ReportFile.objects.get()
    assert (job.status, job.requested_by) == ("done", steering)
