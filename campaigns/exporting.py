"""The block figures spreadsheet going out, in the columns its import reads back."""

from households.exporting import header_row, new_workbook

from .figures_import import HEADERS


def export_figures(lines, out) -> None:
    """One row per block the user may see; empty counts where the year has none yet."""
    workbook, sheet = new_workbook("Số liệu khối phố", [16, 12, 30, 24])
    header_row(sheet, HEADERS)
    for line in lines:
        f = line.figures
        sheet.append([line.block.name, *((f.population, f.regular_exercisers, f.legal_education_reached)
                                         if f else (None, None, None))])
    workbook.save(out)
