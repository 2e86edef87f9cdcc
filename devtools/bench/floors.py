"""Floors: the least a measured thing could cost, measured in the same run."""

import io

from django.db import connection
from openpyxl import load_workbook

from caolocculture.pdf import render_pdf


def openpyxl_read(data: bytes) -> int:
    """openpyxl alone reading the import file: the floor of the import."""
    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    return sum(1 for _ in sheet.iter_rows(values_only=True))


def one_page_pdf():
    """WeasyPrint laying out one page with the same font: the least a printed paper costs."""
    return render_pdf("pdf/base.html", {})


def recognised_per_block(year: int) -> list:
    """The raw aggregate a dashboard cannot do without: living households and those
    recognised, per block, for the year."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT h.block_id, count(*), count(r.id) FROM households_household h "
            "LEFT JOIN recognition_recognition r ON r.household_id = h.id AND r.title = 'GDVH' "
            "AND r.year = %s WHERE h.moved_out_on IS NULL GROUP BY h.block_id",
            [year],
        )
        return cursor.fetchall()


def household_list_rows():
    """The household list's own rows and its count, as raw SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT h.id, h.code, h.head_name, b.name FROM households_household h JOIN "
            "households_block b ON b.id = h.block_id ORDER BY b.number, h.code LIMIT 50"
        )
        cursor.fetchall()
        cursor.execute("SELECT count(*) FROM households_household")
        return cursor.fetchone()


def meeting_sheet_rows(meeting) -> list:
    """A meeting sheet's rows: the block's living households and their results, as raw SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT h.id, h.code, h.head_name, r.agreed FROM households_household h LEFT JOIN "
            "recognition_meetingresult r ON r.household_id = h.id AND r.meeting_id = %s "
            "WHERE h.block_id = %s AND h.moved_out_on IS NULL ORDER BY h.code",
            [meeting.pk, meeting.block_id],
        )
        return cursor.fetchall()
