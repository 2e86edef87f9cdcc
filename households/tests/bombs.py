"""Hostile spreadsheets: real, valid workbooks with one part swollen, written a chunk at a
time so building them costs the test little memory."""

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

from households.importing import HEADERS

SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_FOOT = b"</sheetData></worksheet>"
STRINGS_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
STRINGS_FOOT = b"</sst>"


def _base(header=HEADERS) -> zipfile.ZipFile:
    workbook = Workbook()
    workbook.active.append(list(header))
    out = io.BytesIO()
    workbook.save(out)
    return zipfile.ZipFile(out)


def swollen(path: Path, part: str, head: bytes, body: bytes, repeat: int, foot: bytes, header=HEADERS) -> Path:
    """A workbook whose `part` is head + body * repeat + foot, deflated, the rest as openpyxl saves it."""
    base = _base(header)
    names = base.namelist()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name in names:
            if name == part:
                continue
            data = base.read(name)
            if part.endswith("sharedStrings.xml") and name == "[Content_Types].xml" and b"sharedStrings" not in data:
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if (
                part.endswith("sharedStrings.xml")
                and name == "xl/_rels/workbook.xml.rels"
                and b"sharedStrings" not in data
            ):
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdSS" Type="http://schemas.openxml'
                    b'formats.org/officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            out.writestr(name, data)
        with out.open(part, "w", force_zip64=True) as stream:
            stream.write(head)
            if not body or not repeat:
                stream.write(foot)
                return path
            block = body * max(1, (1024 * 1024) // len(body))
            per_block = len(block) // len(body)
            written = 0
            while written + per_block <= repeat:
                stream.write(block)
                written += per_block
            stream.write(body * (repeat - written))
            stream.write(foot)
    return path


def shared_strings_bomb(path: Path, megabytes: int = 300) -> Path:
    """sharedStrings.xml of `megabytes` MB of one short string repeated (400 KB packed)."""
    body = b"<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>"
    return swollen(path, "xl/sharedStrings.xml", STRINGS_HEAD, body, megabytes * 1024 * 1024 // len(body), STRINGS_FOOT)


def empty_rows(path: Path, rows: int, header=HEADERS, dimension: str | None = None) -> Path:
    """sheet1.xml: the header, then `rows` empty rows, with no <dimension> (or the one given)."""
    cells = b"".join(
        b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + i).encode(), h.encode())
        for i, h in enumerate(header)
    )
    head = SHEET_HEAD
    if dimension:
        head = head.replace(b"<sheetData>", b'<dimension ref="%s"/><sheetData>' % dimension.encode())
    head += b'<row r="1">' + cells + b"</row>"
    return swollen(path, "xl/worksheets/sheet1.xml", head, b"<row/>", rows, SHEET_FOOT, header=header)


def rows_sheet(path: Path, rows: list[list[str]], header=HEADERS, dimension: str | None = None) -> Path:
    """sheet1.xml written by hand (inline strings), with the <dimension> given or none."""

    def xml_row(values):
        return (
            b"<row>"
            + b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % str(v).encode() for v in values)
            + b"</row>"
        )

    head = SHEET_HEAD
    if dimension:
        head = head.replace(b"<sheetData>", b'<dimension ref="%s"/><sheetData>' % dimension.encode())
    body = b"".join(xml_row(r) for r in [header, *rows])
    return swollen(path, "xl/worksheets/sheet1.xml", head + body, b"", 0, SHEET_FOOT, header=header)
