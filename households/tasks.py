from celery import shared_task

from . import services
from .models import HouseholdImport


@shared_task
def household_import_check_task(import_id: int) -> str:
    job = services.household_import_check(household_import=HouseholdImport.objects.get(pk=import_id))
    return job.status


@shared_task
def household_import_apply_task(import_id: int) -> str:
    job = services.household_import_apply(household_import=HouseholdImport.objects.get(pk=import_id))
    return job.status
