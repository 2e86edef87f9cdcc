from celery import shared_task

from . import services


@shared_task
def due_summary_send() -> int:
    """Each morning: e-mail every person what waits on them, where e-mail is configured."""
    return services.due_summary_send()
