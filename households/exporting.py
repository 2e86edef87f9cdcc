"""The households spreadsheet going out: the same columns the import reads, so
exporting then importing changes nothing."""

from collections.abc import Mapping

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from caolocculture.spreadsheets import looks_like_formula

from .importing import HEADERS
from .models import Household

WIDTHS = [14, 10, 28, 36, 14, 14, 24, 26]


def new_workbook(title: str = "Hộ gia đình", widths: list[int] = WIDTHS):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    return workbook, sheet


def header_row(sheet, headers: list[str] = HEADERS):
    cells = []
    for name in headers:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def text_cell(sheet, value: str):
    """Text that Excel would take for a formula ("=1+1", "=HYPERLINK(…)") goes out as text."""
    if looks_like_formula(value):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def export_households(households: QuerySet[Household], out, *, title_years: Mapping[int, list[int]] | None) -> int:
    """Write `households` (already scoped to the user) to `out`; returns the row count.
    `title_years` maps a household's pk to its Gia đình văn hóa years (the caller reads them
    from recognition.selectors). Without it the title years are left out: a khối trưởng's
    file may not carry them back in, so theirs round-trips without them. (An empty mapping
    still writes the column: nobody holds a title yet.)"""
    households = households.select_related("block").order_by("block__number", "code")
    workbook, sheet = new_workbook()
    header_row(sheet, HEADERS[:-1] if title_years is None else HEADERS)
    count = 0
    for h in households.iterator(chunk_size=2000):
        text = [text_cell(sheet, value) for value in (h.code, h.head_name, h.address, h.phone, h.note)]
        values = [text[0], h.block.name, text[1], text[2], h.members, text[3], text[4]]
        sheet.append(values if title_years is None else [*values, ", ".join(str(y) for y in title_years.get(h.pk, []))])
        count += 1
    workbook.save(out)
    return count


def export_template(out, with_years: bool = True, block: str = "Khối 1") -> None:
    """A blank file with the headers and one example row, its unit as the commune calls one."""
    workbook, sheet = new_workbook()
    header_row(sheet, HEADERS if with_years else HEADERS[:-1])
    example = [
        "VD-001",
        block,
        "Nguyễn Văn Ví Dụ",
        "Số 12, đường Hùng Vương",
        4,
        "0912345678",
        "Dòng ví dụ: xóa trước khi nhập",
    ]
    sheet.append([*example, "2022, 2023, 2024"] if with_years else example)
    workbook.save(out)
