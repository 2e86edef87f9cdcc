"""Block figures: the khối trưởng enters, the officer approves; only approved ones count."""

import datetime
import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from campaigns import services
from campaigns.models import BlockFigures, Organisation
from households.tests.sheets import read_back, xlsx
from reports import services as reports_services
from testing.indicators import indicator

pytestmark = pytest.mark.django_db

COUNTS = {"population": 1200, "regular_exercisers": 780, "legal_education_reached": 1200}


def url(block, year=2024):
    return f"/so-lieu/{year}/khoi/{block.pk}/"


class TestWorkflow:
    def test_draft_submit_approve_then_counted(self, plan, blocks, khoi1, officer):
        figures = services.figures_save(block=blocks[0], year=2024, by=khoi1, **COUNTS)
        assert figures.status == BlockFigures.Status.DRAFT
        assert indicator(plan, "TDTT").measure.numerator == 0  # a draft does not count
        services.figures_save(block=blocks[0], year=2024, by=khoi1, submit=True, **COUNTS)
        assert indicator(plan, "TDTT").measure.numerator == 0  # nor figures waiting for approval
        approved = services.figures_approve(figures=figures, by=officer)
        assert approved.status == BlockFigures.Status.APPROVED
        tdtt = indicator(plan, "TDTT")
        assert (tdtt.measure.numerator, tdtt.measure.denominator, tdtt.blocks_reporting) == (780, 1200, 1)
        users = [h.history_user for h in approved.history.order_by("history_date")]
        assert users == [khoi1, khoi1, officer]  # every step kept with who made it

    def test_returned_with_reason_then_editable_again(self, plan, blocks, khoi1, officer):
        figures = services.figures_save(block=blocks[0], year=2024, by=khoi1, submit=True, **COUNTS)
        with pytest.raises(ValidationError, match="Hãy ghi lý do trả lại") as refused:
            services.figures_return(figures=figures, reason="  ", by=officer)
        assert "lý do" in " ".join(refused.value.messages)
        returned = services.figures_return(figures=figures, reason="Dân số lệch với công an", by=officer)
        assert returned.status == BlockFigures.Status.RETURNED
        fixed = services.figures_save(
            block=blocks[0], year=2024, by=khoi1, submit=True, **{**COUNTS, "population": 1250}
        )
        assert (fixed.status, fixed.population, fixed.returned_reason) == ("submitted", 1250, "")

    def test_refusals(self, plan, blocks, khoi1, khoi2, officer):
        with pytest.raises(ValidationError, match=r"tập TDTT thường xuyên \(1\.201\) không được lớn hơn") as over:
            services.figures_save(block=blocks[0], year=2024, by=khoi1, **{**COUNTS, "regular_exercisers": 1201})
        assert "không được lớn hơn dân số (1.200)" in str(over.value.message_dict["regular_exercisers"])
        with pytest.raises(ValidationError, match=r"PBGDPL \(5\.000\) không được lớn hơn dân số") as over:
            services.figures_save(block=blocks[0], year=2024, by=khoi1, **{**COUNTS, "legal_education_reached": 5000})
        assert "legal_education_reached" in over.value.message_dict
        with pytest.raises(ValidationError, match="lớn hơn hoặc bằng với 0"):
            services.figures_save(block=blocks[0], year=2024, by=khoi1, **{**COUNTS, "population": -1})
        assert not BlockFigures.objects.exists()  # nothing half-written

        with pytest.raises(PermissionDenied):  # another block's khối trưởng
            services.figures_save(block=blocks[0], year=2024, by=khoi2, **COUNTS)
        figures = services.figures_save(block=blocks[0], year=2024, by=khoi1, submit=True, **COUNTS)
        with pytest.raises(ValidationError, match="đang ở trạng thái 'Đã gửi', không sửa được"):  # frozen once sent
            services.figures_save(block=blocks[0], year=2024, by=khoi1, **COUNTS)
        with pytest.raises(PermissionDenied):  # a khối trưởng does not approve
            services.figures_approve(figures=figures, by=khoi1)
        services.figures_approve(figures=figures, by=officer)
        with pytest.raises(ValidationError, match="Chỉ duyệt được số liệu đã gửi"):
            services.figures_approve(figures=figures, by=officer)


class TestPages:
    def test_khoi_truong_enters_own_block_only(self, plan, blocks, khoi1, login):
        client = login(khoi1)
        assert client.get(url(blocks[1])).status_code == 404  # a guessed URL reveals nothing
        assert client.post(url(blocks[1]), {**COUNTS, "submit": ""}).status_code == 404
        page = client.get("/so-lieu/2024/").content.decode()
        assert blocks[0].name in page and blocks[1].name not in page
        response = client.post(url(blocks[0]), {**COUNTS, "submit": ""})
        assert response.status_code == 302
        assert BlockFigures.objects.get(block=blocks[0]).status == "submitted"
        assert not BlockFigures.objects.filter(block=blocks[1]).exists()

    def test_form_shows_last_year_and_refuses_in_words(self, plan, blocks, khoi1, login):
        BlockFigures.objects.create(
            block=blocks[0],
            year=2023,
            population=1180,
            regular_exercisers=700,
            legal_education_reached=1100,
            status="approved",
        )
        client = login(khoi1)
        page = client.get(url(blocks[0])).content.decode()
        assert "Năm 2023: 1.180" in page and "Năm 2023: 700" in page
        response = client.post(
            url(blocks[0]),
            {"population": "100", "regular_exercisers": "150", "legal_education_reached": "-3", "draft": ""},
        )
        page = response.content.decode()
        assert response.status_code == 400
        assert "Số người tập TDTT thường xuyên (150) không được lớn hơn dân số (100)" in page
        assert "&quot;-3&quot; là số âm; ô này không nhận số âm." in page
        assert not BlockFigures.objects.filter(year=2024).exists()

    def test_officer_approves_and_returns_through_pages(self, plan, blocks, khoi1, officer, steering, login):
        figures = services.figures_save(block=blocks[0], year=2024, by=khoi1, submit=True, **COUNTS)
        assert login(steering).post(f"/so-lieu/xu-ly/{figures.pk}/duyet/").status_code == 403
        client = login(officer)
        client.post(f"/so-lieu/xu-ly/{figures.pk}/duyet/")
        figures.refresh_from_db()
        assert figures.status == "approved"
        client.post(f"/so-lieu/xu-ly/{figures.pk}/tra-lai/", {"returned_reason": "Thiếu số người tập"})
        figures.refresh_from_db()
        assert (figures.status, figures.returned_reason) == ("returned", "Thiếu số người tập")
        page = login(khoi1).get(url(blocks[0])).content.decode()
        assert "Thiếu số người tập" in page and 'name="submit"' in page

    def test_figures_list_queries_do_not_grow_with_blocks(
        self, plan, blocks, officer, login, django_assert_num_queries
    ):
        for block in blocks:
            BlockFigures.objects.create(block=block, year=2024, status="approved", **COUNTS)
            BlockFigures.objects.create(block=block, year=2023, status="approved", **COUNTS)
        client = login(officer)
        # session, user, blocks, figures (both years), plan years, the commune's unit words
        with django_assert_num_queries(6):
            response = client.get("/so-lieu/2024/")
        assert response.content.decode().count('data-block="') == 10
        assert "12.000" in response.content.decode()  # the approved total of 10 blocks of 1.200 people


def test_indicators_command_from_entered_facts(plan, blocks, khoi1, officer, login, capsys, tmp_path):
    """TDTT, PBGDPL, NVH and CQVH in `indicators --json` come from facts entered on the
    pages or imported, nowhere else."""
    login(khoi1).post(url(blocks[0]), {**COUNTS, "submit": ""})
    figures = BlockFigures.objects.get(block=blocks[0], year=2024)
    client = login(officer)
    client.post(f"/so-lieu/xu-ly/{figures.pk}/duyet/")
    sheet = tmp_path / "so-lieu.xlsx"
    sheet.write_bytes(
        xlsx(
            [["Khối 2", 800, 400, 700]],
            ["Khối phố", "Dân số", "Số người tập TDTT thường xuyên", "Số người được PBGDPL"],
        ).read()
    )
    call_command("import_block_figures", "--year", "2024", str(sheet))
    for block in blocks[:9]:
        client.post(f"/nha-van-hoa/{block.pk}/", {"state": "in_use", "in_use_since": "2020"})
    client.post("/co-quan/them/", {"name": "Trường Mầm non", "kind": "school", "in_registry_since": "2021"})
    client.post("/co-quan/them/", {"name": "Trạm Y tế", "kind": "unit", "in_registry_since": "2021"})
    school = Organisation.objects.get(name="Trường Mầm non")
    client.post(
        f"/co-quan/{school.pk}/cong-nhan/",
        {"year": "2022", "decision_reference": "QĐ 7/QĐ-UBND", "valid_until": "2026"},
    )
    capsys.readouterr()
    call_command("indicators", "--year", "2024", "--json")
    data = {i["code"]: i for i in json.loads(capsys.readouterr().out)["indicators"]}
    assert (data["NVH"]["numerator"], data["NVH"]["denominator"], data["NVH"]["met"]) == (9, 10, True)
    assert (data["CQVH"]["numerator"], data["CQVH"]["denominator"], data["CQVH"]["value"]) == (1, 2, 50.0)
    tdtt = data["TDTT"]
    assert (tdtt["numerator"], tdtt["denominator"], tdtt["blocks_reporting"]) == (1180, 2000, 2)
    assert (data["PBGDPL"]["numerator"], data["PBGDPL"]["denominator"]) == (1900, 2000)


class TestConcurrency:
    def test_a_page_showing_older_figures_cannot_overwrite_or_approve(self, plan, blocks, khoi1, officer, login):
        # Two phones open the empty form (version 0); the first save wins, the second is told.
        phone_a, data = login(khoi1), {**COUNTS, "version": "0", "draft": ""}
        phone_a.post(url(blocks[0]), data)
        response = phone_a.post(url(blocks[0]), {**data, "population": "1300"})
        assert "vừa được người khác thay đổi" in response.content.decode()
        assert BlockFigures.objects.get().population == 1200
        figures = services.figures_save(block=blocks[0], year=2024, by=khoi1, submit=True, version=1, **COUNTS)
        seen = figures.version
        services.figures_return(figures=figures, reason="Sửa lại", by=officer, version=seen)
        services.figures_save(
            block=blocks[0], year=2024, by=khoi1, submit=True, version=seen + 1, **{**COUNTS, "regular_exercisers": 100}
        )
        # The officer's page still shows the version they returned: approving from it is refused.
        client = login(officer)
        response = client.post(f"/so-lieu/xu-ly/{figures.pk}/duyet/", {"version": str(seen)}, follow=True)
        assert "vừa được người khác thay đổi" in response.content.decode()
        assert BlockFigures.objects.get().status == "submitted"
        client.post(f"/so-lieu/xu-ly/{figures.pk}/duyet/", {"version": str(seen + 2)})
        assert BlockFigures.objects.get().status == "approved"

    def test_khoi_truong_cannot_approve_through_the_page(self, plan, blocks, khoi1, login):
        figures = services.figures_save(block=blocks[0], year=2024, by=khoi1, submit=True, **COUNTS)
        client = login(khoi1)
        assert client.post(f"/so-lieu/xu-ly/{figures.pk}/duyet/", {"version": "1"}).status_code == 403
        assert client.post(f"/so-lieu/xu-ly/{figures.pk}/tra-lai/", {"returned_reason": "x"}).status_code == 403
        assert BlockFigures.objects.get().status == "submitted"
        page = client.get(url(blocks[0])).content.decode()
        assert '<h1 class="h4">Khối 1: số liệu năm 2024</h1>' in page
        assert "Duyệt số liệu" not in page

    def test_years_outside_reason_are_not_pages(self, plan, blocks, officer, login):
        client = login(officer)
        assert client.get(url(blocks[0], year=1999)).status_code == 404
        assert client.get(f"/so-lieu/{datetime.date.today().year + 5}/").status_code == 404


def test_export_is_scoped_to_the_khoi_truong(plan, blocks, khoi1, login):
    for block in blocks[:2]:
        BlockFigures.objects.create(block=block, year=2024, status="approved", **COUNTS)
    rows = read_back(login(khoi1).get("/so-lieu/2024/tai-excel/").content)
    assert [r[0] for r in rows[1:]] == ["Khối 1"]


def test_due_mail_goes_once_a_day(plan, blocks, khoi1, settings):
    khoi1.email = "khoi1@example.vn"
    khoi1.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.EMAIL_HOST = "smtp.example.vn"
    day = datetime.date(2024, 11, 20)
    assert reports_services.due_summary_send(today=day) == 1
    assert reports_services.due_summary_send(today=day) == 0  # a retried job does not mail twice
    assert len(mail.outbox) == 1
    assert reports_services.due_summary_send(today=day + datetime.timedelta(days=1)) == 1
