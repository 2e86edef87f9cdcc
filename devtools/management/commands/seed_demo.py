from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from caolocculture.scope import working_in
from devtools.demo import DEMO_PASSWORD, DemoAlreadyLoaded, demo_communes, demo_seed
from households.models import Block, Commune


class Command(BaseCommand):
    help = _("Thêm dữ liệu mẫu (có ghi nhãn 'Dữ liệu mẫu') và tài khoản dùng thử. Chỉ chạy khi DEBUG bật.")

    def add_arguments(self, parser):
        parser.add_argument("--households-per-block", type=int, default=300)
        parser.add_argument(
            "--communes",
            type=int,
            default=1,
            help=_("số đơn vị của tỉnh mẫu: đơn vị đầu là thị trấn Cao Lộc, các đơn vị sau được sinh ra"),
        )
        parser.add_argument(
            "--other-households-per-block",
            type=int,
            default=40,
            help=_("số hộ mỗi thôn, khối của các đơn vị được sinh ra (mặc định 40)"),
        )

    def handle(self, *args, households_per_block: int, communes: int, other_households_per_block: int, **options):
        if communes < 1 or other_households_per_block < 1:
            raise CommandError(_("Số đơn vị và số hộ mỗi thôn, khối phải từ 1 trở lên."))
        self._seed_first(households_per_block)
        if communes > 1:
            self._seed_others(communes, other_households_per_block)

    def _seed_others(self, communes: int, per_block: int) -> None:
        result = demo_communes(count=communes, households_per_block=per_block)
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner: right after a bulk load of a province it would
            # join 70,000 households by nested loops (1.6 s a commune) until autovacuum came by.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            _("Đã thêm %(c)d đơn vị mẫu, %(h)d hộ và %(r)d lượt công nhận.")
            % {"c": len(result["communes"]), "h": result["households"], "r": result["recognitions"]}
        )
        if result["created"]:
            self.stdout.write(
                _("Tài khoản mới (mật khẩu: %(pw)s): %(names)s")
                % {"pw": DEMO_PASSWORD, "names": ", ".join(u.username for u in result["created"][:12])}
                + (" …" if len(result["created"]) > 12 else "")
            )

    def _seed_first(self, households_per_block: int) -> None:
        if not settings.DEBUG:
            raise CommandError(_("Từ chối: không tạo dữ liệu mẫu khi DEBUG tắt (môi trường thật)."))
        if not Block.objects.exists():
            raise CommandError(_("Chưa có khối phố. Hãy chạy 'python manage.py load_plan' trước."))
        try:
            # The seed's commune is the installation's first (the others come after it).
            with working_in(Commune.objects.installation().first()):
                result = demo_seed(households_per_block=households_per_block)
        except DemoAlreadyLoaded:
            self.stdout.write(_("Dữ liệu mẫu đã có, không thêm lần nữa."))
            self.stdout.write(
                _("Tài khoản dùng thử: canbo, chutich, bcd, khoi1 … khoi10, quantri (mật khẩu: %(pw)s nếu chưa đổi).")
                % {"pw": DEMO_PASSWORD}
            )
            return
        self.stdout.write(
            _("Đã thêm %(h)d hộ và %(r)d lượt công nhận (dữ liệu mẫu).")
            % {"h": result["households"], "r": result["recognitions"]}
        )
        if result["created"]:
            self.stdout.write(_("Tài khoản dùng thử mới (mật khẩu: %(pw)s):") % {"pw": DEMO_PASSWORD})
            for user in result["created"]:
                self.stdout.write(f"  {user.username:<8} – {user.get_role_display()} {user}")
