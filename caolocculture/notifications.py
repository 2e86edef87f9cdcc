"""Notifications: who is told of a step of the season (docs/notifications.md), and what each
person has been told. On the bottom floor, so the services of every app can tell people
without importing upward; a notification names its page by its address, not by its object."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from . import scope
from .models import Notification, User
from .permissions import POLICY, Action, Person

# A notification names one line of text; longer words are cut (the page it links to has the rest).
TEXT_LIMIT: int = Notification._meta.get_field("text").max_length or 500


def people_who_may(action: Action) -> QuerySet[User]:
    """The active people whose role grants `action` (the officers for APPROVE, the chairman for
    ISSUE_DECISION), as permissions.py decides; a superuser without a role is told nothing."""
    roles = [role for role, actions in POLICY.items() if action in actions]
    people = User.objects.filter(is_active=True, role__in=roles).order_by("pk")
    # Of the commune at hand only: one commune's step is no other commune's officers' business.
    pk = scope.current_pk()
    if isinstance(pk, scope._Unset):
        return people
    return people.filter(commune=pk) if pk is not None else people.none()


def notify(
    *, users: Iterable[User | None], text: str, url: str, key: str = "", by: User | None = None
) -> list[Notification]:
    """Tell each of `users` (None and repeats skipped) `text`, linking to `url`. The person who
    took the step (`by`) is not told of it. With a `key`, a person already told of that event is
    not told again. Called inside the service's transaction: the step and its word stand together."""
    if len(text) > TEXT_LIMIT:
        text = text[: TEXT_LIMIT - 1] + "…"
    # Those told of this event already (the job run twice); the constraint holds against a race.
    seen: set[int] = set(Notification.objects.filter(key=key).values_list("user", flat=True)) if key else set()
    rows = []
    for user in users:
        if user is None or not user.is_active or user.pk in seen or (by is not None and user.pk == by.pk):
            continue
        seen.add(user.pk)
        rows.append(Notification(user=user, text=text, url=url, key=key))
    return Notification.objects.bulk_create(rows, ignore_conflicts=bool(key))


# -- what a person has been told -------------------------------------------------------------


def notifications_for(user: Person) -> QuerySet[Notification]:
    """The person's notifications, newest first (none for the anonymous)."""
    if not isinstance(user, User):
        return Notification.objects.none()
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user: Person) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


def unread_unmailed(user: User) -> list[Notification]:
    """Unread notifications the morning e-mail has not carried yet: those since the last mail."""
    return list(
        notifications_for(user).filter(read_at__isnull=True, mailed_at__isnull=True).order_by("created_at", "pk")
    )


def get_notification_for(user: Person, pk: int | str) -> Notification:
    """One of the person's own notifications; another's is a 404, so a guessed id reveals nothing."""
    return get_object_or_404(notifications_for(user), pk=pk)


# -- marking them -----------------------------------------------------------------------------


@transaction.atomic
def notification_read(*, notification: Notification, by: User) -> Notification:
    """Mark one of `by`'s notifications read (reading it again keeps the first time)."""
    if notification.user_id != by.pk:
        raise PermissionDenied  # get_notification_for hands out only one's own
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_read_all(*, by: User) -> int:
    """Mark every unread notification of `by` read; returns how many."""
    return Notification.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())


def notifications_mailed(*, notifications: Iterable[Notification]) -> int:
    """Note that the morning e-mail carried these."""
    return Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(mailed_at=timezone.now())
