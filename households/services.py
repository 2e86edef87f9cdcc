"""Writes to households. Each is atomic, validates with full_clean() and records
who made the change in the household's history."""

import datetime
import uuid
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.timezone import now
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from caolocculture import imports
from caolocculture.history import save_with_history
from caolocculture.models import User
from caolocculture.permissions import Action, require
from caolocculture.scope import working_in

from . import importing
from .models import Block, Household, HouseholdImport

EDITABLE_FIELDS = ("code", "head_name", "address", "members", "phone", "note", "moved_in_on")


@transaction.atomic
def household_create(*, block: Block, by: User, **fields: Any) -> Household:
    require(by, Action.EDIT_BLOCK, block)
    household = Household(block=block, **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    # It counts from the day it is added, unless an earlier "ngày đến ở" is given: a closed
    # or past year's figures do not take in a household entered today.
    household.moved_in_on = household.moved_in_on or timezone.localdate()
    return save_with_history(household, by=by)


@transaction.atomic
def household_update(*, household: Household, by: User, **fields: Any) -> Household:
    require(by, Action.EDIT_BLOCK, household.block)
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not editable here")
        setattr(household, name, value)
    return save_with_history(household, by=by)


@transaction.atomic
def household_move_out(*, household: Household, on: datetime.date, by: User) -> Household:
    """Chuyển đi: the household stays on record with the date it left."""
    require(by, Action.EDIT_BLOCK, household.block)
    if household.moved_out_on:
        raise ValidationError(_("Hộ này đã chuyển đi ngày %(date)s.") % {"date": f"{household.moved_out_on:%d/%m/%Y}"})
    if household.moved_in_on and on < household.moved_in_on:
        raise ValidationError(_("Ngày chuyển đi không được trước ngày đến ở."))
    if on > datetime.date.today():
        raise ValidationError(_("Ngày chuyển đi không được sau hôm nay."))
    household.moved_out_on = on
    return save_with_history(household, by=by)


@transaction.atomic
def household_return(*, household: Household, by: User) -> Household:
    """Undo a move-out entered by mistake."""
    require(by, Action.EDIT_BLOCK, household.block)
    household.moved_out_on = None
    return save_with_history(household, by=by)


@transaction.atomic
def household_move(*, household: Household, to_block: Block, by: User) -> Household:
    """Move to another block of the commune: the officer's call, not a khối trưởng's."""
    require(by, Action.MANAGE_BLOCKS)
    if to_block.commune_id != household.block.commune_id:
        units = household.block.words.name
        raise ValidationError(_("Chỉ chuyển được sang %(units)s cùng đơn vị.") % {"units": units})
    if to_block.pk == household.block_id:
        raise ValidationError(_("Hộ đã ở %(block)s.") % {"block": to_block})
    household.block = to_block
    return save_with_history(household, by=by)


# -- Excel import ------------------------------------------------------------

# Checked rows beyond this are written by a Celery worker, with a progress bar.
ASYNC_ROWS = 300
# Files up to this size (about 300 plain rows) are checked in the request; bigger ones by the
# worker. The web request never opens a big workbook, even to count its rows.
SYNC_BYTES = 15 * 1024
# The tasks' limits (below). A job "checking" or "applying" with no sign of life for longer
# than the hard limit has lost its worker: it is shown as interrupted, with "Thử lại".
CHECK_SOFT_LIMIT, CHECK_HARD_LIMIT = 10 * 60, 11 * 60
APPLY_SOFT_LIMIT, APPLY_HARD_LIMIT = 15 * 60, 16 * 60
INTERRUPTED_AFTER = datetime.timedelta(seconds=max(CHECK_HARD_LIMIT, APPLY_HARD_LIMIT) + 60)


class BrokerUnavailable(ValidationError):
    """The task could not be handed to the queue; nothing was started."""


def _send(task: Task, job: HouseholdImport) -> None:
    """Hand the job to the worker now, not on commit, so a broker that cannot be reached is
    known at once (no retries: the connection timeout is short, see celery.py). The row must
    already be committed: a worker may pick the task up at once."""
    HouseholdImport.objects.filter(pk=job.pk).update(touched_at=now())
    try:
        task.apply_async((job.pk,), retry=False)
    except (OperationalError, ConnectionError, OSError) as exc:
        raise BrokerUnavailable(
            _(
                "Hệ thống xử lý nền đang không hoạt động nên chưa nhận được tệp; không có gì "
                "được ghi. Hãy thử lại sau ít phút; nếu vẫn lỗi, báo cho quản trị hệ thống."
            ),
            code="broker",
        ) from exc


def household_import_start(*, file: File, by: User) -> HouseholdImport:
    """Keep the uploaded file and check it: now for a small file, in the background for a
    big one. If the worker cannot be reached the job and its file are taken back (raises
    BrokerUnavailable): nothing is left "checking". Not to be called inside a transaction."""
    require(by, Action.EDIT_BLOCK)
    job = HouseholdImport(original_name=getattr(file, "name", "tep.xlsx")[:255], uploaded_by=by)
    job.file.save(f"{uuid.uuid4().hex}.xlsx", file, save=False)
    job.save()
    if job.file.size <= SYNC_BYTES:
        return household_import_check(household_import=job)
    try:
        _send(household_import_check_task, job)
    except BrokerUnavailable:
        job.file.delete(save=False)
        job.delete()
        raise
    return job


def is_interrupted(job: HouseholdImport) -> bool:
    """Running, but with no sign of life for longer than a task may take: its worker is gone."""
    if not job.running:
        return False
    return now() - (job.touched_at or job.created_at) > INTERRUPTED_AFTER


def household_import_retry(*, household_import: HouseholdImport, by: User) -> HouseholdImport:
    """ "Thử lại": send an interrupted job's task again (both tasks are safe to run twice)."""
    with transaction.atomic():
        job = HouseholdImport.objects.select_for_update().get(pk=household_import.pk)
        if job.uploaded_by_id != by.pk:
            raise PermissionDenied
        require(by, Action.EDIT_BLOCK)
        if not is_interrupted(job):
            raise ValidationError(_("Lượt nhập này không bị gián đoạn."))
        job.touched_at = now()
        job.save(update_fields=["touched_at"])
    _send(
        household_import_check_task if job.status == HouseholdImport.Status.CHECKING else household_import_apply_task,
        job,
    )
    return job


def household_import_timed_out(*, household_import: HouseholdImport, limit: int) -> None:
    """A task stopped at its time limit: the file is refused with a message that says so."""
    message = _(
        "Xử lý tệp quá %(minutes)d phút nên đã dừng; không có dữ liệu nào được ghi. Hãy chia tệp thành "
        "nhiều tệp nhỏ hơn."
    ) % {"minutes": limit // 60}
    HouseholdImport.objects.filter(
        pk=household_import.pk,
        status__in=[
            HouseholdImport.Status.CHECKING,
            HouseholdImport.Status.APPLYING,
            HouseholdImport.Status.FAILED,
        ],
    ).update(
        status=HouseholdImport.Status.REFUSED, finished_at=now(), rows=[], summary={"errors": [message], "total": 0}
    )


def household_import_check(*, household_import: HouseholdImport) -> HouseholdImport:
    """The dry run. Safe to run twice."""
    job = HouseholdImport.objects.get(pk=household_import.pk)
    if job.status != HouseholdImport.Status.CHECKING:
        return job
    HouseholdImport.objects.filter(pk=job.pk).update(touched_at=now())

    def progress(done: int) -> None:
        HouseholdImport.objects.filter(pk=job.pk).update(done_rows=done, touched_at=now())

    def total(rows: int) -> None:
        job.total_rows = rows
        HouseholdImport.objects.filter(pk=job.pk).update(total_rows=rows, touched_at=now())

    try:
        with job.file.open("rb") as f:
            check = importing.check_file(f, user=job.uploaded_by, progress=progress, total=total)
    except Exception:
        HouseholdImport.objects.filter(pk=job.pk).update(status=HouseholdImport.Status.FAILED, finished_at=now())
        raise
    job.take_check(check, importing.rows_to_json)
    job.done_rows = job.total_rows = len(check.rows) if check.ok else job.total_rows
    job.save(update_fields=["summary", "rows", "status", "done_rows", "total_rows"])
    return job


def household_import_confirm(
    *, household_import: HouseholdImport, by: User, decisions: dict[int, int] | None = None
) -> HouseholdImport:
    """The person who checked the file confirms it; the writing runs like the check did.
    `decisions` maps a year of the file to the recorded decision its titles belong to."""
    with transaction.atomic():
        job = imports.job_to_confirm(HouseholdImport.objects.all(), household_import.pk, by)
        unpicked = importing.unpicked_years(job.summary.get("app_years", []), decisions or {})
        if unpicked:
            raise ValidationError(importing.unpicked_message(unpicked))
        job.status, job.done_rows = HouseholdImport.Status.APPLYING, 0
        job.decisions = {str(year): pk for year, pk in (decisions or {}).items() if pk}
        job.save(update_fields=["status", "done_rows", "decisions"])
    if job.total_rows > ASYNC_ROWS:
        try:
            _send(household_import_apply_task, job)
        except BrokerUnavailable:  # back to the preview: confirming again is safe
            HouseholdImport.objects.filter(pk=job.pk).update(status=HouseholdImport.Status.CHECKED)
            raise
    else:
        household_import_apply(household_import=job)
    return job


def household_import_apply(*, household_import: HouseholdImport) -> HouseholdImport:
    """Write every row or none. Safe to run twice: a finished import is left alone."""
    job = HouseholdImport.objects.get(pk=household_import.pk)
    if job.status != HouseholdImport.Status.APPLYING:
        return job
    HouseholdImport.objects.filter(pk=job.pk).update(touched_at=now())
    try:
        with transaction.atomic():
            check = importing.apply_rows(
                importing.rows_from_json(job.rows), user=job.uploaded_by, decisions=job.decisions
            )
            job.take_outcome(check, total=len(job.rows))
            job.finished_at = now()
            job.save(update_fields=["summary", "status", "finished_at"])
    except Exception:
        HouseholdImport.objects.filter(pk=job.pk).update(status=HouseholdImport.Status.FAILED, finished_at=now())
        raise
    return job


# -- the tasks, beside the services they run (one module, no import cycle) ----------

# Acknowledged only once done, and given back to the queue if the worker dies mid-way (both
# tasks are safe to run twice); stopped at a time limit rather than holding a worker for ever.


def _in_uploaders_commune(job: HouseholdImport) -> AbstractContextManager:
    """A worker has no request: the import works in its uploader's commune (or, for someone of no
    commune, the installation's only one)."""
    commune = job.uploaded_by.commune_id if job.uploaded_by_id else None
    return working_in(commune) if commune is not None else nullcontext()


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=CHECK_SOFT_LIMIT,
    time_limit=CHECK_HARD_LIMIT,
)
def household_import_check_task(import_id: int) -> str:
    job = HouseholdImport.objects.select_related("uploaded_by").get(pk=import_id)
    try:
        with _in_uploaders_commune(job):
            job = household_import_check(household_import=job)
    except SoftTimeLimitExceeded:
        household_import_timed_out(household_import=job, limit=CHECK_SOFT_LIMIT)
        return HouseholdImport.Status.REFUSED
    return job.status


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=APPLY_SOFT_LIMIT,
    time_limit=APPLY_HARD_LIMIT,
)
def household_import_apply_task(import_id: int) -> str:
    job = HouseholdImport.objects.select_related("uploaded_by").get(pk=import_id)
    try:
        with _in_uploaders_commune(job):
            job = household_import_apply(household_import=job)
    except SoftTimeLimitExceeded:
        household_import_timed_out(household_import=job, limit=APPLY_SOFT_LIMIT)
        return HouseholdImport.Status.REFUSED
    return job.status
