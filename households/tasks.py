from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from . import services
from .models import HouseholdImport

# Acknowledged only once done, and given back to the queue if the worker dies mid-way (both
# tasks are safe to run twice); stopped at a time limit rather than holding a worker for ever.


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=services.CHECK_SOFT_LIMIT,
    time_limit=services.CHECK_HARD_LIMIT,
)
def household_import_check_task(import_id: int) -> str:
    job = HouseholdImport.objects.get(pk=import_id)
    try:
        job = services.household_import_check(household_import=job)
    except SoftTimeLimitExceeded:
        services.household_import_timed_out(household_import=job, limit=services.CHECK_SOFT_LIMIT)
        return HouseholdImport.Status.REFUSED
    return job.status


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=services.APPLY_SOFT_LIMIT,
    time_limit=services.APPLY_HARD_LIMIT,
)
def household_import_apply_task(import_id: int) -> str:
    job = HouseholdImport.objects.get(pk=import_id)
    try:
        job = services.household_import_apply(household_import=job)
    except SoftTimeLimitExceeded:
        services.household_import_timed_out(household_import=job, limit=services.APPLY_SOFT_LIMIT)
        return HouseholdImport.Status.REFUSED
    return job.status
