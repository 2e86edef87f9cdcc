from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.selectors import PlanNotFound, plan_for_year
from households.command_scope import add_commune_argument, working_in_named
from reports.management.commands.indicators import year_argument
from reports.services import report_of
from reports.yearend import yearend_pdf


class Command(BaseCommand):
    help = _("In báo cáo tổng kết của một năm ra tệp PDF, từ dữ liệu trên hệ thống.")

    def add_arguments(self, parser):
        parser.add_argument("--year", help=_("năm của kế hoạch, ví dụ 2024; mặc định: năm làm việc"))
        parser.add_argument("--output", required=True, help=_("tệp PDF sẽ ghi, ví dụ bao-cao-2024.pdf"))
        add_commune_argument(parser)

    def handle(self, *args, year, output: str, commune: str | None, **options):
        with working_in_named(commune) as unit:
            self._print(year_argument(year, unit), output)

    def _print(self, year: int, output: str) -> None:
        try:
            plan = plan_for_year(year)
        except PlanNotFound:
            raise CommandError(_("Không có kế hoạch năm %(year)d.") % {"year": year}) from None
        data, pages = yearend_pdf(report_of(plan))
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            raise CommandError(
                _("Không ghi được tệp %(file)s: %(error)s") % {"file": output, "error": exc.strerror}
            ) from None
        self.stdout.write(_("Đã ghi %(file)s: %(pages)d trang.") % {"file": output, "pages": pages})
