"""Activities, cultural houses, organisations, funding and what is due."""

import datetime
import io
import unicodedata

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from campaigns import services
from campaigns.models import Activity, BlockFigures, BudgetLine, Organisation
from households.models import CulturalHouse
from households.tests.sheets import read_back
from recognition.models import Recognition
from reports.selectors import due_for
from reports.services import due_summary_send_task
from testing.factories import OrganisationRecognitionFactory
from testing.indicators import indicator

pytestmark = pytest.mark.django_db


def activity_data(**extra):
    return {
        "kind": "legal_education",
        "held_on": "2024-05-12",
        "title": "Tuyên truyền Luật Đất đai 2024",
        "organiser": "Chi hội Phụ nữ",
        "attendance": "45",
        **extra,
    }


class TestActivities:
    def test_khoi_truong_records_own_block_only(self, plan, blocks, khoi1, login):
        client = login(khoi1)
        response = client.post("/hoat-dong/2024/them/", activity_data(block=blocks[1].pk))
        assert response.status_code == 400 and not Activity.objects.exists()  # not a choice they have
        response = client.post("/hoat-dong/2024/them/", activity_data(block=""))
        assert "Trường này là bắt buộc." in response.content.decode()  # commune-wide ones are the officer's
        assert not Activity.objects.exists()
        response = client.post("/hoat-dong/2024/them/", activity_data(block=blocks[0].pk, held_on="2019-05-12"))
        assert "phải diễn ra trong năm 2024" in response.content.decode()
        assert not Activity.objects.exists()
        client.post("/hoat-dong/2024/them/", activity_data(block=blocks[0].pk))
        activity = Activity.objects.get()
        assert (activity.block, activity.attendance, activity.history.get().history_user) == (blocks[0], 45, khoi1)
        other = Activity.objects.create(
            plan=plan, kind="sports", held_on=datetime.date(2024, 6, 1), title="Giải bóng", block=blocks[1]
        )
        assert client.get(f"/hoat-dong/chi-tiet/{other.pk}/").status_code == 404
        assert client.post(f"/hoat-dong/2024/{other.pk}/sua/", activity_data(block=blocks[0].pk)).status_code == 404
        commune_wide = Activity.objects.create(
            plan=plan, kind="conference", held_on=datetime.date(2024, 12, 1), title="Hội nghị tổng kết"
        )
        assert client.get(f"/hoat-dong/chi-tiet/{commune_wide.pk}/").status_code == 200  # they may read it
        assert client.get(f"/hoat-dong/2024/{commune_wide.pk}/sua/").status_code == 403  # not change it
        with pytest.raises(PermissionDenied):
            services.activity_save(activity=other, by=khoi1)

    def test_lists_by_block_type_and_month_in_fixed_queries(
        self, plan, blocks, officer, khoi1, login, django_assert_num_queries
    ):
        kinds = ["propaganda", "legal_education", "sports", "unity_day", "training", "conference"]
        for i, block in enumerate(blocks):
            Activity.objects.create(
                plan=plan,
                kind=kinds[i % 6],
                held_on=datetime.date(2024, 1 + i, 10),
                title=f"Hoạt động {i}",
                block=block,
                attendance=10 + i,
            )
        Activity.objects.create(
            plan=plan,
            kind="unity_day",
            held_on=datetime.date(2024, 11, 18),
            title="Ngày hội Đại đoàn kết toàn dân tộc",
            attendance=500,
        )
        client = login(officer)
        # session, user, plan, activities, blocks (filter form), plan years, the commune's unit words (menu)
        with django_assert_num_queries(7):
            page = client.get("/hoat-dong/2024/").content.decode()
        assert "11 hoạt động, 645 lượt người tham dự." in page
        page = client.get("/hoat-dong/2024/", {"kind": "unity_day"}).content.decode()
        assert "3 hoạt động, 532 lượt" in page and "Ngày hội Đại đoàn kết toàn dân tộc" in page
        page = client.get("/hoat-dong/2024/", {"month": "11"}).content.decode()
        assert "1 hoạt động, 500 lượt" in page
        page = client.get("/hoat-dong/2024/", {"block": blocks[2].pk}).content.decode()
        assert "1 hoạt động, 12 lượt" in page
        # A khối trưởng sees their block's and the commune-wide ones.
        page = login(khoi1).get("/hoat-dong/2024/").content.decode()
        assert "2 hoạt động, 510 lượt" in page and "Hoạt động 1<" not in page


class TestHousesAndOrganisations:
    def test_cultural_house_pages_drive_nvh(self, plan, blocks, officer, khoi1, login):
        assert indicator(plan, "NVH").measure.numerator == 0
        assert login(khoi1).post(f"/nha-van-hoa/{blocks[0].pk}/", {"state": "in_use"}).status_code == 403
        client = login(officer)
        response = client.post(f"/nha-van-hoa/{blocks[0].pk}/", {"state": "in_use", "in_use_since": ""})
        assert "phải có năm đưa vào sử dụng" in response.content.decode()
        client.post(
            f"/nha-van-hoa/{blocks[0].pk}/",
            {"state": "in_use", "in_use_since": "2019", "meets_standard": "on", "notes": "Đã sửa mái"},
        )
        client.post(f"/nha-van-hoa/{blocks[1].pk}/", {"state": "in_procedure"})
        assert CulturalHouse.objects.get(block=blocks[0]).history.get().history_user == officer
        nvh = indicator(plan, "NVH").measure
        assert (nvh.numerator, nvh.denominator) == (1, 10)
        page = login(khoi1).get("/nha-van-hoa/").content.decode()
        assert "Đang sử dụng" in page and 'data-block="1"' in page and 'data-block="2"' not in page

    def test_organisations_and_their_recognitions_drive_cqvh(self, plan, officer, login):
        client = login(officer)
        client.post(
            "/co-quan/them/", {"name": "Trường Tiểu học thị trấn", "kind": "school", "in_registry_since": "2021"}
        )
        client.post("/co-quan/them/", {"name": "Công an thị trấn", "kind": "agency", "in_registry_since": "2021"})
        response = client.post(
            "/co-quan/them/",
            {"name": "Chi nhánh cũ", "kind": "enterprise", "in_registry_since": "2022", "left_registry_in": "2020"},
        )
        assert "không được trước năm vào danh sách" in response.content.decode()
        school = Organisation.objects.get(kind="school")
        cqvh = indicator(plan, "CQVH").measure
        assert cqvh.denominator == 2 and cqvh.numerator == 0
        client.post(
            f"/co-quan/{school.pk}/cong-nhan/",
            {"year": "2021", "decision_reference": "QĐ 12/QĐ-UBND", "valid_until": "2025"},
        )
        overlapping = client.post(
            f"/co-quan/{school.pk}/cong-nhan/", {"year": "2023", "decision_reference": "QĐ khác", "valid_until": "2027"}
        )
        assert "Trùng thời hạn với lần công nhận năm 2021" in overlapping.content.decode()
        assert Recognition.objects.filter(organisation=school).count() == 1
        cqvh = indicator(plan, "CQVH").measure
        assert (cqvh.numerator, cqvh.denominator) == (1, 2)
        page = client.get("/co-quan/").content.decode()
        assert "Năm 2024: 1/2 cơ quan" in page and "QĐ 12/QĐ-UBND" in page


class TestFunding:
    def test_totals_by_source(self, plan, officer, steering, login):
        state, social = plan.fundings.get(source="state_budget"), plan.fundings.get(source="socialisation")
        task = plan.tasks.order_by("order").first()
        client = login(officer)
        for funding, name, planned, spent in [
            (state, "In tài liệu tuyên truyền", 12_000_000, 8_500_000),
            (state, "Hội nghị tổng kết", 15_000_000, 0),
            (social, "Giải bóng chuyền", 20_000_000, 18_000_000),
        ]:
            client.post(
                "/ke-hoach/2024/kinh-phi/them/",
                {"funding": funding.pk, "name": name, "task": task.pk, "planned_vnd": planned, "spent_vnd": spent},
            )
        response = client.post(
            "/ke-hoach/2024/kinh-phi/them/", {"funding": state.pk, "name": "Âm", "planned_vnd": "-1", "spent_vnd": "0"}
        )
        assert response.status_code == 400 and BudgetLine.objects.count() == 3
        page = login(steering).get("/ke-hoach/2024/kinh-phi/").content.decode()
        assert "27.000.000" in page and "8.500.000" in page  # the state budget's totals
        assert "47.000.000" in page and "26.500.000" in page  # all sources
        assert (
            "dự toán 47.000.000 đồng, đã chi 26.500.000 đồng"
            in login(officer).get(f"/nhiem-vu/{task.pk}/").content.decode()
        )
        assert login(steering).get("/ke-hoach/2024/kinh-phi/them/").status_code == 403


class TestDue:
    def test_khoi_truong_and_officer_see_what_waits_on_them(self, plan, blocks, officer, khoi1, login):
        after_deadline = datetime.date(2024, 11, 26)
        texts = [(i.text, i.late) for i in due_for(khoi1, 2024, today=after_deadline)]
        assert texts == [
            ("Khối 1: nhập và gửi số liệu năm 2024", True),
            ("Khối 1: họp bình xét Gia đình văn hóa trước 25/11/2024", True),
        ]
        services.figures_save(
            block=blocks[0],
            year=2024,
            by=khoi1,
            submit=True,
            population=100,
            regular_exercisers=70,
            legal_education_reached=100,
        )
        late_ones = [
            ("Chưa gửi số liệu năm 2024: " + ", ".join(f"Khối {n}" for n in range(2, 11)), True),
            ("Chưa họp bình xét (hạn 25/11/2024): " + ", ".join(f"Khối {n}" for n in range(1, 11)), True),
        ]
        waiting = ("1 khối đã gửi số liệu năm 2024, chờ duyệt", False)
        officer_items = [(i.text, i.late) for i in due_for(officer, 2024, today=after_deadline)]
        assert officer_items == [*late_ones, waiting]  # late ones first; the plan's tasks have no deadline
        task = plan.tasks.order_by("order").first()
        task.deadline = datetime.date(2024, 6, 30)
        task.save()
        overdue = (f"Nhiệm vụ quá hạn 30/06/2024: {task.title[:119]}…", True)  # the 214-letter title cut to 120
        officer_items = [(i.text, i.late) for i in due_for(officer, 2024, today=after_deadline)]
        assert officer_items == [*late_ones, overdue, waiting]
        texts = [i.text for i in due_for(khoi1, 2024, today=datetime.date(2024, 10, 1))]
        assert texts == ["Khối 1: họp bình xét Gia đình văn hóa trước 25/11/2024"]
        figures = BlockFigures.objects.get()
        services.figures_return(figures=figures, reason="Sai dân số", by=officer)
        texts = [(i.text, i.late) for i in due_for(khoi1, 2024, today=after_deadline)]
        assert texts == [
            ("Khối 1: số liệu năm 2024 bị trả lại: Sai dân số", True),
            ("Khối 1: họp bình xét Gia đình văn hóa trước 25/11/2024", True),
        ]
        assert "Khối 1: số liệu năm 2024 bị trả lại: Sai dân số" in login(khoi1).get("/viec-can-lam/").content.decode()

    def test_daily_email_only_where_configured(self, plan, blocks, khoi1, officer, settings):
        khoi1.email, officer.email = "khoi1@example.vn", "canbo@example.vn"
        khoi1.save()
        officer.save()
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        settings.EMAIL_HOST = ""

        assert due_summary_send_task.delay().get() == 0 and mail.outbox == []
        settings.EMAIL_HOST = "smtp.example.vn"
        assert due_summary_send_task.delay().get() == 2
        by_person = {m.to[0]: m for m in mail.outbox}
        assert "Khối 1: nhập và gửi số liệu" in by_person["khoi1@example.vn"].body
        assert "/so-lieu/2024/khoi/" in by_person["khoi1@example.vn"].body
        assert "Chưa gửi số liệu năm 2024" in by_person["canbo@example.vn"].body


def test_evidence_for_a_block_activity_stays_in_the_block(plan, blocks, khoi1, khoi2, login):
    client = login(khoi1)
    client.post("/hoat-dong/2024/them/", activity_data(block=blocks[0].pk))
    activity = Activity.objects.get()
    photo = io.BytesIO(b"\xff\xd8\xff\xe0 anh")
    photo.name = "anh.jpg"
    client.post(f"/hoat-dong/chi-tiet/{activity.pk}/minh-chung/", {"file": photo, "note": "Ảnh buổi tuyên truyền"})
    evidence = activity.evidence.get()
    assert client.get(f"/minh-chung/hoat-dong/{evidence.pk}/").status_code == 200
    assert login(khoi2).get(f"/minh-chung/hoat-dong/{evidence.pk}/").status_code == 404
    assert login(khoi2).post(f"/hoat-dong/chi-tiet/{activity.pk}/minh-chung/", {"file": photo}).status_code == 404


def test_unicode_forms_of_one_name_are_one_name(plan, officer, login):
    """A name typed with decomposed accents is the same organisation: a Vietnamese
    refusal, not a server error."""
    client = login(officer)
    client.post("/co-quan/them/", {"name": "Trường Tiểu học", "kind": "school", "in_registry_since": "2021"})
    response = client.post(
        "/co-quan/them/",
        {"name": unicodedata.normalize("NFD", "Trường  Tiểu học "), "kind": "school", "in_registry_since": "2021"},
    )
    assert response.status_code == 400 and "đã tồn tại" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_list_pages_keep_their_query_count(plan, blocks, officer, khoi1, login, django_assert_num_queries):
    """Plan, organisations, funding, houses and what is due: the same queries for 2 rows or 12."""

    def grow(n):
        for i in range(n):
            org = Organisation.objects.create(
                commune=plan.commune, name=f"Cơ quan {Organisation.objects.count()}", kind="agency"
            )
            OrganisationRecognitionFactory(year=2022, organisation=org, valid_until=2026)
            BudgetLine.objects.create(
                funding=plan.fundings.first(), name=f"Dòng {i}", planned_vnd=1000, task=plan.tasks.first()
            )
            CulturalHouse.objects.get_or_create(block=blocks[i % len(blocks)], defaults={"state": "none"})

    # Every page also asks how the commune names its units (the menu): one query.
    queries = {
        # session, user, plan, tasks with their evidence counted, who answers for each, plan years, targets,
        # committee, who confers each title that year
        "/ke-hoach/2024/": 10,
        # session, user, plan years, the commune, organisations, their recognitions
        "/co-quan/": 7,
        # session, user, plan, fundings, budget lines, tasks (the form's choices)
        "/ke-hoach/2024/kinh-phi/": 7,
        # session, user, plan years, blocks with their houses
        "/nha-van-hoa/": 5,
        # session, user, plan years, the plans by year, blocks, blocks again, figures, meetings up to the year
        # (the years before stay until done) with the day each dossier was sent, tasks
        "/viec-can-lam/": 10,
    }
    client = login(officer)
    for rows in (2, 10):
        grow(rows)
        for url, count in queries.items():
            with django_assert_num_queries(count):
                assert client.get(url).status_code == 200, url
    assert "Năm 2024: 12/12 cơ quan" in client.get("/co-quan/").content.decode()
    total = 'id="funding-total"><td>Tổng cộng</td><td class="text-end">12.000</td>'  # 12 lines of 1.000 đồng
    assert total in client.get("/ke-hoach/2024/kinh-phi/").content.decode()


def test_activity_and_organisation_lists_export_as_shown(plan, blocks, khoi1, officer, login):
    Activity.objects.create(
        plan=plan, kind="sports", held_on=datetime.date(2024, 3, 1), title="=Giải bóng", block=blocks[0], attendance=40
    )
    Activity.objects.create(
        plan=plan, kind="training", held_on=datetime.date(2024, 4, 1), title="Tập huấn", block=blocks[1], attendance=20
    )
    rows = read_back(login(khoi1).get("/hoat-dong/2024/xuat-excel/").content)
    assert [r[2] for r in rows[1:]] == ["=Giải bóng"]  # their block only, a formula kept as text
    rows = read_back(login(officer).get("/hoat-dong/2024/xuat-excel/?kind=training").content)
    assert [(r[2], r[3], r[5]) for r in rows[1:]] == [("Tập huấn", "Khối 2", 20)]
    Organisation.objects.create(commune=plan.commune, name="Trường THCS", kind="school")
    rows = read_back(login(officer).get("/co-quan/xuat-excel/").content)
    assert rows[1][:2] == ["Trường THCS", "Trường học"] and rows[1][5] == "Không"
    assert login(khoi1).get("/co-quan/xuat-excel/").status_code == 403
