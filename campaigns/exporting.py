"""The block figures spreadsheet going out, in the columns its import reads back."""

from households.exporting import header_row, new_workbook, text_cell
from households.selectors import current_unit_words, unit_label

from .figures_import import HEADERS, NUMBERS, SPORTS


def export_figures(lines, out) -> None:
    """One row per block the user may see; empty counts where the year has none yet."""
    # The sheet as the commune names its units; the header stays the import's (it reads "Thôn" too).
    workbook, sheet = new_workbook(f"Số liệu {current_unit_words().name}"[:31], [16, 12, 30, 24, 20, 20, 22])
    header_row(sheet, HEADERS)
    for line in lines:
        f = line.figures
        counts = [getattr(f, key) if f else None for key in (*NUMBERS, *SPORTS)]
        sheet.append([text_cell(sheet, line.block.name), *counts])
    workbook.save(out)


def export_rows(title: str, headers: list[str], widths: list[int], rows, out) -> None:
    """Any list page as a sheet: a bold header, then the rows as shown (text kept as text)."""
    workbook, sheet = new_workbook(title, widths)
    header_row(sheet, headers)
    for row in rows:
        sheet.append([text_cell(sheet, v) if isinstance(v, str) else v for v in row])
    workbook.save(out)


def export_activities(activities, out) -> None:
    export_rows(
        "Hoạt động",
        [
            "Ngày",
            "Loại hoạt động",
            "Nội dung",
            str(unit_label),
            "Đơn vị tổ chức",
            "Số người tham dự",
            "Phục vụ nhiệm vụ",
            "Số minh chứng",
        ],
        [12, 24, 48, 12, 24, 12, 12, 10],
        (
            [
                a.held_on,
                a.get_kind_display(),
                a.title,
                a.block.name if a.block else "Toàn đơn vị",
                a.organiser,
                a.attendance,
                a.task.order if a.task else None,
                a.evidence_count,
            ]
            for a in activities
        ),
        out,
    )


def export_organisations(organisations, year: int, out) -> None:
    export_rows(
        "Cơ quan, đơn vị",
        [
            "Tên cơ quan, đơn vị",
            "Loại",
            "Địa chỉ",
            "Vào danh sách",
            "Ra khỏi danh sách",
            f"Giữ danh hiệu năm {year}",
            "Công nhận năm",
            "Giữ đến năm",
        ],
        [40, 14, 30, 12, 12, 14, 12, 12],
        (
            [
                o.name,
                o.get_kind_display(),
                o.address,
                o.in_registry_since,
                o.left_registry_in,
                "Có" if o.holding else "Không",
                o.holding.year if o.holding else None,
                o.holding.valid_until if o.holding else None,
            ]
            for o in organisations
        ),
        out,
    )
