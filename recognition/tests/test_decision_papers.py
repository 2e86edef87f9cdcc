"""The decisions as the law writes them, for every kind (Nghị định 30/2020, Nghị định 86/2023
Mẫu số 10, Luật Thi đua, khen thưởng 2022), their certificates and Giấy khen, who decides each
title (the year's plan), and decision numbers per issuing body and year. Read back with pdftotext."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns.models import TitleAuthority
from recognition import services
from recognition.models import BlockTitleDossier, Decision, MeetingStep
from recognition.tests.test_papers import get_pdf, pages, poppler, text
from testing.factories import FamilyRecognitionFactory, HouseholdFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

SIGNED = {"signer_name": "Lê Thanh Hải", "signer_title": "Phó Chủ tịch"}


def sheets(pdf: bytes) -> list[str]:
    """Each page's text, layout kept (a page number sits alone on the first line)."""
    return [" ".join(page.split()) for page in poppler("pdftotext", pdf, "-layout").split("\f") if page.strip()]


def signature_not_alone(pdf: bytes, signer: str) -> None:
    """The page with the signature also holds the last article (never alone on a page)."""
    page = next(p for p in sheets(pdf) if signer in p)
    assert "Điều 3." in page, page


def commune_decides(plan, title: str, signs_as: str = "chairman") -> None:
    TitleAuthority.objects.update_or_create(
        plan=plan, title=title, defaults={"level": "commune", "body": "", "signs_as": signs_as}
    )


@pytest.fixture
def gdvh(two_dossiers, chairman):
    MeetingStep.objects.filter(action="checked").update(at=timezone.make_aware(datetime.datetime(2024, 12, 2, 9)))
    return services.decision_issue(
        meetings=list(two_dossiers), number=5, issued_on=datetime.date(2024, 12, 2), by=chairman, **SIGNED
    )


def posted_dossiers(blocks, khoi1, officer, n=2, reported_on=datetime.date(2024, 11, 28)):
    dossiers = []
    for block in blocks[:n]:
        dossier = services.block_title_report(block=block, year=2024, achievements="Khối vững mạnh", by=officer)
        dossier.reported_on, dossier.submitted_on = reported_on, datetime.date(2024, 11, 30)
        dossier.save()
        services.block_title_review(dossier=dossier, propose=True, opinion="Đủ tiêu chuẩn", by=officer)
        dossiers.append(services.block_title_post(dossier=dossier, starts_on=datetime.date(2024, 12, 1), by=officer))
    return dossiers


class TestFamilyDecision:
    def test_the_decision_reads_as_mau_so_10(self, login, officer, gdvh):
        pdf = get_pdf(login(officer), reverse("recognition:decision_pdf", args=[gdvh.pk]))
        body = text(pdf)
        for expected in [
            "ỦY BAN NHÂN DÂN THỊ TRẤN CAO LỘC",
            "Số: 05/QĐ-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Cao Lộc, ngày 02 tháng 12 năm 2024",
            "QUYẾT ĐỊNH Về việc tặng danh hiệu “Gia đình văn hóa” năm 2024 CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ TRẤN CAO LỘC",
            # The year's bases from the plan, each ending ";", the laws dated.
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 86/2023/NĐ-CP ngày 07 tháng 12 năm 2023",
            "trên địa bàn tỉnh Lạng Sơn;",
            "Xét đề nghị của Trưởng Khối 1, Khối 2 tại các Văn bản đề nghị ngày 02 tháng 12 năm 2024 và Tờ trình "
            "của công chức Văn hóa - Xã hội ngày 02 tháng 12 năm 2024.",
            "Điều 1. Tặng danh hiệu “Gia đình văn hóa” năm 2024 cho 4 hộ gia đình (có danh sách kèm theo).",
            "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
            "DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC TẶNG DANH HIỆU “GIA ĐÌNH VĂN HÓA” NĂM 2024",
            "(Kèm theo Quyết định số 05/QĐ-UBND ngày 02 tháng 12 năm 2024 của Chủ tịch Ủy ban nhân dân "
            "thị trấn Cao Lộc)",
            "Khối 1: 2 hộ",
            "Khối 2: 2 hộ",
            "Tổng số: 4 hộ.",
        ]:
            assert expected in body, expected
        assert "công nhận danh hiệu" not in body.lower()
        assert "UBND THỊ TRẤN" not in body  # the issuing body is written in full
        assert "Thị trấn Cao Lộc" not in body  # "thị trấn" inside a sentence
        signature_not_alone(pdf, "Lê Thanh Hải")

    def test_a_chairman_signs_in_his_own_name(self, two_dossiers, login, officer, chairman):
        decision = services.decision_issue(
            meetings=list(two_dossiers),
            number=6,
            issued_on=datetime.date(2024, 12, 2),
            signer_name="Nguyễn Văn An",
            signer_title="CHỦ TỊCH",
            by=chairman,
        )
        body = text(get_pdf(login(officer), reverse("recognition:decision_pdf", args=[decision.pk])))
        assert "Lưu: VT. CHỦ TỊCH Nguyễn Văn An" in body
        assert "TM." not in body and "KT." not in body

    def test_an_unknown_request_date_stays_blank(self, two_dossiers, login, officer, chairman):
        two_dossiers[0].steps.filter(action="submitted").delete()
        decision = services.decision_issue(
            meetings=list(two_dossiers), number=7, issued_on=datetime.date(2024, 12, 2), by=chairman, **SIGNED
        )
        body = text(get_pdf(login(officer), reverse("recognition:decision_pdf", args=[decision.pk])))
        assert (
            "Trưởng Khối 1 tại Văn bản đề nghị ngày … tháng … năm …, Trưởng Khối 2 tại Văn bản đề nghị ngày 02" in body
        )

    def test_a_sending_recorded_after_the_decision_is_not_its_date(self, two_dossiers, login, officer, chairman):
        two_dossiers[0].steps.filter(action="submitted").update(
            at=datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
        )
        decision = services.decision_issue(
            meetings=list(two_dossiers), number=8, issued_on=datetime.date(2024, 12, 2), by=chairman, **SIGNED
        )
        body = text(get_pdf(login(officer), reverse("recognition:decision_pdf", args=[decision.pk])))
        assert "Trưởng Khối 1 tại Văn bản đề nghị ngày … tháng … năm …" in body
        assert "2026" not in body

    def test_certificates_numbered_over_the_decision_without_page_numbers(
        self, login, khoi1, khoi2, officer, gdvh, blocks
    ):
        first = get_pdf(login(khoi1), reverse("recognition:certificates", args=[gdvh.pk, blocks[0].pk]))
        second = get_pdf(login(khoi2), reverse("recognition:certificates", args=[gdvh.pk, blocks[1].pk]))
        body = text(first)
        for expected in [
            "ỦY BAN NHÂN DÂN THỊ TRẤN CAO LỘC",
            "GIẤY CHỨNG NHẬN",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ TRẤN CAO LỘC",
            "Hộ gia đình ông (bà) Hoàng Văn An",
            "ĐẠT DANH HIỆU “GIA ĐÌNH VĂN HÓA” NĂM 2024",
            "(Theo Quyết định số 05/QĐ-UBND ngày 02 tháng 12 năm 2024",
            "Cao Lộc, ngày 02 tháng 12 năm 2024",
            "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        ]:
            assert expected in body, expected
        assert [p.split("Số: ")[1].split()[0] for p in sheets(first)] == ["1/2024", "2/2024"]
        assert [p.split("Số: ")[1].split()[0] for p in sheets(second)] == ["3/2024", "4/2024"]
        assert all(not p.startswith("2 ") for p in sheets(first))  # no page number on page 2
        assert "Khối 1, Khối 1" not in body and "Khối 1 – Khối 1" not in body
        assert "Khối 1, thị trấn Cao Lộc" in body
        every = get_pdf(login(officer), reverse("recognition:all_certificates", args=[gdvh.pk]))
        assert pages(every) == 4

    def test_a_second_decision_of_the_year_numbers_on(self, two_dossiers, login, officer, chairman, blocks):
        first, second = (
            services.decision_issue(
                meetings=[meeting], number=number, issued_on=datetime.date(2024, 12, 2), by=chairman, **SIGNED
            )
            for meeting, number in zip(two_dossiers, (5, 6), strict=True)
        )
        client = login(officer)
        numbers = [
            p.split("Số: ")[1].split()[0]
            for decision in (first, second)
            for p in sheets(get_pdf(client, reverse("recognition:all_certificates", args=[decision.pk])))
        ]
        assert numbers == ["1/2024", "2/2024", "3/2024", "4/2024"]

    def test_another_blocks_certificates_or_no_decision_is_404(self, login, khoi1, gdvh, blocks, officer):
        assert login(khoi1).get(reverse("recognition:certificates", args=[gdvh.pk, blocks[1].pk])).status_code == 404
        assert (
            login(khoi1).get(reverse("recognition:certificates", args=[gdvh.pk + 99, blocks[0].pk])).status_code == 404
        )
        assert login(officer).get(reverse("recognition:decision_pdf", args=[gdvh.pk + 99])).status_code == 404
        # A block the decision gave nothing: no empty paper.
        assert login(officer).get(reverse("recognition:certificates", args=[gdvh.pk, blocks[5].pk])).status_code == 404


class TestBlockDecision:
    def test_2024_the_district_decides_the_chairman_is_told_who(self, plan, blocks, khoi1, officer, chairman):
        dossiers = posted_dossiers(blocks, khoi1, officer, n=1)
        with pytest.raises(ValidationError) as refused:
            services.block_title_decide(
                dossiers=dossiers, number=30, issued_on=datetime.date(2024, 12, 20), by=chairman, **SIGNED
            )
        assert refused.value.messages == [
            "Năm 2024 danh hiệu “Tổ dân phố văn hóa” do Chủ tịch Ủy ban nhân dân huyện Cao Lộc quyết định; "
            "công chức văn hóa ghi nhận quyết định nhận được."
        ]

    def test_2024_the_officer_records_the_districts_decision(self, login, plan, blocks, khoi1, officer):
        dossier = posted_dossiers(blocks, khoi1, officer, n=1)[0]
        response = login(officer).post(
            reverse("recognition:block_dossier_step", args=[dossier.pk, "quyet-dinh"]),
            {
                "number": "1450",
                "issued_on": "28/12/2024",
                "signer_name": "Hoàng Văn Minh",
                "signer_title": "CHỦ TỊCH",
                "symbol": "QĐ-UBND",
                "scan": SimpleUploadedFile("qd.pdf", b"%PDF-1.4 scan", content_type="application/pdf"),
            },
            follow=True,
        )
        assert "Đã ghi nhận quyết định." in response.content.decode()
        decision = Decision.objects.get()
        assert (decision.kind, decision.issuing_body) == ("recorded", "Ủy ban nhân dân huyện Cao Lộc")
        assert decision.scan
        assert login(officer).get(reverse("recognition:decision_pdf", args=[decision.pk])).status_code == 404

    def test_after_districts_the_commune_chairman_issues_it_and_prints_it(
        self, login, plan, blocks, khoi1, officer, chairman
    ):
        commune_decides(plan, "TDPVH")
        dossiers = posted_dossiers(blocks, khoi1, officer, n=2)
        decision = services.block_title_decide(
            dossiers=dossiers, number=30, issued_on=datetime.date(2024, 12, 20), by=chairman, **SIGNED
        )
        pdf = get_pdf(login(officer), reverse("recognition:decision_pdf", args=[decision.pk]))
        body = text(pdf)
        for expected in [
            "Về việc tặng danh hiệu “Tổ dân phố văn hóa” năm 2024",
            "Xét Báo cáo thành tích của Trưởng Khối 1 ngày 28 tháng 11 năm 2024, Trưởng Khối 2 ngày 28 tháng 11 "
            "năm 2024; ý kiến của Hội đồng Thi đua - Khen thưởng thị trấn Cao Lộc và Tờ trình của công chức "
            "Văn hóa - Xã hội ngày 30 tháng 11 năm 2024.",
            "Điều 1. Tặng danh hiệu “Tổ dân phố văn hóa” năm 2024 cho 2 tổ dân phố (khối phố)",
            "Tên tổ dân phố (khối phố)",
            "1 Khối 1 thị trấn Cao Lộc",
            "2 Khối 2 thị trấn Cao Lộc",
        ]:
            assert expected in body, expected
        signature_not_alone(pdf, "Lê Thanh Hải")
        certificate = text(get_pdf(login(khoi1), reverse("recognition:certificates", args=[decision.pk, blocks[0].pk])))
        assert "GIẤY CHỨNG NHẬN" in certificate and "ĐẠT DANH HIỆU “TỔ DÂN PHỐ VĂN HÓA” NĂM 2024" in certificate
        assert "Khối 2" not in certificate
        with pytest.raises(
            ValidationError, match="do Chủ tịch Ủy ban nhân dân thị trấn Cao Lộc quyết định trên hệ thống"
        ):
            services.block_title_decide(
                dossiers=posted_dossiers(blocks[2:], khoi1, officer, n=1),
                number=31,
                issued_on=datetime.date(2024, 12, 20),
                by=officer,
                **SIGNED,
            )


class TestOrganisationDecision:
    def test_2024_a_high_school_is_not_the_commune_chairmans(self, plan, officer, chairman):
        school = OrganisationFactory(commune=plan.commune, name="Trường THPT Cao Lộc")
        with pytest.raises(ValidationError, match="Chủ tịch Ủy ban nhân dân huyện Cao Lộc quyết định"):
            services.organisation_recognise(
                organisation=school, year=2024, number=40, issued_on=datetime.date(2024, 12, 15), by=chairman, **SIGNED
            )
        recognition = services.organisation_recognise(
            organisation=school,
            year=2024,
            number=95,
            issued_on=datetime.date(2024, 12, 15),
            signer_name="Hoàng Văn Minh",
            signer_title="CHỦ TỊCH",
            by=officer,
        )
        assert recognition.decision.kind == "recorded"
        assert recognition.decision.issuing_body == "Ủy ban nhân dân huyện Cao Lộc"

    def test_where_the_plan_says_the_commune_the_paper_lists_the_organisations(self, login, plan, officer, chairman):
        commune_decides(plan, "CQVH")
        school = OrganisationFactory(commune=plan.commune, name="Trường Mầm non Hoa Hồng", address="Khối 3")
        recognition = services.organisation_recognise(
            organisation=school, year=2024, number=40, issued_on=datetime.date(2024, 12, 15), by=chairman, **SIGNED
        )
        client = login(officer)
        pdf = get_pdf(client, reverse("recognition:decision_pdf", args=[recognition.decision.pk]))
        body = text(pdf)
        for expected in [
            "Về việc công nhận “Cơ quan, đơn vị đạt chuẩn văn hóa” năm 2024",
            "Xét đề nghị của công chức Văn hóa - Xã hội.",
            "Điều 1. Công nhận 1 cơ quan, đơn vị đạt chuẩn văn hóa năm 2024",
            "Trường Mầm non Hoa Hồng",
            "Tổng số: 1 cơ quan, đơn vị.",
        ]:
            assert expected in body, expected
        signature_not_alone(pdf, "Lê Thanh Hải")
        certificate = text(get_pdf(client, reverse("recognition:all_certificates", args=[recognition.decision.pk])))
        assert "Trường Mầm non Hoa Hồng" in certificate and "ĐẠT CHUẨN VĂN HÓA NĂM 2024" in certificate


class TestWithdrawal:
    def test_a_withdrawal_cites_the_laws_in_force_when_it_is_signed(self, login, officer, chairman, blocks, today):
        # A 2023 title known from the registers; 2023 has no plan: the 2024 plan's bases stand.
        today.day = datetime.date(2024, 3, 15)
        old = FamilyRecognitionFactory(year=2023, household=HouseholdFactory(block=blocks[1]))
        withdrawal = services.withdrawal_issue(
            recognitions=[old],
            number=12,
            issued_on=datetime.date(2024, 3, 15),
            grounds="Hộ bị xử phạt vi phạm hành chính về đánh bạc trong năm 2023.",
            by=chairman,
            **SIGNED,
        )
        body = text(get_pdf(login(officer), reverse("recognition:decision_pdf", args=[withdrawal.pk])))
        assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in body
        assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;" in body
        assert "Về việc hủy bỏ, thu hồi danh hiệu “Gia đình văn hóa” năm 2023" in body

    def test_the_withdrawal_paper(self, login, officer, chairman, gdvh, today):
        today.day = datetime.date(2024, 12, 10)
        taken = gdvh.recognitions.order_by("household__code").first()
        withdrawal = services.withdrawal_issue(
            recognitions=[taken],
            number=9,
            issued_on=datetime.date(2024, 12, 10),
            grounds="Hộ vi phạm quy định về phòng cháy, chữa cháy.",
            by=chairman,
            **SIGNED,
        )
        client = login(officer)
        pdf = get_pdf(client, reverse("recognition:decision_pdf", args=[withdrawal.pk]))
        body = text(pdf)
        for expected in [
            "ỦY BAN NHÂN DÂN THỊ TRẤN CAO LỘC",
            "Số: 09/QĐ-UBND",
            "Về việc hủy bỏ, thu hồi danh hiệu “Gia đình văn hóa” năm 2024",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ TRẤN CAO LỘC",
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Quyết định số 05/QĐ-UBND ngày 02 tháng 12 năm 2024 về việc tặng danh hiệu",
            "Xét: Hộ vi phạm quy định về phòng cháy, chữa cháy.",
            "Hộ Hoàng Văn An",
            "Giấy chứng nhận đã cấp",
        ]:
            assert expected in body, expected
        signature_not_alone(pdf, "Lê Thanh Hải")
        # No certificate from a withdrawal; the one taken back is marked on its certificate.
        assert client.get(reverse("recognition:all_certificates", args=[withdrawal.pk])).status_code == 404
        certificates = text(get_pdf(client, reverse("recognition:all_certificates", args=[gdvh.pk])))
        assert "ĐÃ THU HỒI theo Quyết định số 09/QĐ-UBND ngày 10/12/2024" in certificates

    def test_a_districts_title_is_taken_back_by_the_district_recorded_not_printed(
        self, login, plan, blocks, khoi1, officer, chairman
    ):
        dossier = posted_dossiers(blocks, khoi1, officer, n=1)[0]
        decision = services.block_title_decide(
            dossiers=[dossier],
            number=1450,
            issued_on=datetime.date(2024, 12, 28),
            signer_name="Hoàng Văn Minh",
            signer_title="CHỦ TỊCH",
            by=officer,
        )
        withdrawal = services.withdrawal_issue(
            recognitions=list(decision.recognitions.all()),
            number=20,
            issued_on=datetime.date(2025, 2, 10),
            signer_name="Hoàng Văn Minh",
            signer_title="CHỦ TỊCH",
            grounds="Khối để xảy ra vụ việc phức tạp về an ninh trật tự.",
            by=officer,
        )
        assert (withdrawal.kind, withdrawal.issuing_body) == ("withdrawal", "Ủy ban nhân dân huyện Cao Lộc")
        assert not withdrawal.signed_in_app
        client = login(officer)
        assert client.get(reverse("recognition:decision_pdf", args=[withdrawal.pk])).status_code == 404
        page = client.get(reverse("recognition:decision", args=[withdrawal.pk])).content.decode()
        assert reverse("recognition:decision_pdf", args=[withdrawal.pk]) not in page


class TestCommendation:
    @pytest.fixture
    def exemplary(self, plan, blocks):
        households = [
            HouseholdFactory(block=blocks[i // 2], head_name=name, address=f"Số {i + 1}, phố Mới")
            for i, name in enumerate(["Hà Văn Bình", "Vi Thị Cúc", "Lộc Văn Dũng"])
        ]
        for household in households:
            for year in (2022, 2023, 2024):
                FamilyRecognitionFactory(household=household, year=year)
        for household in HouseholdFactory.create_batch(17, block=blocks[3]):
            FamilyRecognitionFactory(household=household, year=2024)
        return households  # 20 recognised in 2024: 15 % caps it at 3

    def test_the_chairman_commends_and_it_prints_with_a_giay_khen_each(
        self, login, exemplary, chairman, officer, khoi1, blocks
    ):
        client = login(chairman)
        response = client.post(
            reverse("recognition:commend") + "?year=2024",
            {
                "households": [h.pk for h in exemplary],
                "number": "60",
                "issued_on": "20/12/2024",
                "signer_name": "Nguyễn Văn An",
                "signer_title": "CHỦ TỊCH",
                "symbol": "QĐ-UBND",
            },
            follow=True,
        )
        assert "Đã ký quyết định khen thưởng 3 hộ." in response.content.decode()
        decision = Decision.objects.get(kind="commend")
        assert decision.commendations.count() == 3
        pdf = get_pdf(login(officer), reverse("recognition:decision_pdf", args=[decision.pk]))
        body = text(pdf)
        for expected in [
            "Số: 60/QĐ-UBND",
            "Về việc tặng Giấy khen cho Gia đình văn hóa tiêu biểu năm 2024",
            "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân thị trấn Cao Lộc cho 3 hộ gia đình",
            "đạt danh hiệu “Gia đình văn hóa” 3 năm liên tục (2022–2024)",
            "Khối 1: 2 hộ",
            "Khối 2: 1 hộ",
            "Lưu: VT. CHỦ TỊCH Nguyễn Văn An",
        ]:
            assert expected in body, expected
        signature_not_alone(pdf, "Nguyễn Văn An")
        merit = get_pdf(login(khoi1), reverse("recognition:certificates", args=[decision.pk, blocks[0].pk]))
        body = text(merit)
        assert body.count("GIẤY KHEN") == 2 and "Lộc Văn Dũng" not in body
        for expected in [
            "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ TRẤN CAO LỘC TẶNG",
            "Hộ gia đình ông (bà) Hà Văn Bình",
            "Số 1, phố Mới, Khối 1, thị trấn Cao Lộc",
            "Quyết định số 60/QĐ-UBND",
        ]:
            assert expected in body, expected
        assert all(not p.startswith("2 ") for p in sheets(merit))
        page = login(officer).get(reverse("recognition:decision", args=[decision.pk])).content.decode()
        assert "Hà Văn Bình" in page and reverse("recognition:all_certificates", args=[decision.pk]) in page
        listed = login(officer).get(reverse("recognition:decisions") + "?year=2024").content.decode()
        assert "khen 3" in listed
        titles = login(officer).get(reverse("recognition:titles") + "?year=2024").content.decode()
        assert reverse("recognition:decision", args=[decision.pk]) in titles

    def test_the_cap_and_a_second_commendation_are_refused(self, exemplary, chairman):
        services.commendation_issue(
            households=exemplary[:1], year=2024, number=60, issued_on=datetime.date(2024, 12, 20), by=chairman, **SIGNED
        )
        with pytest.raises(ValidationError, match="đã được khen thưởng năm 2024"):
            services.commendation_issue(
                households=exemplary[:2],
                year=2024,
                number=61,
                issued_on=datetime.date(2024, 12, 20),
                by=chairman,
                **SIGNED,
            )


class TestNumbering:
    def record(self, officer, blocks, number, issued_on, body="Ủy ban nhân dân huyện Cao Lộc", i=0):
        household = HouseholdFactory(block=blocks[0])
        return services.recorded_decision_record(
            commune=blocks[0].commune,
            title="GDVH",
            year=issued_on.year - 1 if i else 2023,
            number=number,
            symbol="QĐ-UBND",
            issued_on=issued_on,
            issuing_body=body,
            by=officer,
            households=[household],
            **SIGNED,
        )

    def test_numbers_are_per_issuing_body_and_year(self, plan, blocks, officer):
        self.record(officer, blocks, 12, datetime.date(2023, 3, 1))
        with pytest.raises(ValidationError) as refused:
            self.record(officer, blocks, 12, datetime.date(2023, 12, 28))
        assert refused.value.message_dict["number"] == [
            "Số 12/QĐ-UBND năm 2023 đã dùng cho quyết định ngày 01/03/2023."
        ]
        self.record(officer, blocks, 12, datetime.date(2024, 1, 5), i=1)  # the next year starts again
        self.record(officer, blocks, 12, datetime.date(2023, 12, 28), body="Ủy ban nhân dân thị trấn Cao Lộc")
        assert Decision.objects.filter(number=12).count() == 3


def test_the_decision_form_offers_the_plans_signer(two_dossiers, login, chairman, plan):
    commune_decides(plan, "GDVH", signs_as="vice")
    chairman.position = ""
    chairman.save()
    html = login(chairman).get(reverse("recognition:decision_new")).content.decode()
    assert 'name="signer_title" value="PHÓ CHỦ TỊCH"' in html


def test_a_conferral_asked_of_the_chairman_when_the_district_decides_gdvh(two_dossiers, chairman, plan):
    TitleAuthority.objects.filter(plan=plan, title="GDVH").update(
        level="district", body="Ủy ban nhân dân huyện Cao Lộc"
    )
    with pytest.raises(
        ValidationError, match="Năm 2024 danh hiệu “Gia đình văn hóa” do Chủ tịch Ủy ban nhân dân huyện"
    ):
        services.decision_issue(
            meetings=list(two_dossiers), number=5, issued_on=datetime.date(2024, 12, 2), by=chairman, **SIGNED
        )
    assert not BlockTitleDossier.objects.exists() and not Decision.objects.exists()
