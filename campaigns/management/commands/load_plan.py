from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.services import SEED_PLAN, PlanFileError, plan_load, read_plan_file


class Command(BaseCommand):
    help = _("Nạp kế hoạch năm (mặc định: kế hoạch 2024 có sẵn) vào cơ sở dữ liệu; chạy lại không ghi đè.")

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(SEED_PLAN), help=_("tệp kế hoạch JSON"))

    def handle(self, *args, file: str, **options):
        try:
            data = read_plan_file(file)
        except (OSError, ValueError) as exc:
            message = _("Không đọc được tệp kế hoạch %(file)s: %(error)s") % {"file": file, "error": exc}
            raise CommandError(message) from None
        try:
            report = plan_load(data=data)
        except PlanFileError as exc:
            raise CommandError(_("Không nạp gì: %(error)s.") % {"error": exc}) from None
        if report.added:
            self.stdout.write(
                _("Thêm mới (%(n)d): %(items)s") % {"n": len(report.added), "items": "; ".join(report.added)}
            )
        if report.kept:
            self.stdout.write(_("Giữ nguyên, không ghi đè: %(items)s") % {"items": "; ".join(report.kept)})
        if not report.added:
            self.stdout.write(_("Không có gì mới: dữ liệu đã có đủ."))
