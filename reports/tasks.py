from celery import shared_task

from campaigns.selectors import plan_for_year

from .indicators import compute


@shared_task
def indicators_json(year: int) -> dict:
    """The year's indicators, as `indicators --json` prints them. Reads only: safe to run twice."""
    return compute(plan_for_year(year)).as_json()


# A worker killed mid-way gives the message back (acks late, rejected on loss), and a
# printing stuck in WeasyPrint is stopped rather than holding the worker.
@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=300, time_limit=360)
def yearend_report_task(report_file_id: int) -> str:
    from . import services
    from .models import ReportFile

    job = services.report_file_generate(report_file=ReportFile.objects.get(pk=report_file_id))
    return job.status
