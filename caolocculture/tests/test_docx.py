"""The Word copy converter (caolocculture/docx.py) on the papers' own base template: the page, the
fonts, the tables, the formatting and the page flow the PDF has."""

from io import BytesIO

from django.template import Context, Template
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from caolocculture.docx import html_to_docx
from caolocculture.pdf import FONTS

PAPER = """{% extends "pdf/base.html" %}{% block orientation %}ORIENTATION{% endblock %}{% block body %}
<table class="head"><tr>
  <td style="width:42%"><div class="body-name">UBND THỊ TRẤN CAO LỘC<strong>KHỐI 1</strong></div>
    <div class="rule"></div><div class="ref">Số: 05/BB</div></td>
  <td><div class="nation">Cộng hòa xã hội chủ nghĩa Việt Nam</div><div class="motto">Độc lập - Tự do - Hạnh phúc</div>
    <div class="rule wide"></div><div class="place-date">Cao Lộc, ngày 20 tháng 11 năm 2024</div></td>
</tr></table>
<h1>Biên bản</h1>
<div class="subject">Họp bình xét năm 2024</div>
<div class="subject" style="text-transform:uppercase">Chủ tịch Ủy ban nhân dân</div>
<p>Hôm nay,
   vào hồi <em>19 giờ</em> <strong>30</strong> phút<br>tại nhà văn hóa.</p>
<p class="plain">Kết quả:</p>
<table class="list"><thead><tr><th>STT</th><th>Chủ hộ</th><th>Tán thành / có mặt</th></tr></thead><tbody>
<tr><td class="c">1</td><td>Hoàng Văn Đức</td><td class="num">2.955/3.000</td></tr>
<tr><td class="c">2</td><td colspan="2">Không xét – chuyển đi</td></tr>
</tbody></table>
<p>Tỷ lệ 97,29 %.</p>
<table class="sign"><tr><td class="recipients"><strong>Nơi nhận:</strong><br>- Lưu: VT.</td>
  <td class="signer">KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH<div class="space"></div>Lê Thanh Hải</td></tr></table>
<div class="pagebreak"></div>
<div class="subject">DANH SÁCH KÈM THEO</div>
{% endblock %}"""


def word(orientation: str = "portrait") -> Document:
    html = Template(PAPER.replace("ORIENTATION", orientation)).render(Context({"fonts": FONTS.as_uri()}))
    return Document(BytesIO(html_to_docx(html)))


def body_texts(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text.strip()]


def close(length, mm: float) -> bool:
    return abs(length - Mm(mm)) < Mm(0.1)


def test_a4_with_the_decrees_margins_times_new_roman_and_page_numbers_from_page_two():
    doc = word()
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert close(section.page_width, 210) and close(section.page_height, 297)
    margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    assert all(close(m, mm) for m, mm in zip(margins, (20, 15, 20, 30), strict=True))
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    # The number is a PAGE field in the header; the first page has its own, empty header.
    assert section.different_first_page_header_footer
    assert " PAGE " in [t.text for t in section.header._element.iter(qn("w:instrText"))]
    assert not section.first_page_header.paragraphs[0].text


def test_a_landscape_paper_stays_landscape():
    section = word("landscape").sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert close(section.page_width, 297) and close(section.page_height, 210)


def test_the_heading_table_has_no_borders_the_list_table_has_them_and_repeats_its_header():
    doc = word()
    head, listing, sign = doc.tables
    assert [c.text for c in head.rows[0].cells][0].startswith("UBND THỊ TRẤN CAO LỘC\nKHỐI 1")
    assert (
        "CỘNG\xa0HÒA\xa0XÃ\xa0HỘI\xa0CHỦ\xa0NGHĨA\xa0VIỆT\xa0NAM" in head.rows[0].cells[1].text
    )  # one line, as printed
    assert not list(head._tbl.iter(qn("w:tcBorders"))) and not list(sign._tbl.iter(qn("w:tcBorders")))
    assert len(list(listing._tbl.iter(qn("w:tcBorders")))) == 8  # 3 + 3 + 2 cells (one spans two columns)
    header_rows = [
        row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in listing.rows
    ]
    assert header_rows == [True, False, False]
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in listing.rows)  # a row never split
    assert [c.text for c in listing.rows[1].cells] == ["1", "Hoàng Văn Đức", "2.955/3.000"]
    assert listing.rows[2].cells[1].text == listing.rows[2].cells[2].text == "Không xét – chuyển đi"
    assert listing.rows[1].cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT  # td.num
    # The STT column is narrower than the name's (widths from the content, as a browser does).
    assert listing.columns[0].width < listing.columns[1].width


def test_weight_style_case_alignment_and_line_breaks_are_kept():
    doc = word()
    texts = body_texts(doc)
    assert texts[:3] == ["BIÊN BẢN", "Họp bình xét năm 2024", "CHỦ TỊCH ỦY BAN NHÂN DÂN"]
    title = next(p for p in doc.paragraphs if p.text == "BIÊN BẢN")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].bold
    story = next(p for p in doc.paragraphs if p.text.startswith("Hôm nay"))
    assert story.text == "Hôm nay, vào hồi 19 giờ 30 phút\ntại nhà văn hóa."  # whitespace collapsed as HTML does
    assert [(r.text, r.italic, r.bold) for r in story.runs if r.text in ("19 giờ", "30")] == [
        ("19 giờ", True, False),
        ("30", False, True),
    ]
    assert story.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and story.paragraph_format.first_line_indent > 0
    plain = next(p for p in doc.paragraphs if p.text == "Kết quả:")
    assert not plain.paragraph_format.first_line_indent  # p.plain
    assert "Tỷ lệ 97,29 %." in texts


def test_the_signature_block_stays_with_what_comes_before_and_the_break_before_the_list():
    doc = word()
    sign = doc.tables[2]
    signer = sign.rows[0].cells[1]
    assert [p.text for p in signer.paragraphs if p.text] == ["KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Lê Thanh Hải"]
    assert signer.paragraphs[0].runs[0].bold and signer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    space = signer.paragraphs[1]
    assert close(space.paragraph_format.line_spacing, 25)  # the room to sign
    before = next(p for p in doc.paragraphs if p.text == "Tỷ lệ 97,29 %.")
    assert before.paragraph_format.keep_with_next  # never a signature alone on its page
    assert sign.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    annex = next(p for p in doc.paragraphs if p.text == "DANH SÁCH KÈM THEO")
    assert annex.paragraph_format.page_break_before


def test_cells_spanning_rows_and_columns_keep_their_place_in_the_grid():
    html = Template(
        """{% extends "pdf/base.html" %}{% block style %}.note { page-break-before: avoid; }{% endblock %}
{% block body %}<table class="list"><thead>
<tr><th rowspan="2">STT</th><th rowspan="2">Khối phố</th><th colspan="2">Gia đình văn hóa</th></tr>
<tr><th>Số hộ</th><th>Tỷ lệ</th></tr></thead><tbody>
<tr><td>1</td><td>Khối 1</td><td class="num">2.955</td><td class="num">97,29 %</td></tr></tbody></table>
<p class="note">Ghi chú: số liệu đã duyệt.</p>{% endblock %}"""
    ).render(Context({"fonts": FONTS.as_uri()}))
    doc = Document(BytesIO(html_to_docx(html)))
    (table,) = doc.tables
    grid = [[cell.text for cell in row.cells] for row in table.rows]
    assert grid == [
        ["STT", "Khối phố", "Gia đình văn hóa", "Gia đình văn hóa"],
        ["STT", "Khối phố", "Số hộ", "Tỷ lệ"],
        ["1", "Khối 1", "2.955", "97,29 %"],
    ]
    # Every row's piece of a cell spanning rows keeps its borders (3 + 4 + 4 cell elements).
    assert len(list(table._tbl.iter(qn("w:tcBorders")))) == 11
    header = [row._tr.trPr.find(qn("w:tblHeader")) is not None for row in table.rows]
    assert header == [True, True, False]  # both heading rows repeat on every page
    # The note asks not to be parted from the table: the table's last row keeps with it.
    assert all(p.paragraph_format.keep_with_next for cell in table.rows[2].cells for p in cell.paragraphs)


def test_sizes_in_em_are_of_the_parents_size_once_and_a_paper_numbered_on_every_page():
    html = """<html><head><style>@page { size: A4; @top-center { content: counter(page) } }
    div { font-size: 10pt } span { font-size: 1.5em }</style></head>
    <body><div>một <span>hai <b>ba</b></span></div></body></html>"""
    doc = Document(BytesIO(html_to_docx(html)))
    sizes = {r.text.strip(): r.font.size for r in doc.paragraphs[0].runs}
    assert sizes == {"một": Pt(10), "hai": Pt(15), "ba": Pt(15)}  # not 1.5 × 1.5
    section = doc.sections[0]
    assert not section.different_first_page_header_footer  # no @page :first rule: page 1 numbered too
