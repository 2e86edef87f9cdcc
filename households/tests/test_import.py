"""The import contract: what goes in, and every way a file is refused whole."""

import datetime
import io
import json
import unicodedata
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from households import importing
from households.models import Household
from households.tests.sheets import row, xlsx
from recognition.models import Decision, Recognition
from recognition.selectors import household_changes
from testing.factories import FamilyRecognitionFactory, HouseholdFactory

pytestmark = pytest.mark.django_db

THIS_YEAR = datetime.date.today().year


def run(rows, user=None, header=importing.HEADERS, apply=True):
    check = importing.check_file(xlsx(rows, header), user=user)
    if apply and check.ok:
        check = importing.apply_rows(check.rows, user=user)
    return check


def messages(check):
    return [str(e) for e in check.errors]


def state():
    return (Household.objects.count(), Household.history.count(), Recognition.objects.count())


class TestContract:
    def test_headers_match_in_any_order_case_spacing_and_normal_form(self, blocks):
        header = [
            "  CHỦ HỘ ",
            unicodedata.normalize("NFD", "Mã hộ"),
            "khối phố",
            "Cột lạ",
            "Số nhân khẩu",
            "năm đạt gđvh",
        ]
        check = run([["Trần Thị Bình", "K02-007", "Khối 2", "bỏ qua", 3, "2022; 2023 2024"]], header=header)
        assert check.ok, messages(check)
        household = Household.objects.get(code="K02-007")
        assert (household.block.name, household.head_name, household.members) == ("Khối 2", "Trần Thị Bình", 3)
        assert sorted(household.recognitions.values_list("year", flat=True)) == [2022, 2023, 2024]

    @pytest.mark.parametrize("spelling", ["Khối 1", "khối 1", "Khối phố 1", "KHỐI 1", " Khối 1 ", "1", 1])
    def test_every_spelling_of_a_block(self, blocks, spelling):
        check = run([row(block=spelling)])
        assert check.ok, messages(check)
        assert Household.objects.get().block == blocks[0]

    def test_text_is_stored_nfc_with_whitespace_collapsed(self, blocks):
        head = unicodedata.normalize("NFD", "  Nguyễn   Văn\tAn ")
        run([row(head=head, address="Số  12,\n đường  Hùng Vương")])
        household = Household.objects.get()
        assert household.head_name == "Nguyễn Văn An"
        assert unicodedata.is_normalized("NFC", household.head_name)
        assert household.address == "Số 12, đường Hùng Vương"

    def test_importing_again_updates_and_never_duplicates(self, blocks, officer):
        run([row(years="2023")], user=officer)
        check = run([row(head="Nguyễn Văn Ân", members=5, years="2023, 2024")], user=officer)
        assert (len(check.new), len(check.updated), len(check.unchanged)) == (0, 1, 0)
        assert [c["column"] for c in check.updated[0]["changes"]] == ["Chủ hộ", "Số nhân khẩu", "Năm đạt GĐVH"]
        household = Household.objects.get()
        assert (household.head_name, household.members) == ("Nguyễn Văn Ân", 5)
        assert Recognition.objects.filter(household=household).count() == 2
        # The change is in the household's history, with who and why.
        latest = household.history.first()
        assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
            "~",
            officer,
            importing.CHANGE_REASON,
        )
        assert latest.prev_record.head_name == "Nguyễn Văn An"
        # The household's page tells the whole story: its fields and the title years the import added.

        story = [
            (c["record"].history_user, f["label"], f["old"], f["new"])
            for c in household_changes(household)
            for f in c["fields"]
        ]
        assert (officer, "chủ hộ", "Nguyễn Văn An", "Nguyễn Văn Ân") in story
        assert (officer, "Gia đình văn hóa", "", "2024") in story

    def test_the_years_become_imported_recognitions_that_the_indicators_count(self, blocks, capsys):
        run([row(code=f"K01-{i:03d}", years="2023, 2024" if i < 3 else "2023") for i in range(4)])
        record = Recognition.objects.filter(year=2024).first()
        # Each year's titles belong to the commune's recorded decision "before the app".
        assert (record.source, record.title, record.decision.kind, record.decision.number) == (
            "imported",
            "GDVH",
            "recorded",
            None,
        )
        assert str(record.decision) == "Hồ sơ trước khi dùng phần mềm"
        assert Decision.objects.filter(kind="recorded", title="GDVH").count() == 2  # 2023 and 2024
        call_command("indicators", "--year", "2024", "--json")

        gdvh = json.loads(capsys.readouterr().out)["indicators"][0]
        assert (gdvh["numerator"], gdvh["denominator"]) == (3, 4)

    def test_recognitions_made_by_decision_are_never_removed(self, blocks):
        household = HouseholdFactory(
            block=blocks[0], code="K01-001", head_name="Nguyễn Văn An", members=4, address="Số 1", phone="0912345678"
        )
        FamilyRecognitionFactory(household=household, year=2024)
        check = run([row(years="2023")])
        assert check.ok
        assert sorted(household.recognitions.values_list("year", flat=True)) == [2023, 2024]

    def test_a_dry_run_writes_nothing(self, blocks):
        check = run([row(years="2024")], apply=False)
        assert (len(check.new), check.recognitions) == (1, 1)
        assert state() == (0, 0, 0)

    def test_blank_lines_are_skipped(self, blocks):
        check = run([row(), [None] * 8, ["", "  ", None, None, None, None, None, None]])
        assert check.ok and len(check.new) == 1


class TestRefusals:
    """Any bad row refuses the whole file: nothing written, every error named."""

    @pytest.mark.parametrize(
        "bad, expected",
        [
            (row(block="Khối 11"), "Dòng 3, cột Khối phố: không có khối 'Khối 11'"),
            (row(block=""), "Dòng 3, cột Khối phố: thiếu khối phố"),
            (row(code=""), "Dòng 3, cột Mã hộ: thiếu mã hộ"),
            (row(head="   "), "Dòng 3, cột Chủ hộ: thiếu tên chủ hộ"),
            (row(members=0), "Dòng 3, cột Số nhân khẩu: số nhân khẩu phải là số nguyên từ 1 đến 99, không phải '0'"),
            (
                row(members=2.5),
                "Dòng 3, cột Số nhân khẩu: số nhân khẩu phải là số nguyên từ 1 đến 99, không phải '2.5'",
            ),
            (
                row(members="bốn"),
                "Dòng 3, cột Số nhân khẩu: số nhân khẩu phải là số nguyên từ 1 đến 99, không phải 'bốn'",
            ),
            (row(members=None), "Dòng 3, cột Số nhân khẩu: số nhân khẩu phải là số nguyên từ 1 đến 99, không phải ''"),
            (row(years="1999"), f"Dòng 3, cột Năm đạt GĐVH: '1999' không phải năm từ 2000 đến {THIS_YEAR}"),
            (
                row(years=f"2023, {THIS_YEAR + 1}"),
                f"Dòng 3, cột Năm đạt GĐVH: '{THIS_YEAR + 1}' không phải năm từ 2000 đến {THIS_YEAR}",
            ),
            (
                row(years="2023, hai nghìn"),  # each word that is no year, named
                [
                    f"Dòng 3, cột Năm đạt GĐVH: 'hai' không phải năm từ 2000 đến {THIS_YEAR}",
                    f"Dòng 3, cột Năm đạt GĐVH: 'nghìn' không phải năm từ 2000 đến {THIS_YEAR}",
                ],
            ),
        ],
    )
    def test_a_bad_row(self, blocks, bad, expected):
        check = run([row(code="K01-000"), bad if bad[0] == "" else [f"K01-{9}", *bad[1:]]])
        assert not check.ok
        # That error named in full, and no other.
        assert messages(check) == (expected if isinstance(expected, list) else [expected])
        assert state() == (0, 0, 0)

    def test_a_duplicate_code_within_the_file(self, blocks):
        check = run([row(code="K01-001"), row(code="K01-002"), row(code="K01-001")])
        assert messages(check) == ["Dòng 4, cột Mã hộ: mã hộ 'K01-001' trùng với dòng 2"]
        assert state() == (0, 0, 0)

    def test_a_missing_required_column(self, blocks):
        check = run([["K01-001", "Khối 1", "An"]], header=["Mã hộ", "Khối phố", "Chủ hộ"])
        assert messages(check) == ["Dòng 1: thiếu cột bắt buộc 'Số nhân khẩu'"]

    @pytest.mark.parametrize("content", [b"", b"Ma ho,Khoi pho\n1,2\n", b"PK\x03\x04 not really a zip"])
    def test_a_file_that_is_not_a_readable_xlsx(self, blocks, content):
        check = importing.check_file(io.BytesIO(content))
        assert messages(check) == ["tệp không phải tệp Excel .xlsx đọc được"]

    def test_every_error_is_listed_not_just_the_first(self, blocks):
        check = run([row(code="A", block="Khối 99"), row(code="B", members=-1), row(code="C", years="abc")])
        assert [e.row for e in check.errors] == [2, 3, 4]
        assert state() == (0, 0, 0)

    def test_one_bad_row_among_many_good_ones_writes_nothing(self, blocks):
        rows = [row(code=f"K01-{i:03d}", years="2024") for i in range(50)] + [row(code="X", block="Khối 0")]
        assert not run(rows).ok
        assert state() == (0, 0, 0)


class TestAccess:
    def test_a_block_leader_imports_only_into_their_block(self, blocks, khoi1):
        check = run([row(code="K01-001"), row(code="K02-001", block="Khối 2")], user=khoi1)
        assert messages(check) == ["Dòng 3, cột Khối phố: bạn không được nhập cho khối 'Khối 2'"]
        assert state() == (0, 0, 0)

    def test_a_block_leader_cannot_take_over_another_blocks_household(self, blocks, khoi1):
        HouseholdFactory(block=blocks[1], code="K02-001", head_name="Lý Thị Hà")
        check = run([row(code="K02-001", block="Khối 1", head="Kẻ Lạ")], user=khoi1)
        # Which block holds the code is not said: khoi1 may not see Khối 2.
        assert messages(check) == ["Dòng 2, cột Mã hộ: mã hộ 'K02-001' đã có trong sổ; hãy dùng mã khác"]
        assert Household.objects.get().head_name == "Lý Thị Hà"

    def test_only_the_officer_moves_a_household_by_import(self, blocks, khoi1, khoi2, officer):
        blocks[1].leader = khoi1
        blocks[1].save()  # khoi1 leads both blocks here, and still may not move between them
        HouseholdFactory(block=blocks[1], code="K02-001")
        check = run([row(code="K02-001", block="Khối 1")], user=khoi1)
        assert "chuyển khối do công chức văn hóa thực hiện" in messages(check)[0]
        assert run([row(code="K02-001", block="Khối 1")], user=officer).ok
        assert Household.objects.get().block == blocks[0]


class TestCommand:
    def test_it_imports_and_reports(self, blocks, tmp_path, capsys):
        path = tmp_path / "ho.xlsx"
        path.write_bytes(xlsx([row(years="2024"), row(code="K01-002")]).getvalue())
        call_command("import_households", str(path), "--dry-run")
        assert "Kiểm tra xong, không ghi gì. Nếu nhập: 2 hộ mới" in capsys.readouterr().out
        assert state() == (0, 0, 0)
        call_command("import_households", str(path))
        assert "Đã nhập: 2 hộ mới, 0 hộ cập nhật, 0 hộ không đổi, 1 lượt" in capsys.readouterr().out
        assert Household.objects.count() == 2

    def test_it_exits_non_zero_and_names_every_error(self, blocks, tmp_path, capsys):
        path = tmp_path / "ho.xlsx"
        path.write_bytes(xlsx([row(block="Khối 11"), row(code="K01-002", members=0)]).getvalue())
        with pytest.raises(CommandError, match="Từ chối cả tệp, không ghi gì: 2 lỗi"):
            call_command("import_households", str(path))
        err = capsys.readouterr().err
        assert "Dòng 2, cột Khối phố: không có khối 'Khối 11'" in err
        assert "Dòng 3, cột Số nhân khẩu" in err
        assert state() == (0, 0, 0)

    def test_it_refuses_a_missing_file(self, blocks):
        with pytest.raises(CommandError, match="Không mở được tệp"):
            call_command("import_households", "/khong/co/tep.xlsx")

    def test_it_can_act_for_a_block_leader(self, blocks, khoi1, tmp_path):
        path = tmp_path / "ho.xlsx"
        path.write_bytes(xlsx([row(block="Khối 2")]).getvalue())
        err = io.StringIO()
        with pytest.raises(CommandError, match="Từ chối cả tệp, không ghi gì: 1 lỗi"):
            call_command("import_households", str(path), "--user", "khoi1", stderr=err)
        assert "bạn không được nhập cho khối 'Khối 2'" in err.getvalue()


class TestEdgesOfRealSheets:
    """What Excel does to a sheet before it reaches us."""

    def test_a_sheet_without_the_optional_columns_leaves_them_alone(self, blocks):
        HouseholdFactory(block=blocks[0], code="K01-001", head_name="An", address="Số 1", phone="0912", note="Ghi")
        header = ["Mã hộ", "Khối phố", "Chủ hộ", "Số nhân khẩu"]
        check = run([["K01-001", "Khối 1", "Nguyễn Văn An", 4]], header=header)
        assert [c["column"] for c in check.updated[0]["changes"]] == ["Chủ hộ"]
        household = Household.objects.get()
        assert (household.head_name, household.address, household.phone, household.note) == (
            "Nguyễn Văn An",
            "Số 1",
            "0912",
            "Ghi",
        )

    def test_numbers_dates_errors_and_case(self, blocks):
        HouseholdFactory(block=blocks[0], code="K01-001", head_name="An")
        check = run(
            [
                row(code="k01-001", head="An", phone=912345678, address=datetime.datetime(2024, 1, 5)),
                row(code="K01-002", head="#N/A"),
                row(code=datetime.datetime(2024, 2, 1), head="Bình"),
                row(code="K01-004", members="²"),
                row(code="K01-005", members=40000),
            ],
            apply=False,
        )
        assert messages(check) == [
            "Dòng 3, cột Chủ hộ: ô báo lỗi của Excel, không phải giá trị",
            "Dòng 4, cột Mã hộ: Excel đã đổi ô này thành ngày tháng hoặc đúng/sai; hãy nhập dạng chữ",
            "Dòng 5, cột Số nhân khẩu: số nhân khẩu phải là số nguyên từ 1 đến 99, không phải '²'",
            "Dòng 6, cột Số nhân khẩu: số nhân khẩu phải là số nguyên từ 1 đến 99, không phải '40000'",
        ]
        # The lower-case code is the same household, not a new one.
        first = run([row(code="k01-001", head="An", phone=912345678, address=datetime.datetime(2024, 1, 5))])
        assert (len(first.new), len(first.updated)) == (0, 1)
        household = Household.objects.get()
        assert (household.phone, household.address) == ("0912345678", "05/01/2024")

    def test_control_characters_never_reach_the_register(self, blocks, tmp_path):
        # Typed into a form (openpyxl itself refuses to write them to a sheet), they would break every export.
        HouseholdFactory(block=blocks[0], head_name="An\x01 Bình\x7f")
        assert Household.objects.get().head_name == "An Bình"
        call_command("export_households", str(tmp_path / "ho.xlsx"))

    def test_a_damaged_sheet_is_refused_not_a_crash(self, blocks):
        good = xlsx([row(code=f"K01-{i:03d}") for i in range(50)]).getvalue()
        damaged = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(damaged, "w") as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = data[: len(data) // 2]  # cut off mid-row
                target.writestr(item, data)
        damaged.seek(0)
        check = importing.check_file(damaged)
        assert messages(check) == ["tệp không phải tệp Excel .xlsx đọc được"]

    def test_a_stray_cell_far_to_the_right_is_ignored(self, blocks):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(importing.HEADERS)
        sheet.append(row())
        sheet.cell(row=5000, column=16000, value="x")
        out = io.BytesIO()
        workbook.save(out)
        out.seek(0)
        check = importing.check_file(out)
        assert check.ok and len(check.new) == 1


def test_confirming_rechecks_the_right_to_write(blocks, khoi1):
    check = importing.check_file(xlsx([row()]), user=khoi1)
    assert check.ok
    blocks[0].leader = None
    blocks[0].save()
    khoi1 = type(khoi1).objects.get(pk=khoi1.pk)  # a fresh request: no cached rights
    refused = importing.apply_rows(check.rows, user=khoi1)
    assert messages(refused) == ["Dòng 2, cột Khối phố: bạn không được nhập cho khối 'Khối 1'"]
    assert not Household.objects.exists()
