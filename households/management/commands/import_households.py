from django.core.management.base import BaseCommand, CommandError

from caolocculture.models import User
from households import importing
from households.command_scope import add_commune_argument, working_in_named


class Command(BaseCommand):
    help = "Nhập danh sách hộ gia đình từ tệp Excel (.xlsx): tất cả hoặc không dòng nào."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        parser.add_argument("--user", help="nhập với quyền của tài khoản này (mặc định: toàn quyền)")
        add_commune_argument(parser)

    def handle(self, *args, file: str, dry_run: bool, user: str | None, commune: str | None, **options):
        with working_in_named(commune):
            self._import(file, dry_run, user)

    def _import(self, file: str, dry_run: bool, user: str | None) -> None:
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Không có tài khoản '{user}'.")
        try:
            with open(file, "rb") as f:
                check = importing.check_file(f, user=actor)
        except OSError as exc:
            raise CommandError(f"Không mở được tệp {file}: {exc.strerror}") from None
        if check.ok and not dry_run:
            check = importing.apply_rows(check.rows, user=actor)
        for error in check.errors:
            self.stderr.write(str(error))
        summary = (
            f"{len(check.new)} hộ mới, {len(check.updated)} hộ cập nhật, {len(check.unchanged)} hộ không đổi, "
            f"{check.recognitions} lượt công nhận Gia đình văn hóa thêm"
        )
        if not check.ok:
            raise CommandError(f"Từ chối cả tệp, không ghi gì: {len(check.errors)} lỗi.")
        if dry_run:
            self.stdout.write(f"Kiểm tra xong, không ghi gì. Nếu nhập: {summary}.")
        else:
            self.stdout.write(f"Đã nhập: {summary}.")
