from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=300, time_limit=360)
def decision_paper_task(decision_id: int) -> str:
    """Print a signed decision's paper once, right after signing. Safe to run twice: the
    second run finds the paper stored and reads it back."""
    from .models import Decision
    from .services import decision_paper

    decision = Decision.objects.select_related("commune").get(pk=decision_id)
    return decision_paper(decision=decision) and decision.paper_sha256
