from django.core.management.base import BaseCommand, CommandError

from campaigns import figures_import
from caolocculture.models import User
from households.command_scope import add_commune_argument, working_in_named


class Command(BaseCommand):
    help = (
        "Nhập số liệu khối phố của một năm từ tệp Excel (.xlsx): Khối phố, Dân số, "
        "Số người tập TDTT thường xuyên, Số người được PBGDPL. Tất cả hoặc không dòng nào."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        parser.add_argument("--user", help="nhập với quyền của tài khoản này (mặc định: toàn quyền, duyệt luôn)")
        add_commune_argument(parser)

    def handle(self, *args, file: str, year: int, dry_run: bool, user: str | None, commune: str | None, **options):
        with working_in_named(commune):
            self._import(file, year, dry_run, user)

    def _import(self, file: str, year: int, dry_run: bool, user: str | None) -> None:
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Không có tài khoản '{user}'.")
        try:
            with open(file, "rb") as f:
                check = figures_import.check_file(f, year, user=actor)
        except OSError as exc:
            raise CommandError(f"Không mở được tệp {file}: {exc.strerror}") from None
        if check.ok and not dry_run:
            check = figures_import.apply_rows(check.rows, year, user=actor)
        for error in check.errors:
            self.stderr.write(str(error))
        if not check.ok:
            raise CommandError(f"Từ chối cả tệp, không ghi gì: {len(check.errors)} lỗi.")
        summary = (
            f"{len(check.new)} khối nhập mới, {len(check.updated)} khối thay đổi, {len(check.unchanged)} khối không đổi"
        )
        if dry_run:
            self.stdout.write(f"Kiểm tra xong, không ghi gì. Nếu nhập: {summary}.")
        else:
            self.stdout.write(f"Đã nhập số liệu năm {year}: {summary}.")
