from django.core.management.base import BaseCommand, CommandError

from campaigns.services import SEED_PLAN, plan_load, read_plan_file


class Command(BaseCommand):
    help = "Nạp kế hoạch năm (mặc định: kế hoạch 2024 của thị trấn) vào cơ sở dữ liệu; chạy lại không ghi đè."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(SEED_PLAN), help="tệp kế hoạch JSON")

    def handle(self, *args, file: str, **options):
        try:
            data = read_plan_file(file)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Không đọc được tệp kế hoạch {file}: {exc}") from None
        report = plan_load(data=data)
        if report.added:
            self.stdout.write(f"Thêm mới ({len(report.added)}): " + "; ".join(report.added))
        if report.kept:
            self.stdout.write(
                f"Giữ nguyên, không ghi đè ({len(report.kept)}): " + "; ".join(report.kept)
            )
        if not report.added:
            self.stdout.write("Không có gì mới: dữ liệu đã có đủ.")
