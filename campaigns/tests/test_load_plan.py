import json
import unicodedata
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from campaigns.models import Funding, Plan, SteeringCommitteeMember, Target, Task
from campaigns.services import read_plan_file
from households.models import Block, Commune

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
        ("GDVH", ">=", Decimal(97)),
        ("TDPVH", ">=", Decimal(100)),
        ("NVH", ">=", Decimal(90)),
        ("NVHMOI", ">=", Decimal(1)),  # the year's house to put into use: a count
        ("CQVH", ">=", None),  # the plan names the goal without a figure
        ("TDTT", ">", Decimal(60)),
        ("PBGDPL", ">=", Decimal(100)),
    ]
    assert plan.tasks.count() == 8
    assert plan.tasks.get(order=8).title.startswith("Tổ chức hội nghị tổng kết")
    assert plan.tasks.get(order=1).responsible.filter(position="Trưởng Ban Chỉ đạo").exists()
    assert plan.committee_members.filter(position="Trưởng Công an").exists()
    assert set(plan.fundings.values_list("source", flat=True)) == {"state_budget", "integrated", "socialisation"}
    assert list(Block.objects.values_list("name", flat=True)) == [f"Khối {n}" for n in range(1, 11)]
    # Yearly rules: more than half of those present, no quorum, 10 days' posting, deadline 25/11.
    assert (plan.vote_quorum_percent, plan.vote_threshold_percent, plan.vote_threshold_inclusive) == (
        None,
        Decimal(50),
        False,
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


def test_it_keeps_what_the_officer_edited_and_never_recreates_what_they_removed(capsys):
    call_command("load_plan")
    Target.objects.filter(code="GDVH").update(value=Decimal("98"), name="Phấn đấu 98 %")
    Target.objects.filter(code="CQVH").delete()
    Commune.objects.update(place_name="Thị trấn Cao Lộc, tỉnh Lạng Sơn")
    Task.objects.filter(order=8).delete()
    before = counts()
    capsys.readouterr()

    call_command("load_plan")

    assert counts() == before
    gdvh = Target.objects.get(code="GDVH")
    assert (gdvh.value, gdvh.name) == (Decimal("98"), "Phấn đấu 98 %")
    assert not Target.objects.filter(code="CQVH").exists()
    assert Commune.objects.get().place_name == "Thị trấn Cao Lộc, tỉnh Lạng Sơn"  # the profile as edited
    out = capsys.readouterr().out
    assert "Giữ nguyên, không ghi đè: hồ sơ Thị trấn Cao Lộc và các khối phố; kế hoạch năm 2024" in out
    assert "Không có gì mới" in out


def test_a_new_years_file_adds_that_plan_and_keeps_the_rest(tmp_path, capsys):
    call_command("load_plan")
    data = read_plan_file()
    data["plan"]["year"] = 2025
    path = tmp_path / "plan_2025.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()

    call_command("load_plan", str(path))

    assert list(Plan.objects.order_by("year").values_list("year", flat=True)) == [2024, 2025]
    assert Plan.objects.get(year=2025).targets.count() == 7
    assert Block.objects.count() == 10
    out = capsys.readouterr().out
    assert "Thêm mới (" in out and "kế hoạch năm 2025" in out
    assert "Giữ nguyên, không ghi đè: hồ sơ Thị trấn Cao Lộc và các khối phố" in out


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda d: d["plan"].pop("year"), "thiếu mục 'year'"),
        (lambda d: d["plan"].pop("title"), r"kế hoạch năm 2024 không hợp lệ \(trích yếu: "),
        (lambda d: d["targets"][0].update(value="abc"), "chỉ tiêu GDVH không hợp lệ"),
        (lambda d: d["targets"][1].update(comparator="=<"), "chỉ tiêu TDPVH không hợp lệ"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_written(tmp_path, damage, message):
    data = read_plan_file()
    damage(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("load_plan", str(path))
    assert counts() == [0] * 7


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(CommandError, match="Không đọc được tệp kế hoạch"):
        call_command("load_plan", str(path))


def test_text_is_stored_nfc():
    call_command("load_plan")
    name = Plan.objects.get().commune.name
    Commune.objects.update(name=unicodedata.normalize("NFD", name))
    commune = Commune.objects.get()
    commune.save()
    commune.refresh_from_db()
    assert commune.name == unicodedata.normalize("NFC", name)


# -- a province: the file names its commune ------------------------------------------------


def another_communes_file(tmp_path, name="Xã Hòa Bình", blocks=12):
    data = read_plan_file()
    data["commune"].update(name=name, kind="xa", place_name="Hòa Bình", people_committee=f"UBND {name.upper()}")
    data["blocks"] = [{"number": n, "name": f"Thôn {n}", "kind": "thon"} for n in range(1, blocks + 1)]
    path = tmp_path / f"plan_{len(name)}_{blocks}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_second_file_for_another_commune_adds_that_commune_with_its_blocks_and_plan(tmp_path, capsys):
    call_command("load_plan")
    cao_loc = counts()

    call_command("load_plan", str(another_communes_file(tmp_path)))

    hoa_binh = Commune.objects.get(name="Xã Hòa Bình")
    assert Commune.objects.count() == 2
    assert list(hoa_binh.blocks.values_list("name", "kind")) == [(f"Thôn {n}", "thon") for n in range(1, 13)]
    assert Plan.objects.get(commune=hoa_binh, year=2024).targets.count() == 7
    cao = Commune.objects.get(name="Thị trấn Cao Lộc")
    assert Block.objects.filter(commune=cao).count() == 10  # the first commune untouched
    assert Plan.objects.get(commune=cao).targets.count() == cao_loc[2]
    assert "hồ sơ Xã Hòa Bình" in capsys.readouterr().out


def test_the_commune_is_matched_by_name_whatever_its_case_accents_and_spaces(tmp_path):
    call_command("load_plan", str(another_communes_file(tmp_path)))
    before = counts()

    call_command("load_plan", str(another_communes_file(tmp_path, name="XÃ  HOÀ BÌNH", blocks=3)))

    assert counts() == before  # the same commune: its plan and blocks kept, nothing added


def test_a_name_matching_two_communes_is_refused_and_nothing_written(tmp_path):
    call_command("load_plan", str(another_communes_file(tmp_path)))
    twin = Commune.objects.get()
    twin.pk = None
    twin.name = "Xã Hoà Bình"  # the old accent placement: the same name folded
    twin.save()
    data = read_plan_file(another_communes_file(tmp_path))
    data["plan"]["year"] = 2025
    path = tmp_path / "plan_2025.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = counts()

    with pytest.raises(CommandError, match=r"Không nạp gì: tên đơn vị 'Xã Hòa Bình' trùng với 2 đơn vị đã có"):
        call_command("load_plan", str(path))

    assert counts() == before
