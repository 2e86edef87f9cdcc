"""The spreadsheet-import kernel (caolocculture/imports.py) on its own: no app, no database."""

import datetime
import io
import unicodedata
from dataclasses import dataclass

import pytest
from openpyxl import Workbook

from caolocculture import imports
from caolocculture.imports import BlockLookup, Column, ImportCheck, RowError

COLUMNS = [
    Column("block", "Khối phố", True),
    Column("population", "Dân số", True, spellings=("Số dân",)),
    Column("note", "Ghi chú"),
]


@dataclass
class Block:
    pk: int
    number: int
    name: str


BLOCKS = [Block(11, 1, "Khối 1"), Block(12, 2, "Khối Phố Mới")]


def sheet(rows, header=("Khối phố", "Dân số", "Ghi chú")) -> io.BytesIO:
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


# -- "Dòng N, cột X: …" ----------------------------------------------------------------


def test_a_row_error_names_its_row_and_column_as_today():
    assert str(RowError(7, "Dân số", "x", "thiếu số liệu")) == "Dòng 7, cột Dân số: thiếu số liệu"
    assert str(RowError(1, None, "", "thiếu cột bắt buộc 'Dân số'")) == "Dòng 1: thiếu cột bắt buộc 'Dân số'"
    assert str(RowError(None, "Năm đạt GĐVH", "", "hãy chọn")) == "cột Năm đạt GĐVH: hãy chọn"
    assert str(RowError(None, None, "", "tệp không có dòng dữ liệu nào")) == "tệp không có dòng dữ liệu nào"


# -- the header -----------------------------------------------------------------------


def test_headers_match_ignoring_case_spaces_unicode_form_and_order():
    decomposed = unicodedata.normalize("NFD", "  KHỐI   PHỐ ")
    positions, errors = imports.match_header(["Ghi chú", None, decomposed, 42, "dân số"], COLUMNS)
    assert (positions, errors) == ({"note": 0, "block": 2, "population": 4}, [])


def test_a_column_may_declare_other_spellings_and_the_first_of_two_wins():
    positions, errors = imports.match_header(["Khối phố", "Số dân", "Dân số"], COLUMNS)
    assert (positions, errors) == ({"block": 0, "population": 1}, [])


def test_every_missing_required_column_is_an_error_on_row_1():
    positions, errors = imports.match_header(["Ghi chú", "Khối"], COLUMNS)
    assert positions == {"note": 0}
    assert [str(e) for e in errors] == [
        "Dòng 1: thiếu cột bắt buộc 'Khối phố'",
        "Dòng 1: thiếu cột bắt buộc 'Dân số'",
    ]


# -- the rows -------------------------------------------------------------------------


def test_blank_rows_are_skipped_and_rows_keep_excel_numbers():
    positions = {"block": 0, "population": 1}
    rows = [
        ("Khối 1", 10, "ignored"),
        (None, "   "),  # row 3: blank in every column read
        (),  # row 4: nothing at all
        (None, "\t", "a note in a column not read"),  # row 5: blank in the columns read
        ("Khối 2",),  # row 6: shorter than the header
    ]
    read = [(r.number, r.raw) for r in imports.sheet_rows(rows, positions, COLUMNS)]
    assert read == [(2, {"block": "Khối 1", "population": 10}), (6, {"block": "Khối 2", "population": None})]


def test_progress_hears_the_rows_read_every_500():
    heard = []
    rows = [("Khối 1", 1)] * 1200
    assert len(list(imports.sheet_rows(rows, {"block": 0, "population": 1}, COLUMNS, heard.append))) == 1200
    assert heard == [499, 999]


def test_error_cells_are_reported_and_refused_rows_are_left_out():
    def read(row):
        if not row.error_cell("population"):
            return (row.text("block"), row.raw["population"])
        return None

    rows = [("Khối 1", 10), ("Khối 2", " #N/A "), (None, None), ("Khối 3", "#REF!"), ("Khối 4", "#VALUE")]
    parsed, errors = imports.read_rows(rows, {"block": 0, "population": 1}, COLUMNS, read)
    assert parsed == [("Khối 1", 10), ("Khối 4", "#VALUE")]  # "#VALUE" without "!" is text, not Excel's error
    assert [(e.row, e.column, e.value) for e in errors] == [(3, "Dân số", "#N/A"), (5, "Dân số", "#REF!")]
    assert str(errors[0]) == "Dòng 3, cột Dân số: ô báo lỗi của Excel, không phải giá trị"


# -- the cells ------------------------------------------------------------------------


def test_whole_numbers_are_read_the_vietnamese_way():
    assert imports.whole_number("1.000") == 1000
    assert imports.whole_number("15.000.000", max_value=10**8) == 15_000_000
    assert imports.whole_number("1 234") == 1234
    assert imports.whole_number(1000.0) == 1000  # Excel keeps every number as a float
    assert imports.whole_number(0) == 0
    for refused in ("1,5", "10.5", 2.5, "-5", "5k", "", None, True, "12OO"):
        assert imports.whole_number(refused) is None, refused
    assert imports.whole_number("1.001", max_value=1000) is None


def test_small_whole_numbers_take_plain_digits_only():
    assert imports.small_whole_number(" 4 ", min_value=1, max_value=99) == 4
    assert imports.small_whole_number(4.0, min_value=1, max_value=99) == 4
    assert imports.small_whole_number("99", min_value=1, max_value=99) == 99
    for refused in ("1.000", "1,5", 2.5, "0", 100, True, "bốn", "²", None):
        assert imports.small_whole_number(refused, min_value=1, max_value=99) is None, refused


def test_years_are_split_on_commas_semicolons_and_spaces():
    assert imports.years("2021, 2022;2023  2024;2022", 2000, 2026) == ([2021, 2022, 2023, 2024], [])
    assert imports.years(2024.0, 2000, 2026) == ([2024], [])
    assert imports.years("2021, 1999, 2027, năm", 2000, 2026) == ([2021], ["1999", "2027", "năm"])
    assert imports.years(None, 2000, 2026) == ([], [])


def test_cells_read_as_text():
    assert imports.as_text(12.0) == "12"
    assert imports.as_text(datetime.datetime(2024, 12, 31)) == "31/12/2024"
    assert imports.as_text("  Nguyễn   Văn\x01 An ") == "Nguyễn Văn An"
    assert imports.as_text(None) == ""


def test_a_block_is_found_by_number_or_name_and_refused_in_words():
    find = BlockLookup(BLOCKS)
    assert [find(s) for s in ("Khối 1", " khối phố 1 ", "KHỐI 1", "1", "khoi pho moi")] == [BLOCKS[0]] * 4 + [BLOCKS[1]]
    assert find("Khối 9") is None

    positions = {"block": 0}
    allowed = {11: BLOCKS[0]}
    found = []
    rows = [("Khối 1",), ("Khối 9",), ("Khối 2",), (" ",), (0,)]
    parsed, errors = imports.read_rows(
        rows, positions, COLUMNS, lambda row: found.append(row.block("block", find, allowed))
    )
    assert found == [BLOCKS[0], None, None, None]  # the blank row is skipped
    assert [str(e) for e in errors] == [
        "Dòng 3, cột Khối phố: không có khối 'Khối 9'",
        "Dòng 4, cột Khối phố: bạn không được nhập cho khối 'Khối Phố Mới'",
        "Dòng 6, cột Khối phố: không có khối '0'",
    ]


def test_a_block_cell_left_empty_is_said_so():
    row = imports.SheetRow(8, {"block": "", "population": 3}, {"block": "Khối phố"})
    assert row.block("block", BlockLookup(BLOCKS), {}) is None
    assert [str(e) for e in row.errors] == ["Dòng 8, cột Khối phố: thiếu khối phố"]


# -- the whole dry run ----------------------------------------------------------------


def run(file, **kwargs):
    def read(rows, positions, scope):
        def one(row):
            number = imports.whole_number(row.raw["population"])
            if number is None:
                row.error("population", row.text("population"), "không phải số")
            return (row.number, number)

        return imports.read_rows(rows, positions, COLUMNS, one)

    def compare(parsed, scope):
        check = ImportCheck(rows=parsed, new=[{"row": n} for n, _ in parsed])
        check.errors = [RowError(2, "Khối phố", "", "đã có")] if scope == "refuse row 2" else []
        return check

    scope = kwargs.pop("scope", "all")
    return imports.check_sheet(
        file, COLUMNS, check=ImportCheck, scope=lambda: scope, read=read, compare=compare, **kwargs
    )


def test_the_dry_run_sorts_every_error_by_row():
    check = run(sheet([("Khối 1", "1.000"), ("Khối 1", "1,5"), (None, None), ("Khối 1", "7")]), scope="refuse row 2")
    assert [str(e) for e in check.errors] == ["Dòng 2, cột Khối phố: đã có", "Dòng 3, cột Dân số: không phải số"]
    assert check.rows == [(2, 1000), (5, 7)]


def test_the_dry_run_refuses_whole_files_in_one_message():
    assert [str(e) for e in run(sheet([])).errors] == ["tệp không có dòng dữ liệu nào"]
    assert [str(e) for e in run(sheet([], header=("Khối phố",))).errors] == ["Dòng 1: thiếu cột bắt buộc 'Dân số'"]
    assert [str(e) for e in run(io.BytesIO(b"not a zip")).errors] == ["tệp không phải tệp Excel .xlsx đọc được"]
    five = sheet([("Khối 1", 1)] * 5)
    assert [str(e) for e in run(five, max_rows=4).errors] == [
        "tệp có hơn 4 dòng (kể cả dòng trống): quá giới hạn một lần nhập; hãy xóa các dòng thừa hoặc chia thành "
        "nhiều tệp"
    ]
    five.seek(0)
    assert [str(e) for e in run(five, max_rows=4, too_many="quá nhiều dòng").errors] == ["quá nhiều dòng"]


def test_the_summary_keeps_every_error_and_the_first_rows_asked_for():
    check = ImportCheck(
        rows=[1, 2, 3], new=[{"row": 2}, {"row": 3}], unchanged=["a"], errors=[RowError(4, None, "", "x")]
    )
    assert check.summary(shown=1) == {
        "counts": {"new": 2, "updated": 0, "unchanged": 1},
        "new": [{"row": 2}],
        "updated": [],
        "unchanged": ["a"],
        "errors": ["Dòng 4: x"],
        "total": 3,
    }
    assert not check.ok and ImportCheck().ok


@pytest.mark.parametrize("header", [("Khối phố", "Dân số"), ("Dân số", "Ghi chú", "Khối phố")])
def test_the_dry_run_reads_columns_in_any_order(header):
    values = {"Khối phố": "Khối 1", "Dân số": "2.500", "Ghi chú": ""}
    check = run(sheet([[values[h] for h in header]], header=header))
    assert (check.rows, check.errors) == ([(2, 2500)], [])
