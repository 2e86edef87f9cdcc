"""Upload → preview (a dry run) → confirm, through the pages; big files through Celery."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import wait_for as finished
from households import services
from households.models import Household, HouseholdImport
from households.services import ASYNC_ROWS
from households.tests.sheets import row, xlsx
from recognition.models import Recognition


def upload(client, rows):
    return client.post(reverse("households:import"), {"file": xlsx(rows)})


@pytest.mark.django_db
class TestSmallFile:
    def test_preview_then_confirm(self, login, officer, blocks):
        client = login(officer)
        response = upload(client, [row(years="2023, 2024"), row(code="K01-002", head="Vi Thị Yến")])
        job = HouseholdImport.objects.get()
        assert response["Location"] == reverse("households:import_detail", args=[job.pk])
        assert job.status == "checked" and not Household.objects.exists()  # nothing written yet

        preview = client.get(response["Location"]).content.decode()
        assert 'data-count="new">2<' in preview and 'data-count="recognitions">2<' in preview
        assert "Vi Thị Yến" in preview and "Xác nhận nhập 2 dòng" in preview

        client.post(response["Location"])
        job.refresh_from_db()
        assert job.status == "done"
        assert Household.objects.count() == 2 and Recognition.objects.count() == 2
        assert "Đã nhập xong 2 dòng." in client.get(response["Location"]).content.decode()
        # Confirming twice writes nothing more.
        client.post(response["Location"])
        assert Household.objects.count() == 2

    def test_a_bad_file_lists_every_error_and_cannot_be_confirmed(self, login, khoi1, blocks):
        client = login(khoi1)
        response = upload(client, [row(block="Khối 11"), row(code="K01-002", block="Khối 2")])
        page = client.get(response["Location"]).content.decode()
        assert "Tệp có 2 lỗi: không dòng nào được ghi." in page
        assert "Dòng 2, cột Khối phố: không có khối &#x27;Khối 11&#x27;" in page
        assert "Dòng 3, cột Khối phố: bạn không được nhập cho khối &#x27;Khối 2&#x27;" in page
        assert "Xác nhận nhập" not in page
        client.post(response["Location"])
        assert HouseholdImport.objects.get().status == "refused"
        assert not Household.objects.exists()

    def test_the_upload_must_be_an_xlsx_of_sensible_size(self, login, officer, plan):
        client = login(officer)
        response = client.post(reverse("households:import"), {"file": SimpleUploadedFile("ho.csv", b"a,b")})
        assert response.context["form"].errors["file"] == ["Chỉ nhận tệp Excel .xlsx."]
        assert not HouseholdImport.objects.exists()

    def test_an_import_is_seen_only_by_whoever_made_it_and_the_officer(self, login, khoi1, khoi2, officer, blocks):
        upload(login(khoi1), [row()])
        job = HouseholdImport.objects.get()
        assert login(khoi2).get(reverse("households:import_detail", args=[job.pk])).status_code == 404
        assert login(khoi2).post(reverse("households:import_detail", args=[job.pk])).status_code == 404
        assert login(officer).get(reverse("households:import_detail", args=[job.pk])).status_code == 200
        # The officer may look, but confirming is for the person who checked the file.
        assert login(officer).post(reverse("households:import_detail", args=[job.pk])).status_code == 403
        assert not Household.objects.exists()


@pytest.mark.django_db
def test_a_big_file_runs_as_a_task_with_progress(login, officer, blocks, monkeypatch):
    queued = []
    monkeypatch.setattr(services.household_import_check_task, "apply_async", lambda args, **kw: queued.append(args))
    client = login(officer)
    rows = [
        row(code=f"K{i % 10 + 1:02d}-{i:04d}", block=f"Khối {i % 10 + 1}", years="2024") for i in range(2 * ASYNC_ROWS)
    ]
    response = upload(client, rows)
    job = HouseholdImport.objects.get()
    # Too big to open in the request, even to count its rows: the worker does both.
    assert (job.status, job.total_rows, queued) == ("checking", 0, [(job.pk,)])
    page = client.get(response["Location"]).content.decode()
    assert 'id="import-progress"' in page and "Đang chờ kiểm tra…" in page
    progress = client.get(reverse("households:import_progress", args=[job.pk])).json()
    assert (progress["running"], progress["progress"], progress["total"]) == (True, 0, 0)

    services.household_import_check_task(job.pk)  # the task, in-process here; through a real worker below
    progress = client.get(reverse("households:import_progress", args=[job.pk])).json()
    assert (progress["status"], progress["progress"], progress["running"], progress["total"]) == (
        "checked",
        100,
        False,
        2 * ASYNC_ROWS,
    )
    client.post(response["Location"])
    assert HouseholdImport.objects.get().status == "done"
    assert Household.objects.count() == 2 * ASYNC_ROWS


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_big_file_goes_through_a_real_worker(login, officer, blocks, worker):
    client = login(officer)
    rows = [row(code=f"K01-{i:04d}", years="2023 2024") for i in range(2 * ASYNC_ROWS)]
    response = upload(client, rows)
    url = reverse("households:import_progress", args=[HouseholdImport.objects.get().pk])

    def wait_for(status):
        assert finished(lambda: not client.get(url).json()["running"], timeout=60), (
            f"the worker did not finish ({status})"
        )
        return client.get(url).json()["status"]

    assert wait_for("checked") == "checked"
    assert not Household.objects.exists()
    client.post(response["Location"])
    assert wait_for("done") == "done"
    assert Household.objects.count() == 2 * ASYNC_ROWS
    assert Recognition.objects.count() == 2 * (2 * ASYNC_ROWS)
    assert Household.history.filter(history_user=officer).count() == 2 * ASYNC_ROWS
