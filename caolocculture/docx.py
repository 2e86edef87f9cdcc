"""Word copies (.docx) of the printed papers, so an officer can finish a paper in Word when the
district asks for changes. The PDF stays the record.

The copy is converted from the paper's own HTML (the template WeasyPrint lays out, rendered by
caolocculture.pdf.render_html from the same context), so it says the same by construction:
the papers' stylesheet is read with the CSS tools WeasyPrint itself uses (tinycss2, cssselect2,
tinyhtml5) and each element becomes a Word paragraph, run or table with the same weight, style,
size, case, alignment, indent and spacing. Page: A4 in the @page orientation, the @page margins,
Times New Roman (the font Word has; the PDF embeds its metric twin, Liberation Serif), the page
number centred in the header from page 2 where the PDF prints one. Tables: a bordered one
(table.list) keeps its borders, repeats its header row on every page (w:tblHeader) and never
splits a row; the heading and signature tables have none, and the signature is kept with the
paragraph before it (no signature alone on a page)."""

import re
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import cssselect2
import tinycss2
import tinyhtml5
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell

from .pdf import render_html

FONT = "Times New Roman"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The browser defaults the papers rely on (a subset of the HTML user-agent stylesheet).
UA_CSS = """
h1 { font-size: 2em; font-weight: bold; margin: .67em 0 }
h2 { font-size: 1.5em; font-weight: bold; margin: .83em 0 }
h3 { font-size: 1.17em; font-weight: bold; margin: 1em 0 }
p, ul, ol { margin: 1em 0 }
strong, b, th { font-weight: bold }
em, i { font-style: italic }
th { text-align: center }
td, th { padding: 1px }
"""
BLOCK_TAGS = {"body", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "section", "header", "footer"}
SKIPPED = {"head", "style", "script", "title", "meta", "link"}
INHERITED = {"font-weight", "font-style", "font-size", "text-transform", "text-align", "text-indent", "white-space"}
INHERITED |= {"color", "line-height"}
ALIGN = {
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}
SIDES = ("top", "right", "bottom", "left")
# What follows w:pBdr in a paragraph's properties (ECMA-376 CT_PPr), for inserting it in order.
PPR_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
POINTS_PER_CHARACTER = 6.5  # a Times character at 12–14 pt, for sharing a table's width
UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "px": 0.75}


def length(value: str | None, em: float = 14.0, whole: float | None = None) -> float | None:
    """A CSS length in points; em against the font size, % against `whole`; None for auto."""
    if not value:
        return None
    match = re.fullmatch(r"(-?[\d.]+)\s*(pt|mm|cm|in|px|em|rem|%)?", value.strip())
    if not match:
        return None
    number, unit = float(match[1]), match[2] or "px"
    if unit in ("em", "rem"):
        return number * em
    if unit == "%":
        return number / 100 * whole if whole is not None else None
    return number * UNITS[unit]


def _box(value: str) -> list[str]:
    """CSS shorthand (margin, padding) in top, right, bottom, left order."""
    parts = value.split()
    return (
        (parts * 4)[:4] if len(parts) == 1 else (parts + parts[:2])[:4] if len(parts) == 2 else (parts + [parts[1]])[:4]
    )


def _declarations(tokens) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in tinycss2.parse_blocks_contents(tokens, skip_comments=True, skip_whitespace=True):
        if item.type != "declaration":
            continue
        name, value = item.lower_name, tinycss2.serialize(item.value).strip()
        if name in ("margin", "padding"):
            out.update(zip([f"{name}-{s}" for s in SIDES], _box(value), strict=True))
        elif name == "border":
            out.update({f"border-{s}": value for s in SIDES})
        elif name == "break-before":
            out["page-break-before"] = "always" if value == "page" else value
        elif name == "break-inside":
            out["page-break-inside"] = value
        else:
            out[name] = value
    return out


class Sheet:
    """The paper's stylesheet: the rules for the printed page (screen-only @media left out)
    and what @page says: size, margins, whether pages are numbered and from which one."""

    def __init__(self, css: str):
        self.matcher = cssselect2.Matcher()
        self.landscape = False
        self.margins = {"top": 20.0, "right": 15.0, "bottom": 20.0, "left": 30.0}  # mm
        self.numbered = False
        self.first_numbered: bool | None = None  # None: @page :first says nothing, numbered like the rest
        for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
            if rule.type == "qualified-rule":
                declarations = _declarations(rule.content)
                for selector in cssselect2.compile_selector_list(rule.prelude):
                    self.matcher.add_selector(selector, declarations)
            elif rule.type == "at-rule" and rule.lower_at_keyword == "page":
                self._page(tinycss2.serialize(rule.prelude).strip(), rule.content or [])

    def _page(self, selector: str, content) -> None:
        for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
            if item.type == "at-rule" and item.lower_at_keyword == "top-center":
                numbered = "counter(page)" in tinycss2.serialize(item.content or [])
                if selector == ":first":
                    self.first_numbered = numbered
                elif not selector:
                    self.numbered = numbered
            elif item.type == "declaration" and not selector:
                value = tinycss2.serialize(item.value).strip()
                if item.lower_name == "size":
                    self.landscape = "landscape" in value
                elif item.lower_name == "margin":
                    for side, part in zip(SIDES, _box(value), strict=True):
                        self.margins[side] = (length(part) or 0) / UNITS["mm"]

    def style(self, element: cssselect2.ElementWrapper, parent: dict[str, Any]) -> dict[str, Any]:
        style = {k: v for k, v in parent.items() if k in INHERITED}
        style["font-size"] = f"{parent['_size']}pt"  # a child inherits the size computed, not "2em" again
        for _specificity, _order, pseudo, declarations in self.matcher.match(element):
            if pseudo is None:
                style.update(declarations)
        inline = element.etree_element.get("style")
        if inline:
            style.update(_declarations(inline))
        size = length(style["font-size"], parent["_size"], parent["_size"])
        style["_size"] = size if size is not None else parent["_size"]
        return style


class Writer:
    """Walks the paper's body and writes it into a python-docx Document."""

    def __init__(self, html: str):
        root = tinyhtml5.parse(html, namespace_html_elements=False)
        self.root = cssselect2.ElementWrapper.from_html_root(root)
        css = "".join(style.text or "" for style in root.iter("style"))
        self.sheet = Sheet(UA_CSS + css)
        self.doc = Document()
        self.box: Any = self.doc  # where paragraphs go: the document, or a table cell
        self.width = 0.0  # the box's width in points
        self.par: Any = None  # the paragraph being written into
        self.fresh_cell = False  # a new cell's first (empty) paragraph is still to be used
        self.line_start = True
        self.last_par: Any = None
        self.previous: list[Any] = []  # the paragraphs that end what is written so far
        self.made = 0  # paragraphs made so far
        self.blocks: list[dict[str, Any]] = []
        self.space_before = 0.0
        self.page_break = False
        title = root.find(".//title")
        self.title = (title.text or "").strip() if title is not None else ""

    # -- the page ---------------------------------------------------------------------------

    def _setup(self) -> None:
        sheet, section = self.sheet, self.doc.sections[0]
        short, long = Mm(210), Mm(297)
        section.orientation = WD_ORIENT.LANDSCAPE if sheet.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if sheet.landscape else (short, long)
        section.top_margin, section.right_margin = Mm(sheet.margins["top"]), Mm(sheet.margins["right"])
        section.bottom_margin, section.left_margin = Mm(sheet.margins["bottom"]), Mm(sheet.margins["left"])
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        self.width = (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU → pt
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(14)
        # The template's defaults name theme fonts, which would win over a named one.
        defaults = self.doc.styles.element.find(qn("w:docDefaults") + "//" + qn("w:rFonts"))
        for fonts in (defaults, normal.element.get_or_add_rPr().get_or_add_rFonts()):
            if fonts is None:
                continue
            for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attribute), None)
            for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attribute), FONT)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        normal.element.get_or_add_rPr().append(lang)
        normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
        self.doc.core_properties.title = self.title
        self.doc.core_properties.author = self.doc.core_properties.last_modified_by = ""  # not "python-docx"
        self.doc.core_properties.language = "vi-VN"
        if sheet.numbered:
            section.different_first_page_header_footer = sheet.first_numbered is False
            self._page_number(section.header.paragraphs[0])

    @staticmethod
    def _page_number(paragraph) -> None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
            run = paragraph.add_run()
            run.font.size = Pt(13)
            if kind:
                mark = OxmlElement("w:fldChar")
                mark.set(qn("w:fldCharType"), kind)
                run._r.append(mark)
            elif text == " PAGE ":
                instruction = OxmlElement("w:instrText")
                instruction.set(qn("xml:space"), "preserve")
                instruction.text = text
                run._r.append(instruction)
            else:
                run.text = text

    # -- paragraphs and runs ----------------------------------------------------------------

    def _paragraph(self):
        if self.par is not None:
            return self.par
        if self.page_break and isinstance(self.box, _Cell):
            self.page_break = False  # a page break inside a cell has no meaning in Word
        if self.fresh_cell:
            par, self.fresh_cell = self.box.paragraphs[0], False
        else:
            par = self.box.add_paragraph()
        style = self.blocks[-1] if self.blocks else {"_size": 14.0}
        fmt = par.paragraph_format
        fmt.alignment = ALIGN.get(style.get("text-align", ""), None)
        indent = length(style.get("text-indent"), style["_size"], self.width)
        if indent:
            fmt.first_line_indent = Pt(indent)
        fmt.space_before, fmt.space_after = Pt(round(max(self.space_before, 0), 1)), Pt(0)
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.AT_LEAST, Pt(round(_line_height(style), 1))
        if self.page_break:
            fmt.page_break_before, self.page_break = True, False
        self.space_before = 0.0
        self.par = self.last_par = par
        self.previous = [par]
        self.made += 1
        self.line_start = True
        return par

    def _close(self) -> None:
        """End the paragraph being written: its trailing space goes (HTML collapses it)."""
        if self.par is not None and self.par.runs:
            last = self.par.runs[-1]
            if last.text.endswith(" "):
                last.text = last.text.rstrip(" ")
        self.par = None

    def _text(self, text: str | None, style: dict[str, Any]) -> None:
        if not text:
            return
        if style.get("white-space") not in ("pre", "pre-wrap"):
            text = re.sub(r"[ \t\r\n\f]+", " ", text)
            if self.line_start or self.par is None:
                text = text.lstrip(" ")
            if not text:
                return
        if style.get("white-space") == "nowrap":
            text = text.replace(" ", "\u00a0")
        if style.get("text-transform") == "uppercase":
            text = text.upper()
        run = self._paragraph().add_run(text)
        self._font(run, style)
        self.line_start = text.endswith(" ")

    @staticmethod
    def _font(run, style: dict[str, Any]) -> None:
        run.font.bold = style.get("font-weight") in ("bold", "bolder", "600", "700", "800", "900")
        run.font.italic = style.get("font-style") == "italic"
        if round(style["_size"] * 2) != 28:
            run.font.size = Pt(round(style["_size"] * 2) / 2)
        color = style.get("color", "")
        if re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", color):
            digits = color[1:] if len(color) == 7 else "".join(c * 2 for c in color[1:])
            run.font.color.rgb = RGBColor.from_string(digits.upper())

    def _break(self, style: dict[str, Any]) -> None:
        run = self._paragraph().add_run()
        self._font(run, style)
        if self.par.runs[:-1] and self.par.runs[-2].text.endswith(" "):
            self.par.runs[-2].text = self.par.runs[-2].text.rstrip(" ")
        run.add_break(WD_BREAK.LINE)
        self.line_start = True

    # -- elements ---------------------------------------------------------------------------

    def write(self) -> Document:
        self._setup()
        body = next(self.root.query_all("body"), None)
        base = {"_size": 14.0}
        if body is not None:
            self._element(body, base)
        self._close()
        return self.doc

    def _children(self, element: cssselect2.ElementWrapper, style: dict[str, Any]) -> None:
        self._text(element.etree_element.text, style)
        for child in element.iter_children():
            self._element(child, style)
            self._text(child.etree_element.tail, style)

    def _element(self, element: cssselect2.ElementWrapper, parent: dict[str, Any]) -> None:
        tag = element.local_name
        if tag in SKIPPED:
            return
        style = self.sheet.style(element, parent)
        display = style.get("display")
        if display == "none":
            return
        if tag == "br":
            self._break(style)
            return
        if style.get("page-break-before") == "always":
            self._close()
            self.page_break = True
        elif style.get("page-break-before") == "avoid":
            self._close()
            self._keep_with_previous()
        if tag == "table":
            self._table(element, style)
            return
        if not (display in ("block", "list-item") or (display is None and tag in BLOCK_TAGS)):
            self._children(element, style)
            return
        self._close()
        size = style["_size"]
        self.space_before = max(self.space_before, length(style.get("margin-top"), size, self.width) or 0)
        made = self.made
        self.blocks.append(style)
        if tag == "li":
            marker = "- " if element.parent is None or element.parent.local_name != "ol" else f"{element.index + 1}. "
            self._text(marker, style)
        if not element.etree_element.text and not len(element.etree_element):
            self._empty_block(style)
        else:
            self._children(element, style)
        self._close()
        self.blocks.pop()
        after = length(style.get("margin-bottom"), size, self.width) or 0
        if self.made > made and self.last_par is not None:
            current = self.last_par.paragraph_format.space_after
            self.last_par.paragraph_format.space_after = Pt(round(max(after, current.pt if current else 0), 1))
        else:
            self.space_before = max(self.space_before, after)

    def _empty_block(self, style: dict[str, Any]) -> None:
        """A rule under a heading (a short top border) or a space kept to sign in."""
        height = length(style.get("height"), style["_size"], None)
        border = style.get("border-top", "none")
        if not height and border in ("none", ""):
            return
        par = self._paragraph()
        fmt = par.paragraph_format
        fmt.first_line_indent = None
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(round(height or 1, 1))
        if border not in ("none", ""):
            width = length(style.get("width"), style["_size"], self.width) or self.width
            side = max(0.0, (self.width - width) / 2)
            fmt.left_indent = fmt.right_indent = Pt(round(side, 1))
            borders = OxmlElement("w:pBdr")
            borders.append(_border("top", border))
            par._p.get_or_add_pPr().insert_element_before(borders, *PPR_AFTER_BORDER)
        self._close()

    # -- tables -----------------------------------------------------------------------------

    def _table(self, element: cssselect2.ElementWrapper, style: dict[str, Any]) -> None:
        self._close()
        rows = []  # (tr style, in header, [Placed])
        taken: dict[int, set[int]] = {}  # row → columns covered by a cell from a row above (rowspan)
        for section in element.iter_children():
            section_style = self.sheet.style(section, style)
            trs = [section] if section.local_name == "tr" else list(section.iter_children())
            for tr in trs:
                if tr.local_name != "tr":
                    continue
                r, column, placed = len(rows), 0, []
                tr_style = self.sheet.style(tr, section_style)
                for td in tr.iter_children():
                    if td.local_name not in ("td", "th"):
                        continue
                    while column in taken.get(r, set()):
                        column += 1
                    cols, span = _span(td, "colspan"), _span(td, "rowspan")
                    placed.append(Placed(td, self.sheet.style(td, tr_style), r, column, cols, span))
                    for below in range(r, r + span):
                        taken.setdefault(below, set()).update(range(column, column + cols))
                    column += cols
                rows.append((tr_style, section.local_name == "thead", placed))
        if not any(row[2] for row in rows):
            return
        columns = max(c.column + c.cols for _t, _h, placed in rows for c in placed)
        total = length(style.get("width"), style["_size"], self.width) or self.width
        widths = self._widths([c for _t, _h, placed in rows for c in placed], columns, total)
        if self.page_break:  # Word breaks before a paragraph, not a table
            self._paragraph()
            self._close()
        keep = style.get("page-break-inside") == "avoid"
        if keep:  # the signature block never alone on a page: it keeps with what comes before
            self._keep_with_previous()
        table = (self.box if isinstance(self.box, _Cell) else self.doc).add_table(rows=len(rows), cols=columns)
        table.autofit = False
        for i, width in enumerate(widths):
            table.columns[i].width = Pt(width)
        first = next(c.style for _t, _h, placed in rows for c in placed)
        _cell_margins(table, {s: length(first.get(f"padding-{s}"), first["_size"], None) or 0 for s in SIDES})
        for (tr_style, header, _placed), row in zip(rows, table.rows, strict=True):
            properties = row._tr.get_or_add_trPr()
            if keep or tr_style.get("page-break-inside") == "avoid":
                properties.append(OxmlElement("w:cantSplit"))  # the schema's order: cantSplit, then tblHeader
            if header:
                properties.append(OxmlElement("w:tblHeader"))
        saved = (self.box, self.width, self.par, self.fresh_cell, self.blocks, self.space_before)
        last_row: list = []
        for _tr_style, _header, placed in rows:
            for c in placed:
                cell = table.cell(c.row, c.column)
                if c.cols > 1 or c.rows > 1:
                    cell = cell.merge(table.cell(min(c.row + c.rows, len(rows)) - 1, c.column + c.cols - 1))
                width = sum(widths[c.column : c.column + c.cols])
                cell.width = Pt(width)
                borders = [s for s in SIDES if c.style.get(f"border-{s}", "none") not in ("none", "0", "")]
                if borders:  # before vAlign, as the schema orders a cell's properties
                    # A cell spanning rows is one cell per row in Word (the lower ones "continue" it):
                    # each carries the borders, or the span would lose its sides below the first row.
                    for r in range(c.row, min(c.row + c.rows, len(rows))):
                        tc = _tc_at(table.rows[r]._tr, c.column)
                        if tc is not None:
                            _cell_borders(tc, {s: c.style[f"border-{s}"] for s in borders})
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
                self.box, self.width, self.par, self.fresh_cell = cell, width, None, True
                self.blocks, self.space_before = [c.style], 0.0
                self._children(c.element, c.style)
                self._close()
                if keep:
                    for par in cell.paragraphs:
                        par.paragraph_format.keep_with_next = True
            last_row = [p for c in placed for p in table.cell(c.row, c.column).paragraphs]
        self.box, self.width, self.par, self.fresh_cell, self.blocks, self.space_before = saved
        self.space_before = max(self.space_before, length(style.get("margin-bottom"), style["_size"], None) or 0)
        self.par, self.previous = None, last_row or self.previous

    def _keep_with_previous(self) -> None:
        """What was written last (a paragraph, or a table's last row) stays on the page of what follows."""
        if isinstance(self.box, _Cell):
            return
        for par in self.previous:
            par.paragraph_format.keep_with_next = True

    @staticmethod
    def _widths(cells: list["Placed"], columns: int, total: float) -> list[float]:
        """Column widths as a browser lays out an automatic table: a cell's own width where the
        paper sets one; every other column gets at least its longest word and shares the rest in
        proportion to how much more its longest content needs (measured in characters)."""
        fixed: list[float | None] = [None] * columns
        least, most = [1.0] * columns, [1.0] * columns
        for c in cells:
            if c.cols != 1:
                continue
            own = length(c.style.get("width"), c.style["_size"], total)
            if own and fixed[c.column] is None:
                fixed[c.column] = own
            text = " ".join("".join(c.element.etree_element.itertext()).split())
            words = len(text) if c.style.get("white-space") == "nowrap" else max(map(len, text.split()), default=1)
            least[c.column] = max(least[c.column], words * 1.25 + 2)  # capitals, bold, the padding
            most[c.column] = max(most[c.column], len(text) + 1.5)
        free = [i for i in range(columns) if fixed[i] is None]
        room = max(total - sum(w for w in fixed if w), total * 0.1)
        low, high = sum(least[i] for i in free), sum(most[i] for i in free)
        if high > low and low < room / POINTS_PER_CHARACTER:
            grow = min(1.0, (room / POINTS_PER_CHARACTER - low) / (high - low))
            share = {i: least[i] + (most[i] - least[i]) * grow for i in free}
        else:  # the longest words already fill the width (or nothing wraps): share by them
            share = {i: least[i] for i in free}
        scale = sum(share.values()) or 1.0
        return [fixed[i] or room * share[i] / scale for i in range(columns)]


@dataclass
class Placed:
    """A table cell at its place in the grid (after the spans of the cells before and above it)."""

    element: cssselect2.ElementWrapper
    style: dict[str, Any]
    row: int
    column: int
    cols: int
    rows: int


def _span(td: cssselect2.ElementWrapper, attribute: str) -> int:
    try:
        return max(1, int(td.etree_element.get(attribute, "1")))
    except ValueError:
        return 1


def _line_height(style: dict[str, Any]) -> float:
    """CSS line-height in points: a bare number times the font size; "normal" about 1.2."""
    value = style.get("line-height", "normal")
    if re.fullmatch(r"[\d.]+", value):
        return float(value) * style["_size"]
    return length(value, style["_size"], style["_size"]) or style["_size"] * 1.2


def _border(side: str, css: str):
    """A Word border from CSS ("0.6pt solid black")."""
    element = OxmlElement(f"w:{side}")
    width = next((length(p) for p in css.split() if length(p)), 0.5) or 0.5
    element.set(qn("w:val"), "double" if "double" in css else "single")
    element.set(qn("w:sz"), str(max(2, round(width * 8))))  # eighths of a point
    element.set(qn("w:space"), "0")
    element.set(qn("w:color"), "000000")
    return element


def _tc_at(tr, column: int):
    """The row's cell element that starts at grid column `column` (cells before it may span)."""
    start = 0
    for tc in tr.tc_lst:
        if start == column:
            return tc
        start += tc.grid_span
    return None


def _cell_borders(tc, sides: dict[str, str]) -> None:
    borders = OxmlElement("w:tcBorders")
    for side in SIDES:
        if side in sides:
            borders.append(_border(side, sides[side]))
    tc.get_or_add_tcPr().append(borders)


def _cell_margins(table, padding: dict[str, float]) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in SIDES:
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(padding[side] * 20)))  # twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def html_to_docx(html: str) -> bytes:
    """A paper's HTML (templates/pdf/*.html) as a Word document."""
    out = BytesIO()
    Writer(html).write().save(out)
    return out.getvalue()


def render_docx(template: str, context: dict) -> bytes:
    """The Word copy of a paper, from the same template and context as its PDF."""
    return html_to_docx(render_html(template, context))
