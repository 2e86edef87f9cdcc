"""The households spreadsheet going out: the same columns the import reads, so
exporting then importing changes nothing."""

from collections import defaultdict

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.styles import Font

from recognition.models import Recognition, Title

from .importing import HEADERS
from .models import Household

WIDTHS = [14, 10, 28, 36, 14, 14, 24, 26]


def _workbook():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Hộ gia đình")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    return workbook, sheet


def _header(sheet):
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for name in HEADERS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def export_households(households: QuerySet[Household], out) -> int:
    """Write `households` (already scoped to the user) to `out`; returns the row count."""
    households = households.select_related("block").order_by("block__number", "code")
    years = defaultdict(list)
    pairs = Recognition.objects.filter(title=Title.CULTURAL_FAMILY, household__in=households.values("pk"))
    for household_id, year in pairs.order_by("year").values_list("household", "year"):
        years[household_id].append(str(year))
    workbook, sheet = _workbook()
    _header(sheet)
    count = 0
    for h in households.iterator(chunk_size=2000):
        sheet.append([h.code, h.block.name, h.head_name, h.address, h.members, h.phone, h.note,
                      ", ".join(years.get(h.pk, []))])
        count += 1
    workbook.save(out)
    return count


def export_template(out) -> None:
    """A blank file with the headers and one example row."""
    workbook, sheet = _workbook()
    _header(sheet)
    sheet.append(["K01-001", "Khối 1", "Nguyễn Văn An", "Số 12, đường Hùng Vương", 4, "0912345678", "",
                  "2022, 2023, 2024"])
    workbook.save(out)
