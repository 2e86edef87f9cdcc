"""The households spreadsheet import: preview and confirm, against openpyxl reading the same file."""

import io
import statistics
from pathlib import Path

from django.core.files import File
from django.db import transaction
from openpyxl import Workbook

from households import services
from households.importing import HEADERS
from households.models import Block, HouseholdImport

from .floors import openpyxl_read
from .measure import timed


def households_sheet(rows: int, blocks: list[Block]) -> bytes:
    """An import file of `rows` households spread over `blocks`."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADERS)
    for i in range(rows):
        block = blocks[i % len(blocks)]
        sheet.append(
            [
                f"BENCH-{i:06d}",
                block.name,
                f"Nguyễn Văn Thử {i}",
                f"Số {i % 300}, đường Hùng Vương",
                1 + i % 6,
                f"09{i:08d}",
                "",
                "2021, 2022, 2023, 2024",
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def import_once(data: bytes, rows: int, officer, media: Path, keep=False) -> tuple[float, float, float]:
    """(openpyxl floor, preview, confirm) in seconds; the import is rolled back unless `keep`."""
    floor = timed(lambda: openpyxl_read(data))[0]
    with transaction.atomic():
        job = HouseholdImport(original_name="bench.xlsx", uploaded_by=officer, total_rows=rows)
        job.file.storage.location = str(media)  # keep the bench file out of the real uploads
        job.file.save("bench.xlsx", File(io.BytesIO(data)), save=False)
        job.save()
        preview, job = timed(lambda: services.household_import_check(household_import=job))
        assert job.status == HouseholdImport.Status.CHECKED, job.summary.get("errors", [])[:3]
        job.status = HouseholdImport.Status.APPLYING
        job.save(update_fields=["status"])
        confirm, job = timed(lambda: services.household_import_apply(household_import=job))
        assert job.status == HouseholdImport.Status.DONE
        transaction.set_rollback(not keep)
    return floor, preview, confirm


def household_import(data: bytes, rows: int, repeat: int, officer, media: Path) -> dict:
    """Medians of `repeat` imports of `rows` rows, each rolled back, and their ratios to the floor."""
    runs = [import_once(data, rows, officer, media) for _ in range(repeat)]
    floor, preview, confirm = (statistics.median(r[i] for r in runs) for i in range(3))
    ratios = sorted((p + c) / f for f, p, c in runs)
    return {
        "repeat": repeat,
        "openpyxl_read_s": round(floor, 2),
        "preview_s": round(preview, 2),
        "confirm_s": round(confirm, 2),
        "total_s": round(preview + confirm, 2),
        "ratio_to_openpyxl": round(statistics.median(ratios), 2),
        "rows_per_s": round(rows / (preview + confirm)),
        "ratio_range": [round(ratios[0], 2), round(ratios[-1], 2)],
        "preview_ratio": round(preview / floor, 2),
        "confirm_ratio": round(confirm / floor, 2),
    }
