"""The plan page, its edits, and next year's plan in one step."""

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from campaigns import services
from campaigns.models import Funding, Plan, SteeringCommitteeMember, Target, Task
from campaigns.selectors import working_year
from caolocculture import formatting

pytestmark = pytest.mark.django_db


def snapshot(plan):
    return {
        "targets": list(
            plan.targets.order_by("order").values_list("order", "code", "name", "comparator", "value", "unit")
        ),
        "members": list(
            plan.committee_members.order_by("order").values_list("order", "position", "committee_role", "duties")
        ),
        "tasks": [
            (t.order, t.title, sorted(m.position for m in t.responsible.all())) for t in plan.tasks.order_by("order")
        ],
        "fundings": list(plan.fundings.order_by("source").values_list("source", "description")),
        "rules": (
            plan.vote_quorum_percent,
            plan.vote_threshold_percent,
            plan.vote_threshold_inclusive,
            plan.posting_days,
            plan.decision_days,
            plan.exemplary_years,
            plan.exemplary_cap_percent,
            plan.organisation_validity_years,
            plan.signer_name,
            plan.recipients,
        ),
    }


class TestCopyToNextYear:
    def test_everything_but_the_year_itself_is_copied(self, plan, officer):
        task = plan.tasks.order_by("order").first()
        task.status, task.progress_notes, task.deadline = Task.Status.DONE, "Đã xong quý I", datetime.date(2024, 2, 29)
        task.save()
        plan.number, plan.issued_on = 5, datetime.date(2024, 1, 15)
        plan.save()

        new = services.plan_copy_to_next_year(plan=plan, by=officer)

        assert new.year == 2025 and new.pk != plan.pk
        assert new.title.endswith("năm 2025") and "2024" not in new.title
        assert (new.number, new.issued_on, new.meeting_deadline) == (None, None, datetime.date(2025, 11, 25))
        old, copied_snapshot = snapshot(plan), snapshot(new)
        assert [t[:2] + t[3:] for t in copied_snapshot["targets"]] == [t[:2] + t[3:] for t in old["targets"]]
        names = [t[2] for t in copied_snapshot["targets"]]
        assert names == [t[2].replace("năm 2024", "năm 2025") for t in old["targets"]]
        assert "năm 2025" in names[0] and not any("2024" in n for n in names)
        assert {k: v for k, v in copied_snapshot.items() if k != "targets"} == {
            k: v for k, v in old.items() if k != "targets"
        }
        copied = new.tasks.get(order=task.order)
        assert (copied.status, copied.progress_notes) == ("not_started", "")
        assert copied.deadline == datetime.date(2025, 2, 28)  # 29/02 has no twin next year
        # The copy's responsible members are next year's, not this year's.
        assert {m.plan_id for t in new.tasks.all() for m in t.responsible.all()} == {new.pk}
        # This year's plan is untouched.
        plan.refresh_from_db()
        assert (plan.year, plan.number, plan.tasks.get(order=task.order).status) == (2024, 5, "done")
        assert new.history.get().history_user == officer
        assert new.history.get().history_change_reason == "Sao chép từ kế hoạch năm 2024"

    def test_twice_is_refused_and_only_the_officer_copies(self, plan, officer, steering, chairman):
        for person in (steering, chairman):
            with pytest.raises(PermissionDenied):
                services.plan_copy_to_next_year(plan=plan, by=person)
        services.plan_copy_to_next_year(plan=plan, by=officer)
        counts = (
            Plan.objects.count(),
            Target.objects.count(),
            Task.objects.count(),
            SteeringCommitteeMember.objects.count(),
            Funding.objects.count(),
        )
        with pytest.raises(ValidationError, match="Đã có kế hoạch năm 2025"):
            services.plan_copy_to_next_year(plan=plan, by=officer)
        assert counts == (
            Plan.objects.count(),
            Target.objects.count(),
            Task.objects.count(),
            SteeringCommitteeMember.objects.count(),
            Funding.objects.count(),
        )

    def test_one_step_from_the_page_and_2026_as_easily(self, plan, officer, steering, login, capsys):
        assert login(steering).post("/ke-hoach/2024/sao-chep/").status_code == 403
        client = login(officer)
        response = client.post("/ke-hoach/2024/sao-chep/")
        assert response.url == "/ke-hoach/2025/"
        assert client.post("/ke-hoach/2025/sao-chep/").url == "/ke-hoach/2026/"
        page = client.get("/ke-hoach/2026/").content.decode()
        assert "Kế hoạch năm 2026" in page and "Sao chép sang năm 2027" in page
        assert page.count('class="list-group-item list-group-item-action"') == 8  # the eight key tasks
        call_command("indicators", "--year", "2026", "--json")
        data = json.loads(capsys.readouterr().out)
        assert [i["code"] for i in data["indicators"]] == ["GDVH", "TDPVH", "NVH", "NVHMOI", "CQVH", "TDTT", "PBGDPL"]

    def test_next_years_plan_waits_for_its_year(self, plan, officer):
        services.plan_copy_to_next_year(plan=plan, by=officer)
        # Drafted in December 2024, the 2025 plan does not take over the season early.
        assert working_year(today=datetime.date(2024, 12, 20)) == 2024
        assert working_year(today=datetime.date(2025, 1, 2)) == 2025
        assert working_year(today=datetime.date(2023, 6, 1)) == 2025  # no plan that early: the latest

    def test_copy_past_the_phase_keeps_the_phase_and_warns(self, plan, officer, login):
        plan.year, plan.phase_end = 2026, 2026
        plan.save()
        response = login(officer).post("/ke-hoach/2026/sao-chep/", follow=True)
        new = Plan.objects.get(year=2027)
        assert (new.phase_start, new.phase_end) == (2021, 2026)
        assert "Năm 2027 nằm ngoài giai đoạn 2021–2026" in response.content.decode()


class TestEdits:
    def test_targets_edited_together_or_not_at_all(self, plan, officer, khoi1, login):
        assert login(khoi1).get("/ke-hoach/2024/chi-tieu/").status_code == 403
        client = login(officer)
        targets = list(plan.targets.order_by("order"))
        data = {"form-TOTAL_FORMS": len(targets), "form-INITIAL_FORMS": len(targets)}
        for i, t in enumerate(targets):
            data.update(
                {
                    f"form-{i}-id": t.pk,
                    f"form-{i}-name": t.name,
                    f"form-{i}-comparator": t.comparator,
                    f"form-{i}-value": formatting.number(t.value) if t.value is not None else "",  # CQVH: theo dõi
                    f"form-{i}-unit": t.unit,
                }
            )
        data["form-0-value"] = "98"
        data["form-1-value"] = "150"  # not a percentage: the whole set is refused
        response = client.post("/ke-hoach/2024/chi-tieu/", data)
        assert response.status_code == 400
        assert "&quot;150&quot; lớn quá: tối đa 100." in response.content.decode()
        assert plan.targets.get(code="GDVH").value == 97
        data["form-1-value"] = "100"
        assert client.post("/ke-hoach/2024/chi-tieu/", data).status_code == 302
        gdvh = plan.targets.get(code="GDVH")
        assert gdvh.value == 98 and gdvh.history.first().history_user == officer
        assert plan.targets.get(code="CQVH").value is None  # left blank: still "theo dõi"

    def test_rules_edited_on_the_plan(self, plan, officer, login):
        client = login(officer)
        form = client.get("/ke-hoach/2024/sua/").context["form"]
        data = {name: ("" if value is None else value) for name, value in form.initial.items() if name in form.fields}
        data.update({name: form[name].value() for name in data if name.endswith("_percent")})  # as shown: "50"
        data.update(
            {
                "vote_quorum_percent": "60",
                "vote_threshold_percent": "60",
                "vote_threshold_inclusive": "on",
                "posting_days": "7",
                "meeting_deadline": "2024-11-20",
            }
        )
        assert client.post("/ke-hoach/2024/sua/", data).status_code == 302
        plan.refresh_from_db()
        assert (
            plan.vote_quorum_percent,
            plan.vote_threshold_percent,
            plan.vote_threshold_inclusive,
            plan.posting_days,
            plan.deadline,
        ) == (60, 60, True, 7, datetime.date(2024, 11, 20))
        page = client.get("/ke-hoach/2024/").content.decode()
        assert "có mặt tối thiểu 60\u00a0%" in page and "20/11/2024" in page

    def test_task_status_responsible_and_evidence(self, plan, officer, steering, login, settings, tmp_path):
        task = plan.tasks.order_by("order").first()
        members = list(plan.committee_members.order_by("order")[:2])
        client = login(officer)
        response = client.post(
            f"/ke-hoach/2024/nhiem-vu/{task.pk}/sua/",
            {
                "order": task.order,
                "title": task.title,
                "responsible": [m.pk for m in members],
                "deadline": "2024-03-31",
                "status": "in_progress",
                "progress_notes": "Đã họp triển khai",
            },
        )
        assert response.status_code == 302
        task.refresh_from_db()
        assert task.status == "in_progress" and set(task.responsible.all()) == set(members)
        pdf = io.BytesIO(b"%PDF-1.4 bien ban")
        pdf.name = "bien-ban.pdf"
        client.post(f"/nhiem-vu/{task.pk}/minh-chung/", {"file": pdf, "note": "Biên bản họp"})
        fake = io.BytesIO(b"MZ\x90\x00 not a pdf")
        fake.name = "virus.pdf"
        response = client.post(f"/nhiem-vu/{task.pk}/minh-chung/", {"file": fake, "note": "x"}, follow=True)
        assert "Nội dung tệp không đúng với đuôi .pdf." in response.content.decode()
        exe = io.BytesIO(b"MZ")
        exe.name = "setup.exe"
        response = client.post(f"/nhiem-vu/{task.pk}/minh-chung/", {"file": exe}, follow=True)
        assert "Chỉ nhận ảnh (JPG, PNG), PDF, Word hoặc Excel." in response.content.decode()
        evidence = task.evidence.get()
        assert evidence.note == "Biên bản họp" and evidence.uploaded_by == officer
        # Readable by the committee, through the app only; not uploadable by it.
        download = login(steering).get(f"/minh-chung/nhiem-vu/{evidence.pk}/")
        assert b"".join(download.streaming_content) == b"%PDF-1.4 bien ban"
        assert login(steering).post(f"/nhiem-vu/{task.pk}/minh-chung/", {"file": pdf}).status_code == 403

    def test_overdue_tasks_are_marked(self, plan, officer, login):
        task = plan.tasks.order_by("order").first()
        task.deadline = datetime.date(2024, 3, 31)
        task.save()
        page = login(officer).get("/ke-hoach/2024/").content.decode()
        assert page.count("quá hạn") == 1
        task.status = Task.Status.DONE
        task.save()
        assert "quá hạn" not in login(officer).get("/ke-hoach/2024/").content.decode()
