"""The households spreadsheet: read, check every row, compare with the register,
then write all of it or nothing.

Contract (first sheet, header in row 1, any column order, unknown columns ignored):
Mã hộ*, Khối phố*, Chủ hộ*, Địa chỉ, Số nhân khẩu*, Điện thoại, Ghi chú, Năm đạt GĐVH.
Headers match ignoring case, surrounding spaces and Unicode normalisation form.
"""

import datetime
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from xml.etree.ElementTree import ParseError

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from simple_history.utils import bulk_update_with_history

from caolocculture import formatting
from caolocculture.bulk import insert_with_history
from caolocculture.permissions import Action, blocks_for, can
from caolocculture.text import clean_line, fold
from caolocculture.xlsx_guard import MAX_ROWS, SpreadsheetRefused, check_xlsx, too_many_rows
from recognition.models import Decision, Meeting, Recognition, Title, before_app_decision

from .models import Block, Household, normalize_code


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool


COLUMNS = [
    Column("code", "Mã hộ", True),
    Column("block", "Khối phố", True),
    Column("head_name", "Chủ hộ", True),
    Column("address", "Địa chỉ", False),
    Column("members", "Số nhân khẩu", True),
    Column("phone", "Điện thoại", False),
    Column("note", "Ghi chú", False),
    Column("years", "Năm đạt GĐVH", False),
]
HEADERS = [c.header for c in COLUMNS]
HEADER_OF = {c.key: c.header for c in COLUMNS}
FIELDS = ("block_id", "head_name", "address", "members", "phone", "note")  # compared and written
FIRST_YEAR = 2000
CHANGE_REASON = "Nhập từ tệp Excel"
PROGRESS_EVERY = 500
MAX_MEMBERS = 99
EXCEL_ERRORS = {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!"}
_DIGITS = re.compile(r"[0-9]+")
PREVIEW_ROWS = 200  # rows of each kind kept for the preview; every error is always kept


@dataclass
class RowError:
    row: int | None
    column: str | None
    value: str
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("Dòng %(row)d") % {"row": self.row})
        if self.column:
            where.append(_("cột %(column)s") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class Row:
    """A checked row. An optional column missing from the file is None: left as it is."""

    row: int
    code: str
    block_id: int
    head_name: str
    address: str | None
    members: int
    phone: str | None
    note: str | None
    years: list[int]

    def values(self) -> dict:
        """The fields this row sets (new households get "" for the columns the file lacks)."""
        return {name: getattr(self, name) for name in FIELDS if getattr(self, name) is not None}


@dataclass
class Check:
    """The dry run: what confirming would do, and everything that stops it."""

    rows: list[Row] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new: list[dict] = field(default_factory=list)
    updated: list[dict] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    recognitions: int = 0
    # Years of the file whose bình xét runs in the app: their titles need a recorded decision picked.
    app_years: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self, shown: int = PREVIEW_ROWS) -> dict:
        """What the preview shows: the counts, the first rows of each kind, and every error."""
        return {
            "counts": {"new": len(self.new), "updated": len(self.updated), "unchanged": len(self.unchanged)},
            "new": self.new[:shown],
            "updated": self.updated[:shown],
            "unchanged": self.unchanged[:shown],
            "recognitions": self.recognitions,
            "errors": [str(e) for e in self.errors],
            "total": len(self.rows),
            "years": sorted({y for r in self.rows for y in r.years}),
            "app_years": self.app_years,
        }


def may_record_titles(user) -> bool:
    """Titles from the commune's records are the officer's (and the operator's) to enter."""
    return user is None or can(user, Action.APPROVE)


def years_in_files_for(user) -> bool:
    """Whether the user's spreadsheets carry the title years: not for one who may import
    households but not titles (a khối trưởng), so their export imports back unchanged."""
    return may_record_titles(user) or not can(user, Action.EDIT_BLOCK)


class Scope:
    """Which blocks the person importing may write to: all of them for the command
    line (the operator), otherwise what permissions.py allows."""

    def __init__(self, user=None):
        self.user = user
        blocks = Block.objects.all() if user is None else blocks_for(user, Action.EDIT_BLOCK)
        self.blocks = {b.pk: b for b in blocks}
        self.all_blocks = {b.pk: b for b in Block.objects.all()} if user is not None else self.blocks
        self.may_move = user is None or can(user, Action.MANAGE_BLOCKS)
        self.may_record_titles = may_record_titles(user)


# -- reading ---------------------------------------------------------------


class UnreadableFile(Exception):
    """The file cannot be read, or is refused before reading it; str() says why."""

    def __init__(self, message: str = "", code: str = "unreadable"):
        super().__init__(message or _("tệp không phải tệp Excel .xlsx đọc được"))
        self.code = code


# What a damaged or foreign file raises while openpyxl reads it.
UNREADABLE = (
    InvalidFileException,
    zipfile.BadZipFile,
    KeyError,
    OSError,
    EOFError,
    zlib.error,
    ParseError,
    ValueError,
    IndexError,
    TypeError,
)


def read_sheet(file, max_rows: int = MAX_ROWS):
    """The first sheet, read-only, and its header row; what the zip unpacks to is
    checked first (xlsx_guard), so openpyxl never meets a bomb."""
    try:
        check_xlsx(file, max_rows=max_rows)
    except SpreadsheetRefused as refused:
        raise UnreadableFile(refused.messages[0], refused.code) from None
    try:
        sheet = load_workbook(file, read_only=True, data_only=True).worksheets[0]
        header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), None)
    except UNREADABLE:
        raise UnreadableFile from None
    return sheet, list(header or [])


def data_rows(sheet, positions: dict[str, int], max_rows: int = MAX_ROWS) -> Iterable[tuple]:
    """The rows under the header, cut to the columns the contract reads: a stray cell
    far to the right must not make every row thousands of cells wide. Rows are counted as
    they come, blank or not, and the file refused past `max_rows`; the sheet's
    <dimension> is never trusted (openpyxl stops at it unless told a last row)."""
    rows = sheet.iter_rows(min_row=2, max_row=max_rows + 2, max_col=max(positions.values()) + 1, values_only=True)
    try:
        for count, values in enumerate(rows, start=1):
            if count > max_rows:
                raise UnreadableFile(too_many_rows(max_rows).messages[0], "too_many_rows")
            yield values
    except UNREADABLE:
        raise UnreadableFile from None


def declared_rows(sheet) -> int:
    """Rows below the header as the sheet's <dimension> says: a hint for a progress bar,
    never a bound (it may be missing or lie)."""
    try:
        declared = sheet.max_row
    except UNREADABLE:
        return 0
    return min(max((declared or 0) - 1, 0), MAX_ROWS)


def match_header(header: list, columns: list[Column] = COLUMNS) -> tuple[dict[str, int], list[RowError]]:
    """Where each contract column is, ignoring case, spaces and Unicode form; a missing required one is an error."""
    by_folded = {clean_line(c.header).casefold(): c for c in columns}
    positions, errors = {}, []
    for index, name in enumerate(header):
        column = by_folded.get(clean_line(str(name)).casefold()) if name is not None else None
        if column and column.key not in positions:
            positions[column.key] = index
    for column in columns:
        if column.required and column.key not in positions:
            errors.append(RowError(1, None, "", _("thiếu cột bắt buộc '%(column)s'") % {"column": column.header}))
    return positions, errors


# -- one cell at a time ----------------------------------------------------


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return clean_line(str(value))


def as_phone(value) -> str:
    """A phone typed as a number has lost its leading zero (912345678 -> 0912345678)."""
    text = as_text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and len(text) == 9:
        return "0" + text
    return text


_BLOCK_PREFIX = re.compile(r"^(khoi pho|khoi|to dan pho|to)\s*")


def block_number(value: str) -> int | None:
    """'Khối 1', 'khối phố 1', 'KHỐI 1', ' Khối 1 ', '1' -> 1."""
    rest = _BLOCK_PREFIX.sub("", fold(value))
    return int(rest) if _DIGITS.fullmatch(rest) else None


class BlockLookup:
    """A block as a sheet spells it ('Khối 1', '1', or its name), remembered per spelling."""

    def __init__(self, blocks: Iterable[Block]):
        blocks = list(blocks)
        self.by_number = {b.number: b for b in blocks}
        self.by_name = {fold(b.name): b for b in blocks}
        self.seen: dict[str, Block | None] = {}

    def __call__(self, raw: str) -> Block | None:
        if raw not in self.seen:
            number = block_number(raw)
            self.seen[raw] = self.by_number.get(number) if number is not None else self.by_name.get(fold(raw))
        return self.seen[raw]


def parse_members(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _DIGITS.fullmatch(clean_line(value)):
        number = int(clean_line(value))
    else:
        return None
    return number if 1 <= number <= MAX_MEMBERS else None


_YEAR_SEPARATORS = re.compile(r"[,;\s]+")


def parse_years(value, last_year: int) -> tuple[list[int], list[str]]:
    """'2021, 2022;2023 2024' -> [2021, 2022, 2023, 2024]; bad pieces returned apart."""
    if value is None or value == "":
        return [], []
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        pieces = [as_text(value)]
    else:
        pieces = [p for p in _YEAR_SEPARATORS.split(as_text(value)) if p]
    years, bad = [], []
    for piece in pieces:
        if _DIGITS.fullmatch(piece) and FIRST_YEAR <= int(piece) <= last_year:
            years.append(int(piece))
        else:
            bad.append(piece)
    return sorted(set(years)), bad


# -- the check -------------------------------------------------------------


LIMITS = {"code": 30, "head_name": 120, "address": 255, "phone": 20, "note": 255}


def parse_rows(
    rows: Iterable[tuple], positions: dict[str, int], scope: Scope, progress: Callable[[int], None] | None = None
) -> tuple[list[Row], list[RowError]]:
    last_year = datetime.date.today().year
    find_block = BlockLookup(scope.all_blocks.values())
    text_keys = [k for k in ("code", "block", "head_name", "address", "phone", "note") if k in positions]
    parsed, errors, first_seen = [], [], {}

    for row_number, values in enumerate(rows, start=2):
        if progress and row_number % PROGRESS_EVERY == 0:
            progress(row_number - 1)
        width = len(values or ())
        raw = {key: values[index] if index < width else None for key, index in positions.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw.values()):
            continue  # blank lines at the end of a sheet are common
        text = {key: as_phone(raw[key]) if key == "phone" else as_text(raw[key]) for key in text_keys}
        row_errors = []

        def error(key, value, message, row_errors=row_errors, row_number=row_number):
            row_errors.append(RowError(row_number, HEADER_OF[key], value, message))

        for key, value in raw.items():
            if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
                error(key, value.strip(), _("ô báo lỗi của Excel, không phải giá trị"))
            elif key in ("code", "block", "head_name") and isinstance(value, (datetime.date, datetime.time, bool)):
                error(key, as_text(value), _("Excel đã đổi ô này thành ngày tháng hoặc đúng/sai; hãy nhập dạng chữ"))
        text["code"] = normalize_code(text["code"])  # "k01-001", "K01‑001" (U+2011), "K01 - 001": one household
        code = text["code"]
        if not code:
            error("code", "", _("thiếu mã hộ"))
        elif code in first_seen:
            error("code", code, _("mã hộ '%(code)s' trùng với dòng %(row)d") % {"code": code, "row": first_seen[code]})
        else:
            first_seen[code] = row_number

        raw_block = text["block"]
        block = None
        if not raw_block:
            error("block", "", _("thiếu khối phố"))
        else:
            block = find_block(raw_block)
            if block is None:
                error("block", raw_block, _("không có khối '%(block)s'") % {"block": raw_block})
            elif block.pk not in scope.blocks:
                error("block", raw_block, _("bạn không được nhập cho khối '%(block)s'") % {"block": block.name})

        if not text["head_name"]:
            error("head_name", "", _("thiếu tên chủ hộ"))

        members = parse_members(raw["members"])
        if members is None:
            shown = as_text(raw["members"])
            error(
                "members",
                shown,
                _("số nhân khẩu phải là số nguyên từ 1 đến %(max)d, không phải '%(value)s'")
                % {"value": shown, "max": MAX_MEMBERS},
            )

        years, bad = parse_years(raw.get("years"), last_year)
        if (years or bad) and not scope.may_record_titles:
            error(
                "years",
                as_text(raw["years"]),
                _(
                    "khối trưởng không ghi năm đạt danh hiệu: danh hiệu do quyết định tặng, công chức văn hóa ghi "
                    "nhận quyết định từ hồ sơ giấy; hãy để trống cột này"
                ),
            )
            years, bad = [], []
        for piece in bad:
            error(
                "years",
                as_text(raw["years"]),
                _("'%(piece)s' không phải năm từ %(first)d đến %(last)d")
                % {"piece": piece, "first": FIRST_YEAR, "last": last_year},
            )

        for key in text_keys:
            limit = LIMITS.get(key)
            if limit and len(text[key]) > limit:
                error(key, text[key][:40] + "…", _("dài quá %(limit)d ký tự") % {"limit": limit})

        if row_errors:
            errors.extend(row_errors)
            continue
        parsed.append(
            Row(
                row=row_number,
                code=code,
                block_id=block.pk,
                head_name=text["head_name"],
                address=text.get("address"),
                members=members,
                phone=text.get("phone"),
                note=text.get("note"),
                years=years,
            )
        )
    return parsed, errors


def compare(rows: list[Row], scope: Scope) -> Check:
    """New, updated and unchanged households against the register, in two queries."""
    check = Check(rows=rows)
    existing: dict[str, dict] = {}  # plain values: model instances cost more than the query
    codes = [r.code for r in rows]
    names_ = ("pk", "code", *FIELDS)
    for start in range(0, len(codes), 5000):
        for values in Household.objects.filter(code__in=codes[start : start + 5000]).values_list(*names_):
            existing[values[1]] = dict(zip(names_, values, strict=True))
    years_of: dict[int, set[int]] = {}
    withdrawn: dict[tuple[int, int], str] = {}  # (household, year) -> the withdrawal's reference
    ids = [h["pk"] for h in existing.values()]
    for start in range(0, len(ids), 5000):
        pairs = Recognition.objects.filter(
            title=Title.CULTURAL_FAMILY, household__in=ids[start : start + 5000]
        ).values_list("household", "year", "withdrawn_by__number", "withdrawn_by__symbol")
        for household_id, year, number, symbol in pairs:
            if number is None:
                years_of.setdefault(household_id, set()).add(year)
            else:
                withdrawn[household_id, year] = formatting.document_number(number, symbol)

    names = {pk: b.name for pk, b in scope.all_blocks.items()}
    # A block's year run in the app gets its titles only from the chairman's decision.
    file_years = {y for r in rows for y in r.years}
    in_app = set(
        Meeting.objects.filter(
            block__commune__in={
                scope.all_blocks[r.block_id].commune_id for r in rows if r.years and r.block_id in scope.all_blocks
            },
            year__in=file_years,
        ).values_list("block", "year")
    )
    check.app_years = sorted({year for _block, year in in_app})
    for row in rows:
        run_in_app = sorted(y for y in row.years if (row.block_id, y) in in_app)
        if run_in_app:
            check.errors.append(
                RowError(
                    row.row,
                    HEADER_OF["years"],
                    ", ".join(map(str, row.years)),
                    _(
                        "%(block)s bình xét năm %(years)s trên hệ thống: danh hiệu năm đó do quyết định trên hệ thống "
                        "tặng, không nhập từ tệp"
                    )
                    % {"block": names.get(row.block_id, "?"), "years": ", ".join(map(str, run_in_app))},
                )
            )
            continue
        household = existing.get(row.code)
        if row.block_id not in scope.blocks:
            check.errors.append(
                RowError(
                    row.row,
                    HEADER_OF["block"],
                    names.get(row.block_id, "?"),
                    _("bạn không được nhập cho khối '%(block)s'") % {"block": names.get(row.block_id, "?")},
                )
            )
            continue
        if household is None:
            check.new.append(
                {
                    "row": row.row,
                    "code": row.code,
                    "head_name": row.head_name,
                    "block": names[row.block_id],
                    "years": row.years,
                }
            )
            check.recognitions += len(row.years)
            continue
        if household["block_id"] not in scope.blocks:
            # Which block holds it is not said: the importer may not see that block.
            check.errors.append(
                RowError(
                    row.row,
                    HEADER_OF["code"],
                    row.code,
                    _("mã hộ '%(code)s' đã có trong sổ; hãy dùng mã khác") % {"code": row.code},
                )
            )
            continue
        if household["block_id"] != row.block_id and not scope.may_move:
            check.errors.append(
                RowError(
                    row.row,
                    HEADER_OF["block"],
                    names[row.block_id],
                    _("hộ '%(code)s' đang ở %(block)s; chuyển khối do công chức văn hóa thực hiện")
                    % {"code": row.code, "block": names[household["block_id"]]},
                )
            )
            continue
        changes = []
        for name, new in row.values().items():
            old = household[name]
            if old != new:
                label = HEADER_OF["block" if name == "block_id" else name]
                if name == "block_id":
                    old, new = names.get(old, old), names[new]
                changes.append({"column": label, "old": old, "new": new})
        added_years = sorted(set(row.years) - years_of.get(household["pk"], set()))
        taken_back = [(y, withdrawn[household["pk"], y]) for y in added_years if (household["pk"], y) in withdrawn]
        if taken_back:
            year, reference = taken_back[0]
            check.errors.append(
                RowError(
                    row.row,
                    HEADER_OF["years"],
                    str(year),
                    _(
                        "danh hiệu năm %(year)d của hộ '%(code)s' đã bị thu hồi theo Quyết định %(ref)s; tặng lại phải "
                        "có quyết định mới, không nhập từ tệp"
                    )
                    % {"year": year, "code": row.code, "ref": reference},
                )
            )
            continue
        if added_years:
            changes.append({"column": HEADER_OF["years"], "old": "", "new": ", ".join(map(str, added_years))})
            check.recognitions += len(added_years)
        if changes:
            check.updated.append({"row": row.row, "code": row.code, "head_name": row.head_name, "changes": changes})
        else:
            check.unchanged.append(row.code)
    return check


def check_file(
    file, user=None, progress: Callable[[int], None] | None = None, total: Callable[[int], None] | None = None
) -> Check:
    """The whole import as a dry run: nothing is written. `total` hears the rows the
    sheet says it holds (a hint for the progress bar), `progress` the rows read so far."""
    try:
        sheet, header = read_sheet(file)
    except UnreadableFile as refused:
        return Check(errors=[RowError(None, None, "", str(refused))])
    positions, errors = match_header(header)
    if errors:
        return Check(errors=errors)
    if total:
        total(declared_rows(sheet))
    scope = Scope(user)
    try:
        parsed, errors = parse_rows(data_rows(sheet, positions), positions, scope, progress)
    except UnreadableFile as refused:
        return Check(errors=[RowError(None, None, "", str(refused))])
    if not parsed and not errors:
        return Check(errors=[RowError(None, None, "", _("tệp không có dòng dữ liệu nào"))])
    check = compare(parsed, scope)
    check.errors = errors + check.errors
    check.errors.sort(key=lambda e: e.row or 0)
    return check


def _paper_decisions():
    """Numbered decisions on Gia đình văn hóa recorded from paper: what a file's years may attach to."""
    return Decision.objects.filter(kind=Decision.Kind.RECORDED, title=Title.CULTURAL_FAMILY, number__isnull=False)


def recorded_decisions_for(years, commune=None) -> dict[int, list[Decision]]:
    """The recorded decisions on Gia đình văn hóa the preview offers for each year of the file."""
    found: dict[int, list[Decision]] = {year: [] for year in years}
    decisions = _paper_decisions().filter(year__in=found)
    if commune is not None:
        decisions = decisions.filter(commune=commune)
    for decision in decisions.order_by("year", "issued_on", "number"):
        found[decision.year].append(decision)
    return found


def picked_decisions(chosen: dict) -> dict[int, Decision]:
    """Year -> the recorded decision picked for it on the preview (keys may be "2024" or 2024,
    as the job's JSON keeps them); a pick of another year's decision is no pick."""
    wanted = {int(year): int(pk) for year, pk in chosen.items() if pk}
    return {d.year: d for d in _paper_decisions().filter(pk__in=wanted.values()) if wanted.get(d.year) == d.pk}


def unpicked_years(app_years, chosen: dict) -> list[int]:
    """The years run in the app for which no recorded decision of that year was picked."""
    picked = picked_decisions(chosen)
    return [year for year in app_years if year not in picked]


def unpicked_message(years: list[int]) -> str:
    return _(
        "năm %(years)s bình xét trên hệ thống: danh hiệu năm đó trong tệp phải thuộc một quyết định ghi "
        "nhận từ hồ sơ giấy; hãy chọn quyết định (ghi nhận quyết định trước nếu chưa có)"
    ) % {"years": ", ".join(map(str, years))}


def _decisions_for_years(rows: list[Row], blocks: dict[int, Block], chosen: dict) -> dict[tuple, int]:
    """(commune, year) -> the decision the titles attach to: the recorded decision picked on
    the preview, or the commune's "hồ sơ trước khi dùng phần mềm" for that year."""
    picked = picked_decisions(chosen)
    result = {}
    for row in rows:
        block = blocks[row.block_id]
        for year in row.years:
            if (block.commune_id, year) not in result:
                decision = picked.get(year)
                if decision is None or decision.commune_id != block.commune_id:
                    decision = before_app_decision(block.commune, Title.CULTURAL_FAMILY, year)
                result[block.commune_id, year] = decision.pk
    return result


@transaction.atomic
def apply_rows(rows: list[Row], user=None, decisions: dict | None = None) -> Check:
    """Compare again (the register may have moved since the preview) and write
    everything, or nothing if any row is now refused. `decisions` maps a year to the
    recorded decision its titles belong to."""
    scope = Scope(user)
    check = compare(rows, scope)
    unpicked = unpicked_years(check.app_years, decisions or {})
    if unpicked:
        check.errors.append(RowError(None, HEADER_OF["years"], "", unpicked_message(unpicked)))
    if not check.ok:
        return check
    by_code = {r.code: r for r in rows}
    existing = {
        h.code: h for h in Household.objects.select_for_update().filter(code__in=[u["code"] for u in check.updated])
    }

    new_rows = [by_code[item["code"]] for item in check.new]
    today = datetime.date.today()
    new_households = [
        # A household counts from the day it is added, unless its titles show it lived here before.
        {
            "code": row.code,
            "address": "",
            "phone": "",
            "note": "",
            **row.values(),
            "moved_in_on": datetime.date(min(row.years), 1, 1) if row.years else today,
            "search_text": Household.search_text_for(row.code, row.head_name, row.address or ""),
        }
        for row in new_rows
    ]
    new_ids = insert_with_history(Household, new_households, user=user, reason=CHANGE_REASON)

    changed = []
    for item in check.updated:
        household, row = existing[item["code"]], by_code[item["code"]]
        values = row.values()
        if any(getattr(household, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(household, name, value)
            household.refresh_search_text()
            changed.append(household)
    if changed:
        bulk_update_with_history(
            changed,
            Household,
            [*FIELDS, "search_text"],
            batch_size=500,
            default_user=user,
            default_change_reason=CHANGE_REASON,
        )

    # Recognition years: only added, never removed (decisions made in the app stay).
    household_ids = {row.code: pk for row, pk in zip(new_rows, new_ids, strict=True)}
    household_ids.update({code: h.pk for code, h in existing.items()})
    known = set(
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_FAMILY, household__in=list(existing.values()))
        .values_list("household", "year")
    )
    attach_to = _decisions_for_years(rows, scope.all_blocks, decisions or {})
    recognitions = [
        {
            "title": Title.CULTURAL_FAMILY.value,
            "year": year,
            "household_id": household_ids[row.code],
            "source": Recognition.Source.IMPORTED.value,
            "valid_until": year,
            "note": CHANGE_REASON,
            "decision_id": attach_to[(scope.all_blocks[row.block_id].commune_id, year)],
        }
        for row in rows
        if row.code in household_ids
        for year in row.years
        if (household_ids[row.code], year) not in known
    ]
    insert_with_history(Recognition, recognitions, user=user, reason=CHANGE_REASON)
    return check


ROW_FIELDS = [f.name for f in fields(Row)]


def rows_to_json(rows: list[Row]) -> list[list]:
    """Checked rows, kept between the preview and the confirmation (as lists: 10,000 dicts cost a second)."""
    return [[getattr(r, name) for name in ROW_FIELDS] for r in rows]


def rows_from_json(data: list[list]) -> list[Row]:
    return [Row(*item) for item in data]
