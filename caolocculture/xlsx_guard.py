"""What an uploaded .xlsx may unpack to, checked before openpyxl sees it.

An .xlsx is a zip: 400 KB of deflated repeated bytes can unpack to hundreds of megabytes
of shared strings, which openpyxl keeps in memory whole. `check_xlsx` reads the zip's
directory (the sizes each part declares), then every part itself, streaming, so a
directory that lies is caught too; it stops as soon as a bound is passed. With `deep` it
also parses the XML a chunk at a time and counts what openpyxl would hold: rows, the width
of a row (openpyxl builds a whole row at once) and elements it keeps as a tree.
"""

import xml.parsers.expat
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MB = 1024 * 1024
MAX_PARTS = 200
MAX_PART_BYTES = 60 * MB  # any one part, unpacked
MAX_TOTAL_BYTES = 100 * MB  # all parts together, unpacked
MAX_SHARED_STRINGS_BYTES = 15 * MB  # kept in memory whole by openpyxl, as Python strings
MAX_RATIO = 100  # unpacked : packed, for any part and the whole file once over RATIO_FROM
RATIO_FROM = 1 * MB
MAX_ROWS = 60_000  # rows under the header, blank or not; the imports count again as they read
MAX_CELLS_PER_ROW = 16_384  # Excel's own last column (XFD)
MAX_ELEMENTS_PER_ROW = 8 * MAX_CELLS_PER_ROW  # a cell's value, formula, rich text runs
# Elements openpyxl keeps in memory as a tree: a whole small part (styles, workbook), or what
# lies outside the rows of a sheet and the strings of the shared strings.
MAX_LOOSE_ELEMENTS = 200_000
CHUNK = 1 * MB


class SpreadsheetRefused(ValidationError):
    """The file is refused before it is read; its message says why, in Vietnamese."""


def _unreadable() -> SpreadsheetRefused:
    return SpreadsheetRefused(_("tệp không phải tệp Excel .xlsx đọc được"), code="unreadable")


def _too_big() -> SpreadsheetRefused:
    return SpreadsheetRefused(
        _(
            "tệp Excel giải nén ra quá lớn (giới hạn %(total)d MB, mỗi phần %(part)d MB, nén không quá %(ratio)d lần): "
            "đây không phải bảng tính thông thường; hãy lưu lại bảng tính chỉ với dữ liệu cần nhập"
        )
        % {"total": MAX_TOTAL_BYTES // MB, "part": MAX_PART_BYTES // MB, "ratio": MAX_RATIO},
        code="too_big",
    )


def too_many_rows(rows: int) -> SpreadsheetRefused:
    return SpreadsheetRefused(
        _(
            "tệp có hơn %(rows)s dòng (kể cả dòng trống): quá giới hạn một lần nhập; hãy xóa các dòng thừa hoặc "
            "chia thành nhiều tệp"
        )
        % {"rows": f"{rows:,}".replace(",", ".")},
        code="too_many_rows",
    )


def _too_complex() -> SpreadsheetRefused:
    return SpreadsheetRefused(
        _("tệp có dòng dài quá %(cells)s ô hoặc quá nhiều thành phần ngoài dữ liệu: không phải bảng tính thông thường")
        % {"cells": f"{MAX_CELLS_PER_ROW:,}".replace(",", ".")},
        code="too_complex",
    )


def _part_limit(info: zipfile.ZipInfo) -> int:
    return MAX_SHARED_STRINGS_BYTES if info.filename.lower().endswith("sharedstrings.xml") else MAX_PART_BYTES


def _over_ratio(size: int, packed: int) -> bool:
    return size > RATIO_FROM and size > MAX_RATIO * max(packed, 1)


def check_xlsx(file, *, deep: bool = True, max_rows: int = MAX_ROWS) -> None:
    """Refuse (SpreadsheetRefused) a file whose parts unpack beyond the bounds above;
    a file object is left at its start. `file` is a path or a binary file object.

    Every part is unpacked, streaming, and counted; `deep` also parses the XML (expat,
    a chunk at a time), about a second per 10 MB unpacked: the imports run it; a web
    request holding a large upload runs only the rest."""
    try:
        _check(file, deep, max_rows)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        KeyError,
        NotImplementedError,
        RuntimeError,
        xml.parsers.expat.ExpatError,
    ):
        # damaged, encrypted, not XML, or a compression method zipfile does not know
        raise _unreadable() from None
    finally:
        if hasattr(file, "seek"):
            file.seek(0)


def _check(file, deep: bool, max_rows: int) -> None:
    with zipfile.ZipFile(file) as archive:
        parts = [p for p in archive.infolist() if not p.is_dir()]
        if len(parts) > MAX_PARTS:
            raise SpreadsheetRefused(
                _("tệp Excel có quá %(parts)d phần bên trong: không phải bảng tính thông thường")
                % {"parts": MAX_PARTS},
                code="too_many_parts",
            )
        # What the directory declares: cheap, and refuses most bombs without unpacking a byte.
        packed = sum(p.compress_size for p in parts)
        declared = sum(p.file_size for p in parts)
        if declared > MAX_TOTAL_BYTES or _over_ratio(declared, packed):
            raise _too_big()
        for part in parts:
            if part.file_size > _part_limit(part) or _over_ratio(part.file_size, part.compress_size):
                raise _too_big()
        # What the parts really hold, read a chunk at a time: stop at the first bound passed.
        total = 0
        for part in parts:
            scan = _scanner(part.filename, max_rows) if deep else None
            size = 0
            with archive.open(part) as stream:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if (
                        size > _part_limit(part)
                        or total > MAX_TOTAL_BYTES
                        or _over_ratio(total, packed)
                        or _over_ratio(size, part.compress_size)
                    ):
                        raise _too_big()
                    if scan is not None:
                        scan.feed(chunk)
            if scan is not None:
                scan.close()


def _scanner(name: str, max_rows: int) -> "_Scan | None":
    name = name.lower()
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return _Scan(container="row", depth=3, max_containers=max_rows + 1)  # the header is a row too
    if name.endswith("sharedstrings.xml"):
        return _Scan(container="si", depth=2)
    if name.endswith((".xml", ".rels")):
        return _Scan()
    return None  # pictures and the like: openpyxl's read-only mode does not open them


class _Scan:
    """Counts elements as openpyxl will hold them: rows (or shared strings) are read one at
    a time and dropped, anything else stays in memory. No DOCTYPE: no entities to expand."""

    def __init__(self, container: str | None = None, depth: int = 0, max_containers: int | None = None):
        self.container, self.container_depth, self.max_containers = container, depth, max_containers
        self.depth = self.containers = self.loose = self.inside = self.cells = 0
        self.in_container = False
        parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.doctype
        self.parser = parser

    def doctype(self, *args) -> None:
        raise _unreadable()

    def start(self, name: str, attributes) -> None:
        self.depth += 1
        local = name.rpartition(" ")[2]
        if self.in_container:
            self.inside += 1
            if local == "c":
                self.cells += 1
            if self.inside > MAX_ELEMENTS_PER_ROW or self.cells > MAX_CELLS_PER_ROW:
                raise _too_complex()
        elif self.depth == self.container_depth and local == self.container:
            self.in_container, self.inside, self.cells = True, 0, 0
            self.containers += 1
            if self.max_containers is not None and self.containers > self.max_containers:
                raise too_many_rows(self.max_containers - 1)
        else:
            self.loose += 1
            if self.loose > MAX_LOOSE_ELEMENTS:
                raise _too_complex()

    def end(self, name: str) -> None:
        if self.depth == self.container_depth:
            self.in_container = False
        self.depth -= 1

    def feed(self, chunk: bytes) -> None:
        self.parser.Parse(chunk, False)

    def close(self) -> None:
        self.parser.Parse(b"", True)
