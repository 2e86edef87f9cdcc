"""The record holds: a title only by a decision, a signed decision never changes, taking a
title back is a new decision, a closed year never moves (issue 11)."""

import datetime
import hashlib
import io
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from households import importing
from households import services as household_services
from households.models import Household, HouseholdImport
from households.tests.sheets import row, xlsx
from recognition import services
from recognition.models import (
    Decision,
    Meeting,
    MeetingResult,
    MeetingStep,
    Recognition,
    RecordedDecision,
    Withdrawal,
)
from reports import services as report_services
from reports.indicators import compute, history
from reports.models import YearClosing
from testing.factories import FamilyRecognitionFactory, HouseholdFactory, UserFactory
from testing.indicators import indicator

pytestmark = pytest.mark.django_db

HELD = timezone.make_aware(datetime.datetime(2024, 11, 20, 19, 30))


def decided_block(block, khoi, officer, chairman, n=4, number=5):
    """A block's year carried through the app to the chairman's decision: every household passes."""
    families = HouseholdFactory.create_batch(n, block=block)
    meeting, _ = services.meeting_open(
        block=block,
        year=2024,
        by=khoi,
        held_at=HELD,
        place="Nhà văn hóa",
        chair="Hoàng Văn Minh",
        secretary="Lý Thị Hoa",
        invited=40,
        present=30,
    )
    for household in families:
        services.meeting_result_record(meeting=meeting, household=household, agreed=25, by=khoi)
    services.meeting_post(meeting=meeting, starts_on=datetime.date(2024, 11, 21), by=khoi)
    services.meeting_submit(meeting=meeting, by=khoi)
    services.meeting_check(meeting=meeting, by=officer)
    decision = services.decision_issue(
        meetings=[meeting],
        number=number,
        issued_on=datetime.date(2024, 12, 2),
        signer_name="Lê Thanh Hải",
        signer_title="CHỦ TỊCH",
        by=chairman,
    )
    return meeting, decision, families


def withdraw(recognitions, by, number=9, **extra):
    values = {
        "number": number,
        "issued_on": datetime.date(2024, 12, 10),
        "signer_name": "Lê Thanh Hải",
        "signer_title": "CHỦ TỊCH",
        "grounds": "Hộ vi phạm quy định về pháp luật sau khi được công nhận.",
    }
    return services.withdrawal_issue(recognitions=recognitions, by=by, **{**values, **extra})


class TestTitlesOnlyByDecision:
    def test_every_title_belongs_to_a_decision_in_the_database(self, blocks):
        household = HouseholdFactory(block=blocks[0])

        # The column itself refuses it, not some other rule of the row.
        with pytest.raises(IntegrityError, match='null value in column "decision_id"'), transaction.atomic():
            Recognition.objects.create(
                title="GDVH", year=2024, household=household, source="imported", valid_until=2024
            )

    def test_a_block_leaders_file_with_a_title_year_is_refused_whole(self, login, khoi1, blocks):
        HouseholdFactory(block=blocks[0], code="K01-009")
        before = (Household.objects.count(), Recognition.objects.count(), Decision.objects.count())
        client = login(khoi1)
        client.post("/ho/nhap/", {"file": xlsx([row(code="K01-001"), row(code="K01-002", years="2024")])})
        job = HouseholdImport.objects.get()
        assert job.status == "refused"
        assert job.summary["errors"] == [
            "Dòng 3, cột Năm đạt GĐVH: khối trưởng không ghi năm đạt danh hiệu: danh hiệu do quyết định tặng, "
            "công chức văn hóa ghi nhận quyết định từ hồ sơ giấy; hãy để trống cột này"
        ]
        page = client.get(f"/ho/nhap/{job.pk}/").content.decode()
        assert "Dòng 3, cột Năm đạt GĐVH" in page and "Xác nhận nhập" not in page
        assert (Household.objects.count(), Recognition.objects.count(), Decision.objects.count()) == before

    def test_the_command_applies_the_block_leaders_rights_too(self, khoi1, blocks, tmp_path):
        path = tmp_path / "ho.xlsx"
        path.write_bytes(xlsx([row(years="2023")]).getvalue())
        err = io.StringIO()
        with pytest.raises(CommandError, match="Từ chối cả tệp, không ghi gì: 1 lỗi"):
            call_command("import_households", str(path), "--user", "khoi1", stderr=err)
        assert "khối trưởng không ghi năm đạt danh hiệu" in err.getvalue()
        assert not Household.objects.exists() and not Recognition.objects.exists()
        call_command("import_households", str(path))  # the operator, for the officer
        assert Recognition.objects.get().decision.get_kind_display() == "Quyết định ghi nhận từ hồ sơ giấy"

    def test_a_year_run_in_the_app_is_refused_for_the_officer_too(self, login, officer, khoi1, blocks):
        services.meeting_open(
            block=blocks[0],
            year=2024,
            by=khoi1,
            held_at=HELD,
            place="Nhà văn hóa",
            chair="A",
            secretary="B",
            invited=40,
            present=30,
        )
        client = login(officer)
        client.post(
            "/ho/nhap/", {"file": xlsx([row(years="2023, 2024"), row(code="K02-001", block="Khối 2", years="2024")])}
        )
        job = HouseholdImport.objects.get()
        assert job.status == "refused"
        assert job.summary["errors"] == [
            "Dòng 2, cột Năm đạt GĐVH: Khối 1 bình xét năm 2024 trên hệ thống: danh hiệu năm đó do quyết định "
            "trên hệ thống tặng, không nhập từ tệp"
        ]
        assert not Recognition.objects.exists()

    def test_the_officer_attaches_a_files_years_to_a_recorded_decision(self, login, officer, blocks, plan):
        on_paper = services.recorded_decision_record(
            commune=plan.commune,
            title="GDVH",
            year=2022,
            number=130,
            symbol="QĐ-UBND",
            issued_on=datetime.date(2022, 12, 15),
            signer_name="Lê Thanh Hải",
            signer_title="Chủ tịch",
            issuing_body="UBND thị trấn Cao Lộc",
            households=[HouseholdFactory(block=blocks[1])],
            by=officer,
        )
        client = login(officer)
        response = client.post("/ho/nhap/", {"file": xlsx([row(years="2022, 2023")])})
        preview = client.get(response["Location"]).content.decode()
        assert 'name="decision_2022"' in preview and "130/QĐ-UBND" in preview and 'name="decision_2023"' in preview
        client.post(response["Location"], {"decision_2022": str(on_paper.pk), "decision_2023": ""})
        household = Household.objects.get(code="K01-001")
        by_year = {r.year: r.decision for r in household.recognitions.all()}
        assert by_year[2022] == on_paper
        assert by_year[2023].number is None and by_year[2023].kind == "recorded"
        # It lived here from the first year it was recognised: the years before do not count it.
        assert household.moved_in_on == datetime.date(2022, 1, 1)

    def test_a_year_the_app_runs_needs_a_recorded_decision_picked(self, login, officer, khoi1, blocks, plan):
        services.meeting_open(
            block=blocks[0],
            year=2024,
            by=khoi1,
            held_at=HELD,
            place="Nhà văn hóa",
            chair="A",
            secretary="B",
            invited=40,
            present=30,
        )
        client = login(officer)
        response = client.post("/ho/nhap/", {"file": xlsx([row(code="K02-001", block="Khối 2", years="2024")])})
        preview = client.get(response["Location"]).content.decode()
        assert 'name="decision_2024"' in preview and "năm này bình xét trên hệ thống" in preview
        assert "Hồ sơ trước khi dùng phần mềm" not in preview
        refused = client.post(response["Location"], {"decision_2024": ""}, follow=True).content.decode()
        assert "năm 2024 bình xét trên hệ thống" in refused
        assert not Household.objects.exists() and HouseholdImport.objects.get().status == "checked"
        on_paper = services.recorded_decision_record(
            commune=plan.commune,
            title="GDVH",
            year=2024,
            number=300,
            symbol="QĐ-UBND",
            issued_on=datetime.date(2024, 12, 20),
            signer_name="Lê Thanh Hải",
            signer_title="Chủ tịch",
            issuing_body="UBND thị trấn Cao Lộc",
            households=[HouseholdFactory(block=blocks[3])],
            by=officer,
        )
        client.post(response["Location"], {"decision_2024": str(on_paper.pk)})
        assert Household.objects.get(code="K02-001").recognitions.get().decision == on_paper

    def test_a_withdrawn_title_is_not_brought_back_by_a_file(self, plan, blocks, officer, chairman):
        household = HouseholdFactory(block=blocks[1], code="K02-001", head_name="Lý Văn Đức", members=4)
        on_paper = services.recorded_decision_record(
            commune=plan.commune,
            title="GDVH",
            year=2023,
            number=210,
            symbol="QĐ-UBND",
            issued_on=datetime.date(2023, 12, 20),
            signer_name="Lê Thanh Hải",
            signer_title="Chủ tịch",
            issuing_body="UBND thị trấn Cao Lộc",
            households=[household],
            by=officer,
        )
        withdraw(list(on_paper.recognitions.all()), by=chairman, issued_on=datetime.date(2024, 3, 1))

        check = importing.check_file(
            xlsx([row(code="K02-001", block="Khối 2", head="Lý Văn Đức", years="2023")]), user=officer
        )
        assert [str(e) for e in check.errors] == [
            "Dòng 2, cột Năm đạt GĐVH: danh hiệu năm 2023 của hộ 'K02-001' đã bị thu hồi theo "
            "Quyết định 09/QĐ-UBND; tặng lại phải có quyết định mới, không nhập từ tệp"
        ]

    def test_opening_a_meeting_lists_the_titles_already_recorded(self, login, khoi1, officer, blocks, plan):
        household = HouseholdFactory(block=blocks[0], code="K01-777", head_name="Đinh Thị Mai")
        FamilyRecognitionFactory(household=household, year=2024)
        page = login(khoi1).get(f"/binh-xet/khoi/{blocks[0].pk}/").content.decode()
        assert 'id="titles-held"' in page and "K01-777 – Đinh Thị Mai" in page
        assert "Hồ sơ trước khi dùng phần mềm" in page
        _meeting, warnings = services.meeting_open(
            block=blocks[0],
            year=2024,
            by=khoi1,
            held_at=HELD,
            place="Nhà văn hóa",
            chair="A",
            secretary="B",
            invited=4,
            present=3,
        )
        assert warnings == [
            "1 hộ của khối đã có danh hiệu năm 2024 theo quyết định ghi nhận từ hồ sơ giấy: không ra quyết định "
            "tặng lại được cho các hộ này; nếu ghi nhận nhầm, cần quyết định thu hồi trước."
        ]
        other = login(khoi1).get(f"/binh-xet/khoi/{blocks[0].pk}/")
        assert other.status_code == 302  # the meeting exists: straight to its sheet

    def test_a_household_added_today_counts_from_today(self, plan, khoi1, blocks):
        today = timezone.localdate()
        added = household_services.household_create(
            block=blocks[0], by=khoi1, code="K01-100", head_name="Mới", members=3
        )
        assert added.moved_in_on == today
        earlier = household_services.household_create(
            block=blocks[0], by=khoi1, code="K01-101", head_name="Cũ", members=3, moved_in_on=datetime.date(2020, 5, 1)
        )
        assert earlier.moved_in_on == datetime.date(2020, 5, 1)
        # 2024 is over: only the household that lived here then counts.
        assert indicator(plan, "GDVH").measure.denominator == 1


class TestRecordedDecisions:
    def record(self, plan, officer, **extra):
        values = {
            "commune": plan.commune,
            "title": "GDVH",
            "year": 2023,
            "number": 210,
            "symbol": "QĐ-UBND",
            "issued_on": datetime.date(2023, 12, 20),
            "signer_name": "Lê Thanh Hải",
            "signer_title": "Chủ tịch",
            "issuing_body": "UBND thị trấn Cao Lộc",
            "by": officer,
        }
        return services.recorded_decision_record(**{**values, **extra})

    def test_the_officer_records_a_paper_decision_with_its_list(self, plan, officer, chairman, blocks):
        families = HouseholdFactory.create_batch(3, block=blocks[0])
        with pytest.raises(PermissionDenied):
            self.record(plan, chairman, households=families)
        decision = self.record(plan, officer, households=families)
        assert (decision.kind, decision.reference, decision.recognitions.count()) == ("recorded", "210/QĐ-UBND", 3)
        with pytest.raises(ValidationError, match="210/QĐ-UBND năm 2023 đã dùng"):
            self.record(plan, officer, households=HouseholdFactory.create_batch(1, block=blocks[1]))
        with pytest.raises(ValidationError, match="đã có danh hiệu năm 2023 theo 210/QĐ-UBND"):
            self.record(plan, officer, number=211, households=families[:1])
        with pytest.raises(ValidationError, match="210/QĐ-UBND năm 2023 đã dùng"):  # the same body, other capitals
            self.record(
                plan,
                officer,
                issuing_body="UBND Thị Trấn Cao Lộc",
                households=HouseholdFactory.create_batch(1, block=blocks[1]),
            )
        with pytest.raises(ValidationError, match="phải có danh sách"):
            self.record(plan, officer, number=212)
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        with pytest.raises(ValidationError, match="chưa tới"):
            self.record(
                plan,
                officer,
                number=213,
                issued_on=tomorrow,
                households=HouseholdFactory.create_batch(1, block=blocks[1]),
            )
        assert Decision.objects.count() == 1 and Recognition.objects.count() == 3

    def test_through_the_page_with_a_scan(self, login, officer, plan, blocks):
        HouseholdFactory(block=blocks[0], code="K01-001")

        client = login(officer)
        form = {
            "title": "GDVH",
            "year": "2023",
            "number": "1.210",
            "symbol": "QĐ-UBND",
            "issued_on": "2023-12-20",
            "signer_name": "Lê Thanh Hải",
            "signer_title": "Chủ tịch",
            "issuing_body": "UBND thị trấn Cao Lộc",
            "household_codes": "k01-001, K01-404",
        }
        refused = client.post("/quyet-dinh/ghi-nhan/", form)
        assert refused.status_code == 400 and "Không có hộ mã: K01-404." in refused.content.decode()
        form["household_codes"] = "K01-001"
        form["scan"] = SimpleUploadedFile("qd.pdf", b"\x7fELF\x02\x01", content_type="application/pdf")
        renamed = client.post("/quyet-dinh/ghi-nhan/", form)
        assert renamed.status_code == 400 and "Nội dung tệp không đúng với đuôi .pdf" in renamed.content.decode()
        assert not Decision.objects.exists()
        form["scan"] = SimpleUploadedFile("qd.pdf", b"%PDF-1.4 ban chup", content_type="application/pdf")
        response = client.post("/quyet-dinh/ghi-nhan/", form)
        decision = Decision.objects.get()
        assert response["Location"] == f"/quyet-dinh/{decision.pk}/"
        assert decision.number == 1210  # "1.210" read the Vietnamese way
        assert list(RecordedDecision.objects.all()) == [decision]
        assert b"".join(client.get(f"/quyet-dinh/{decision.pk}/ban-chup/").streaming_content) == b"%PDF-1.4 ban chup"
        assert client.get(f"/quyet-dinh/{decision.pk}.pdf").status_code == 404  # its paper is the paper original
        page = client.get(f"/quyet-dinh/{decision.pk}/").content.decode()
        assert "Quyết định ghi nhận từ hồ sơ giấy" in page and "còn hiệu lực" in page

    def test_a_block_whose_year_is_run_in_the_app_is_refused(self, plan, officer, khoi1, blocks):
        # 2023 has no plan in the app, so its meeting is written directly.
        Meeting.objects.create(
            block=blocks[0],
            year=2023,
            held_at=HELD,
            place="NVH",
            chair="A",
            secretary="B",
            invited=4,
            present=3,
            threshold_percent=50,
        )
        with pytest.raises(ValidationError, match="Khối 1 bình xét năm 2023 trên hệ thống"):
            self.record(plan, officer, households=HouseholdFactory.create_batch(1, block=blocks[0]))
        assert not Decision.objects.exists()


class TestSignedDecisions:
    def test_the_paper_is_made_once_and_served_byte_for_byte_after_a_withdrawal(
        self, plan, blocks, khoi1, officer, chairman, login
    ):
        meeting, decision, families = decided_block(blocks[0], khoi1, officer, chairman)
        client = login(chairman)
        first = client.get(f"/quyet-dinh/{decision.pk}.pdf")
        decision.refresh_from_db()
        assert first["X-Content-SHA256"] == decision.paper_sha256 == hashlib.sha256(first.content).hexdigest()

        withdrawal = withdraw([decision.recognitions.get(household=families[0])], by=chairman)
        again = client.get(f"/quyet-dinh/{decision.pk}.pdf")
        assert again.content == first.content
        # The signed text still gives the title to all four; the withdrawal prints its own paper.
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=again.content, capture_output=True, check=True
        ).stdout.decode()
        assert "cho 4 hộ gia đình" in " ".join(text.split())
        paper = subprocess.run(
            ["pdftotext", "-layout", "-", "-"],
            input=client.get(f"/quyet-dinh/{withdrawal.pk}.pdf").content,
            capture_output=True,
            check=True,
        ).stdout.decode()
        flat = " ".join(paper.split())
        assert "Về việc hủy bỏ, thu hồi danh hiệu “Gia đình văn hóa” năm 2024" in flat
        assert f"Hộ {families[0].head_name} " in flat and "Quyết định số 05/QĐ-UBND" in flat
        assert f"Hộ {families[1].head_name} " not in flat

    def test_a_stored_paper_that_was_altered_is_not_served(self, plan, blocks, khoi1, officer, chairman):
        _meeting, decision, _families = decided_block(blocks[0], khoi1, officer, chairman)
        services.decision_paper(decision=decision)
        with open(decision.paper.path, "ab") as handle:
            handle.write(b"%altered")
        with pytest.raises(services.PaperAltered):
            services.decision_paper(decision=Decision.objects.get(pk=decision.pk))

    def test_a_withdrawal_takes_the_title_back_from_its_date_and_keeps_the_rest(
        self, plan, blocks, khoi1, officer, chairman, login
    ):
        meeting, decision, families = decided_block(blocks[0], khoi1, officer, chairman)
        assert indicator(plan, "GDVH").measure.numerator == 4
        title = decision.recognitions.get(household=families[0])
        with pytest.raises(PermissionDenied):
            withdraw([title], by=officer)  # the authority that gave it takes it back
        with pytest.raises(ValidationError, match="lý do"):
            withdraw([title], by=chairman, grounds=" ")
        with pytest.raises(ValidationError, match="05/QĐ-UBND năm 2024 đã dùng"):
            withdraw([title], by=chairman, number=5)
        with pytest.raises(ValidationError, match="không thể ký trước quyết định tặng"):
            withdraw([title], by=chairman, issued_on=datetime.date(2024, 11, 30))
        with pytest.raises(ValidationError, match="chưa tới"):
            withdraw([title], by=chairman, issued_on=timezone.localdate() + datetime.timedelta(days=1))
        withdrawal = withdraw([title], by=chairman)
        title.refresh_from_db()
        assert (title.withdrawn_by, indicator(plan, "GDVH").measure.numerator) == (withdrawal, 3)
        assert title.history.first().history_change_reason == str(withdrawal)  # history keeps who and why
        with pytest.raises(ValidationError, match="không còn giữ danh hiệu năm 2024"):
            withdraw([title], by=chairman, number=10)
        # The household's page and its certificate say so.
        page = login(khoi1).get(f"/ho/{families[0].pk}/").content.decode()
        assert "Đã thu hồi" in page and "09/QĐ-UBND" in page
        certificates = login(khoi1).get(f"/quyet-dinh/{decision.pk}/giay-cong-nhan/{blocks[0].pk}.pdf")
        text = " ".join(
            subprocess.run(["pdftotext", "-", "-"], input=certificates.content, capture_output=True, check=True)
            .stdout.decode()
            .split()
        )
        assert text.count("ĐÃ THU HỒI theo Quyết định số 09/QĐ-UBND") == 1

    def test_a_household_with_no_title_that_year_cannot_be_withdrawn_through_the_page(
        self, plan, blocks, khoi1, officer, chairman, login
    ):
        _meeting, decision, families = decided_block(blocks[0], khoi1, officer, chairman)
        outsider = FamilyRecognitionFactory(household=HouseholdFactory(block=blocks[1]), year=2023)
        client = login(chairman)
        form = {
            "number": "9",
            "symbol": "QĐ-UBND",
            "issued_on": "2024-12-10",
            "signer_name": "Lê Thanh Hải",
            "signer_title": "CHỦ TỊCH",
            "grounds": "Vi phạm",
            "recognitions": [str(outsider.pk)],
        }
        response = client.post(f"/quyet-dinh/{decision.pk}/", form)
        assert response.status_code == 400 and "Chọn ít nhất một danh hiệu để thu hồi." in response.content.decode()
        assert not Recognition.objects.filter(withdrawn_by__isnull=False).exists()
        assert not Withdrawal.objects.exists()
        chosen = decision.recognitions.get(household=families[2]).pk
        form["recognitions"] = [str(chosen)]
        used = client.post(f"/quyet-dinh/{decision.pk}/", {**form, "number": "5"})  # the decision's own number
        assert used.status_code == 400 and "05/QĐ-UBND năm 2024 đã dùng" in used.content.decode()
        assert f'value="{chosen}" id="r{chosen}" checked' in used.content.decode()  # the ticks are kept
        response = client.post(f"/quyet-dinh/{decision.pk}/", form)
        withdrawal = Withdrawal.objects.get()
        assert response["Location"] == f"/quyet-dinh/{withdrawal.pk}/"
        assert list(withdrawal.withdrawn_recognitions.values_list("household", flat=True)) == [families[2].pk]
        refused = login(officer).post(f"/quyet-dinh/{decision.pk}/", form)
        assert refused.status_code == 403 and "Không có quyền" in refused.content.decode()  # in Vietnamese

    def test_reopening_a_decided_block_is_refused_and_the_decision_left_whole(
        self, plan, blocks, khoi1, officer, chairman
    ):
        meeting, decision, _families = decided_block(blocks[0], khoi1, officer, chairman)
        with pytest.raises(ValidationError, match="quyết định đã ký không sửa được"):
            services.meeting_reopen(meeting=meeting, reason="Sai sót", by=officer)
        meeting.refresh_from_db()
        assert (meeting.status, meeting.decision, decision.recognitions.count()) == ("decided", decision, 4)
        assert not MeetingStep.objects.filter(action="reopened").exists()


class TestClosedYears:
    def test_a_closed_years_figures_do_not_move(self, plan, blocks, khoi1, officer, chairman, login):
        decided_block(blocks[0], khoi1, officer, chairman)
        HouseholdFactory(block=blocks[1], moved_in_on=datetime.date(2020, 1, 1))
        with pytest.raises(PermissionDenied):
            report_services.year_close(plan=plan, by=chairman)
        closing = report_services.year_close(plan=plan, by=officer)
        frozen = compute(plan).as_json()
        assert frozen["closed"]["by"] == str(officer)
        assert (frozen["indicators"][0]["numerator"], frozen["indicators"][0]["denominator"]) == (4, 5)
        with pytest.raises(ValidationError, match="đã chốt số liệu"):
            report_services.year_close(plan=plan, by=officer)
        twice = login(officer).post("/bao-cao/2024/chot/")
        assert twice.status_code == 400 and "Năm 2024 đã chốt số liệu lúc" in twice.content.decode()
        no_reason = login(officer).post("/bao-cao/2024/mo-chot/", {"reason": " "})
        assert no_reason.status_code == 400 and "Ghi lý do mở lại" in no_reason.content.decode()

        # Later: households added with an earlier "ngày đến ở", an import with 2024 titles, a figure edited.
        HouseholdFactory.create_batch(3, block=blocks[2], moved_in_on=datetime.date(2019, 1, 1))
        path_rows = [row(code=f"K03-{i}", block="Khối 3", years="2024") for i in range(5)]

        on_paper = services.recorded_decision_record(
            commune=plan.commune,
            title="GDVH",
            year=2024,
            number=300,
            symbol="QĐ-UBND",
            issued_on=datetime.date(2024, 12, 20),
            signer_name="Lê Thanh Hải",
            signer_title="Chủ tịch",
            issuing_body="UBND thị trấn Cao Lộc",
            households=[HouseholdFactory(block=blocks[3])],
            by=officer,
        )
        check = importing.check_file(xlsx(path_rows))
        assert check.app_years == [2024]  # Khối 1 met in the app that year
        assert not importing.apply_rows(check.rows).ok  # so a decision must be picked for it
        assert importing.apply_rows(check.rows, decisions={2024: on_paper.pk}).ok
        Household.objects.filter(block=blocks[0]).update(moved_out_on=datetime.date(2024, 6, 1))
        live = compute(plan, live=True).as_json()["indicators"][0]
        # Live: Khối 1's 4 gone mid-2024; 1 + 3 + 1 + 5 living, the paper decision's 1 and the import's 5 titled.
        assert (live["numerator"], live["denominator"]) == (6, 10)
        assert compute(plan).as_json() == frozen
        # The dashboard and the JSON say "đã chốt" and show what was reported.
        page = login(officer).get("/?year=2024").content.decode()
        assert "Đã chốt số liệu" in page and "4/5" in page
        api = login(officer).get("/api/chi-tieu/2024/").json()
        assert api["closed"] is not None and api["indicators"][0]["numerator"] == 4
        assert "Đã chốt số liệu" in login(officer).get("/bao-cao/2024/").content.decode()
        chart = login(officer).get("/chi-tieu/lich-su.json", {"year": "2024"}).json()
        assert chart["closed"] == [2024] and chart["series"][0]["points"][-1]["numerator"] == 4
        out = io.StringIO()
        call_command("indicators", "--year", "2024", stdout=out)
        assert "Đã chốt số liệu" in out.getvalue() and "4/5" in out.getvalue()

        with pytest.raises(ValidationError, match="Ghi lý do mở lại số liệu đã chốt"):
            report_services.year_reopen(plan=plan, reason="", by=officer)
        with pytest.raises(PermissionDenied):
            report_services.year_reopen(plan=plan, reason="Tỉnh yêu cầu rà soát", by=khoi1)
        report_services.year_reopen(plan=plan, reason="Tỉnh yêu cầu rà soát", by=officer)
        assert compute(plan).as_json()["closed"] is None
        closing.refresh_from_db()
        assert (closing.reopened_by, closing.reopen_reason) == (officer, "Tỉnh yêu cầu rà soát")
        assert YearClosing.objects.count() == 1
        report_services.year_close(plan=plan, by=officer)  # a new closing; the first stays on record
        assert YearClosing.objects.count() == 2

    def test_history_reads_a_closed_years_frozen_figures(self, plan, blocks, officer):
        HouseholdFactory.create_batch(2, block=blocks[0])
        report_services.year_close(plan=plan, by=officer)
        HouseholdFactory.create_batch(3, block=blocks[0])
        assert history(plan.commune, [2024])["GDVH"][2024] == (0, 2)


class TestAdminIsNoBackDoor:
    @pytest.mark.parametrize("model", ["decision", "recognition", "meetingstep", "meeting", "meetingresult"])
    def test_the_officer_reads_the_record_but_cannot_change_it(
        self, login, officer, plan, blocks, khoi1, chairman, model
    ):
        meeting, decision, families = decided_block(blocks[0], khoi1, officer, chairman)
        objects = {
            "decision": decision,
            "recognition": decision.recognitions.first(),
            "meetingstep": meeting.steps.first(),
            "meeting": meeting,
            "meetingresult": MeetingResult.objects.first(),
        }
        pk = objects[model].pk
        client = login(officer)
        assert client.get(f"/quan-tri/recognition/{model}/").status_code == 200
        assert client.get(f"/quan-tri/recognition/{model}/add/").status_code == 403
        assert client.post(f"/quan-tri/recognition/{model}/{pk}/delete/", {"post": "yes"}).status_code == 403
        change = client.post(f"/quan-tri/recognition/{model}/{pk}/change/", {"number": "99"})
        assert change.status_code == 403
        assert type(objects[model]).objects.filter(pk=pk).exists()
        decision.refresh_from_db()
        assert decision.number == 5

    def test_closed_years_too(self, login, officer, plan):
        closing = report_services.year_close(plan=plan, by=officer)
        client = login(officer)
        assert client.get("/quan-tri/reports/yearclosing/").status_code == 200
        assert client.post(f"/quan-tri/reports/yearclosing/{closing.pk}/delete/", {"post": "yes"}).status_code == 403
        assert YearClosing.objects.filter(pk=closing.pk).exists()

    def test_a_superuser_still_can(self, client, plan, blocks):
        root = UserFactory(username="root", is_superuser=True, is_staff=True)
        client.force_login(root)
        assert client.get("/quan-tri/recognition/decision/add/").status_code == 200
