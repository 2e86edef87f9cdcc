"""Writes of the reports app: the officer's words of the year-end report, its printings,
and the district's API keys."""

import datetime
import hashlib
import logging
from contextlib import nullcontext

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from campaigns.models import Plan
from campaigns.selectors import plan_for_year, working_year
from caolocculture import formatting, versions
from caolocculture.history import save_with_history
from caolocculture.models import User
from caolocculture.notifications import notifications_mailed, notify, people_who_may, unread_unmailed
from caolocculture.permissions import Action, require
from caolocculture.scope import working_in
from households.models import Commune
from recognition.models import Meeting

from .indicators import compute
from .models import ApiToken, CommuneYearRollup, DueMail, ReportFile, YearClosing, YearEndReport
from .rollup import figures_of
from .selectors import due_for
from .yearend import yearend_pdf

logger = logging.getLogger(__name__)


def report_of(plan: Plan) -> YearEndReport:
    """The plan's report, or an unsaved one with the plan's recipients: reading writes nothing."""
    return YearEndReport.objects.filter(plan=plan).first() or YearEndReport(plan=plan, recipients=plan.recipients)


def _saved(report: YearEndReport, by: User) -> YearEndReport:
    if report.pk is None:
        save_with_history(report, by=by)
    return report


@transaction.atomic
def report_update(*, report: YearEndReport, by: User) -> YearEndReport:
    require(by, Action.EDIT_PLAN)
    return save_with_history(report, by=by)


# A printing takes seconds; one still "running" after this was cut short (worker killed).
STALE_AFTER = datetime.timedelta(minutes=10)


def is_stale(job: ReportFile) -> bool:
    return job.status == ReportFile.Status.RUNNING and timezone.now() - job.requested_at > STALE_AFTER


@transaction.atomic
def report_file_start(*, report: YearEndReport, by: User) -> ReportFile:
    """Ask for a printing: a Celery worker lays it out, the page shows its progress. While
    one is under way, asking again (a double tap, a second person) joins it."""
    require(by, Action.VIEW_COMMUNE)
    report = _saved(report, by)
    YearEndReport.objects.select_for_update().filter(pk=report.pk).first()
    running = report.files.filter(
        status=ReportFile.Status.RUNNING, requested_at__gt=timezone.now() - STALE_AFTER
    ).first()
    if running is not None:
        return running
    job = ReportFile.objects.create(report=report, requested_by=by, stage=_("Đang chờ"))
    yearend_report_task.delay_on_commit(job.pk)
    return job


@transaction.atomic
def report_file_retry(*, report_file: ReportFile, by: User) -> ReportFile:
    """Run a failed or cut-short printing again, as a new one."""
    require(by, Action.VIEW_COMMUNE)
    job = ReportFile.objects.select_for_update().get(pk=report_file.pk)
    if job.status == ReportFile.Status.RUNNING and not is_stale(job):
        return job
    if is_stale(job):
        job.status, job.finished_at = ReportFile.Status.FAILED, timezone.now()
        job.save(update_fields=["status", "finished_at"])
    return report_file_start(report=job.report, by=by)


def report_file_generate(*, report_file: ReportFile) -> ReportFile:
    """Lay the report out and keep the file. Safe to run twice: a finished one is left
    alone, and a run cut short leaves no file, only the 'running' row to run again."""
    job = ReportFile.objects.select_related("report__plan__commune").get(pk=report_file.pk)
    if job.status == ReportFile.Status.DONE:
        return job

    def progress(percent: int, stage: str) -> None:
        ReportFile.objects.filter(pk=job.pk).update(progress=percent, stage=stage)

    try:
        data, pages = yearend_pdf(job.report, progress)
        with transaction.atomic():
            job = ReportFile.objects.select_for_update().get(pk=job.pk)
            if job.status == ReportFile.Status.DONE:
                return job
            name = f"bao-cao-tong-ket-{job.report.plan.year}-{job.pk}.pdf"
            job.file.save(name, ContentFile(data), save=False)
            job.pages, job.sha256 = pages, hashlib.sha256(data).hexdigest()
            job.status, job.progress, job.stage, job.finished_at = ReportFile.Status.DONE, 100, "", timezone.now()
            job.save()
    except Exception:
        ReportFile.objects.filter(pk=job.pk).exclude(status=ReportFile.Status.DONE).update(
            status=ReportFile.Status.FAILED, finished_at=timezone.now()
        )
        raise
    return job


# Tasks sit beside the service they run (one module, no import cycle); Celery finds them
# through autodiscover_tasks(related_name="services").
# A worker killed mid-way gives the message back (acks late, rejected on loss), and a
# printing stuck in WeasyPrint is stopped rather than holding the worker.
@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=300, time_limit=360)
def yearend_report_task(report_file_id: int) -> str:
    report_file = ReportFile.objects.select_related("report__plan").get(pk=report_file_id)
    with working_in(report_file.report.plan.commune_id):  # a worker has no request: the plan's commune
        job = report_file_generate(report_file=report_file)
    return job.status


@shared_task
def indicators_json_task(year: int, commune_id: int | None = None) -> dict:
    """The year's indicators, as `indicators --json` prints them, of `commune_id` (the
    installation's only commune when not given). Reads only: safe to run twice."""
    with working_in(commune_id) if commune_id is not None else nullcontext():
        return compute(plan_for_year(year)).as_json()


@transaction.atomic
def api_token_issue(*, by: User) -> str:
    """A new key for `by` (replacing any old one); returned once, only its hash is kept."""
    require(by, Action.VIEW_COMMUNE)
    key = ApiToken.new_key()
    ApiToken.objects.update_or_create(user=by, defaults={"key_hash": ApiToken.hash(key), "last_used_at": None})
    return key


def api_token_user(key: str) -> User | None:
    """The active user a key belongs to, or None; notes when it was used."""
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(key)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


# -- closing a year ------------------------------------------------------------------------


@transaction.atomic
def year_close(*, plan: Plan, by: User) -> YearClosing:
    """Chốt số liệu: freeze the year's indicators as they stand now, with who and when."""
    require(by, Action.APPROVE)
    Commune.objects.select_for_update().get(pk=plan.commune_id)  # two officers closing at once: one wins
    standing = YearClosing.objects.standing().filter(commune=plan.commune, year=plan.year).first()
    if standing is not None:
        raise ValidationError(
            _("Năm %(year)d đã chốt số liệu lúc %(at)s (%(by)s).")
            % {
                "year": plan.year,
                "at": timezone.localtime(standing.closed_at).strftime("%H:%M %d/%m/%Y"),
                "by": standing.closed_by,
            }
        )
    closing = YearClosing(commune=plan.commune, year=plan.year, figures=compute(plan, live=True).frozen(), closed_by=by)
    return save_with_history(closing, by=by, clean=False)


@transaction.atomic
def year_reopen(*, plan: Plan, reason: str, by: User) -> YearClosing:
    """Open a closed year again: the officer only, with a reason; the closing stays on record."""
    require(by, Action.APPROVE)
    closing = YearClosing.objects.standing().select_for_update().filter(commune=plan.commune, year=plan.year).first()
    if closing is None:
        raise ValidationError(_("Năm %(year)d chưa chốt số liệu.") % {"year": plan.year})
    if not reason.strip():
        raise ValidationError({"reason": _("Ghi lý do mở lại số liệu đã chốt.")})
    closing.reopened_by, closing.reopened_at, closing.reopen_reason = by, timezone.now(), reason
    return save_with_history(
        closing, by=by, reason=reason, clean=False, update_fields=["reopened_by", "reopened_at", "reopen_reason"]
    )


# -- what is due, each morning ---------------------------------------------------


def postings_ended_notify(*, today: datetime.date | None = None) -> int:
    """A posting ending is a step nobody takes: each morning the job tells the block's khối
    trưởng (send the dossier) and the officers of every list whose posting is over and whose
    dossier is not sent yet. Once per posting, however often it runs; returns how many were told."""
    today = today or timezone.localdate()
    told = 0
    for commune in Commune.objects.order_by("pk"):
        with working_in(commune):  # a job has no request: each commune's officers hear of its own
            told += _postings_ended_notify(commune, today)
    return told


def _postings_ended_notify(commune: Commune, today: datetime.date) -> int:
    officers = list(people_who_may(Action.APPROVE))
    told = 0
    meetings = Meeting.objects.filter(status=Meeting.Status.POSTED, block__commune=commune).select_related(
        "posting", "block__leader", "block__commune"
    )
    for meeting in meetings.order_by("year", "block__number"):
        posting = meeting.posting
        if today < posting.ends_on:
            continue
        words = {
            "block": meeting.block,
            "year": meeting.year,
            "last": formatting.date(posting.ends_on - datetime.timedelta(days=1)),
            "unit": meeting.block.words.counter,
        }
        url = reverse("recognition:meeting", args=[meeting.pk])
        key = f"posting_ended:{meeting.pk}:{posting.starts_on:%Y%m%d}:{posting.days}"
        told += len(
            notify(
                users=[meeting.block.leader],
                text=_("%(block)s: đã hết niêm yết danh sách bình xét năm %(year)d (hết %(last)s), gửi hồ sơ lên UBND")
                % words,
                url=url,
                key=key,
            )
        )
        told += len(
            notify(
                users=officers,
                text=_(
                    "%(block)s đã hết niêm yết danh sách bình xét năm %(year)d (hết %(last)s), chờ %(unit)s gửi hồ sơ"
                )
                % words,
                url=url,
                key=key,
            )
        )
    return told


def due_summary_send(today: datetime.date | None = None) -> int:
    """E-mail each active user with an address what is due for them and what they were told
    since the last mail and have not read; returns how many were sent. Nothing is sent when
    the installation has no mail server."""
    if not settings.EMAIL_HOST:
        return 0
    today = today or timezone.localdate()
    sent = 0
    communes = list(Commune.objects.order_by("pk"))
    for commune in communes:
        # A job has no request: each commune's people get their commune's items, of its working
        # year. Those of no commune (the province, IT) have none, unless the installation holds
        # only this one (what they look at, as before communes).
        people = Q(commune=commune) | Q(commune__isnull=True) if len(communes) == 1 else Q(commune=commune)
        with working_in(commune):
            sent += _due_summary_send(people, working_year(commune, today=today), today)
    return sent


def _due_summary_send(people: Q, year: int, today: datetime.date) -> int:
    sent = 0
    mailed = set(DueMail.objects.filter(day=today).values_list("user", flat=True))
    for user in get_user_model().objects.filter(people, is_active=True).exclude(email="").exclude(pk__in=mailed):
        items = due_for(user, year, today=today)
        told = unread_unmailed(user)
        if not items and not told:
            continue
        parts = [_("Kính gửi %(name)s,") % {"name": user}]
        if items:
            lines = [
                f"- {'[QUÁ HẠN] ' if item.late else ''}{item.text}\n  {settings.SITE_URL}{item.url}" for item in items
            ]
            parts.append(
                _("Các việc đang chờ đồng chí trong năm %(year)d:\n\n%(items)s")
                % {"year": year, "items": "\n".join(lines)}
            )
        if told:
            lines = [
                f"- {formatting.date(timezone.localtime(n.created_at).date())}: {n.text}\n  {settings.SITE_URL}{n.url}"
                for n in told
            ]
            parts.append(_("Thông báo mới, chưa đọc:\n\n%(items)s") % {"items": "\n".join(lines)})
        subject = [_("%(n)d việc cần làm") % {"n": len(items)}] if items else []
        if told:
            subject.append(_("%(n)d thông báo mới") % {"n": len(told)})
        try:
            send_mail(
                _("[Đời sống văn hóa] %(what)s") % {"what": ", ".join(subject)},
                "\n\n".join(parts) + "\n",
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
        except OSError:  # SMTP down or the address refused: the others still get theirs
            logger.warning("due summary not sent to user %s", user.pk)
            continue
        with transaction.atomic():
            DueMail.objects.create(user=user, day=today)
            notifications_mailed(notifications=told)
        sent += 1
    return sent


@shared_task
def due_summary_send_task() -> int:
    """Each morning: tell the blocks whose posting ended, then e-mail every person what waits
    on them and what they were told, where e-mail is configured."""
    postings_ended_notify()
    return due_summary_send()


# -- the province's rollup: each commune's figures of a year, kept for the province's page ----------

# How long a refresh stays "pending" if its task is lost (a worker killed before it started):
# after that the next change or view enqueues it again.
ROLLUP_PENDING_SECONDS = 600


def rollup_pending_key(commune_pk: int) -> str:
    return f"rollup:pending:{commune_pk}"


def rollups_refresh(*, communes: list[Commune], year: int) -> dict[int, CommuneYearRollup]:
    """Compute and store the rollups of `communes` for `year` with the same engine as their
    dashboards, each under the data version read before computing (a change made meanwhile
    leaves the row stale, never wrongly fresh). Safe to run twice, or at once in two workers."""
    if not communes:
        return {}
    before = versions.current_many([c.pk for c in communes])
    figures = figures_of(communes, year)
    at = timezone.now()
    stored = {}
    for commune in communes:
        stored[commune.pk], _created = CommuneYearRollup.objects.update_or_create(
            commune=commune,
            year=year,
            defaults={"figures": figures[commune.pk], "version": before[commune.pk], "computed_at": at},
        )
    return stored


def rollup_refresh(*, commune: Commune, year: int) -> CommuneYearRollup:
    """One commune's rollup for `year`, computed now."""
    return rollups_refresh(communes=[commune], year=year)[commune.pk]


def rollup_years_refresh(*, commune: Commune) -> list[int]:
    """Every year of `commune` the province may look at (a plan's, or a rollup's already kept):
    open years computed again; a closed year's frozen figures only when its closing changed
    (closed, reopened), else only marked current. Returns the years computed."""
    years = set(Plan.objects.filter(commune=commune).values_list("year", flat=True))
    kept = {r.year: r for r in CommuneYearRollup.objects.filter(commune=commune)}
    closings = dict(YearClosing.objects.standing().filter(commune=commune).values_list("year", "pk"))
    version = versions.current(commune.pk)
    computed = []
    for year in sorted(years | set(kept)):
        rollup = kept.get(year)
        if rollup is not None and year in closings and rollup.figures.get("closing") == closings[year]:
            # Frozen: nothing of the record changes these figures. update() sends no signal.
            CommuneYearRollup.objects.filter(pk=rollup.pk).update(version=version)
            continue
        rollup_refresh(commune=commune, year=year)
        computed.append(year)
    return computed


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=300, time_limit=360)
def rollup_refresh_task(commune_id: int) -> list[int]:
    """Refresh one commune's rollups (rollup_years_refresh). The pending mark is cleared first,
    so a change made while this computes enqueues another run rather than being lost."""
    cache.delete(rollup_pending_key(commune_id))
    commune = Commune.objects.filter(pk=commune_id).first()
    if commune is None:  # deleted since: nothing to keep
        return []
    with working_in(commune_id):
        return rollup_years_refresh(commune=commune)


def rollup_enqueue(commune_pks: list[int]) -> int:
    """Ask for the rollups of `commune_pks` to be refreshed: one task per commune however many
    changes come (an import of 5,000 rows, a meeting of 300 votes) until it starts. Returns how
    many tasks were sent."""
    sent = 0
    for pk in commune_pks:
        key = rollup_pending_key(pk)
        if not cache.add(key, 1, timeout=ROLLUP_PENDING_SECONDS):
            continue  # one is waiting: it will read this change too
        try:
            rollup_refresh_task.apply_async(args=[pk], retry=False)
        except OperationalError:
            # Redis down: the change is saved; the page shows the rollup as being updated and
            # asks again at its next view.
            cache.delete(key)
            logger.warning("rollup of commune %s not enqueued: the broker is down", pk)
            continue
        except Exception:
            # This runs after the commit of someone's write: no failure to send the task (or, with
            # tasks run in place, to run it) may turn that saved write into an error page. Logged;
            # the rollup stays stale and the page asks for it again.
            cache.delete(key)
            logger.exception("rollup of commune %s failed", pk)
            continue
        sent += 1
    return sent


def rollups_in_background() -> bool:
    """Whether a worker refreshes the rollups. Without a broker (a laptop, a one-commune office
    without Redis) there is none: the province's page computes what is out of date when viewed,
    rather than every saved row recomputing every commune in the writer's request."""
    return bool(settings.CELERY_BROKER_URL)


# A change of the whole installation (a command with no commune at hand) is often one of
# thousands of rows saved in a row: one enqueue of every commune per this many seconds.
ROLLUP_INSTALLATION_SECONDS = 5


def rollup_on_change(sender: object, commune_pk: int | None, **kwargs: object) -> None:
    """caolocculture.versions.changed (after the commit): refresh the commune's rollups, or
    every commune's when the whole installation changed. A change this skips is still seen:
    the rollups stay older than the version, and the province's page asks for them again."""
    if not rollups_in_background():
        return
    if commune_pk is not None:
        rollup_enqueue([commune_pk])
    elif cache.add("rollup:pending:installation", 1, timeout=ROLLUP_INSTALLATION_SECONDS):
        rollup_enqueue(list(Commune.objects.values_list("pk", flat=True)))
