import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.selectors import plan_years
from devtools.gallery import PAPERS, orphaned_signature_pages, pdf_pages, write_gallery
from households.command_scope import add_commune_argument, working_in_named


class Command(BaseCommand):
    help = _(
        "Ghi mọi văn bản in được từ dữ liệu của một năm (PDF, bản Word .docx, biểu Excel) vào một thư mục, "
        "để đọc đối chiếu với mẫu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--output", type=Path, required=True)
        add_commune_argument(parser)

    def handle(self, *args, year: int, output: Path, commune: str | None, **options):
        with working_in_named(commune):
            self._write(year, output)

    def _write(self, year: int, output: Path) -> None:
        if year not in plan_years():
            raise CommandError(
                _("Chưa có kế hoạch năm %(year)d: hãy chạy 'python manage.py load_plan' trước.") % {"year": year}
            )
        written = write_gallery(year, output)
        readable = shutil.which("pdftotext") and shutil.which("pdfinfo")  # poppler-utils, to read the PDFs back
        for paper, path in written:
            line = f"  {path.name}"
            if readable and path.suffix == ".pdf":
                pages = pdf_pages(path)
                line += " " + _("(%(n)d trang)") % {"n": len(pages)}
                orphaned = orphaned_signature_pages(pages, paper.signature)
                if orphaned:
                    line += " " + _("– chữ ký đứng riêng ở trang %(pages)s") % {"pages": ", ".join(map(str, orphaned))}
            self.stdout.write(line)
        made = {paper.name for paper, _path in written}
        for paper in PAPERS:
            if paper.name not in made:
                self.stdout.write(
                    _("  (bỏ qua %(name)s: dữ liệu năm %(year)d chưa có văn bản này)")
                    % {"name": paper.name, "year": year}
                )
        self.stdout.write(_("Đã ghi %(n)d tệp vào %(dir)s.") % {"n": len(written), "dir": output})
