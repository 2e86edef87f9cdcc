"""Units as the commune names them (issue 16, item 2): a khối phố commune prints as it always has,
a thôn commune's pages say "Thôn", "trưởng thôn", "Thôn văn hóa"; household codes are unique per
commune, not per installation (item 3); code outside a request works on a commune it names (item 5)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from caolocculture.models import Role
from caolocculture.scope import working_in
from caolocculture.tests.url_world import build_other_commune
from households import importing
from households.models import Block, Commune, Household, UnitKind, commune_words
from households.selectors import current_commune_pk
from households.services import household_create
from households.tests.sheets import HEADERS, row, xlsx
from households.units import UnitWords
from testing.factories import HouseholdFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thon(plan, blocks, officer):
    """Xã Bắc Sơn beside Cao Lộc: thôn Nà 1–3, its officer, and the trưởng thôn of Thôn Nà 1."""
    other = build_other_commune()
    leader = UserFactory(username="thon1-2", role=Role.BLOCK_LEADER, commune=other["commune"], first_name="Hoa")
    other["blocks"][0].leader = leader
    other["blocks"][0].save()
    return {**other, "leader": leader}


def test_the_words_of_each_kind():
    words = {kind: UnitWords.of([kind]) for kind in UnitKind.values}
    assert [
        (str(w.name), str(w.counter), str(w.leader), str(w.head), str(w.in_law), str(w.title)) for w in words.values()
    ] == [
        ("khối phố", "khối", "khối trưởng", "trưởng khối", "tổ dân phố (khối phố)", "Tổ dân phố văn hóa"),
        (
            "tổ dân phố",
            "tổ dân phố",
            "tổ trưởng tổ dân phố",
            "tổ trưởng tổ dân phố",
            "tổ dân phố",
            "Tổ dân phố văn hóa",
        ),
        ("thôn", "thôn", "trưởng thôn", "trưởng thôn", "thôn", "Thôn văn hóa"),
        # A bản is a thôn in law (Thông tư 04/2012/TT-BNV): its title is "Thôn văn hóa".
        ("bản", "bản", "trưởng bản", "trưởng bản", "thôn (bản)", "Thôn văn hóa"),
    ]
    assert UnitWords.of([]) == words[UnitKind.BLOCK]  # nothing known: as a khối phố commune


def test_a_commune_mixing_thon_and_khoi_names_both(thon):
    commune = thon["commune"]
    assert str(commune_words(commune.pk).name) == "thôn"
    Block.objects.create(commune=commune, number=9, name="Khối 9", kind=UnitKind.BLOCK)
    words = commune.unit_words()
    assert (str(words.name), str(words.label), str(words.counter)) == ("thôn, khối phố", "khu dân cư", "khu dân cư")
    assert (str(words.leader), str(words.title)) == ("trưởng thôn, khối trưởng", "Thôn, tổ dân phố văn hóa")
    # A block of no kind of its own is as its commune calls its units.
    Block.objects.filter(commune=commune, number=1).update(kind="")
    block = Block.objects.select_related("commune").get(commune=commune, number=1)
    assert str(block.words.title) == "Thôn văn hóa" and str(block.words.leader) == "trưởng thôn"


def test_a_trưởng_thôns_pages_say_thon(thon, client):
    client.force_login(thon["leader"])
    html = client.get(reverse("households:blocks")).content.decode()
    assert '<h1 class="h4 mb-0">Thôn</h1>' in html
    assert '<th>Thôn</th><th class="d-none d-sm-table-cell">Trưởng thôn</th>' in html
    assert ">Số liệu thôn</a>" in html  # the menu
    assert "Khối phố" not in html and "khối phố" not in html and "Khối trưởng" not in html
    html = client.get(reverse("households:block", args=[thon["blocks"][0].pk])).content.decode()
    assert "Trưởng thôn: Nguyễn Văn Hoa" in html and "Khối" not in html


def test_a_thon_communes_dashboard_and_titles_say_thon(thon, client):
    client.force_login(thon["officer"])
    html = client.get(reverse("home"), {"year": "2024"}).content.decode()
    assert "Theo thôn" in html and "<th>Thôn</th>" in html
    assert "Thôn được tặng danh hiệu Thôn văn hóa" in html and "Thôn có nhà văn hóa" in html
    assert "cần thêm 3 thôn" in html  # the targets' own words are the plan's (data the officer edits)
    assert "khối" not in html.lower().replace("10/10 khối phố", "").replace("tỷ lệ khối phố", "")
    html = client.get(reverse("recognition:titles")).content.decode()
    assert '<h2 class="h5 mt-3">Thôn văn hóa</h2>' in html and "Trưởng thôn báo cáo thành tích" in html
    assert "Tổ dân phố văn hóa" not in html


def test_the_same_code_in_two_communes_and_not_twice_in_one(thon, blocks, officer):
    cao_loc = household_create(block=blocks[0], by=officer, code="k01-001", head_name="Hoàng Văn An")
    bac_son = household_create(block=thon["blocks"][1], by=thon["officer"], code="K01-001", head_name="Lò Văn Sáng")
    assert (cao_loc.code, cao_loc.commune, bac_son.code, bac_son.commune) == (
        "K01-001",
        blocks[0].commune,
        "K01-001",
        thon["commune"],
    )
    with pytest.raises(ValidationError) as refused:
        household_create(block=thon["blocks"][2], by=thon["officer"], code="K01 ‑ 001", head_name="Vi Thị Hà")
    assert refused.value.message_dict == {"code": ["Mã hộ 'K01-001' đã có trong sổ; hãy dùng mã khác."]}
    # The database holds it too, whatever writes past the service.
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.objects.bulk_create([Household(block=thon["blocks"][0], commune=thon["commune"], code="K01-001")])
    assert Household.objects.filter(code="K01-001").count() == 2


def test_the_add_form_refuses_a_code_taken_in_the_commune_only(thon, blocks, client):
    HouseholdFactory(block=blocks[0], code="BS01-002")  # Cao Lộc's: no matter to Bắc Sơn
    client.force_login(thon["officer"])
    form = {"block": thon["blocks"][0].pk, "code": "BS01-002", "head_name": "Lò Văn Sáng", "members": 3}
    assert client.post(reverse("households:create"), form).status_code == 302
    response = client.post(reverse("households:create"), {**form, "head_name": "Vi Thị Hà"})
    assert response.context["form"].errors["code"] == ["Mã hộ 'BS01-002' đã có trong sổ; hãy dùng mã khác."]
    assert Household.objects.filter(code="BS01-002").count() == 2


def test_an_import_reads_a_thon_communes_file_and_keeps_to_its_commune(thon, blocks, officer):
    twin = HouseholdFactory(block=blocks[0], code="BS01-001", head_name="Hoàng Văn An")  # the same code as Bắc Sơn's
    before = (twin.head_name, twin.block_id)
    file = xlsx(
        [
            row(code="BS01-001", block="Thôn Nà 1", head="Lò Văn Mới"),  # Bắc Sơn's own household, renamed
            row(code="BS03-001", block="Thôn 3", head="Vi Văn Ba"),  # "Thôn 3": thôn number 3
            row(code="BS02-001", block="2", head="Lương Văn Hai"),
        ],
        ["Thôn" if h == "Khối phố" else h for h in HEADERS],  # a thôn commune's file heads the column so
    )
    check = importing.check_file(file, user=thon["officer"])
    assert check.ok, [str(e) for e in check.errors]
    assert [u["code"] for u in check.updated] == ["BS01-001"] and [n["block"] for n in check.new] == [
        "Thôn Nà 3",
        "Thôn Nà 2",
    ]
    importing.apply_rows(check.rows, user=thon["officer"])
    assert Household.objects.get(commune=thon["commune"], code="BS01-001").head_name == "Lò Văn Mới"
    twin.refresh_from_db()
    assert (twin.head_name, twin.block_id) == before  # Cao Lộc's BS01-001 untouched
    assert set(Household.objects.filter(code__in=["BS02-001", "BS03-001"]).values_list("commune", flat=True)) == {
        thon["commune"].pk
    }
    # A thôn that is not there is named as the commune names its units.
    check = importing.check_file(xlsx([row(code="BS09-001", block="Thôn 9")]), user=thon["officer"])
    assert [str(e) for e in check.errors] == ["Dòng 2, cột Khối phố: không có thôn 'Thôn 9'"]


def test_without_a_scope_only_an_only_commune_is_the_commune(plan, blocks):
    HouseholdFactory(block=blocks[0], code="K01-001")
    assert Household.objects.filter(commune=current_commune_pk()).count() == 1  # one commune: that one
    other = build_other_commune()
    # Several communes and nobody said which: no commune, never silently the first.
    assert not Household.objects.filter(commune=current_commune_pk()).exists()
    with working_in(other["commune"]):
        assert list(Household.objects.filter(commune=current_commune_pk())) == [other["household"]]
    with working_in(plan.commune):
        assert Household.objects.filter(commune=current_commune_pk()).get().code == "K01-001"


def test_commands_say_which_commune(plan, blocks, tmp_path):
    HouseholdFactory(block=blocks[0], code="K01-001")
    other = build_other_commune()
    out = tmp_path / "ho.xlsx"
    with pytest.raises(CommandError, match="Hệ thống có nhiều đơn vị: hãy chọn --commune TÊN. Các đơn vị: "):
        call_command("export_households", str(out))
    call_command("export_households", str(out), "--commune", "xa bac son")
    sheet = load_workbook(out).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [other["household"].code]
    with pytest.raises(CommandError, match="Không có đơn vị 'Xã Không Có'"):
        call_command("import_households", str(out), "--commune", "Xã Không Có")
    assert Commune.objects.count() == 2


def test_a_thon_communes_figures_in_the_command_and_the_workbook(thon, client):
    out = io.StringIO()
    call_command("indicators", "--year", "2024", "--commune", "Xã Bắc Sơn", stdout=out)
    text = out.getvalue()
    assert "Theo thôn:" in text and "\nThôn " in text and "Khối" not in text
    client.force_login(thon["officer"])
    workbook = load_workbook(io.BytesIO(client.get(reverse("reports:statistics", args=[2024])).content))
    assert "Theo thôn" in workbook.sheetnames
    assert [c.value for c in workbook["Theo thôn"][1][:2]] == ["STT", "Thôn"]


def test_in_a_mixed_commune_a_truong_thon_reads_thon_and_the_officer_both(thon, client, django_assert_num_queries):
    Block.objects.create(commune=thon["commune"], number=9, name="Khối 9", kind=UnitKind.BLOCK)
    client.force_login(thon["leader"])
    client.get(reverse("households:blocks"))
    # session, user, plan years, blocks with their commune, households counted, titles counted, and
    # the words of the blocks they lead (in place of the commune's: still one query)
    with django_assert_num_queries(7):
        html = client.get(reverse("households:blocks")).content.decode()
    assert '<h1 class="h4 mb-0">Thôn</h1>' in html and "Trưởng thôn</span>" in html and "khối" not in html.lower()
    client.force_login(thon["officer"])
    html = client.get(reverse("households:blocks")).content.decode()
    assert '<h1 class="h4 mb-0">Thôn, khối phố</h1>' in html
    assert '<th>Khu dân cư</th><th class="d-none d-sm-table-cell">Trưởng thôn, khối trưởng</th>' in html
