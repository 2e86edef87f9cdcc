from celery import shared_task

from campaigns.selectors import plan_for_year

from .indicators import compute


@shared_task
def indicators_json(year: int) -> dict:
    """The year's indicators, as `indicators --json` prints them. Reads only: safe to run twice."""
    return compute(plan_for_year(year)).as_json()
