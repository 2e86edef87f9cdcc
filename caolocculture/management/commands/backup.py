import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from caolocculture.backup import BackupError, backup
from caolocculture.backup import restore as restore_from


class Command(BaseCommand):
    help = "Sao lưu (mặc định) hoặc khôi phục (--restore THƯ_MỤC) cơ sở dữ liệu và các tệp đã tải lên."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="thư mục bản sao lưu mới (mặc định backups/backup-NGÀY-GIỜ)")
        parser.add_argument("--restore", help="khôi phục từ thư mục này: THAY THẾ toàn bộ dữ liệu hiện có")

    def handle(self, *args, output: str | None, restore: str | None, **options):
        try:
            if restore:
                manifest = restore_from(Path(restore))
                self.stdout.write(f"Đã khôi phục bản sao lưu lúc {manifest['made_at']}: {manifest['counts']}")
                return
            target = Path(output or f"backups/backup-{datetime.datetime.now():%Y%m%d-%H%M%S}")
            manifest = backup(target)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from None
        except Exception as exc:  # pg_dump / pg_restore said why on stderr
            detail = getattr(exc, "stderr", b"") or b""
            raise CommandError(f"{exc} {detail.decode(errors='replace')}") from None
        self.stdout.write(f"Đã sao lưu vào {target}: {manifest['counts']}")
