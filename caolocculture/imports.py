"""The spreadsheet-import kernel (after pretix's base/modelimport.py): what every import of
a sheet does the same way. Each import (households/importing.py, campaigns/figures_import.py)
adds only its columns, how a row becomes a record, how it compares with the register and
how it is written.

The kernel reads the first sheet within its bounds (xlsx_guard), finds the columns by their
header, walks the rows (blank ones skipped, Excel's error cells named), reads cells (text,
whole numbers the Vietnamese way, years, blocks) and says every refusal as
"Dòng N, cột X: …". It knows no app: the blocks a sheet may name are handed in.
"""

import datetime
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar
from xml.etree.ElementTree import ParseError

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from . import numbers
from .permissions import Action, require
from .text import clean_line, fold
from .xlsx_guard import MAX_ROWS, SpreadsheetRefused, check_xlsx, too_many_rows

EXCEL_ERRORS = {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!"}
PROGRESS_EVERY = 500  # rows between two reports to a progress bar
_DIGITS = re.compile(r"[0-9]+")
S = TypeVar("S")  # an import's scope: who may write where
C = TypeVar("C", bound="ImportCheck")
J = TypeVar("J", bound=Model)


@dataclass(frozen=True)
class Column:
    """A column of an import's contract: `key` in the code, `header` as the template and
    the messages write it; `spellings` are other headers accepted for it."""

    key: str
    header: str
    required: bool = False
    spellings: tuple[str, ...] = ()

    def accepts(self) -> set[str]:
        """The headers that name this column, folded as match_header compares them."""
        return {clean_line(name).casefold() for name in (self.header, *self.spellings)}


@dataclass
class RowError:
    """One refusal: on a row and in a column when it has them ("Dòng 3, cột Dân số: …")."""

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


# -- reading the sheet -------------------------------------------------------


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


def data_rows(sheet, positions: dict[str, int], max_rows: int = MAX_ROWS) -> Iterator[tuple]:
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


def match_header(header: list, columns: list[Column]) -> tuple[dict[str, int], list[RowError]]:
    """Where each contract column is, ignoring case, spaces and Unicode form; a missing
    required one is an error. The first of two columns with one name wins."""
    by_folded = {name: c for c in columns for name in c.accepts()}
    positions, errors = {}, []
    for index, name in enumerate(header):
        column = by_folded.get(clean_line(str(name)).casefold()) if name is not None else None
        if column and column.key not in positions:
            positions[column.key] = index
    for column in columns:
        if column.required and column.key not in positions:
            errors.append(RowError(1, None, "", _("thiếu cột bắt buộc '%(column)s'") % {"column": column.header}))
    return positions, errors


# -- one cell at a time ------------------------------------------------------


def as_text(value) -> str:
    """A cell as one line of text: 12.0 as "12", a date as "31/12/2024", nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return clean_line(str(value))


def whole_number(value, *, min_value: int = 0, max_value: int = numbers.INT_MAX) -> int | None:
    """A whole number as Excel holds it or as a person typed it, read as the forms read it
    (numbers.py: "1.234" is a thousand and more, "1,5" and "10.5" are refused); None if it
    is not one, or is outside the bounds."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel keeps every number as a float
    try:
        return numbers.parse_integer(value, min_value=min_value, max_value=max_value)
    except ValidationError:
        return None


def small_whole_number(value, *, min_value: int, max_value: int) -> int | None:
    """A small whole number written in plain digits ("4", 4, 4.0): no thousands to group,
    so "1.000" is refused rather than taken for a thousand; None outside the bounds."""
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
    return number if min_value <= number <= max_value else None


_YEAR_SEPARATORS = re.compile(r"[,;\s]+")


def years(value, first: int, last: int) -> tuple[list[int], list[str]]:
    """'2021, 2022;2023 2024' -> [2021, 2022, 2023, 2024], each from `first` to `last`;
    the pieces that are not such a year returned apart, as written."""
    if value is None or value == "":
        return [], []
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        pieces = [as_text(value)]
    else:
        pieces = [p for p in _YEAR_SEPARATORS.split(as_text(value)) if p]
    found, bad = [], []
    for piece in pieces:
        if _DIGITS.fullmatch(piece) and first <= int(piece) <= last:
            found.append(int(piece))
        else:
            bad.append(piece)
    return sorted(set(found)), bad


_BLOCK_PREFIX = re.compile(r"^(khoi pho|khoi|to dan pho|to|thon|ban|khu dan cu|khu)\s*")

# What a sheet may call its units' column: a thôn commune's file says "Thôn" (households.units).
BLOCK_SPELLINGS = ("Khối", "Tổ dân phố", "Thôn", "Bản", "Thôn, bản", "Thôn, khối phố", "Khu dân cư")


def block_number(value: str) -> int | None:
    """'Khối 1', 'khối phố 1', 'KHỐI 1', ' Khối 1 ', 'Thôn 3', 'Bản 2', 'Tổ 4', '1' -> the number."""
    rest = _BLOCK_PREFIX.sub("", fold(value))
    return int(rest) if _DIGITS.fullmatch(rest) else None


class NamedBlock(Protocol):
    pk: Any
    number: int
    name: str


class BlockLookup:
    """A block as a sheet spells it ('Khối 1', '1', or its name), remembered per spelling.
    The caller hands in the blocks, and how the commune calls them in a message: `noun` one
    ("khối", "thôn"), `name` the kind ("khối phố", "thôn"); the kernel knows no app."""

    def __init__(self, blocks: Iterable[NamedBlock], noun: str = "khối", name: str = "khối phố"):
        blocks = list(blocks)
        self.noun, self.name = noun, name
        self.by_number = {b.number: b for b in blocks}
        self.by_name = {fold(b.name): b for b in blocks}
        self.seen: dict[str, NamedBlock | None] = {}

    def __call__(self, raw: str) -> NamedBlock | None:
        if raw not in self.seen:
            number = block_number(raw)
            self.seen[raw] = self.by_number.get(number) if number is not None else self.by_name.get(fold(raw))
        return self.seen[raw]


# -- the rows ----------------------------------------------------------------


class SheetRow:
    """A row that is not blank, its cells by column key, and what is wrong with it so far."""

    def __init__(self, number: int, raw: dict[str, Any], headers: Mapping[str, str]):
        self.number, self.raw, self.headers = number, raw, headers
        self.errors: list[RowError] = []

    def error(self, key: str, value: str, message: str) -> None:
        self.errors.append(RowError(self.number, self.headers[key], value, message))

    def text(self, key: str) -> str:
        return as_text(self.raw.get(key))

    def error_cell(self, key: str) -> bool:
        """Whether the cell holds one of Excel's error values (#N/A, #REF!…); if so, says so."""
        value = self.raw.get(key)
        if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
            self.error(key, value.strip(), _("ô báo lỗi của Excel, không phải giá trị"))
            return True
        return False

    def block(self, key: str, find: BlockLookup, allowed: Mapping) -> NamedBlock | None:
        """The block the cell names if the importer may write to it (`allowed` is keyed by pk);
        otherwise None, and the row says why."""
        raw = self.text(key)
        if not raw:
            self.error(key, "", _("thiếu %(units)s") % {"units": find.name})
            return None
        block = find(raw)
        if block is None:
            self.error(key, raw, _("không có %(unit)s '%(block)s'") % {"unit": find.noun, "block": raw})
            return None
        if block.pk not in allowed:
            self.error(
                key, raw, _("bạn không được nhập cho %(unit)s '%(block)s'") % {"unit": find.noun, "block": block.name}
            )
            return None
        return block


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def sheet_rows(
    rows: Iterable[tuple],
    positions: dict[str, int],
    columns: list[Column],
    progress: Callable[[int], None] | None = None,
) -> Iterator[SheetRow]:
    """Every row that is not blank (blank lines at the end of a sheet are common), numbered
    as Excel numbers it (the header is row 1). `progress` hears the rows read so far."""
    headers = {c.key: c.header for c in columns}
    for number, values in enumerate(rows, start=2):
        if progress and number % PROGRESS_EVERY == 0:
            progress(number - 1)
        width = len(values or ())
        raw = {key: values[index] if index < width else None for key, index in positions.items()}
        if all(_blank(v) for v in raw.values()):
            continue
        yield SheetRow(number, raw, headers)


def read_rows(
    rows: Iterable[tuple],
    positions: dict[str, int],
    columns: list[Column],
    read: Callable[[SheetRow], Any],
    progress: Callable[[int], None] | None = None,
) -> tuple[list, list[RowError]]:
    """Each row through `read` (which says what is wrong on the row it is given): the rows
    read without a refusal, and every refusal."""
    parsed, errors = [], []
    for row in sheet_rows(rows, positions, columns, progress):
        record = read(row)
        if row.errors:
            errors.extend(row.errors)
        else:
            parsed.append(record)
    return parsed, errors


# -- the dry run -------------------------------------------------------------


@dataclass
class ImportCheck:
    """The dry run: what confirming would do, and everything that stops it."""

    rows: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new: list[dict] = field(default_factory=list)
    updated: list[dict] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self, shown: int | None = None) -> dict:
        """What the preview shows: the counts, the first `shown` rows of each kind (all by
        default), and every error."""
        return {
            "counts": {"new": len(self.new), "updated": len(self.updated), "unchanged": len(self.unchanged)},
            "new": self.new[:shown],
            "updated": self.updated[:shown],
            "unchanged": self.unchanged[:shown],
            "errors": [str(e) for e in self.errors],
            "total": len(self.rows),
        }


def check_sheet(
    file,
    columns: list[Column],
    *,
    check: type[C],
    scope: Callable[[], S],
    read: Callable[[Iterable[tuple], dict[str, int], S], tuple[list, list[RowError]]],
    compare: Callable[[list, S], C],
    max_rows: int = MAX_ROWS,
    too_many: str | None = None,
    total: Callable[[int], None] | None = None,
) -> C:
    """A whole import as a dry run, nothing written: the sheet within `max_rows`, its header,
    the rows through `read`, then `compare` with the register (errors sorted by row).
    `scope` (who may write where) is asked for once the header is known. `too_many` says
    "too many rows" in the import's own words; `total` hears the rows the sheet declares."""

    def refused(exc: UnreadableFile) -> C:
        message = too_many if too_many and exc.code == "too_many_rows" else str(exc)
        return check(errors=[RowError(None, None, "", message)])

    try:
        sheet, header = read_sheet(file, max_rows=max_rows)
    except UnreadableFile as exc:
        return refused(exc)
    positions, errors = match_header(header, columns)
    if errors:
        return check(errors=errors)
    if total:
        total(declared_rows(sheet))
    who = scope()
    try:
        parsed, errors = read(data_rows(sheet, positions, max_rows=max_rows), positions, who)
    except UnreadableFile as exc:
        return refused(exc)
    if not parsed and not errors:
        return check(errors=[RowError(None, None, "", _("tệp không có dòng dữ liệu nào"))])
    result = compare(parsed, who)
    result.errors = sorted(errors + result.errors, key=lambda e: e.row or 0)
    return result


# -- the confirm step --------------------------------------------------------


def job_to_confirm(jobs: QuerySet[J], pk: int, by) -> J:
    """The import job, locked, once it is sure `by` may confirm it now: the person who
    checked the file, still allowed to import, and the job still waiting for confirmation.
    Call it inside a transaction."""
    job = jobs.select_for_update().get(pk=pk)
    if job.uploaded_by_id != by.pk:
        raise PermissionDenied
    require(by, Action.EDIT_BLOCK)  # rights may have changed since the preview; rows are re-checked too
    if job.status != job.Status.CHECKED:
        raise ValidationError(_("Lượt nhập này không ở trạng thái chờ xác nhận."))
    return job
