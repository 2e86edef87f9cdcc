"""Speed figures, printed as JSON. Run on PostgreSQL for the figures docs/speed.md quotes:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/caoloc python manage.py bench

Everything it writes happens inside one transaction that is rolled back at the end,
so it can run against a database in use. Each timing comes with its floor measured in
the same run (openpyxl alone reading the same file) and the ratio, so that figures
compare across machines.
"""

import datetime
import io
import json
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from campaigns.models import BlockFigures, Organisation
from campaigns.selectors import latest_plan, plan_for_year, working_year
from campaigns.services import plan_load, read_plan_file
from caolocculture.bulk import insert_with_history
from caolocculture.models import Role, User
from caolocculture.pdf import render_pdf
from households import services, views
from households.importing import HEADERS
from households.models import Block, Commune, CulturalHouse, Household, HouseholdImport
from recognition import services as recognition
from recognition import views as recognition_views
from recognition.models import Meeting, MeetingResult, Posting, Recognition, before_app_decision
from reports import views as report_views
from reports.indicators import compute
from reports.services import report_of
from reports.yearend import yearend_pdf


def render_pdf_floor():
    """WeasyPrint laying out one page with the same font: the least a printed paper costs."""
    return render_pdf("pdf/base.html", {})


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def households_sheet(rows: int, blocks: list[Block]) -> bytes:
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


def openpyxl_read(data: bytes) -> int:
    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    return sum(1 for _ in sheet.iter_rows(values_only=True))


def page(view, user, path: str, repeat: int = 5, **kwargs) -> dict:
    """Server time (median of `repeat`) and query count of one page, without the network."""
    factory = RequestFactory()
    times, queries = [], 0
    for _ in range(repeat):
        request = factory.get(path)
        request.user = User.objects.get(pk=user.pk)  # a fresh user: no cached permissions
        request._messages = []
        with CaptureQueriesContext(connection) as captured:
            elapsed, response = timed(lambda request=request: view(request, **kwargs))
        assert response.status_code == 200, response.status_code
        times.append(elapsed)
        queries = len(captured)
    return {"ms": round(statistics.median(times) * 1000, 1), "queries": queries}


class Command(BaseCommand):
    help = "In các số đo tốc độ (JSON): nhập Excel hộ gia đình, trang danh sách hộ, trang chỉ tiêu."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000, help="số dòng của tệp nhập thử")
        parser.add_argument("--repeat", type=int, default=3, help="số lần đo nhập Excel (lấy trung vị)")
        parser.add_argument(
            "--district-households", type=int, default=50_000, help="số hộ của phép đo quy mô huyện (100 khối)"
        )
        parser.add_argument("--years", type=int, default=5, help="số năm dữ liệu của phép đo quy mô huyện")

    def import_once(self, data: bytes, rows: int, officer, media: Path, keep=False) -> tuple[float, float, float]:
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

    def recognition(self, blocks, officer) -> dict:
        """The meeting sheet of one block, and a decision over several blocks' dossiers."""
        chairman = User.objects.create(username="bench-chairman", role=Role.CHAIRMAN)
        year = working_year()  # the year the pages measured below show
        meetings = []
        for block in blocks:
            meeting = Meeting.objects.create(
                block=block,
                year=year,
                held_at=timezone.now(),
                place="Nhà văn hóa",
                chair="A",
                secretary="B",
                invited=60,
                present=50,
                threshold_percent=50,
                status=Meeting.Status.CHECKED,
            )
            Posting.objects.create(meeting=meeting, starts_on=datetime.date(year, 11, 1), days=10)
            meetings.append(meeting)
        first = meetings[0]
        insert_with_history(
            MeetingResult,
            [
                {
                    "meeting_id": first.pk,
                    "household_id": pk,
                    "year": year,
                    "agreed": 40,
                    "excluded": False,
                    "passed": True,
                    "reason": "",
                    "entered_by_id": officer.pk,
                }
                for pk in first.block.households.filter(moved_out_on__isnull=True).values_list("pk", flat=True)
            ],
        )
        sheet = page(recognition_views.meeting_detail, officer, "/", pk=first.pk)
        sheet["households"] = first.block.households.count()

        # Recognitions already on file for the year (the bench's own import) would clash: a decision year.
        decided_year = year + 1
        Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(year=decided_year)
        results = []
        chosen, total = [], 0
        for meeting in meetings:
            ids = list(meeting.block.households.filter(moved_out_on__isnull=True).values_list("pk", flat=True))
            MeetingResult.objects.filter(meeting=meeting).delete()
            results += [
                {
                    "meeting_id": meeting.pk,
                    "household_id": pk,
                    "year": decided_year,
                    "agreed": 40,
                    "excluded": False,
                    "passed": True,
                    "reason": "",
                    "entered_by_id": officer.pk,
                }
                for pk in ids
            ]
            chosen.append(meeting)
            total += len(ids)
            if total >= 3000:
                break
        insert_with_history(MeetingResult, results)
        elapsed, decision = timed(
            lambda: recognition.decision_issue(
                meetings=chosen,
                number=99,
                issued_on=datetime.date(decided_year, 12, 20),
                signer_name="A",
                signer_title="B",
                by=chairman,
            )
        )
        return {
            "meeting_page": sheet,
            "decision": {"households": decision.recognitions.count(), "blocks": len(chosen), "s": round(elapsed, 2)},
        }

    def district(self, households: int, years: int) -> dict:
        """The dashboard, its year-over-year data and the year-end PDF at district scale:
        100 blocks, `households` households, `years` years of recognitions and figures."""
        rng = random.Random(7)
        plan = plan_for_year(working_year())
        commune, last = plan.commune, plan.year
        span = list(range(last - years + 1, last + 1))
        existing = Block.objects.filter(commune=commune).count()
        Block.objects.bulk_create(
            [Block(commune=commune, number=n, name=f"Khối {n}") for n in range(existing + 1, 101)]
        )
        blocks = list(Block.objects.filter(commune=commune).order_by("number"))
        Household.objects.bulk_create(
            [
                Household(
                    block=blocks[i % len(blocks)],
                    code=f"D{i:06d}",
                    head_name=f"Hộ {i}",
                    members=1 + i % 6,
                    moved_out_on=datetime.date(last - 1, 6, 1) if i % 40 == 0 else None,
                    search_text=f"d{i:06d} ho {i}",
                )
                for i in range(households)
            ],
            batch_size=5000,
        )
        ids = list(Household.objects.filter(block__commune=commune).values_list("pk", flat=True))
        for year in span:
            family, block_title = (before_app_decision(commune, title, year) for title in ("GDVH", "TDPVH"))
            Recognition.objects.bulk_create(
                [
                    Recognition(
                        title="GDVH", year=year, household_id=pk, source="imported", valid_until=year, decision=family
                    )
                    for pk in ids
                    if rng.random() < 0.95
                ],
                batch_size=10000,
            )
            Recognition.objects.bulk_create(
                [
                    Recognition(
                        title="TDPVH", year=year, block=b, source="imported", valid_until=year, decision=block_title
                    )
                    for b in blocks
                    if rng.random() < 0.9
                ]
            )
            BlockFigures.objects.bulk_create(
                [
                    BlockFigures(
                        block=b,
                        year=year,
                        population=1200,
                        regular_exercisers=rng.randint(600, 800),
                        legal_education_reached=rng.randint(1100, 1200),
                        status="approved",
                    )
                    for b in blocks
                ]
            )
        for b in blocks:
            CulturalHouse.objects.update_or_create(block=b, defaults={"state": "in_use", "in_use_since": 2015})
        for n in range(30):
            org = Organisation.objects.create(commune=commune, name=f"Cơ quan thử {n}", kind="agency")
            Recognition.objects.create(
                title="CQVH",
                year=span[0],
                organisation=org,
                source="imported",
                valid_until=span[0] + 4,
                decision=before_app_decision(commune, "CQVH", span[0]),
            )
        Meeting.objects.bulk_create(
            [
                Meeting(
                    block=b,
                    year=last,
                    held_at=timezone.now(),
                    place="Nhà văn hóa",
                    chair="A",
                    secretary="B",
                    invited=60,
                    present=50,
                    threshold_percent=50,
                    status="decided" if b.number % 2 else "open",
                )
                for b in blocks
            ]
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        steering = User.objects.create(username="bench-bcd", role=Role.STEERING)
        result = {
            "blocks": len(blocks),
            "households": len(ids),
            "years": span,
            "recognitions": Recognition.objects.count(),
        }

        def floor_sql():
            # The raw aggregate a dashboard cannot do without: living households and those
            # recognised, per block, for the year.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT h.block_id, count(*), count(r.id) FROM households_household h "
                    "LEFT JOIN recognition_recognition r ON r.household_id = h.id AND r.title = 'GDVH' "
                    "AND r.year = %s WHERE h.moved_out_on IS NULL GROUP BY h.block_id",
                    [last],
                )
                return cursor.fetchall()

        floor = statistics.median(timed(floor_sql)[0] for _ in range(5))
        dashboard = page(report_views.home, steering, "/")
        result["dashboard"] = {
            **dashboard,
            "floor_sql_ms": round(floor * 1000, 1),
            "ratio_to_floor": round(dashboard["ms"] / (floor * 1000), 2),
        }
        result["dashboard_history_json"] = page(report_views.history_json, steering, f"/?year={last}")
        report = report_of(plan)
        pdf_runs = [timed(lambda: yearend_pdf(report)) for _ in range(3)]
        pdf_s = statistics.median(t for t, _ in pdf_runs)
        minimal = statistics.median(timed(lambda: render_pdf_floor())[0] for _ in range(3))
        result["yearend_pdf"] = {
            "s": round(pdf_s, 2),
            "pages": pdf_runs[0][1][1],
            "floor_one_page_s": round(minimal, 2),
            "ratio_to_floor": round(pdf_s / minimal, 2),
        }
        with CaptureQueriesContext(connection) as captured:
            compute(plan)
        engine_ms = round(statistics.median(timed(lambda: compute(plan))[0] for _ in range(5)) * 1000, 1)
        result["engine"] = {
            "ms": engine_ms,
            "queries": len(captured),
            "floor_sql_ms": round(floor * 1000, 1),
            "ratio_to_floor": round(engine_ms / (floor * 1000), 2),
        }

        officer = User.objects.create(username="bench-district-officer", role=Role.OFFICER)

        def list_floor():
            # The list's own rows and its count, as raw SQL.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT h.id, h.code, h.head_name, b.name FROM households_household h JOIN "
                    "households_block b ON b.id = h.block_id ORDER BY b.number, h.code LIMIT 50"
                )
                cursor.fetchall()
                cursor.execute("SELECT count(*) FROM households_household")
                return cursor.fetchone()

        floor = statistics.median(timed(list_floor)[0] for _ in range(5))
        listing = page(views.household_list, officer, "/ho/")
        result["household_list"] = {
            **listing,
            "floor_sql_ms": round(floor * 1000, 1),
            "ratio_to_floor": round(listing["ms"] / (floor * 1000), 2),
        }
        searching = page(views.household_list, officer, "/ho/?q=ho+4999")
        result["household_list_search"] = searching

        meeting = Meeting.objects.filter(year=last).select_related("block").first()
        meeting.status = "open"
        meeting.save(update_fields=["status"])

        def sheet_floor():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT h.id, h.code, h.head_name, r.agreed FROM households_household h LEFT JOIN "
                    "recognition_meetingresult r ON r.household_id = h.id AND r.meeting_id = %s "
                    "WHERE h.block_id = %s AND h.moved_out_on IS NULL ORDER BY h.code",
                    [meeting.pk, meeting.block_id],
                )
                return cursor.fetchall()

        floor = statistics.median(timed(sheet_floor)[0] for _ in range(5))
        sheet = page(recognition_views.meeting_detail, officer, "/", pk=meeting.pk)
        result["meeting_page"] = {
            **sheet,
            "households": meeting.block.households.count(),
            "floor_sql_ms": round(floor * 1000, 1),
            "ratio_to_floor": round(sheet["ms"] / (floor * 1000), 2),
        }
        return result

    def handle(self, *args, rows: int, repeat: int, **options):
        report = {"database": connection.vendor, "rows": rows}
        media = Path(tempfile.mkdtemp(prefix="bench-"))
        with transaction.atomic():
            if not Commune.objects.exists():
                plan_load(data=read_plan_file())
            officer = User.objects.create(username="bench-officer", role=Role.OFFICER)
            blocks = list(Block.objects.order_by("number"))
            data = households_sheet(rows, blocks)

            runs = [self.import_once(data, rows, officer, media) for _ in range(repeat)]
            floor, preview, confirm = (statistics.median(r[i] for r in runs) for i in range(3))
            ratios = sorted((p + c) / f for f, p, c in runs)
            report["import"] = {
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
            # The pages are measured with the imported households in place.
            self.import_once(data, rows, officer, media, keep=True)

            report["households_in_db"] = Household.objects.count()
            report["household_list"] = page(views.household_list, officer, "/ho/")
            report["household_list_search"] = page(views.household_list, officer, "/ho/?q=nguyen+van+thu+99")
            report["block_page"] = page(views.block_detail, officer, "/", pk=blocks[0].pk)
            if latest_plan():
                report["home"] = page(report_views.home, officer, "/")
                report.update(self.recognition(blocks, officer))
            transaction.set_rollback(True)
        with transaction.atomic():
            if not Commune.objects.exists():
                plan_load(data=read_plan_file())
            report["district"] = self.district(options["district_households"], options["years"])
            transaction.set_rollback(True)
        shutil.rmtree(media)
        self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
