"""Tổ dân phố văn hóa, organisations đạt chuẩn văn hóa, and Gia đình văn hóa tiêu biểu."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns.models import Plan, TitleAuthority
from recognition import services
from recognition.models import Commendation, Recognition
from recognition.selectors import exemplary_candidates
from testing.factories import FamilyRecognitionFactory, HouseholdFactory, OrganisationFactory
from testing.indicators import indicator

pytestmark = pytest.mark.django_db


def decide_blocks(dossiers, by, issued_on=datetime.date(2024, 12, 20)):
    return services.block_title_decide(
        dossiers=dossiers,
        number=30,
        issued_on=issued_on,
        signer_name="Lê Thanh Hải",
        signer_title="Phó Chủ tịch",
        by=by,
    )


class TestBlockTitle:
    def test_report_review_post_decide_moves_tdpvh(self, plan, blocks, khoi1, officer, chairman):
        dossier = services.block_title_report(
            block=blocks[0], year=2024, by=khoi1, achievements="Giữ vững an ninh trật tự; 98 % hộ đạt GĐVH."
        )
        with pytest.raises(PermissionDenied):
            services.block_title_review(dossier=dossier, propose=True, opinion="", by=khoi1)
        services.block_title_review(dossier=dossier, propose=True, opinion="Đủ tiêu chuẩn", by=officer)
        dossier = services.block_title_post(dossier=dossier, starts_on=datetime.date(2024, 12, 1), by=officer)
        with pytest.raises(ValidationError, match="chưa ra quyết định được trước ngày 11/12/2024"):
            decide_blocks([dossier], officer, issued_on=datetime.date(2024, 12, 10))
        assert indicator(plan, "TDPVH").measure.numerator == 0
        decide_blocks([dossier], officer)  # 2024: the district's decision, recorded by the officer
        tdpvh = indicator(plan, "TDPVH").measure
        assert (tdpvh.numerator, tdpvh.denominator) == (1, 10)

    def test_a_block_not_proposed_by_the_council_goes_no_further(self, plan, blocks, khoi1, officer):
        dossier = services.block_title_report(block=blocks[0], year=2024, achievements="…", by=khoi1)
        services.block_title_review(dossier=dossier, propose=False, opinion="Còn vụ việc mất trật tự", by=officer)
        with pytest.raises(ValidationError, match="được Hội đồng đề nghị"):
            services.block_title_post(dossier=dossier, starts_on=datetime.date(2024, 12, 1), by=officer)

    def test_who_signs_follows_the_years_plan(self, plan, blocks, khoi1, officer, chairman):
        dossier = services.block_title_report(block=blocks[0], year=2024, achievements="…", by=khoi1)
        services.block_title_review(dossier=dossier, propose=True, opinion="", by=officer)
        dossier = services.block_title_post(dossier=dossier, starts_on=datetime.date(2024, 12, 1), by=officer)
        with pytest.raises(PermissionDenied):
            decide_blocks([dossier], khoi1)  # neither decides nor records
        TitleAuthority.objects.filter(plan=plan, title="TDPVH").update(level="commune", body="")
        with pytest.raises(ValidationError, match="do Chủ tịch Ủy ban nhân dân thị trấn Cao Lộc quyết định"):
            decide_blocks([dossier], officer)  # signed at commune level: the chairman's
        TitleAuthority.objects.filter(plan=plan, title="TDPVH").update(
            level="district", body="Ủy ban nhân dân huyện Cao Lộc"
        )
        with pytest.raises(ValidationError, match="do Chủ tịch Ủy ban nhân dân huyện Cao Lộc quyết định"):
            decide_blocks([dossier], chairman)  # the district signs; the officer records it
        decide_blocks([dossier], officer)
        assert Recognition.objects.get().block == blocks[0]


def _plan_of(plan, year):
    if year == plan.year:
        TitleAuthority.objects.filter(plan=plan, title="CQVH").delete()
        return plan
    return Plan.objects.create(commune=plan.commune, year=year, title=f"Kế hoạch {year}")


class TestOrganisations:
    def test_recognised_then_re_recognised_after_five_years(self, plan, chairman, khoi1):
        for year in (2020, 2024):  # where the plan gives it to the commune chairman
            TitleAuthority.objects.create(plan=_plan_of(plan, year), title="CQVH", level="commune")
        school = OrganisationFactory(commune=plan.commune, name="Trường Tiểu học số 1")
        OrganisationFactory(commune=plan.commune)
        first = services.organisation_recognise(
            organisation=school,
            year=2020,
            number=3,
            issued_on=datetime.date(2020, 12, 1),
            signer_name="A",
            signer_title="B",
            by=chairman,
        )
        assert first.valid_until == 2024
        cqvh = indicator(plan, "CQVH").measure
        assert (cqvh.numerator, cqvh.denominator) == (1, 2)
        with pytest.raises(ValidationError, match="đang giữ danh hiệu đến hết năm 2024; công nhận lại từ năm 2025"):
            services.organisation_recognise(
                organisation=school,
                year=2024,
                number=4,
                issued_on=datetime.date(2024, 12, 1),
                signer_name="A",
                signer_title="B",
                by=chairman,
            )
        with pytest.raises(PermissionDenied):
            services.organisation_recognise(
                organisation=school,
                year=2025,
                number=4,
                issued_on=datetime.date(2025, 12, 1),
                signer_name="A",
                signer_title="B",
                by=khoi1,
            )


class TestExemplary:
    def test_candidates_the_cap_and_the_commendation(self, plan, blocks, officer, khoi1):
        steady = HouseholdFactory.create_batch(3, block=blocks[0])
        for household in steady:
            for year in (2022, 2023, 2024):
                FamilyRecognitionFactory(household=household, year=year)
        gap = HouseholdFactory(block=blocks[0])
        for year in (2021, 2022, 2024):
            FamilyRecognitionFactory(household=gap, year=year)
        for household in HouseholdFactory.create_batch(16, block=blocks[1]):
            FamilyRecognitionFactory(household=household, year=2024)

        candidates = exemplary_candidates(2024)
        assert {h.pk for h in candidates["households"]} == {h.pk for h in steady}
        assert (candidates["recognised"], candidates["cap"]) == (20, 3)  # 15 % of 20

        with pytest.raises(ValidationError, match="không đủ số năm liên tục"):
            services.commendation_record(households=[gap], year=2024, reference="GK 01", by=officer)
        with pytest.raises(PermissionDenied):
            services.commendation_record(households=steady[:1], year=2024, reference="GK 01", by=khoi1)
        services.commendation_record(households=steady[:2], year=2024, reference="GK 01", by=officer)
        with pytest.raises(ValidationError, match="tối đa 3 hộ, đã có 2"):
            services.commendation_record(households=steady[2:] + steady[:1], year=2024, reference="GK 02", by=officer)
        assert Commendation.objects.count() == 2


class TestPage:
    def test_the_titles_page_through_its_forms(self, login, plan, blocks, khoi1, officer, chairman):
        client = login(khoi1)
        client.post(reverse("recognition:block_report", args=[blocks[0].pk]), {"achievements": "Khối vững mạnh"})
        assert (
            login(khoi1)
            .post(reverse("recognition:block_report", args=[blocks[1].pk]), {"achievements": "x"})
            .status_code
            == 404
        )
        page = client.get(reverse("recognition:titles"))
        assert [b.name for b, _d in page.context["dossiers"]] == ["Khối 1"]
        assert "organisations" not in page.context  # commune-wide lists are not a khối trưởng's
        dossier = page.context["dossiers"][0][1]
        officer_client = login(officer)
        officer_client.post(
            reverse("recognition:block_dossier_step", args=[dossier.pk, "xet"]),
            {"propose": "1", "opinion": "Đủ tiêu chuẩn"},
        )
        officer_client.post(
            reverse("recognition:block_dossier_step", args=[dossier.pk, "niem-yet"]), {"starts_on": "2024-12-01"}
        )
        response = login(officer).post(
            reverse("recognition:block_dossier_step", args=[dossier.pk, "quyet-dinh"]),
            {
                "number": 31,
                "issued_on": "2024-12-11",
                "signer_name": "Lê Thanh Hải",
                "signer_title": "PHÓ CHỦ TỊCH",
                "symbol": "QĐ-UBND",
            },
            follow=True,
        )
        assert "Đã ghi nhận quyết định." in response.content.decode()
        assert Recognition.objects.get().block == blocks[0]

        school = OrganisationFactory(commune=plan.commune, name="Trường Mầm non")
        login(officer).post(
            reverse("recognition:organisation_recognise", args=[school.pk]),
            {
                "number": 40,
                "issued_on": "2024-12-15",
                "signer_name": "A",
                "signer_title": "CHỦ TỊCH",
                "symbol": "QĐ-UBND",
            },
        )
        html = login(officer).get(reverse("recognition:titles")).content.decode()
        assert "Đạt chuẩn đến 2028" in html


def test_blocks_and_organisations_register_and_it_shows(login, plan, blocks, khoi1, officer):
    school = OrganisationFactory(commune=plan.commune, name="Trường THCS")
    login(khoi1).post(reverse("recognition:register", args=["khoi", blocks[0].pk]))
    assert login(khoi1).post(reverse("recognition:register", args=["khoi", blocks[1].pk])).status_code == 404
    response = login(khoi1).post(reverse("recognition:register", args=["co-quan", school.pk]), follow=True)
    assert "Đã đăng ký." not in response.content.decode()  # the officer registers organisations
    login(officer).post(reverse("recognition:register", args=["co-quan", school.pk]))
    again = login(officer).post(reverse("recognition:register", args=["co-quan", school.pk]), follow=True)
    assert "Đã đăng ký năm 2024." in again.content.decode()
    page = login(officer).get(reverse("recognition:titles"))
    assert [b.registered for b, _d in page.context["dossiers"]][:2] == [True, False]
    assert [o.registered for o, _h in page.context["organisations"]] == [True]
