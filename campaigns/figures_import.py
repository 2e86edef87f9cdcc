"""The block figures spreadsheet: one row per block for a year, checked as a whole
and written all together or not at all, by the same header, block and refusal
rules as the households import.

Contract (first sheet, header in row 1, any column order, unknown columns ignored):
Khối phố*, Dân số*, Số người tập TDTT thường xuyên*, Số người được PBGDPL*, and the
optional counts of the sports assessment at 31/10 (Thông tư 01/2019): Số gia đình thể thao,
Số câu lạc bộ TDTT, Số cộng tác viên TDTT. An optional column left out of the file leaves
what is on record as it is; a blank cell in it clears the count.
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from caolocculture import imports
from caolocculture.history import save_with_history
from caolocculture.imports import Column, ImportCheck, RowError, SheetRow
from caolocculture.permissions import Action, blocks_for, can
from households.models import Block
from households.selectors import commune_blocks_for
from households.units import UnitWords

from .models import BlockFigures

COLUMNS = [
    Column("block", "Khối phố", True, imports.BLOCK_SPELLINGS),
    Column("population", "Dân số", True),
    Column("regular_exercisers", "Số người tập TDTT thường xuyên", True),
    Column("legal_education_reached", "Số người được PBGDPL", True),
    Column("sporting_families", "Số gia đình thể thao"),
    Column("sports_clubs", "Số câu lạc bộ TDTT", spellings=("Số câu lạc bộ thể dục thể thao",)),
    Column("sports_collaborators", "Số cộng tác viên TDTT", spellings=("Số cộng tác viên thể dục thể thao",)),
]
HEADERS = [c.header for c in COLUMNS]
HEADER_OF = {c.key: c.header for c in COLUMNS}
NUMBERS = ("population", "regular_exercisers", "legal_education_reached")
SPORTS = ("sporting_families", "sports_clubs", "sports_collaborators")
CHANGE_REASON = "Nhập từ tệp Excel"
MAX_COUNT = 10_000_000  # no block holds ten million people: a typo, not a figure


@dataclass
class FiguresRow:
    row: int
    block_id: int
    population: int
    regular_exercisers: int
    legal_education_reached: int
    # The sports counts of the columns the file has (None: a blank cell); absent: not in the file.
    sports: dict[str, int | None] = field(default_factory=dict)

    def values(self) -> dict[str, int | None]:
        """Every count this row writes."""
        return {key: getattr(self, key) for key in NUMBERS} | self.sports


@dataclass
class FiguresCheck(ImportCheck):
    """The dry run of a figures file; every row is in the preview (one per block)."""


class Scope:
    """The blocks the importer may write to, and the status the figures land in:
    approved from the officer or the command line (the operator), sent for approval
    from a khối trưởng."""

    def __init__(self, user=None):
        self.user = user
        # The commune's blocks only: a file naming another commune's block names no block here.
        self.all_blocks = {b.pk: b for b in commune_blocks_for(user)}
        self.blocks = self.all_blocks if user is None else {b.pk: b for b in blocks_for(user, Action.EDIT_BLOCK)}
        self.approves = user is None or can(user, Action.APPROVE)
        self.units = UnitWords.of(b.unit_kind for b in self.all_blocks.values())  # "khối", "thôn"

    @property
    def status(self) -> str:
        return BlockFigures.Status.APPROVED if self.approves else BlockFigures.Status.SUBMITTED


def parse_count(value) -> int | None:
    """A whole number of people, 0 or more, as Excel holds it or as a person typed it
    (the forms' reader: "1.234" is a thousand and more, "10.5" is refused)."""
    return imports.whole_number(value, min_value=0, max_value=MAX_COUNT)


def parse_rows(rows: Iterable[tuple], positions: dict[str, int], scope: Scope) -> tuple[list[FiguresRow], list]:
    find_block = imports.BlockLookup(scope.all_blocks.values(), str(scope.units.counter), str(scope.units.name))
    first_seen: dict[int, int] = {}

    def read(row: SheetRow) -> FiguresRow | None:
        block = row.block("block", find_block, scope.blocks)
        if block is not None and block.pk in first_seen:
            row.error(
                "block",
                row.text("block"),
                _("%(unit)s '%(block)s' trùng với dòng %(row)d")
                % {"unit": scope.units.counter, "block": block.name, "row": first_seen[block.pk]},
            )
        elif block is not None:
            first_seen[block.pk] = row.number

        counts = {}
        for key in NUMBERS:
            if row.error_cell(key):
                continue
            counts[key] = parse_count(row.raw[key])
            if counts[key] is None:
                shown = row.text(key)
                row.error(
                    key,
                    shown,
                    _("phải là số nguyên từ 0 trở lên, không phải '%(value)s'") % {"value": shown}
                    if shown
                    else _("thiếu số liệu"),
                )
        sports: dict[str, int | None] = {}
        for key in SPORTS:
            if key not in positions or row.error_cell(key):
                continue
            shown = row.text(key)
            sports[key] = parse_count(row.raw[key]) if shown else None
            if shown and sports[key] is None:
                row.error(key, shown, _("phải là số nguyên từ 0 trở lên, không phải '%(value)s'") % {"value": shown})
        population = counts.get("population")
        if population is not None:
            for key in ("regular_exercisers", "legal_education_reached"):
                if counts.get(key) is not None and counts[key] > population:
                    row.error(key, row.text(key), _("lớn hơn dân số (%(population)d)") % {"population": population})
        if row.errors:
            return None
        return FiguresRow(row=row.number, block_id=block.pk, sports=sports, **counts)

    return imports.read_rows(rows, positions, COLUMNS, read)


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
                    _("bạn không được nhập cho %(unit)s '%(block)s'")
                    % {"unit": scope.units.counter, "block": block.name},
                )
            )
            continue
        figures = existing.get(row.block_id)
        values = row.values()
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
    return imports.check_sheet(
        file,
        COLUMNS,
        check=FiguresCheck,
        scope=lambda: scope,
        read=parse_rows,
        compare=lambda parsed, scope: compare(parsed, year, scope),
        max_rows=limit,
        too_many=_("tệp có hơn %(rows)d dòng, quá nhiều cho số liệu %(blocks)d %(units)s (mỗi %(unit)s một dòng)")
        % {"rows": limit, "blocks": len(scope.all_blocks), "units": scope.units.name, "unit": scope.units.counter},
    )


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
        values = row.values()
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
