"""The block figures spreadsheet: one row per block for a year, checked as a whole
and written all together or not at all, by the same header, block and refusal
rules as the households import.

Contract (first sheet, header in row 1, any column order, unknown columns ignored):
Khối phố*, Dân số*, Số người tập TDTT thường xuyên*, Số người được PBGDPL*.
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from caolocculture import numbers
from caolocculture.history import save_with_history
from caolocculture.permissions import Action, blocks_for, can
from households.importing import (
    EXCEL_ERRORS,
    BlockLookup,
    Column,
    RowError,
    UnreadableFile,
    as_text,
    data_rows,
    match_header,
    read_sheet,
)
from households.models import Block

from .models import BlockFigures

COLUMNS = [
    Column("block", "Khối phố", True),
    Column("population", "Dân số", True),
    Column("regular_exercisers", "Số người tập TDTT thường xuyên", True),
    Column("legal_education_reached", "Số người được PBGDPL", True),
]
HEADERS = [c.header for c in COLUMNS]
HEADER_OF = {c.key: c.header for c in COLUMNS}
NUMBERS = ("population", "regular_exercisers", "legal_education_reached")
CHANGE_REASON = "Nhập từ tệp Excel"
MAX_COUNT = 10_000_000  # no block holds ten million people: a typo, not a figure


@dataclass
class FiguresRow:
    row: int
    block_id: int
    population: int
    regular_exercisers: int
    legal_education_reached: int


@dataclass
class FiguresCheck:
    rows: list[FiguresRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new: list[dict] = field(default_factory=list)
    updated: list[dict] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict:
        return {
            "counts": {"new": len(self.new), "updated": len(self.updated), "unchanged": len(self.unchanged)},
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [str(e) for e in self.errors],
            "total": len(self.rows),
        }


class Scope:
    """The blocks the importer may write to, and the status the figures land in:
    approved from the officer or the command line (the operator), sent for approval
    from a khối trưởng."""

    def __init__(self, user=None):
        self.user = user
        self.all_blocks = {b.pk: b for b in Block.objects.all()}
        self.blocks = self.all_blocks if user is None else {b.pk: b for b in blocks_for(user, Action.EDIT_BLOCK)}
        self.approves = user is None or can(user, Action.APPROVE)

    @property
    def status(self) -> str:
        return BlockFigures.Status.APPROVED if self.approves else BlockFigures.Status.SUBMITTED


def parse_count(value) -> int | None:
    """A whole number of people, 0 or more, as Excel holds it or as a person typed it
    (the forms' reader: "1.234" is a thousand and more, "10.5" is refused)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel keeps every number as a float
    try:
        return numbers.parse_integer(value, min_value=0, max_value=MAX_COUNT)
    except ValidationError:
        return None


def parse_rows(rows: Iterable[tuple], positions: dict[str, int], scope: Scope) -> tuple[list[FiguresRow], list]:
    find_block = BlockLookup(scope.all_blocks.values())
    parsed, errors, first_seen = [], [], {}
    for row_number, values in enumerate(rows, start=2):
        width = len(values or ())
        raw = {key: values[index] if index < width else None for key, index in positions.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw.values()):
            continue
        row_errors = []

        def error(key, value, message, row_errors=row_errors, row_number=row_number):
            row_errors.append(RowError(row_number, HEADER_OF[key], value, message))

        raw_block = as_text(raw["block"])
        block = find_block(raw_block) if raw_block else None
        if not raw_block:
            error("block", "", _("thiếu khối phố"))
        elif block is None:
            error("block", raw_block, _("không có khối '%(block)s'") % {"block": raw_block})
        elif block.pk not in scope.blocks:
            error("block", raw_block, _("bạn không được nhập cho khối '%(block)s'") % {"block": block.name})
        elif block.pk in first_seen:
            error(
                "block",
                raw_block,
                _("khối '%(block)s' trùng với dòng %(row)d") % {"block": block.name, "row": first_seen[block.pk]},
            )
        else:
            first_seen[block.pk] = row_number

        counts = {}
        for key in NUMBERS:
            value, shown = raw[key], as_text(raw[key])
            if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
                error(key, shown, _("ô báo lỗi của Excel, không phải giá trị"))
                continue
            counts[key] = parse_count(value)
            if counts[key] is None:
                error(
                    key,
                    shown,
                    _("phải là số nguyên từ 0 trở lên, không phải '%(value)s'") % {"value": shown}
                    if shown
                    else _("thiếu số liệu"),
                )
        population = counts.get("population")
        if population is not None:
            for key in ("regular_exercisers", "legal_education_reached"):
                if counts.get(key) is not None and counts[key] > population:
                    error(key, as_text(raw[key]), _("lớn hơn dân số (%(population)d)") % {"population": population})
        if row_errors:
            errors.extend(row_errors)
            continue
        parsed.append(FiguresRow(row=row_number, block_id=block.pk, **counts))
    return parsed, errors


def compare(rows: list[FiguresRow], year: int, scope: Scope) -> FiguresCheck:
    check = FiguresCheck(rows=rows)
    existing = {f.block_id: f for f in BlockFigures.objects.filter(year=year, block__in=[r.block_id for r in rows])}
    for row in rows:
        block = scope.all_blocks[row.block_id]
        if row.block_id not in scope.blocks:  # rights may have changed since the preview
            check.errors.append(
                RowError(
                    row.row,
                    HEADER_OF["block"],
                    block.name,
                    _("bạn không được nhập cho khối '%(block)s'") % {"block": block.name},
                )
            )
            continue
        figures = existing.get(row.block_id)
        values = {key: getattr(row, key) for key in NUMBERS}
        if figures is None:
            check.new.append({"row": row.row, "block": block.name, **values})
            continue
        if not scope.approves and not figures.editable_by_block:
            check.errors.append(
                RowError(
                    row.row,
                    HEADER_OF["block"],
                    block.name,
                    _(
                        "số liệu năm %(year)d của %(block)s đang ở trạng thái '%(status)s', không sửa được; "
                        "đề nghị công chức văn hóa trả lại nếu cần sửa"
                    )
                    % {"year": year, "block": block.name, "status": figures.get_status_display()},
                )
            )
            continue
        changes = [
            {"column": HEADER_OF[key], "old": getattr(figures, key), "new": value}
            for key, value in values.items()
            if getattr(figures, key) != value
        ]
        if changes or figures.status != scope.status:
            check.updated.append(
                {"row": row.row, "block": block.name, "changes": changes, "status": figures.get_status_display()}
            )
        else:
            check.unchanged.append(block.name)
    return check


def row_limit(blocks: int) -> int:
    """One row per block: a sheet with far more rows is not this file (and would hold a web worker)."""
    return 2 * blocks + 50


def check_file(file, year: int, user=None) -> FiguresCheck:
    """The whole import as a dry run: nothing is written. The rows are counted as they
    are read (blank ones too), never taken from what the sheet declares."""
    scope = Scope(user)
    limit = row_limit(len(scope.all_blocks))
    too_many = FiguresCheck(
        errors=[
            RowError(
                None,
                None,
                "",
                _("tệp có hơn %(rows)d dòng, quá nhiều cho số liệu %(blocks)d khối phố (mỗi khối một dòng)")
                % {"rows": limit, "blocks": len(scope.all_blocks)},
            )
        ]
    )
    try:
        sheet, header = read_sheet(file, max_rows=limit)
    except UnreadableFile as refused:
        if refused.code == "too_many_rows":
            return too_many
        return FiguresCheck(errors=[RowError(None, None, "", str(refused))])
    positions, errors = match_header(header, COLUMNS)
    if errors:
        return FiguresCheck(errors=errors)
    try:
        parsed, errors = parse_rows(data_rows(sheet, positions, max_rows=limit), positions, scope)
    except UnreadableFile as refused:
        if refused.code == "too_many_rows":
            return too_many
        return FiguresCheck(errors=[RowError(None, None, "", str(refused))])
    if not parsed and not errors:
        return FiguresCheck(errors=[RowError(None, None, "", _("tệp không có dòng dữ liệu nào"))])
    check = compare(parsed, year, scope)
    check.errors = sorted(errors + check.errors, key=lambda e: e.row or 0)
    return check


@transaction.atomic
def apply_rows(rows: list[FiguresRow], year: int, user=None) -> FiguresCheck:
    """Compare again and write every block's figures, or none if any row is now refused."""
    scope = Scope(user)
    # The blocks' rows, in one order, as figures_save locks them: no first save races the import.
    list(Block.objects.select_for_update().filter(pk__in=sorted(r.block_id for r in rows)).order_by("pk"))
    check = compare(rows, year, scope)
    if not check.ok:
        return check
    existing = {f.block_id: f for f in BlockFigures.objects.filter(year=year, block__in=[r.block_id for r in rows])}
    for row in rows:
        figures = existing.get(row.block_id) or BlockFigures(block_id=row.block_id, year=year, version=0)
        values = {key: getattr(row, key) for key in NUMBERS}
        if figures.pk and figures.status == scope.status and all(getattr(figures, k) == v for k, v in values.items()):
            continue
        for key, value in values.items():
            setattr(figures, key, value)
        figures.status, figures.returned_reason = scope.status, ""
        figures.version += 1
        save_with_history(figures, by=user, reason=CHANGE_REASON)
    return check


def rows_to_json(rows: list[FiguresRow]) -> list[dict]:
    return [asdict(r) for r in rows]


def rows_from_json(data: list[dict]) -> list[FiguresRow]:
    return [FiguresRow(**item) for item in data]
