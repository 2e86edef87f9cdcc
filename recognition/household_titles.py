"""The title years of the households file (Năm đạt GĐVH): the commune's records of Gia đình
văn hóa, entered with the register. The households import (households/importing.py) asks
this module through its title_records() port, connected in recognition/apps.py: the titles
live on this floor, the register one floor down."""

from django.utils.translation import gettext as _

from caolocculture import formatting
from caolocculture.bulk import insert_with_history
from caolocculture.imports import RowError
from households.importing import CHANGE_REASON, HEADER_OF, Row, Scope
from households.models import Block

from .models import Meeting, Recognition, Title, before_app_decision
from .selectors import picked_decisions


class FileTitles:
    """The titles the register holds for the file's households (one query per 5,000), and
    the blocks' years whose bình xét runs in the app (one query)."""

    def __init__(self, rows: list[Row], household_ids: list[int], scope: Scope):
        self.years_of: dict[int, set[int]] = {}
        self.withdrawn: dict[tuple[int, int], str] = {}  # (household, year) -> the withdrawal's reference
        for start in range(0, len(household_ids), 5000):
            pairs = Recognition.objects.filter(
                title=Title.CULTURAL_FAMILY, household__in=household_ids[start : start + 5000]
            ).values_list("household", "year", "withdrawn_by__number", "withdrawn_by__symbol")
            for household_id, year, number, symbol in pairs:
                if number is None:
                    self.years_of.setdefault(household_id, set()).add(year)
                else:
                    self.withdrawn[household_id, year] = formatting.document_number(number, symbol)
        # A block's year run in the app gets its titles only from the chairman's decision.
        file_years = {y for r in rows for y in r.years}
        self.in_app = set(
            Meeting.objects.filter(
                block__commune__in={
                    scope.all_blocks[r.block_id].commune_id for r in rows if r.years and r.block_id in scope.all_blocks
                },
                year__in=file_years,
            ).values_list("block", "year")
        )
        self.app_years = sorted({year for _block, year in self.in_app})

    def refused_in_app(self, row: Row, names: dict[int, str]) -> RowError | None:
        run_in_app = sorted(y for y in row.years if (row.block_id, y) in self.in_app)
        if not run_in_app:
            return None
        return RowError(
            row.row,
            HEADER_OF["years"],
            ", ".join(map(str, row.years)),
            _(
                "%(block)s bình xét năm %(years)s trên hệ thống: danh hiệu năm đó do quyết định trên hệ thống "
                "tặng, không nhập từ tệp"
            )
            % {"block": names.get(row.block_id, "?"), "years": ", ".join(map(str, run_in_app))},
        )

    def added(self, row: Row, household_id: int) -> tuple[list[int], RowError | None]:
        """The years the row adds to a household already in the register; refused if one
        of them was taken back by a decision."""
        added_years = sorted(set(row.years) - self.years_of.get(household_id, set()))
        taken_back = [(y, self.withdrawn[household_id, y]) for y in added_years if (household_id, y) in self.withdrawn]
        if not taken_back:
            return added_years, None
        year, reference = taken_back[0]
        return added_years, RowError(
            row.row,
            HEADER_OF["years"],
            str(year),
            _(
                "danh hiệu năm %(year)d của hộ '%(code)s' đã bị thu hồi theo Quyết định %(ref)s; tặng lại phải "
                "có quyết định mới, không nhập từ tệp"
            )
            % {"year": year, "code": row.code, "ref": reference},
        )


file_titles = FileTitles


def unpicked_years(app_years, chosen: dict) -> list[int]:
    """The years run in the app for which no recorded decision of that year was picked."""
    picked = picked_decisions(chosen)
    return [year for year in app_years if year not in picked]


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


def titles_write(rows: list[Row], household_ids: dict[str, int], existing: list, scope: Scope, decisions: dict, user):
    """Recognition years: only added, never removed (decisions made in the app stay)."""
    known = set(
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_FAMILY, household__in=existing)
        .values_list("household", "year")
    )
    attach_to = _decisions_for_years(rows, scope.all_blocks, decisions)
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
