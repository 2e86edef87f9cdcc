"""The year-end summary report (báo cáo tổng kết): every figure taken from the data
when it is printed, the officer's words from YearEndReport, the layout of Nghị định
30/2020 (templates/pdf/yearend.html)."""

from collections import Counter
from collections.abc import Callable

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from campaigns.models import Activity, BudgetLine, Funding, Plan, Task
from caolocculture import formatting
from caolocculture.docx import render_docx
from caolocculture.pdf import render_document
from recognition.models import Commendation, Decision, Meeting, Recognition, Title

from .indicators import BLOCK_CODES, Measure, code_label, compute
from .models import YearEndReport


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _activity_in_sentence(kind: str, label: str) -> str:
    """'tuyên truyền' inside a sentence; 'Ngày hội Đại đoàn kết (18/11)' keeps its capitals:
    it is the name of a day."""
    if kind == Activity.Kind.UNITY_DAY:
        return label
    return label[:1].lower() + label[1:]


def target_text(target) -> str:
    """A plan's target as a sentence names it: '≥ 97 %', '≥ 1 nhà', 'theo dõi'."""
    return Measure(target.code, 0, 0, target.comparator, target.value).target_text


def report_context(report: YearEndReport, progress: Callable[[int, str], None] | None = None) -> dict:
    """Everything the report prints, for the PDF and the browser preview alike."""

    def step(percent: int, stage: str) -> None:
        if progress:
            progress(percent, stage)

    plan = report.plan
    commune, year = plan.commune, plan.year
    step(10, _("Tính các chỉ tiêu"))
    result = compute(plan)
    step(30, _("Tổng hợp hoạt động, bình xét, kinh phí"))
    activities = list(
        Activity.objects.filter(plan=plan)
        .values("kind")
        .annotate(n=Count("pk"), people=Sum("attendance"))
        .order_by("kind")
    )
    kinds = dict(Activity.Kind.choices)
    for row in activities:
        row["label"] = _activity_in_sentence(row["kind"], str(kinds[row["kind"]]))
    meetings = Counter(Meeting.objects.filter(year=year, block__commune=commune).values_list("status", flat=True))
    # The decisions that gave the year's Gia đình văn hóa titles (not withdrawals, not commendations).
    decisions = list(
        Decision.objects.filter(
            commune=commune,
            year=year,
            title=Title.CULTURAL_FAMILY,
            kind__in=[Decision.Kind.CONFERRAL, Decision.Kind.RECORDED],
        ).order_by("issued_on", "number")
    )
    recognised_blocks = list(
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_BLOCK, year=year, block__commune=commune)
        .select_related("block")
        .order_by("block__number")
    )
    commendations = Commendation.objects.filter(year=year, household__block__commune=commune).count()
    budget = list(
        BudgetLine.objects.filter(funding__plan=plan)
        .values("funding__source")
        .annotate(planned=Sum("planned_vnd"), spent=Sum("spent_vnd"))
        .order_by("funding__source")
    )
    sources = dict(Funding.Source.choices)
    for row in budget:
        row["label"] = sources[row["funding__source"]]
    budget.sort(key=lambda row: list(sources).index(row["funding__source"]))  # the plan's order of sources
    next_plan = Plan.objects.filter(commune=commune, year=year + 1).first()
    next_targets = list(next_plan.targets.order_by("order")) if next_plan else []
    by_code = {i.code: i for i in result.indicators}
    head_title = (plan.signer_title or "").upper()
    recipients = [r.lstrip("- ").strip() for r in _lines(report.recipients or plan.recipients)]
    step(50, _("Dàn trang báo cáo"))
    return {
        "report": report,
        "plan": plan,
        "plan_subject": plan.title[:1].lower() + plan.title[1:],
        "commune": commune,
        "units": commune.unit_words(),
        "year": year,
        "next_year": year + 1,
        "parent": commune.people_committee,
        "issuer": commune.steering_committee,
        "ref": report.reference,
        "place_date": formatting.long_date(commune.place_name, report.issued_on),
        "indicators": result.indicators,
        "by_code": by_code,
        "blocks": result.blocks,
        "block_codes": [c for c in BLOCK_CODES if c in by_code],
        "block_headers": [code_label(c) for c in BLOCK_CODES if c in by_code],
        "tasks": list(Task.objects.filter(plan=plan).order_by("order")),
        "done_tasks": Task.objects.filter(plan=plan, status=Task.Status.DONE).count(),
        "activities": activities,
        "meetings_held": sum(meetings.values()),
        "meetings_decided": meetings.get(Meeting.Status.DECIDED, 0),
        "decisions": decisions,
        "recognised_blocks": recognised_blocks,
        "commendations": commendations,
        "budget": budget,
        "budget_planned": sum(r["planned"] or 0 for r in budget),
        "budget_spent": sum(r["spent"] or 0 for r in budget),
        "next_targets": [{"name": t.name, "target": target_text(t)} for t in next_targets],
        "leadership": _lines(report.leadership),
        "strengths": _lines(report.strengths),
        "shortcomings": _lines(report.shortcomings),
        "causes": _lines(report.causes),
        "direction": _lines(report.next_year_direction),
        "recommendations": _lines(report.recommendations),
        "recipients": recipients,
        # The plan's list may already end with its own "Lưu: …" line.
        "archived": any(r.lstrip("- ").lower().startswith("lưu") for r in recipients),
        "authority": plan.signing_authority.upper(),
        "signer_title": plan.signer_position.upper() or head_title,
        "signer_name": plan.signer_name,
    }


def yearend_pdf(report: YearEndReport, progress: Callable[[int, str], None] | None = None) -> tuple[bytes, int]:
    """The report as a PDF, and its number of pages."""
    context = report_context(report, progress)
    document = render_document("pdf/yearend.html", context)
    if progress:
        progress(80, _("Ghi tệp PDF"))
    return document.write_pdf(), len(document.pages)


def yearend_docx(report: YearEndReport) -> bytes:
    """The report as a Word copy (same template and figures as the PDF), to finish by hand."""
    return render_docx("pdf/yearend.html", report_context(report))
