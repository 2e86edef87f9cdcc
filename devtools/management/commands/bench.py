"""Speed figures, printed as JSON (the bench itself is devtools/bench/). Run on PostgreSQL
for the figures docs/speed.md quotes:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/caoloc python manage.py bench

Everything it writes happens inside transactions that are rolled back at the end,
so it can run against a database in use.
"""

import json
import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from devtools.bench.commune import commune, commune_ready
from devtools.bench.district import district
from devtools.bench.province import province


class Command(BaseCommand):
    help = "In các số đo tốc độ (JSON): nhập Excel hộ gia đình, trang danh sách hộ, trang chỉ tiêu."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000, help="số dòng của tệp nhập thử")
        parser.add_argument("--repeat", type=int, default=3, help="số lần đo nhập Excel (lấy trung vị)")
        parser.add_argument(
            "--district-households", type=int, default=50_000, help="số hộ của phép đo quy mô huyện (100 khối)"
        )
        parser.add_argument("--years", type=int, default=5, help="số năm dữ liệu của phép đo quy mô huyện, tỉnh")
        parser.add_argument(
            "--province", action="store_true", help="thêm phép đo quy mô tỉnh (trang toàn tỉnh đọc số liệu tổng hợp)"
        )
        parser.add_argument("--communes", type=int, default=65, help="số xã của phép đo quy mô tỉnh")
        parser.add_argument("--households", type=int, default=200_000, help="số hộ của phép đo quy mô tỉnh")
        parser.add_argument(
            "--only-province", action="store_true", help="chỉ đo quy mô tỉnh (bỏ qua phép đo xã và huyện)"
        )

    def handle(self, *args, rows: int, repeat: int, district_households: int, years: int, **options):
        report = {"database": connection.vendor, "rows": rows}
        if not options["only_province"]:
            media = Path(tempfile.mkdtemp(prefix="bench-"))  # the import files, out of the real uploads
            with transaction.atomic():
                commune_ready()
                report.update(commune(rows, repeat, media))
                transaction.set_rollback(True)
            with transaction.atomic():
                commune_ready()
                report["district"] = district(district_households, years)
                transaction.set_rollback(True)
            shutil.rmtree(media)
        if options["province"] or options["only_province"]:
            with transaction.atomic():
                commune_ready()
                report["province"] = province(options["communes"], options["households"], years)
                transaction.set_rollback(True)
        self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
