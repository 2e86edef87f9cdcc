"""The year's statistics as a spreadsheet, in the layout a district asks for: the
commune's indicators, the indicators per block, and the recognised households."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from households.exporting import text_cell
from households.units import UnitWords
from recognition.models import Recognition, Title

from .indicators import BLOCK_CODES, COUNT_CODES, YearIndicators, code_label

BOLD = Font(bold=True)
# Two decimals, more when the value has them (60,004 beside "> 60"): the cell shows the
# dashboard's figure, never one rounded across the target (Measure.value).
PERCENT_FORMAT = "0.00##########"
COUNT_FORMAT = "#,##0"  # 2.955 once Excel shows it in Vietnamese


def _percent(measure):
    return float(measure.value) if measure.value is not None else None


def statistics_workbook(result: YearIndicators, out) -> None:
    plan = result.plan
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Toàn đơn vị"
    sheet.append([f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {plan.year} – {plan.commune.name.upper()}"])
    sheet["A1"].font = BOLD
    sheet.append([])
    sheet.append(
        [
            "STT",
            "Chỉ tiêu",
            "Nội dung",
            "So sánh",
            "Mục tiêu",
            "Đơn vị",
            "Đạt được",
            "Tổng số",
            "Tỷ lệ (%)",
            "Đánh giá",
            "Còn thiếu",
        ]
    )
    for cell in sheet[3]:
        cell.font = BOLD
    for n, item in enumerate(result.indicators, start=1):
        m = item.measure
        # A goal without a figure has no target and no gap; a count has no total and no rate.
        sheet.append(
            [
                n,
                item.label,
                text_cell(sheet, item.name),
                m.comparator_symbol if m.target is not None else None,
                float(m.target) if m.target is not None else None,
                text_cell(sheet, item.unit),
                m.numerator,
                None if m.is_count else m.denominator,
                None if m.is_count else _percent(m),
                m.official_verdict,
                m.gap,
            ]
        )
    for row in sheet.iter_rows(min_row=4, min_col=9, max_col=9):
        row[0].number_format = PERCENT_FORMAT
    for row in sheet.iter_rows(min_row=4, min_col=7, max_col=8):
        for cell in row:
            cell.number_format = COUNT_FORMAT
    for column, width in zip("ABCDEFGHIJK", [5, 9, 60, 8, 10, 8, 11, 11, 10, 26, 10], strict=True):
        sheet.column_dimensions[column].width = width

    # As the commune names its units, from the blocks the engine read ("Theo thôn", "Thôn").
    units = result.indicators[0].measure.units if result.indicators else UnitWords.of([plan.commune.unit_kind])
    blocks = workbook.create_sheet(f"Theo {units.label}"[:31])  # Excel's limit on a sheet's name
    codes = [c for c in BLOCK_CODES if result.blocks and c in result.blocks[0].indicators]
    header = ["STT", str(capfirst(units.label))]
    for code in codes:
        header += [f"{code_label(code)} đạt", f"{code_label(code)} tổng", f"{code_label(code)} (%)"]
    blocks.append(header)
    for cell in blocks[1]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True)
    for n, row in enumerate(result.blocks, start=1):
        values = [n, text_cell(blocks, row.block.name)]
        for code in codes:
            m = row.indicators[code]
            values += [m.numerator, m.denominator, _percent(m)]
        blocks.append(values)
    totals = ["", "Toàn đơn vị"]
    by_code = {i.code: i.measure for i in result.indicators}
    for code in codes:
        totals += [by_code[code].numerator, by_code[code].denominator, _percent(by_code[code])]
    blocks.append(totals)
    for row in blocks.iter_rows(min_row=2, min_col=5, max_col=2 + 3 * len(codes), max_row=blocks.max_row):
        for cell in row[::3]:
            cell.number_format = PERCENT_FORMAT
    for cell in blocks[blocks.max_row]:
        cell.font = BOLD

    households = workbook.create_sheet("Hộ GĐVH")
    households.append(["STT", str(capfirst(units.label)), "Mã hộ", "Chủ hộ", "Địa chỉ"])
    for cell in households[1]:
        cell.font = BOLD
    recognised = (
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_FAMILY, year=plan.year, household__block__commune=plan.commune)
        .order_by("household__block__number", "household__code")
        .values_list("household__block__name", "household__code", "household__head_name", "household__address")
    )
    for n, (block, code, head, address) in enumerate(recognised.iterator(chunk_size=2000), start=1):
        households.append(
            [
                n,
                text_cell(households, block),
                text_cell(households, code),
                text_cell(households, head),
                text_cell(households, address),
            ]
        )
    for column, width in zip("ABCDE", [7, 12, 14, 30, 40], strict=True):
        households.column_dimensions[column].width = width
    workbook.save(out)


def province_workbook(figures, out) -> None:
    """The province's table (ProvinceFigures): one row per commune with each indicator's
    numerator, denominator and rate and the season's progress, then the province's totals, whose
    rates are the sums' (never an average of the communes' rates)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Toàn tỉnh")
    sheet.append(
        [
            _("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM %(year)s – %(province)s")
            % {"year": figures.year, "province": figures.province.upper()}
        ]
    )
    sheet["A1"].font = BOLD
    sheet.append([])
    header = [_("STT"), _("Đơn vị")]
    for code in figures.codes:
        label = code_label(code)
        if code in COUNT_CODES:
            header.append(_("%(code)s (số)") % {"code": label})
        else:
            header += [_("%(code)s đạt") % {"code": label}, _("%(code)s tổng") % {"code": label}, f"{label} (%)"]
    progress = [
        ("blocks", _("Số khu dân cư")),
        ("meetings_held", _("Đã họp bình xét")),
        ("figures_approved", _("Số liệu đã duyệt")),
        ("decisions", _("Quyết định tặng danh hiệu")),
        ("closed", _("Đã chốt số liệu")),
    ]
    header += [label for _attr, label in progress]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True)

    def measures(cells) -> list:
        values: list = []
        for code, m in zip(figures.codes, cells, strict=True):
            if code in COUNT_CODES:
                values.append(m.numerator if m is not None else None)
            elif m is None:
                values += [None, None, None]
            else:
                values += [m.numerator, m.denominator, _percent(m)]
        return values

    for n, row in enumerate(figures.communes, start=1):
        flags = [int(row.closed) if attr == "closed" else getattr(row, attr) for attr, _label in progress]
        sheet.append([n, text_cell(sheet, row.commune.name), *measures(row.cells(figures.codes)), *flags])
    totals = figures.progress_totals
    sheet.append(["", _("Toàn tỉnh"), *measures(figures.total_cells), *(totals[attr] for attr, _label in progress)])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for row in sheet.iter_rows(min_row=4, max_row=sheet.max_row):
        for cell, title in zip(row, header, strict=False):
            if isinstance(cell.value, float) and title.endswith("(%)"):
                cell.number_format = PERCENT_FORMAT
            elif isinstance(cell.value, int):
                cell.number_format = COUNT_FORMAT
    sheet.column_dimensions["B"].width = 28
    workbook.save(out)
