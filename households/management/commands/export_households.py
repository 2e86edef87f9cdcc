from django.core.management.base import BaseCommand, CommandError

from caolocculture.audit import export_recorded
from caolocculture.models import PersonalDataExport, User
from caolocculture.permissions import Action
from households.command_scope import add_commune_argument, working_in_named
from households.exporting import export_households
from households.importing import years_in_files_for
from households.models import Block, Commune, Household
from households.selectors import households_for
from recognition.selectors import title_years_by_household


class Command(BaseCommand):
    help = "Xuất danh sách hộ gia đình ra tệp Excel (.xlsx), cùng các cột của tệp nhập."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--block", type=int, help="số khối phố, ví dụ 1")
        parser.add_argument("--user", help="chỉ xuất những hộ tài khoản này được xem")
        add_commune_argument(parser)

    def handle(self, *args, file: str, block: int | None, user: str | None, commune: str | None, **options):
        with working_in_named(commune) as unit:
            self._export(file, block, user, unit)

    def _export(self, file: str, block: int | None, user: str | None, commune: Commune | None) -> None:
        households = Household.objects.filter(commune=commune)
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Không có tài khoản '{user}'.")
            households = households_for(actor, Action.VIEW_BLOCK)
        if block is not None:
            if not Block.objects.filter(commune=commune, number=block).exists():
                raise CommandError(f"Không có khối {block}.")
            households = households.filter(block__number=block)
        try:
            title_years = title_years_by_household(households) if years_in_files_for(actor if user else None) else None
            count = export_households(households, file, title_years=title_years)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {file}: {exc.strerror}") from None
        export_recorded(
            user=None,
            kind=PersonalDataExport.Kind.HOUSEHOLDS_XLSX,
            rows=count,
            detail=f"lệnh export_households --block {block or 'tất cả'} --user {user or 'toàn quyền'}",
        )
        self.stdout.write(f"Đã xuất {count} hộ ra {file}.")
