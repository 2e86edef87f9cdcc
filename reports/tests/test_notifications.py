"""Work finds its person (issue 14, item 4): each step of the season tells the people it now
waits on or concerns (docs/notifications.md), puts the work in their "Việc cần làm", and
goes into the morning e-mail; the bell's page lists, opens and marks what they were told."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from campaigns import figures_import
from campaigns import services as campaign_services
from campaigns.models import BlockFigures, BlockFiguresImport
from caolocculture.models import Notification, Role
from caolocculture.notifications import notify
from caolocculture.scope import working_in
from caolocculture.tests.url_world import build_other_commune
from households.tests.sheets import xlsx
from recognition import services
from recognition.models import Meeting, MeetingStep, Recognition
from reports import services as report_services
from reports.selectors import due_for
from testing.factories import HouseholdFactory, UserFactory

pytestmark = pytest.mark.django_db

HELD = timezone.make_aware(datetime.datetime(2024, 11, 20, 19, 30))
COUNTS = {"population": 100, "regular_exercisers": 70, "legal_education_reached": 100}


def told():
    """Every notification as (who, text, link), in the order they were made."""
    return [(n.user.username, n.text, n.url) for n in Notification.objects.select_related("user").order_by("pk")]


@pytest.fixture
def officer2(db):
    """A second officer: both are told; an inactive third is not."""
    UserFactory(username="canbo_cu", role=Role.OFFICER, is_active=False)
    return UserFactory(username="canbo2", role=Role.OFFICER)


def posted_meeting(block, khoi, n=3, starts_on=datetime.date(2024, 11, 21)):
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
    services.meeting_post(meeting=meeting, starts_on=starts_on, by=khoi)
    return meeting


class TestWhoIsTold:
    def test_figures_sent_returned_approved(self, plan, blocks, officer, officer2, khoi1, steering, chairman):
        url = f"/so-lieu/2024/khoi/{blocks[0].pk}/"
        campaign_services.figures_save(block=blocks[0], year=2024, by=khoi1, **COUNTS)  # a draft tells nobody
        assert told() == []
        campaign_services.figures_save(block=blocks[0], year=2024, by=khoi1, submit=True, **COUNTS)
        sent = "Khối 1 đã gửi số liệu năm 2024, chờ duyệt"
        assert told() == [("canbo", sent, url), ("canbo2", sent, url)]
        figures = BlockFigures.objects.get()
        campaign_services.figures_return(figures=figures, reason="Sai dân số", by=officer)
        assert told()[2:] == [("khoi1", "Số liệu năm 2024 của Khối 1 bị trả lại: Sai dân số", url)]
        campaign_services.figures_save(block=blocks[0], year=2024, by=khoi1, submit=True, **COUNTS)
        campaign_services.figures_approve(figures=figures, by=officer2)
        assert told()[3:] == [
            ("canbo", sent, url),
            ("canbo2", sent, url),
            ("khoi1", "Số liệu năm 2024 của Khối 1 đã được duyệt", url),
        ]

    def test_figures_sent_in_a_file_by_the_khoi_truong(self, plan, blocks, officer, khoi1, login):
        client = login(khoi1)
        client.post("/so-lieu/2024/nhap/", {"file": xlsx([["Khối 1", 1000, 600, 990]], figures_import.HEADERS)})
        assert told() == []  # the preview sends nothing
        job = BlockFiguresImport.objects.get()
        client.post(f"/so-lieu/nhap/{job.pk}/")
        url = f"/so-lieu/2024/khoi/{blocks[0].pk}/"
        assert told() == [("canbo", "Khối 1 đã gửi số liệu năm 2024, chờ duyệt", url)]

    def test_the_one_who_takes_the_step_is_not_told_of_it(self, plan, blocks, officer, officer2):
        campaign_services.figures_save(block=blocks[2], year=2024, by=officer, submit=True, **COUNTS)
        assert told() == [
            ("canbo2", "Khối 3 đã gửi số liệu năm 2024, chờ duyệt", f"/so-lieu/2024/khoi/{blocks[2].pk}/")
        ]

    def test_the_dossier_from_meeting_to_decision_and_back(
        self, plan, blocks, officer, officer2, khoi1, khoi2, chairman, steering
    ):
        meeting = posted_meeting(blocks[0], khoi1)
        page = f"/binh-xet/{meeting.pk}/"
        held = "Khối 1 đã họp bình xét năm 2024 và niêm yết danh sách từ 21/11/2024 đến hết 30/11/2024"
        assert told() == [("canbo", held, page), ("canbo2", held, page)]  # opening and results: nobody yet

        services.meeting_submit(meeting=meeting, by=khoi1)
        sent = "Khối 1 đã gửi hồ sơ bình xét năm 2024, chờ kiểm tra"
        assert told()[2:] == [("canbo", sent, page), ("canbo2", sent, page)]

        services.meeting_return(meeting=meeting, reason="Thiếu chữ ký thư ký", by=officer)
        assert told()[4:] == [("khoi1", "Hồ sơ bình xét năm 2024 của Khối 1 bị trả lại: Thiếu chữ ký thư ký", page)]

        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.POSTED)  # corrected, posted again
        services.meeting_submit(meeting=meeting, by=khoi1)
        services.meeting_check(meeting=meeting, by=officer)
        checked = "Hồ sơ bình xét năm 2024 của Khối 1 đã kiểm tra, chờ quyết định công nhận"
        assert told()[7:] == [("chutich", checked, "/quyet-dinh/moi/")]

        decision = services.decision_issue(
            meetings=[meeting],
            number=5,
            issued_on=datetime.date(2024, 12, 2),
            signer_name="Lê Thanh Hải",
            signer_title="CHỦ TỊCH",
            by=chairman,
        )
        made = "Quyết định tặng 05/QĐ-UBND (02/12/2024): danh hiệu “Gia đình văn hóa” năm 2024"
        assert told()[8:] == [
            ("khoi1", f"Khối 1: {made}", page),
            ("canbo", f"{made} (Khối 1)", f"/quyet-dinh/{decision.pk}/"),
            ("canbo2", f"{made} (Khối 1)", f"/quyet-dinh/{decision.pk}/"),
        ]

        withdrawal = services.withdrawal_issue(
            recognitions=list(Recognition.objects.filter(decision=decision)[:1]),
            number=9,
            issued_on=datetime.date(2024, 12, 10),
            signer_name="Lê Thanh Hải",
            signer_title="CHỦ TỊCH",
            grounds="Hộ vi phạm quy định về pháp luật sau khi được công nhận.",
            by=chairman,
        )
        taken = "Quyết định hủy bỏ, thu hồi 09/QĐ-UBND (10/12/2024): danh hiệu “Gia đình văn hóa” năm 2024"
        assert told()[11:] == [
            ("khoi1", f"Khối 1: {taken}", f"/khoi-pho/{blocks[0].pk}/"),
            ("canbo", f"{taken} (Khối 1)", f"/quyet-dinh/{withdrawal.pk}/"),
            ("canbo2", f"{taken} (Khối 1)", f"/quyet-dinh/{withdrawal.pk}/"),
        ]
        assert not Notification.objects.filter(user__in=[khoi2, steering]).exists()  # nothing of theirs

    def test_a_posting_that_ended_is_told_once_by_the_morning_job(self, plan, blocks, officer, khoi1):
        meeting = posted_meeting(blocks[0], khoi1)
        Notification.objects.all().delete()
        assert report_services.postings_ended_notify(today=datetime.date(2024, 11, 30)) == 0  # its last day
        assert report_services.postings_ended_notify(today=datetime.date(2024, 12, 1)) == 2
        page = f"/binh-xet/{meeting.pk}/"
        assert told() == [
            ("khoi1", "Khối 1: đã hết niêm yết danh sách bình xét năm 2024 (hết 30/11/2024), gửi hồ sơ lên UBND", page),
            ("canbo", "Khối 1 đã hết niêm yết danh sách bình xét năm 2024 (hết 30/11/2024), chờ khối gửi hồ sơ", page),
        ]
        assert report_services.postings_ended_notify(today=datetime.date(2024, 12, 2)) == 0  # a day later, or twice
        services.meeting_submit(meeting=meeting, by=khoi1)
        assert report_services.postings_ended_notify(today=datetime.date(2024, 12, 3)) == 0  # sent: nothing to say


class TestDue:
    def test_each_dossier_step_waits_on_its_person(self, plan, blocks, officer, khoi1, chairman):
        day = datetime.date(2024, 11, 22)

        def due(user, today=day):
            return [(i.text, i.url, i.late) for i in due_for(user, 2024, today=today)]

        meeting, _ = services.meeting_open(
            block=blocks[0],
            year=2024,
            by=khoi1,
            held_at=HELD,
            place="Nhà văn hóa",
            chair="Hoàng Văn Minh",
            secretary="Lý Thị Hoa",
            invited=40,
            present=30,
        )
        page = f"/binh-xet/{meeting.pk}/"
        results = ("Khối 1: nhập đủ kết quả bình xét và niêm yết danh sách (hạn 25/11/2024)", page)
        assert due(khoi1)[1] == (*results, False)
        assert due(khoi1, datetime.date(2024, 11, 26))[1] == (*results, True)

        Meeting.objects.filter(pk=meeting.pk).delete()
        meeting = posted_meeting(blocks[0], khoi1)
        page = f"/binh-xet/{meeting.pk}/"
        assert [t for t, *_ in due(khoi1)] == ["Khối 1: nhập và gửi số liệu năm 2024"]  # posted: the calendar runs
        after = datetime.date(2024, 12, 1)
        assert due(khoi1, after)[1] == (
            "Khối 1: đã hết niêm yết ngày 30/11/2024, gửi hồ sơ bình xét lên UBND",
            page,
            False,
        )
        assert ("Đã hết niêm yết, chưa gửi hồ sơ bình xét: Khối 1", page, False) in due(officer, after)

        services.meeting_submit(meeting=meeting, by=khoi1)
        assert ("Hồ sơ bình xét đã gửi, chờ kiểm tra: Khối 1", page, False) in due(officer, after)
        assert len(due(khoi1, after)) == 1  # nothing of the dossier waits on the block now

        services.meeting_return(meeting=meeting, reason="Thiếu chữ ký", by=officer)
        assert due(khoi1, after)[1] == ("Khối 1: hồ sơ bình xét năm 2024 bị trả lại: Thiếu chữ ký", page, True)
        assert not [t for t, *_ in due(officer, after) if "hồ sơ" in t]

        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.SUBMITTED)
        services.meeting_check(meeting=meeting, by=officer)
        # The chairman's deadline runs from the dossier's sending: pinned here to 1/12/2024 (+10 days).
        MeetingStep.objects.filter(meeting=meeting, action=MeetingStep.Action.SUBMITTED).update(
            at=timezone.make_aware(datetime.datetime(2024, 12, 1, 8, 0))
        )
        assert due(chairman, after) == [
            ("Ra quyết định công nhận Gia đình văn hóa năm 2024, hạn 11/12/2024: Khối 1", "/quyet-dinh/moi/", False)
        ]

    def test_the_due_page_keeps_its_queries_for_the_block_leader(
        self, plan, blocks, khoi1, login, django_assert_num_queries
    ):
        posted_meeting(blocks[0], khoi1)
        client = login(khoi1)
        # session, user, plan years, the commune, plan, the led blocks (permission), the led blocks
        # (list), figures, meetings with their postings, the commune's unit words (the menu)
        with django_assert_num_queries(10):
            assert client.get("/viec-can-lam/?year=2024").status_code == 200


class TestMorningMail:
    def test_unread_notifications_since_the_last_mail(self, plan, blocks, officer, khoi1, settings):
        khoi1.email = "khoi1@example.vn"
        khoi1.save()
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        settings.EMAIL_HOST = "smtp.example.vn"
        notify(users=[khoi1], text="Hồ sơ bình xét năm 2024 của Khối 1 bị trả lại: Thiếu chữ ký", url="/binh-xet/1/")
        read = notify(users=[khoi1], text="Số liệu năm 2024 của Khối 1 đã được duyệt", url="/so-lieu/2024/")[0]
        Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())

        day = datetime.date(2024, 11, 20)
        assert report_services.due_summary_send(today=day) == 1
        body = mail.outbox[0].body
        assert "Thông báo mới, chưa đọc:" in body
        assert "Hồ sơ bình xét năm 2024 của Khối 1 bị trả lại: Thiếu chữ ký\n  http://" in body
        assert "đã được duyệt" not in body  # read already
        assert mail.outbox[0].subject == "[Đời sống văn hóa] 2 việc cần làm, 1 thông báo mới"

        notify(users=[khoi1], text="Khối 1: Quyết định tặng 05/QĐ-UBND", url="/binh-xet/1/")
        assert report_services.due_summary_send(today=day + datetime.timedelta(days=1)) == 1
        body = mail.outbox[1].body
        assert "Khối 1: Quyết định tặng 05/QĐ-UBND" in body and "bị trả lại" not in body  # since the last mail only

    def test_a_person_with_only_a_notification_is_mailed(self, plan, chairman, settings):
        chairman.email = "chutich@example.vn"
        chairman.save()
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        settings.EMAIL_HOST = "smtp.example.vn"
        day = datetime.date(2024, 11, 20)
        assert report_services.due_summary_send(today=day) == 0  # nothing waits on the chairman yet
        notify(users=[chairman], text="Hồ sơ bình xét năm 2024 của Khối 1 đã kiểm tra", url="/quyet-dinh/moi/")
        assert report_services.due_summary_send(today=day) == 1
        assert mail.outbox[0].subject == "[Đời sống văn hóa] 1 thông báo mới"


class TestThePage:
    def test_list_open_and_mark_all(self, plan, khoi1, khoi2, login, django_assert_num_queries):
        first = notify(users=[khoi1], text="Số liệu năm 2024 của Khối 1 đã được duyệt", url="/so-lieu/2024/")[0]
        second = notify(users=[khoi1], text="Hồ sơ bình xét bị trả lại", url="/binh-xet/")[0]
        notify(users=[khoi2], text="Của khối 2", url="/binh-xet/")
        client = login(khoi1)
        # session, user, the count
        with django_assert_num_queries(3):
            assert client.get("/thong-bao/chua-doc.json").json() == {"unread": 2}
        page = client.get("/thong-bao/").content.decode()
        assert page.index("Hồ sơ bình xét bị trả lại") < page.index("đã được duyệt")  # newest first
        assert "Của khối 2" not in page and page.count('data-notification="unread"') == 2
        assert "2 chưa đọc" in page

        response = client.post(f"/thong-bao/{second.pk}/")
        assert response.status_code == 302 and response.url == "/binh-xet/"
        assert client.get("/thong-bao/chua-doc.json").json() == {"unread": 1}
        assert client.post(f"/thong-bao/{second.pk}/").url == "/binh-xet/"  # opened again: still read, same page
        assert login(khoi2).post(f"/thong-bao/{first.pk}/").status_code == 404  # another's: nothing revealed

        client = login(khoi1)
        response = client.post("/thong-bao/da-doc-tat-ca/", follow=True)
        assert "Đã đánh dấu 1 thông báo là đã đọc." in response.content.decode()
        assert client.get("/thong-bao/chua-doc.json").json() == {"unread": 0}
        assert Notification.objects.get(pk=first.pk).read_at is not None
        assert Notification.objects.filter(user=khoi2, read_at__isnull=True).count() == 1

    def test_a_link_off_the_site_is_never_followed(self, plan, khoi1, login):
        n = notify(users=[khoi1], text="Lạ", url="https://example.com/")[0]
        assert login(khoi1).post(f"/thong-bao/{n.pk}/").url == "/thong-bao/"

    def test_the_list_keeps_its_queries(self, plan, khoi1, login, django_assert_num_queries):
        client = login(khoi1)
        for n in (2, 40):
            for i in range(n):
                notify(users=[khoi1], text=f"Thông báo {i}", url="/")
            # session, user, the page's count, its rows, the unread count, the commune's unit words (menu)
            with django_assert_num_queries(6):
                assert client.get("/thong-bao/").status_code == 200
        assert client.get("/thong-bao/?page=abc").status_code == 200  # a wrong page number: the first


class TestEveryCommune:
    """One installation, several communes (issue 16, item 4): the morning job runs for each, and
    each commune's people hear of their own commune only."""

    def test_the_morning_job_keeps_each_commune_to_its_own(self, plan, blocks, officer, khoi1, settings):
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        settings.EMAIL_HOST = "smtp.example.vn"
        other = build_other_commune()
        leader = UserFactory(username="thon2-2", role=Role.BLOCK_LEADER, commune=other["commune"])
        other["blocks"][1].leader = leader  # Thôn Nà 2: no household yet
        other["blocks"][1].save()
        for person in (officer, other["officer"]):
            person.email = f"{person.username}@example.vn"
            person.save()
        with working_in(plan.commune):
            posted_meeting(blocks[0], khoi1)
        with working_in(other["commune"]):
            thon_meeting = posted_meeting(other["blocks"][1], leader)
        Notification.objects.all().delete()

        assert report_services.postings_ended_notify(today=datetime.date(2024, 12, 1)) == 4
        assert [(user, text) for user, text, _url in told() if user in ("canbo-2", "thon2-2")] == [
            ("thon2-2", "Thôn Nà 2: đã hết niêm yết danh sách bình xét năm 2024 (hết 30/11/2024), gửi hồ sơ lên UBND"),
            ("canbo-2", "Thôn Nà 2 đã hết niêm yết danh sách bình xét năm 2024 (hết 30/11/2024), chờ thôn gửi hồ sơ"),
        ]
        assert not Notification.objects.filter(user=officer, text__contains="Thôn").exists()
        assert not Notification.objects.filter(user=other["officer"], text__contains="Khối").exists()

        assert report_services.due_summary_send(today=datetime.date(2024, 12, 1)) == 2
        mails = {m.to[0]: m.body for m in mail.outbox}
        thon_mail, town_mail = mails["canbo-2@example.vn"], mails["canbo@example.vn"]
        assert "Thôn Nà 2" in thon_mail and f"/binh-xet/{thon_meeting.pk}/" in thon_mail
        assert "Khối" not in thon_mail and "Thôn Nà" not in town_mail and "Khối 1" in town_mail
