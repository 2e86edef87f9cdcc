from decimal import Decimal

import pytest
from django.core.management import call_command

from campaigns.models import Commune, Funding, Plan, SteeringCommitteeMember, Target, Task
from households.models import Block

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Commune, Plan, Target, Task, SteeringCommitteeMember, Funding, Block)]


def test_it_loads_the_2024_plan_as_data(capsys):
    call_command("load_plan")
    plan = Plan.objects.select_related("commune").get()
    assert plan.year == 2024
    assert plan.commune.name == "Thị trấn Cao Lộc"
    assert plan.commune.place_name == "Cao Lộc"
    assert (plan.phase_start, plan.phase_end) == (2021, 2026)
    assert plan.signer_name == "Lê Thanh Hải"
    assert plan.signing_authority == "KT. TRƯỞNG BAN"
    assert "2214/QĐ-TTg" in plan.legal_bases and "120/KH-BCĐ" in plan.legal_bases
    assert plan.recipients.splitlines()[-1] == "Lưu: VP."
    targets = [(t.code, t.comparator, t.value) for t in plan.targets.order_by("order")]
    assert targets == [
        ("GDVH", ">=", Decimal(97)), ("TDPVH", ">=", Decimal(100)), ("NVH", ">=", Decimal(90)),
        ("CQVH", ">=", Decimal(100)), ("TDTT", ">", Decimal(60)), ("PBGDPL", ">=", Decimal(100)),
    ]
    assert plan.tasks.count() == 8
    assert plan.tasks.get(order=8).title.startswith("Tổ chức hội nghị tổng kết")
    assert plan.tasks.get(order=1).responsible.filter(position="Trưởng Ban Chỉ đạo").exists()
    assert plan.committee_members.filter(position="Trưởng Công an").exists()
    assert set(plan.fundings.values_list("source", flat=True)) == {"state_budget", "integrated", "socialisation"}
    assert list(Block.objects.values_list("name", flat=True)) == [f"Khối {n}" for n in range(1, 11)]
    # Yearly rules: more than half of those present, no quorum, 10 days' posting, deadline 25/11.
    assert (plan.vote_quorum_percent, plan.vote_threshold_percent, plan.vote_threshold_inclusive) == (
        None, Decimal(50), False,
    )
    assert plan.posting_days == 10 and plan.deadline.isoformat() == "2024-11-25"
    assert "Thêm mới (" in capsys.readouterr().out


def test_running_it_again_changes_nothing(capsys):
    call_command("load_plan")
    before = counts()
    capsys.readouterr()
    call_command("load_plan")
    assert counts() == before
    out = capsys.readouterr().out
    assert "Thêm mới" not in out
    assert "Không có gì mới" in out


def test_it_keeps_what_the_officer_edited_and_says_what_it_added(capsys):
    call_command("load_plan")
    Target.objects.filter(code="GDVH").update(value=Decimal("98"), name="Phấn đấu 98 %")
    Commune.objects.update(name="Phường Cao Lộc")
    Task.objects.filter(order=8).delete()
    capsys.readouterr()

    call_command("load_plan")

    gdvh = Target.objects.get(code="GDVH")
    assert (gdvh.value, gdvh.name) == (Decimal("98"), "Phấn đấu 98 %")
    assert Commune.objects.get().name == "Phường Cao Lộc"  # renamed profile is still the commune
    assert Task.objects.filter(order=8).exists()
    out = capsys.readouterr().out
    assert "Thêm mới (1): nhiệm vụ 8" in out
    assert "Giữ nguyên, không ghi đè" in out and "chỉ tiêu GDVH" in out


def test_text_is_stored_nfc():
    import unicodedata

    call_command("load_plan")
    name = Plan.objects.get().commune.name
    Commune.objects.update(name=unicodedata.normalize("NFD", name))
    commune = Commune.objects.get()
    commune.save()
    commune.refresh_from_db()
    assert commune.name == unicodedata.normalize("NFC", name)
