"""The gallery of papers: every paper the app prints, made from the data of one year (the demo's),
so a reviewer can read them all side by side with the official forms (`manage.py papers`).

A registry: each Paper names its file, says how it is made (its template and context, from which
both the PDF and the Word copy come, or a builder of the PDF) and what it must carry (checked by
devtools/tests/test_gallery.py with pdftotext). A paper added to the app is one entry here."""

import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from campaigns.models import Plan
from campaigns.papers import plan_document_context
from caolocculture.docx import render_docx
from caolocculture.pdf import render_pdf
from households.models import Block
from recognition import dossier_papers, papers
from recognition.models import BlockTitleDossier, Decision, Meeting, Title
from reports import upward
from reports.exporting import statistics_workbook
from reports.indicators import compute
from reports.models import YearEndReport
from reports.selectors import blocks_of, preparer_for
from reports.yearend import report_context

Source = tuple[str, dict]
# The heading every paper of the decree carries (Nghị định 30/2020, Phụ lục I).
NATION = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass(frozen=True)
class Paper:
    """One paper: `name` is its file name without the number and extension. `source` gives its
    template and context for the year (None: the data has nothing to print), from which come the
    PDF and, when `word`, the .docx; or `pdf` builds the PDF itself; `xlsx` a spreadsheet form.
    `required`: what its text must carry; `signature`: the first line of its signature block,
    which must never open a page (a signature alone on its page)."""

    name: str
    source: Callable[[int], Source | None] | None = None
    word: bool = False
    pdf: Callable[[int], bytes | None] | None = None
    xlsx: Callable[[int], bytes | None] | None = None
    required: tuple[str, ...] = ()
    signature: tuple[str, ...] = field(default=())

    def files(self, year: int) -> dict[str, bytes]:
        """The paper's files for the year by extension ({} when there is nothing to print)."""
        out: dict[str, bytes] = {}
        source = self.source(year) if self.source else None
        if source is not None:
            out["pdf"] = render_pdf(*source)
            if self.word:
                out["docx"] = render_docx(*source)
        elif self.pdf is not None and (data := self.pdf(year)) is not None:
            out["pdf"] = data
        if self.xlsx is not None and (sheet := self.xlsx(year)) is not None:
            out["xlsx"] = sheet
        return out


# -- finding the year's objects --------------------------------------------------------------


def _meeting(year: int, decided: bool = True) -> Meeting | None:
    """The first block's meeting that reached its decision (or at least its posting)."""
    meetings = Meeting.objects.filter(year=year).select_related("block__commune", "posting")
    if decided:
        meetings = meetings.filter(status=Meeting.Status.DECIDED)
    return meetings.order_by("block__number").first()


def _posted(year: int) -> Meeting | None:
    return (
        Meeting.objects.filter(year=year, posting__isnull=False)
        .select_related("block__commune", "posting")
        .order_by("block__number")
        .first()
    )


def _conferral(year: int, title: str = Title.CULTURAL_FAMILY) -> Decision | None:
    return (
        Decision.objects.filter(year=year, title=title, kind=Decision.Kind.CONFERRAL)
        .select_related("commune")
        .order_by("issued_on", "number")
        .first()
    )


def _commendation(year: int) -> Decision | None:
    return (
        Decision.objects.filter(year=year, kind=Decision.Kind.COMMENDATION)
        .select_related("commune")
        .order_by("issued_on", "number")
        .first()
    )


def _dossier(year: int) -> BlockTitleDossier | None:
    """The first block's Tổ dân phố văn hóa dossier that went furthest (proposed by the council)."""
    return (
        BlockTitleDossier.objects.filter(year=year, status__in=dossier_papers.PROPOSED_STATUSES)
        .select_related("block__commune", "decision")
        .order_by("block__number")
        .first()
    )


def _withdrawal(year: int) -> Decision | None:
    """A withdrawal signed in the year (of a title of that year or an earlier one)."""
    return (
        Decision.objects.filter(kind=Decision.Kind.WITHDRAWAL, issued_on__year=year)
        .select_related("commune")
        .order_by("issued_on", "number")
        .first()
    )


def _plan(year: int) -> Plan | None:
    return Plan.objects.select_related("commune").filter(year=year).first()


def _certificates(year: int) -> bytes | None:
    decision = _conferral(year)
    meeting = _meeting(year)
    if decision is None or meeting is None:
        return None
    block = Block.objects.get(pk=meeting.block_id)
    return papers.certificates_pdf(decision, block)


def _merit_certificates(year: int) -> bytes | None:
    decision = _commendation(year)
    return papers.certificates_pdf(decision) if decision is not None else None


def _yearend(year: int) -> Source | None:
    plan = _plan(year)
    if plan is None:
        return None
    report = YearEndReport.objects.filter(plan=plan).first() or YearEndReport(plan=plan, recipients=plan.recipients)
    return "pdf/yearend.html", report_context(report)


def _statistics(year: int) -> bytes | None:
    plan = _plan(year)
    if plan is None:
        return None
    out = BytesIO()
    statistics_workbook(compute(plan), out)
    return out.getvalue()


def _plan_document(year: int) -> Source | None:
    plan = _plan(year)
    return ("pdf/plan_document.html", plan_document_context(plan)) if plan else None


def _summary_context(year: int) -> dict | None:
    plan = _plan(year)
    return upward.summary_context(compute(plan), preparer_for(None, plan)) if plan else None  # the commune's officer


def _sports_context(year: int) -> dict | None:
    plan = _plan(year)
    return upward.sports_context(plan, blocks_of(plan), compute(plan), preparer_for(None, plan)) if plan else None


def _sheet(context: Callable[[int], dict | None], write: Callable[[dict, BytesIO], None]):
    def sheet(year: int) -> bytes | None:
        found = context(year)
        if found is None:
            return None
        out = BytesIO()
        write(found, out)
        return out.getvalue()

    return sheet


def _of(find: Callable[[int], object | None], make: Callable) -> Callable[[int], Source | None]:
    def source(year: int) -> Source | None:
        found = find(year)
        return make(found) if found is not None else None

    return source


PAPERS: list[Paper] = [
    Paper(
        "ke-hoach",
        source=_plan_document,
        word=True,
        required=(*NATION, "BAN CHỈ ĐẠO", "KẾ HOẠCH", "Căn cứ", "Nơi nhận:"),
        signature=("Nơi nhận:",),
    ),
    Paper(
        "bien-ban-hop-binh-xet",
        source=_of(_meeting, lambda m: ("pdf/minutes.html", papers.minutes_context(m))),
        word=True,
        required=(*NATION, "BIÊN BẢN", "Họp bình xét", "Gia đình văn hóa", "THƯ KÝ", "CHỦ TRÌ"),
        signature=("THƯ KÝ",),
    ),
    Paper(
        "danh-sach-de-nghi",
        source=_of(_posted, lambda m: ("pdf/proposed_list.html", papers.proposed_list_context(m))),
        word=True,
        required=(*NATION, "DANH SÁCH", "Gia đình văn hóa"),
        signature=("TRƯỞNG",),  # the khối trưởng's signature (KHỐI TRƯỞNG, TRƯỞNG KHỐI)
    ),
    Paper(
        "thong-bao-niem-yet",
        source=_of(_posted, lambda m: ("pdf/posting_notice.html", papers.posting_notice_context(m))),
        word=True,
        required=(*NATION, "THÔNG BÁO", "niêm yết"),
        signature=("TRƯỞNG",),
    ),
    Paper(
        "van-ban-de-nghi",
        source=_of(_meeting, lambda m: ("pdf/written_request.html", dossier_papers.written_request_context(m))),
        word=True,
        required=(*NATION, "VĂN BẢN ĐỀ NGHỊ", "Gia đình văn hóa", "TRƯỞNG KHỐI"),
        signature=("TRƯỞNG",),
    ),
    Paper(
        "quyet-dinh-tang-gia-dinh-van-hoa",
        source=_of(_conferral, papers.decision_paper_source),
        word=True,
        required=(*NATION, "ỦY BAN NHÂN DÂN", "QUYẾT ĐỊNH", "/QĐ-UBND", "Căn cứ", "Điều 1.", "Nơi nhận:", "CHỦ TỊCH"),
        signature=("Nơi nhận:",),
    ),
    Paper(
        "giay-cong-nhan-gia-dinh-van-hoa",
        pdf=_certificates,
        required=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GIA ĐÌNH VĂN HÓA", "CHỦ TỊCH"),
    ),
    Paper(
        "bao-cao-thanh-tich-to-dan-pho",
        source=_of(_dossier, lambda d: ("pdf/block_report.html", dossier_papers.block_report_context(d))),
        word=True,
        required=(*NATION, "BÁO CÁO THÀNH TÍCH", "Tổ dân phố văn hóa", "TRƯỞNG KHỐI"),
        signature=("TRƯỞNG",),
    ),
    Paper(
        "bien-ban-hoi-dong-thi-dua",
        source=_of(_dossier, lambda d: ("pdf/council_minutes.html", dossier_papers.council_minutes_context(d))),
        word=True,
        required=(*NATION, "BIÊN BẢN", "Hội đồng Thi đua - Khen thưởng", "CHỦ TỊCH HỘI ĐỒNG"),
        signature=("THƯ KÝ",),
    ),
    Paper(
        "to-trinh-to-dan-pho-van-hoa",
        source=_of(_dossier, lambda d: ("pdf/block_submission.html", dossier_papers.block_submission_context(d))),
        word=True,
        required=(*NATION, "TỜ TRÌNH", "Tổ dân phố văn hóa", "Kính gửi"),
        signature=("Nơi nhận:",),
    ),
    Paper(
        "quyet-dinh-khen-thuong",
        source=_of(_commendation, papers.decision_paper_source),
        word=True,
        required=(*NATION, "QUYẾT ĐỊNH", "Gia đình văn hóa tiêu biểu", "Điều 1.", "Nơi nhận:", "CHỦ TỊCH"),
        signature=("Nơi nhận:",),
    ),
    Paper(
        "giay-khen",
        pdf=_merit_certificates,
        required=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GIẤY KHEN", "CHỦ TỊCH"),
    ),
    Paper(
        "quyet-dinh-huy-bo-thu-hoi",
        source=_of(_withdrawal, papers.decision_paper_source),
        word=True,
        required=(*NATION, "QUYẾT ĐỊNH", "hủy bỏ, thu hồi", "Điều 1.", "Nơi nhận:", "CHỦ TỊCH"),
        signature=("Nơi nhận:",),
    ),
    Paper(
        "bao-cao-tong-ket",
        source=_yearend,
        word=True,
        required=(*NATION, "BAN CHỈ ĐẠO", "BÁO CÁO", "/BC-BCĐ", "Nơi nhận:", "PHỤ LỤC"),
        signature=("Nơi nhận:",),
    ),
    Paper("thong-ke-chi-tieu", xlsx=_statistics),
    Paper(
        "bieu-tong-hop",
        source=lambda year: ("pdf/summary_table.html", c) if (c := _summary_context(year)) else None,
        xlsx=_sheet(_summary_context, upward.summary_table_workbook),
        required=(*NATION, "BIỂU TỔNG HỢP", "NGƯỜI LẬP BIỂU", "Toàn đơn vị"),
        signature=("NGƯỜI LẬP BIỂU",),
    ),
    Paper(
        "danh-gia-the-thao-quan-chung",
        source=lambda year: ("pdf/sports_assessment.html", c) if (c := _sports_context(year)) else None,
        xlsx=_sheet(_sports_context, upward.sports_assessment_workbook),
        required=(*NATION, "NGƯỜI LẬP BIỂU", "Toàn đơn vị"),
        signature=("NGƯỜI LẬP BIỂU",),
    ),
]


def write_gallery(year: int, output: Path, paper_list: list[Paper] | None = None) -> list[tuple[Paper, Path]]:
    """Every paper of the year into `output` as NN-name-YEAR.ext; the papers with nothing to
    print are left out. Returns what was written."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for number, paper in enumerate(paper_list if paper_list is not None else PAPERS, start=1):
        for extension, data in paper.files(year).items():
            path = output / f"{number:02d}-{paper.name}-{year}.{extension}"
            path.write_bytes(data)
            written.append((paper, path))
    return written


# -- reading a PDF back ----------------------------------------------------------------------


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (pdftotext -layout, page by page)."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


def orphaned_signature_pages(pages: list[str], signature: tuple[str, ...]) -> list[int]:
    """Pages (numbered from 1) that open with the signature block: nothing of the paper's body
    above it, the signature alone on its page. The page number at the top does not count."""
    orphaned = []
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().isdigit()]
        if lines and any(line.startswith(mark) or mark in line for mark in signature for line in lines[:1]):
            orphaned.append(number)
    return orphaned
