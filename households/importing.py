"""The households spreadsheet: read, check every row, compare with the register,
then write all of it or nothing.

Contract (first sheet, header in row 1, any column order, unknown columns ignored):
Mã hộ*, Khối phố*, Chủ hộ*, Địa chỉ, Số nhân khẩu*, Điện thoại, Ghi chú, Năm đạt GĐVH.
Headers match ignoring case, surrounding spaces and Unicode normalisation form.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from caolocculture import imports, versions
from caolocculture.bulk import insert_with_history
from caolocculture.imports import Column, ImportCheck, RowError, SheetRow, as_text
from caolocculture.permissions import Action, blocks_for, can

from .models import Household, normalize_code
from .selectors import commune_blocks_for
from .units import UnitWords

COLUMNS = [
    Column("code", "Mã hộ", True),
    Column("block", "Khối phố", True, imports.BLOCK_SPELLINGS),
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
TEXTS = ("code", "block", "head_name", "address", "phone", "note")
LIMITS = {"code": 30, "head_name": 120, "address": 255, "phone": 20, "note": 255}
CHANGE_REASON = "Nhập từ tệp Excel"
MAX_MEMBERS = 99
PREVIEW_ROWS = 200  # rows of each kind kept for the preview; every error is always kept


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
class Check(ImportCheck):
    """The dry run: what confirming would do, and everything that stops it."""

    recognitions: int = 0
    # Years of the file whose bình xét runs in the app: their titles need a recorded decision picked.
    app_years: list[int] = field(default_factory=list)

    def summary(self, shown: int | None = PREVIEW_ROWS) -> dict:
        """What the preview shows: the counts, the first rows of each kind, and every error."""
        return {
            **super().summary(shown),
            "recognitions": self.recognitions,
            "years": sorted({y for r in self.rows for y in r.years}),
            "app_years": self.app_years,
        }


class Scope:
    """Which blocks the person importing may write to: all of them for the command
    line (the operator), otherwise what permissions.py allows."""

    def __init__(self, user=None):
        self.user = user
        # The commune's blocks only: a file naming another commune's block names no block here.
        commune_blocks = commune_blocks_for(user)
        blocks = commune_blocks if user is None else blocks_for(user, Action.EDIT_BLOCK)
        self.blocks = {b.pk: b for b in blocks}
        self.all_blocks = {b.pk: b for b in commune_blocks} if user is not None else self.blocks
        # The commune the file is for (a set: empty when the person has no block at all). A code
        # is looked up there only: another commune may use the same code for its own household.
        self.communes = {b.commune_id for b in self.all_blocks.values()}
        self.units = UnitWords.of(b.unit_kind for b in commune_blocks)  # "khối", "thôn" in messages
        self.may_move = user is None or can(user, Action.MANAGE_BLOCKS)
        self.may_record_titles = may_record_titles(user)


# -- the cells ---------------------------------------------------------------


def as_phone(value) -> str:
    """A phone typed as a number has lost its leading zero (912345678 -> 0912345678)."""
    text = as_text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and len(text) == 9:
        return "0" + text
    return text


def parse_members(value) -> int | None:
    return imports.small_whole_number(value, min_value=1, max_value=MAX_MEMBERS)


block_number = imports.block_number  # the cell parsers, by the names this import's tests use


# -- the check ---------------------------------------------------------------


def parse_rows(
    rows: Iterable[tuple], positions: dict[str, int], scope: Scope, progress: Callable[[int], None] | None = None
) -> tuple[list[Row], list[RowError]]:
    last_year = datetime.date.today().year
    find_block = imports.BlockLookup(scope.all_blocks.values(), str(scope.units.counter), str(scope.units.name))
    text_keys = [k for k in TEXTS if k in positions]
    first_seen: dict[str, int] = {}

    def read(row: SheetRow) -> Row | None:
        for key, value in row.raw.items():
            if row.error_cell(key):
                continue
            if key in ("code", "block", "head_name") and isinstance(value, (datetime.date, datetime.time, bool)):
                row.error(
                    key, as_text(value), _("Excel đã đổi ô này thành ngày tháng hoặc đúng/sai; hãy nhập dạng chữ")
                )
        text = {key: as_phone(row.raw[key]) if key == "phone" else row.text(key) for key in text_keys}
        # "k01-001", "K01‑001" (U+2011), "K01 - 001": one household
        code = text["code"] = normalize_code(text["code"])
        if not code:
            row.error("code", "", _("thiếu mã hộ"))
        elif code in first_seen:
            row.error(
                "code", code, _("mã hộ '%(code)s' trùng với dòng %(row)d") % {"code": code, "row": first_seen[code]}
            )
        else:
            first_seen[code] = row.number

        block = row.block("block", find_block, scope.blocks)

        if not text["head_name"]:
            row.error("head_name", "", _("thiếu tên chủ hộ"))

        members = parse_members(row.raw["members"])
        if members is None:
            shown = row.text("members")
            row.error(
                "members",
                shown,
                _("số nhân khẩu phải là số nguyên từ 1 đến %(max)d, không phải '%(value)s'")
                % {"value": shown, "max": MAX_MEMBERS},
            )

        years = read_years(row, scope, last_year)

        for key in text_keys:
            limit = LIMITS.get(key)
            if limit and len(text[key]) > limit:
                row.error(key, text[key][:40] + "…", _("dài quá %(limit)d ký tự") % {"limit": limit})

        if row.errors:
            return None
        return Row(
            row=row.number,
            code=code,
            block_id=block.pk,
            head_name=text["head_name"],
            address=text.get("address"),
            members=members,
            phone=text.get("phone"),
            note=text.get("note"),
            years=years,
        )

    return imports.read_rows(rows, positions, COLUMNS, read, progress)


def compare(rows: list[Row], scope: Scope) -> Check:
    """New, updated and unchanged households against the register, in two queries."""
    check = Check(rows=rows)
    existing: dict[str, dict] = {}  # plain values: model instances cost more than the query
    codes = [r.code for r in rows]
    names_ = ("pk", "code", *FIELDS)
    for start in range(0, len(codes), 5000):
        chunk = codes[start : start + 5000]
        for values in Household.objects.filter(commune__in=scope.communes, code__in=chunk).values_list(*names_):
            existing[values[1]] = dict(zip(names_, values, strict=True))
    titles = title_records().file_titles(rows, [h["pk"] for h in existing.values()], scope)
    check.app_years = titles.app_years

    names = {pk: b.name for pk, b in scope.all_blocks.items()}
    for row in rows:
        refused = titles.refused_in_app(row, names)
        if refused:
            check.errors.append(refused)
            continue
        household = existing.get(row.code)
        if row.block_id not in scope.blocks:
            check.errors.append(
                RowError(
                    row.row,
                    HEADER_OF["block"],
                    names.get(row.block_id, "?"),
                    _("bạn không được nhập cho %(unit)s '%(block)s'")
                    % {"unit": scope.units.counter, "block": names.get(row.block_id, "?")},
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
                    _("hộ '%(code)s' đang ở %(block)s; chuyển %(unit)s do công chức văn hóa thực hiện")
                    % {"code": row.code, "block": names[household["block_id"]], "unit": scope.units.counter},
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
        added_years, refused = titles.added(row, household["pk"])
        if refused:
            check.errors.append(refused)
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
    return imports.check_sheet(
        file,
        COLUMNS,
        check=Check,
        scope=lambda: Scope(user),
        read=lambda rows, positions, scope: parse_rows(rows, positions, scope, progress),
        compare=compare,
        total=total,
    )


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
    updated_codes = [u["code"] for u in check.updated]
    existing = {
        h.code: h
        for h in Household.objects.select_for_update().filter(commune__in=scope.communes, code__in=updated_codes)
    }

    new_rows = [by_code[item["code"]] for item in check.new]
    today = datetime.date.today()
    new_households = [
        # A household counts from the day it is added, unless its titles show it lived here before.
        {
            "code": row.code,
            "commune_id": scope.all_blocks[row.block_id].commune_id,
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
        versions.moved()  # bulk_update sends no post_save
        bulk_update_with_history(
            changed,
            Household,
            [*FIELDS, "search_text"],
            batch_size=500,
            default_user=user,
            default_change_reason=CHANGE_REASON,
        )

    household_ids = {row.code: pk for row, pk in zip(new_rows, new_ids, strict=True)}
    household_ids.update({code: h.pk for code, h in existing.items()})
    title_records().titles_write(rows, household_ids, list(existing.values()), scope, decisions or {}, user)
    return check


ROW_FIELDS = [f.name for f in fields(Row)]


def rows_to_json(rows: list[Row]) -> list[list]:
    """Checked rows, kept between the preview and the confirmation (as lists: 10,000 dicts cost a second)."""
    return [[getattr(r, name) for name in ROW_FIELDS] for r in rows]


def rows_from_json(data: list[list]) -> list[Row]:
    return [Row(*item) for item in data]


# -- the title years (Năm đạt GĐVH) ------------------------------------------
# Everything the households file knows of titles: who may enter the commune's records of
# Gia đình văn hóa with the register, and how the column reads.

FIRST_YEAR = 2000


def may_record_titles(user) -> bool:
    """Titles from the commune's records are the officer's (and the operator's) to enter."""
    return user is None or can(user, Action.APPROVE)


def years_in_files_for(user) -> bool:
    """Whether the user's spreadsheets carry the title years: not for one who may import
    households but not titles (a khối trưởng), so their export imports back unchanged."""
    return may_record_titles(user) or not can(user, Action.EDIT_BLOCK)


def parse_years(value, last_year: int) -> tuple[list[int], list[str]]:
    """'2021, 2022;2023 2024' -> [2021, 2022, 2023, 2024]; bad pieces returned apart."""
    return imports.years(value, FIRST_YEAR, last_year)


def read_years(row: SheetRow, scope: Scope, last_year: int) -> list[int]:
    """The row's title years; a khối trưởng leaves them blank (titles come from decisions)."""
    years, bad = parse_years(row.raw.get("years"), last_year)
    if (years or bad) and not scope.may_record_titles:
        row.error(
            "years",
            row.text("years"),
            _(
                "khối trưởng không ghi năm đạt danh hiệu: danh hiệu do quyết định tặng, công chức văn hóa ghi "
                "nhận quyết định từ hồ sơ giấy; hãy để trống cột này"
            ),
        )
        years, bad = [], []
    for piece in bad:
        row.error(
            "years",
            row.text("years"),
            _("'%(piece)s' không phải năm từ %(first)d đến %(last)d")
            % {"piece": piece, "first": FIRST_YEAR, "last": last_year},
        )
    return years


# The titles themselves live one floor up: recognition keeps them and connects its
# household_titles module here when the apps are ready (recognition/apps.py), as pretix's
# plugins add their columns to its import. The import asks it through title_records().


class TitleRecords(Protocol):
    """What the import asks the floor that keeps the titles."""

    def file_titles(self, rows: list[Row], household_ids: list[int], scope: Scope) -> Any: ...

    def unpicked_years(self, app_years: list[int], chosen: dict) -> list[int]: ...

    def titles_write(
        self, rows: list[Row], household_ids: dict[str, int], existing: list, scope: Scope, decisions: dict, user
    ) -> None: ...


_title_records: list[TitleRecords] = []


def connect_title_records(records: TitleRecords) -> None:
    _title_records[:] = [records]


def title_records() -> TitleRecords:
    if not _title_records:
        raise ImproperlyConfigured("The households import needs the recognition app (it keeps the titles).")
    return _title_records[0]


def unpicked_years(app_years, chosen: dict) -> list[int]:
    """The years run in the app for which no recorded decision of that year was picked."""
    return title_records().unpicked_years(app_years, chosen)


def unpicked_message(years: list[int]) -> str:
    return _(
        "năm %(years)s bình xét trên hệ thống: danh hiệu năm đó trong tệp phải thuộc một quyết định ghi "
        "nhận từ hồ sơ giấy; hãy chọn quyết định (ghi nhận quyết định trước nếu chưa có)"
    ) % {"years": ", ".join(map(str, years))}
