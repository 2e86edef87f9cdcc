"""Writes of the reports app: the officer's words of the year-end report, its printings,
and the district's API keys."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from caolocculture.permissions import Action, require

from .models import ApiToken, ReportFile, YearEndReport


def report_of(plan) -> YearEndReport:
    """The plan's report, made on first use (nothing is written but the empty row)."""
    report, _created = YearEndReport.objects.get_or_create(plan=plan, defaults={"recipients": plan.recipients})
    return report


@transaction.atomic
def report_update(*, report: YearEndReport, by) -> YearEndReport:
    require(by, Action.EDIT_PLAN)
    report.full_clean()
    report._history_user = by
    report.save()
    return report


def report_file_start(*, report: YearEndReport, by) -> ReportFile:
    """Ask for a printing: a Celery worker lays it out, the page shows its progress."""
    require(by, Action.VIEW_COMMUNE)
    job = ReportFile.objects.create(report=report, requested_by=by, stage="Đang chờ")
    from .tasks import yearend_report_task

    transaction.on_commit(lambda: yearend_report_task.delay(job.pk))
    return job


def report_file_generate(*, report_file: ReportFile) -> ReportFile:
    """Lay the report out and keep the file. Safe to run twice: a finished one is left
    alone, and a run cut short leaves no file, only the 'running' row to run again."""
    job = ReportFile.objects.select_related("report__plan__commune").get(pk=report_file.pk)
    if job.status == ReportFile.Status.DONE:
        return job
    from .yearend import yearend_pdf

    def progress(percent: int, stage: str) -> None:
        ReportFile.objects.filter(pk=job.pk).update(progress=percent, stage=stage)

    try:
        data, pages = yearend_pdf(job.report, progress)
    except Exception:
        ReportFile.objects.filter(pk=job.pk).update(status=ReportFile.Status.FAILED, finished_at=timezone.now())
        raise
    with transaction.atomic():
        job = ReportFile.objects.select_for_update().get(pk=job.pk)
        if job.status == ReportFile.Status.DONE:
            return job
        name = f"bao-cao-tong-ket-{job.report.plan.year}-{job.pk}.pdf"
        job.file.save(name, ContentFile(data), save=False)
        job.pages, job.sha256 = pages, hashlib.sha256(data).hexdigest()
        job.status, job.progress, job.stage, job.finished_at = ReportFile.Status.DONE, 100, "", timezone.now()
        job.save()
    return job


@transaction.atomic
def api_token_issue(*, by) -> str:
    """A new key for `by` (replacing any old one); returned once, only its hash is kept."""
    require(by, Action.VIEW_COMMUNE)
    key = ApiToken.new_key()
    ApiToken.objects.update_or_create(user=by, defaults={"key_hash": ApiToken.hash(key), "last_used_at": None})
    return key


def api_token_user(key: str):
    """The active user a key belongs to, or None; notes when it was used."""
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(key)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
