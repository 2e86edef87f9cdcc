"""The forms the commune sends upward, as Excel and as PDF from the same rows: the yearly
summary table of the movement (biểu tổng hợp, to the district or, since 1/7/2025, the
province) and the mass-sports assessment at 31/10 (Thông tư 01/2019/TT-BVHTTDL).

Both read the indicator engine (a closed year's frozen figures) and the blocks' approved
figures, so the sheet, the paper, the dashboard and the JSON say the same."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from campaigns.models import BlockFigures, IndicatorCode
from caolocculture import formatting
from caolocculture.pdf import render_pdf
from caolocculture.spreadsheets import looks_like_formula
from households.models import Household
from households.units import UnitWords

from .indicators import Measure, YearIndicators

# Vietnamese Excel shows these as 2.955 and 97,29 % (the separators follow the reader's locale).
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = '0.00##########" %"'  # the value's own decimals when it has more (60,004 %)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(name="Times New Roman", bold=True, size=12)
PLAIN = Font(name="Times New Roman", size=12)
ITALIC = Font(name="Times New Roman", italic=True, size=12)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="center", wrap_text=True)
MARK = "x"  # the forms' way of ticking a block that holds the title or has the house


@dataclass
class Signatures:
    """Who prepared the form and who signs it for the commune, and when (blank: by hand)."""

    preparer: str
    head_authority: str  # "TM. ỦY BAN NHÂN DÂN"
    head_title: str  # "CHỦ TỊCH"
    head_name: str
    place_date: str


def signatures(result: YearIndicators, preparer: str) -> Signatures:
    commune = result.plan.commune
    # Reported upward when the year was closed: that day is the form's; open, it is left to fill.
    day = timezone.localtime(result.closing.closed_at).date() if result.closing else None
    return Signatures(
        preparer=preparer,
        head_authority="TM. ỦY BAN NHÂN DÂN",
        head_title="CHỦ TỊCH",
        head_name=commune.chairman_name,
        place_date=formatting.long_date(commune.place_name, day),
    )


def _rate(measure: Measure | None) -> Decimal | None:
    if measure is None or measure.is_count or not measure.denominator:
        return None
    return measure.value


# -- the summary table -------------------------------------------------------------


def summary_rows(result: YearIndicators) -> tuple[list[dict], list[dict], dict]:
    """Part I (one row per target of the plan), part II (one row per block), and the
    commune's row of part II: plain values, for the sheet and the paper alike."""
    targets = []
    for n, item in enumerate(result.indicators, start=1):
        m = item.measure
        targets.append(
            {
                "n": n,
                "label": item.label,
                "name": item.short_name,
                "unit": m.unit_noun,
                "target": m.target_text,
                "numerator": m.numerator,
                "denominator": None if m.is_count else m.denominator,
                "rate": _rate(m),
                "verdict": m.official_verdict,
            }
        )
    blocks = []
    for n, row in enumerate(result.blocks, start=1):
        blocks.append({"n": n, "name": row.block.name, **_block_values(row.indicators, per_block=True)})
    by_code = {i.code: i.measure for i in result.indicators}
    total = {"n": None, "name": "Toàn đơn vị", **_block_values(by_code, per_block=False)}
    return targets, blocks, total


def _block_values(measures: dict[str, Measure], *, per_block: bool) -> dict:
    gdvh, tdpvh, nvh = (measures.get(c) for c in (IndicatorCode.GDVH, IndicatorCode.TDPVH, IndicatorCode.NVH))
    tdtt, pbgdpl = measures.get(IndicatorCode.TDTT), measures.get(IndicatorCode.PBGDPL)
    figures = tdtt or pbgdpl  # population comes with the approved figures
    has_figures = figures is not None and figures.denominator > 0

    def mark(m: Measure | None):
        if m is None:
            return None
        if per_block:
            return MARK if m.numerator else None
        return m.numerator

    return {
        "households": gdvh.denominator if gdvh else None,
        "gdvh": gdvh.numerator if gdvh else None,
        "gdvh_rate": _rate(gdvh),
        "tdpvh": mark(tdpvh),
        "nvh": mark(nvh),
        "population": figures.denominator if has_figures else None,
        "exercisers": tdtt.numerator if tdtt and has_figures else None,
        "tdtt_rate": _rate(tdtt),
        "reached": pbgdpl.numerator if pbgdpl and has_figures else None,
        "pbgdpl_rate": _rate(pbgdpl),
    }


TARGET_HEADERS = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Số đạt", "Tổng số", "Tỷ lệ (%)", "Đánh giá"]
TARGET_WIDTHS = [6, 44, 10, 12, 12, 12, 12, 30]
BLOCK_HEADERS = [
    "STT",
    "Khối phố",
    "Số hộ",
    "Hộ được tặng danh hiệu GĐVH",
    "Tỷ lệ GĐVH (%)",
    "Tổ dân phố văn hóa",
    "Có nhà văn hóa",
    "Dân số",
    "Người tập TDTT thường xuyên",
    "Tỷ lệ TDTT (%)",
    "Người được PBGDPL",
    "Tỷ lệ PBGDPL (%)",
]
BLOCK_KEYS = [
    "n",
    "name",
    "households",
    "gdvh",
    "gdvh_rate",
    "tdpvh",
    "nvh",
    "population",
    "exercisers",
    "tdtt_rate",
    "reached",
    "pbgdpl_rate",
]
BLOCK_WIDTHS = [6, 14, 10, 14, 11, 11, 11, 11, 14, 11, 13, 11]
RATE_KEYS = {"gdvh_rate", "tdtt_rate", "pbgdpl_rate", "rate", "exercisers_rate", "families_rate"}
COUNT_KEYS = {
    "households",
    "gdvh",
    "tdpvh",
    "nvh",
    "population",
    "exercisers",
    "reached",
    "numerator",
    "denominator",
    "families",
    "clubs",
    "collaborators",
}


def summary_title(year: int) -> str:
    return f"BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN PHONG TRÀO “TOÀN DÂN ĐOÀN KẾT XÂY DỰNG ĐỜI SỐNG VĂN HÓA” NĂM {year}"


def period_text(year: int) -> str:
    return f"Năm {year} (số liệu đến 31/12/{year})"


def summary_context(result: YearIndicators, preparer: str) -> dict:
    plan = result.plan
    commune = plan.commune
    targets, blocks, total = summary_rows(result)
    return {
        "year": plan.year,
        "commune": commune,
        "units": commune.unit_words(),
        "issuer_lines": commune.committee_lines,
        "place_date": signatures(result, preparer).place_date,
        "title": summary_title(plan.year),
        "period": period_text(plan.year),
        "reporting_unit": f"Ủy ban nhân dân {commune.name_in_sentence}",
        "receiving_unit": commune.superior_body,
        "targets": targets,
        "blocks": blocks,
        "total": total,
        "closed": result.closing is not None,
        "sign": signatures(result, preparer),
    }


def summary_table_pdf(context: dict) -> bytes:
    """The summary table's paper, from summary_context()."""
    return render_pdf("pdf/summary_table.html", context)


def summary_table_workbook(context: dict, out) -> None:
    """Two sheets, each a complete form (heading, table, signatures): part I the targets,
    part II the blocks. A4 landscape, one page wide, the table's header on every page."""
    workbook = Workbook()
    first = workbook.active
    first.title = "I. Chỉ tiêu"
    row = _form_heading(first, context, len(TARGET_HEADERS), "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    keys = ["n", "name", "unit", "target", "numerator", "denominator", "rate", "verdict"]
    row = _table(first, row, TARGET_HEADERS, keys, context["targets"], TARGET_WIDTHS)
    _signature_rows(first, row + 1, len(TARGET_HEADERS), context["sign"])

    units = context["units"]
    headers = block_headers(units)
    second = workbook.create_sheet(f"II. Theo {units.label}"[:31])  # Excel's limit on a sheet's name
    row = _form_heading(second, context, len(headers), f"II. KẾT QUẢ THEO {units.name}".upper())
    row = _table(second, row, headers, BLOCK_KEYS, [*context["blocks"], context["total"]], BLOCK_WIDTHS)
    for cell in second[row - 1]:
        cell.font = BOLD  # the commune's row
    second.cell(row=row, column=1, value=block_note(units)).font = ITALIC
    second.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(BLOCK_HEADERS))
    _signature_rows(second, row + 2, len(BLOCK_HEADERS), context["sign"])
    workbook.save(out)


def block_headers(units: UnitWords) -> list[str]:
    """The blocks' table's headers, the units named as the commune names them."""
    return [
        str(units.label).capitalize() if h == "Khối phố" else str(units.title) if h == "Tổ dân phố văn hóa" else h
        for h in BLOCK_HEADERS
    ]


def block_note(units: UnitWords) -> str:
    return (
        f"Ghi chú: cột {units.title}, Có nhà văn hóa: đánh dấu x nếu đạt (dòng Toàn đơn vị: số {units.counter}); "
        f"dân số, TDTT và PBGDPL theo số liệu {units.name} đã được duyệt (để trống: {units.counter} chưa có số liệu "
        "đã duyệt)."
    )


# -- the sports assessment -----------------------------------------------------------


SPORTS_HEADERS = [
    "STT",
    "Khối phố",
    "Dân số",
    "Số người tập luyện TDTT thường xuyên",
    "Tỷ lệ (%)",
    "Số hộ gia đình",
    "Số gia đình thể thao",
    "Tỷ lệ gia đình thể thao (%)",
    "Số câu lạc bộ TDTT",
    "Số cộng tác viên TDTT",
]
SPORTS_KEYS = [
    "n",
    "name",
    "population",
    "exercisers",
    "exercisers_rate",
    "households",
    "families",
    "families_rate",
    "clubs",
    "collaborators",
]
SPORTS_WIDTHS = [6, 14, 11, 16, 11, 12, 13, 14, 13, 14]


def _share(numerator: int | None, denominator: int | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return formatting.ratio_percent(numerator, denominator, None)


def sports_rows(plan, blocks) -> tuple[list[dict], dict]:
    """Per block and in total: the approved figures' population, regular exercisers and the
    three counts, and the households living in the block on 31/10 of the year. Two queries."""
    year = plan.year
    assessed_on = datetime.date(year, 10, 31)
    figures = {
        f.block_id: f
        for f in BlockFigures.objects.filter(
            block__in=[b.pk for b in blocks], year=year, status=BlockFigures.Status.APPROVED
        )
    }
    households = dict(
        Household.objects.filter(block__in=[b.pk for b in blocks])
        .living_on(assessed_on)
        .values_list("block")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = []
    for n, block in enumerate(blocks, start=1):
        f = figures.get(block.pk)
        row = {
            "n": n,
            "name": block.name,
            "population": f.population if f else None,
            "exercisers": f.regular_exercisers if f else None,
            "households": households.get(block.pk, 0),
            "families": f.sporting_families if f else None,
            "clubs": f.sports_clubs if f else None,
            "collaborators": f.sports_collaborators if f else None,
        }
        rows.append(row)

    def total(key: str) -> int | None:
        values = [r[key] for r in rows if r[key] is not None]
        return sum(values) if values else None

    summed = {"n": None, "name": "Toàn đơn vị", **{k: total(k) for k in SPORTS_KEYS[2:] if "rate" not in k}}
    # The families' rate over the households of the blocks that counted their families.
    summed["households_counted"] = sum(r["households"] for r in rows if r["families"] is not None)
    for row in [*rows, summed]:
        row["exercisers_rate"] = _share(row["exercisers"], row["population"])
        base = row.get("households_counted", row["households"])
        row["families_rate"] = _share(row["families"], base)
    return rows, summed


def sports_context(plan, blocks, result: YearIndicators, preparer: str) -> dict:
    rows, total = sports_rows(plan, blocks)
    commune = plan.commune
    return {
        "year": plan.year,
        "commune": commune,
        "units": commune.unit_words(),
        "issuer_lines": commune.committee_lines,
        "place_date": signatures(result, preparer).place_date,
        "title": f"BIỂU ĐÁNH GIÁ PHONG TRÀO THỂ DỤC, THỂ THAO QUẦN CHÚNG NĂM {plan.year}",
        "period": f"Số liệu tính đến ngày 31/10/{plan.year} (Thông tư số 01/2019/TT-BVHTTDL)",
        "reporting_unit": f"Ủy ban nhân dân {commune.name_in_sentence}",
        "receiving_unit": commune.superior_body,
        "rows": rows,
        "total": total,
        "note": sports_note(commune.unit_words()),
        "sign": signatures(result, preparer),
    }


def sports_note(units: UnitWords) -> str:
    return (
        f"Ghi chú: theo số liệu {units.name} đã được duyệt (để trống: chưa có hoặc chưa đếm); người tập luyện "
        "thường xuyên: ít nhất 3 buổi mỗi tuần, mỗi buổi từ 30 phút; số hộ: hộ sinh sống ngày 31/10; tỷ lệ gia "
        f"đình thể thao toàn đơn vị tính trên số hộ của các {units.counter} đã đếm."
    )


def sports_assessment_pdf(context: dict) -> bytes:
    """The assessment's paper, from sports_context()."""
    return render_pdf("pdf/sports_assessment.html", context)


def sports_assessment_workbook(context: dict, out) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thể thao quần chúng"
    headers = [str(context["units"].label).capitalize() if h == "Khối phố" else h for h in SPORTS_HEADERS]
    row = _form_heading(sheet, context, len(headers), None)
    row = _table(sheet, row, headers, SPORTS_KEYS, [*context["rows"], context["total"]], SPORTS_WIDTHS)
    for cell in sheet[row - 1]:
        cell.font = BOLD
    sheet.cell(row=row, column=1, value=context["note"]).font = ITALIC
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(SPORTS_HEADERS))
    sheet.row_dimensions[row].height = 32
    sheet.cell(row=row, column=1).alignment = WRAP
    _signature_rows(sheet, row + 2, len(SPORTS_HEADERS), context["sign"])
    workbook.save(out)


# -- sheet layout --------------------------------------------------------------------


def _put(sheet: Worksheet, row: int, column: int, value, font=PLAIN, alignment=CENTRE):
    """A styled cell; text Excel would take for a formula ("=…") stays text."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"
    cell.font, cell.alignment = font, alignment
    return cell


def _merged(sheet: Worksheet, row: int, first: int, last: int, value, font=PLAIN, alignment=CENTRE):
    _put(sheet, row, first, value, font, alignment)
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _form_heading(sheet: Worksheet, context: dict, width: int, part: str | None) -> int:
    """The heading of a form (Nghị định 30/2020 on a sheet): the commune's committee on the
    left, the national motto on the right, the form's title, period, reporting and receiving
    units. Returns the next free row."""
    left = max(2, width // 3)
    right_from = left + 2
    _merged(sheet, 1, 1, left, context["issuer_lines"][0], BOLD)
    _merged(sheet, 2, 1, left, context["issuer_lines"][1], BOLD)
    _merged(sheet, 1, right_from, width, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BOLD)
    _merged(sheet, 2, right_from, width, "Độc lập - Tự do - Hạnh phúc", BOLD)
    _merged(sheet, 3, right_from, width, context["place_date"], ITALIC)
    _merged(sheet, 5, 1, width, context["title"], Font(name="Times New Roman", bold=True, size=13))
    sheet.row_dimensions[5].height = 34
    _merged(sheet, 6, 1, width, context["period"], ITALIC)
    units = f"Đơn vị báo cáo: {context['reporting_unit']}"
    if context["receiving_unit"]:
        units += f". Đơn vị nhận báo cáo: {context['receiving_unit']}"
    _merged(sheet, 7, 1, width, units, PLAIN)
    if not part:
        return 9
    _merged(sheet, 9, 1, width, part, BOLD, Alignment(horizontal="left", vertical="center"))
    return 10


def _table(sheet: Worksheet, row: int, headers: list[str], keys: list[str], rows: list[dict], widths) -> int:
    """A boxed table from `row`: the header (repeated on every printed page), then the rows.
    Counts as 2.955, rates as 97,29 %. Returns the row after the table. Sets the print setup."""
    for column, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        _put(sheet, row, column, header, BOLD).border = BOX
        sheet.column_dimensions[get_column_letter(column)].width = width
        _put(sheet, row + 1, column, f"({column})", ITALIC).border = BOX  # the forms number their columns
    sheet.row_dimensions[row].height = 48
    header_row = row
    row += 2
    for values in rows:
        for column, key in enumerate(keys, start=1):
            value = values.get(key)
            if isinstance(value, Decimal):
                value = float(value)
            align = WRAP if key in ("name", "verdict") else CENTRE
            cell = _put(sheet, row, column, value, PLAIN, align)
            cell.border = BOX
            if key in RATE_KEYS:
                cell.number_format = PERCENT_FORMAT
            elif key in COUNT_KEYS:
                cell.number_format = COUNT_FORMAT
        row += 1
    # Print setup: A4 landscape, one page wide, the header rows on every page.
    sheet.print_title_rows = f"{header_row}:{header_row + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left, sheet.page_margins.right = 0.6, 0.4
    sheet.page_margins.top, sheet.page_margins.bottom = 0.6, 0.6
    sheet.print_options.horizontalCentered = True
    return row


def _signature_rows(sheet: Worksheet, row: int, width: int, sign: Signatures) -> None:
    """NGƯỜI LẬP BIỂU (the officer) on the left, the chairman for the committee on the right."""
    half = width // 2
    _merged(sheet, row, 1, half, "NGƯỜI LẬP BIỂU", BOLD)
    _merged(sheet, row, half + 1, width, sign.head_authority, BOLD)
    _merged(sheet, row + 1, half + 1, width, sign.head_title, BOLD)
    _merged(sheet, row + 1, 1, half, "(Ký, ghi rõ họ tên)", ITALIC)
    _merged(sheet, row + 2, half + 1, width, "(Ký tên, đóng dấu)", ITALIC)
    _merged(sheet, row + 6, 1, half, sign.preparer, BOLD)
    _merged(sheet, row + 6, half + 1, width, sign.head_name, BOLD)
