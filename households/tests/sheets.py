"""Spreadsheets for tests, written with openpyxl the way Excel saves them."""

import io

from openpyxl import Workbook, load_workbook

from households.importing import HEADERS


def xlsx(rows, header=HEADERS) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    if header is not None:
        sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    out.name = "ho.xlsx"
    return out


def row(
    code="K01-001",
    block="Khối 1",
    head="Nguyễn Văn An",
    address="Số 1",
    members=4,
    phone="0912345678",
    note="",
    years="",
):
    return [code, block, head, address, members, phone, note, years]


def read_back(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]
