"""The gallery (`manage.py papers`): every paper the demo can produce, each read back with
pdftotext for what it must carry and for a signature block left alone on a page; the Word
copies open in python-docx and carry the same; the spreadsheet forms open in openpyxl."""

import shutil
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from conftest import require_service
from devtools.demo import demo_seed
from devtools.gallery import PAPERS, orphaned_signature_pages, pdf_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def gallery(plan, tmp_path, capsys):
    require_service(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils)")
    demo_seed(households_per_block=6)
    call_command("papers", "--year", "2024", "--output", str(tmp_path))
    return tmp_path, capsys.readouterr().out


def test_every_paper_of_the_demo_is_written_and_carries_what_its_form_requires(gallery):
    folder, out = gallery
    files = sorted(p.name for p in folder.iterdir())
    assert f"Đã ghi {len(files)} tệp vào {folder}." in out and "bỏ qua" not in out
    problems = []  # every paper read before failing, so one run names them all
    for number, paper in enumerate(PAPERS, start=1):
        stem = f"{number:02d}-{paper.name}-2024"
        if not [name for name in files if name.startswith(stem + ".")]:
            problems.append(f"{paper.name}: nothing from the demo")
            continue
        if paper.source or paper.pdf:
            pages = pdf_pages(folder / f"{stem}.pdf")
            printed = " ".join(" ".join(pages).split())
            if missing := [item for item in paper.required if item not in printed]:
                problems.append(f"{stem}.pdf lacks {missing}")
            if orphaned := orphaned_signature_pages(pages, paper.signature):
                problems.append(f"{stem}.pdf: the signature alone on page {orphaned}")
        if paper.word:
            doc = Document(folder / f"{stem}.docx")
            words = " ".join(" ".join(doc.element.body.itertext()).replace("\xa0", " ").split())
            if missing := [item for item in paper.required if item not in words]:
                problems.append(f"{stem}.docx lacks {missing}")
        if paper.xlsx and not load_workbook(BytesIO((folder / f"{stem}.xlsx").read_bytes())).sheetnames:
            problems.append(f"{stem}.xlsx has no sheet")
    assert not problems, "\n".join(problems)


def test_a_signature_alone_at_the_top_of_a_page_is_found():
    body = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQUYẾT ĐỊNH\nĐiều 3. Thi hành.\n"
    signature = "Nơi nhận:                         CHỦ TỊCH\n- Như Điều 3;\n- Lưu: VT.\n\n          Lê Thanh Hải\n"
    assert orphaned_signature_pages([body, "      2\n\n" + signature], ("Nơi nhận:",)) == [2]
    assert orphaned_signature_pages([body + signature, "  2\nDANH SÁCH\n1 Hoàng Văn Đức"], ("Nơi nhận:",)) == []


def test_a_year_without_a_plan_has_no_gallery(plan, tmp_path):
    with pytest.raises(CommandError, match="Chưa có kế hoạch năm 2019"):
        call_command("papers", "--year", "2019", "--output", str(tmp_path))
