"""A commune's data version: a number in the shared cache (Redis) that moves on at every change of
the commune's record, so that what is computed from the record (a dashboard's indicators, the
province's rollup) can be kept under the version it was computed from and is never served stale.

    version = versions.current(commune_pk)         # e.g. "1733040000123.1733040000456"
    cache.get_or_set(f"dashboard:{commune_pk}:{version}", compute)

A change is noticed three ways, because each misses something the others see:
- a model of the record saved or deleted (post_save/post_delete of RECORD_APPS, wired in apps.py);
- a write request that succeeded (a bulk import or a queryset update() sends no signal):
  caolocculture.middleware.WritesMoveVersion;
- the end of a Celery task (an import confirmed by the worker), below.
The commune is the one at hand (caolocculture.scope); with none set (a command on the shell, a
migration), the installation's version moves, and with it every commune's.

The version moves at once and again after the commit: at once so that the writer's own next read
(and a test, whose transaction never commits) sees the change; after the commit so that a reader
who computed from the old rows between the two keeps its result under a version nobody asks for.
`changed` is sent after the commit only, for work that must read the committed rows (the rollup).
"""

import hashlib
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

from . import scope

# The apps whose rows are the record the figures are computed from.
RECORD_APPS = frozenset({"households", "campaigns", "recognition", "reports"})
# Rows that change while work runs but change no figure (a printing's progress, an import's
# preview, the province's rollup computed from the figures): saving them does not move the version.
IGNORED_MODELS = frozenset(
    {"reportfile", "householdimport", "blockfiguresimport", "apitoken", "duemail", "communeyearrollup"}
)

# Sent after the commit of a change: commune_pk (None: every commune).
changed = Signal()

_INSTALLATION = "version:installation"
# Set while a view declared with @changes_no_figure runs.
_figureless: ContextVar[bool] = ContextVar("changes_no_figure", default=False)


def _key(commune_pk: int) -> str:
    return f"version:commune:{commune_pk}"


def current(commune_pk: int | None) -> str:
    """The version of `commune_pk`'s data (and of the installation's, which every commune's
    includes). A key never set (a new Redis, an evicted key) starts from the clock, so a value
    cached under an old number is never mistaken for today's."""
    keys = [_INSTALLATION] if commune_pk is None else [_INSTALLATION, _key(commune_pk)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key)
    if None in found.values():
        # Redis does not answer (caolocculture.cache): a version no cached value is kept under.
        return f"unavailable.{uuid.uuid4().hex}"
    return ".".join(str(found[key]) for key in keys)


def current_many(commune_pks: list[int]) -> dict[int, str]:
    """{pk: current(pk)} of many communes in one round trip to Redis (the province's page)."""
    keys = [_INSTALLATION, *(_key(pk) for pk in commune_pks)]
    found = cache.get_many(keys)
    if len(found) < len(keys):  # a key never set: start it as current() does
        return {pk: current(pk) for pk in commune_pks}
    return {pk: f"{found[_INSTALLATION]}.{found[_key(pk)]}" for pk in commune_pks}


T = TypeVar("T")


def kept(commune_pk: int | None, name: str, compute: Callable[[], T], *, seconds: int | None = None) -> T:
    """`compute()`, kept in the shared cache under `name` and the commune's data version: read by
    everyone between two changes of the commune's record, computed again after any change.
    `name` must hold everything else the value depends on (the person, the query, the language).
    `seconds`: how long it stays if nobody changes anything (the cache's default otherwise).
    Nothing is kept while Redis does not answer (current() is then new at every call)."""
    key = f"kept:{commune_pk}:{current(commune_pk)}:{hashlib.sha256(name.encode()).hexdigest()[:40]}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, **({"timeout": seconds} if seconds is not None else {}))
    return value


def _move(commune_pk: int | None) -> None:
    key = _INSTALLATION if commune_pk is None else _key(commune_pk)
    if not cache.add(key, time.time_ns(), timeout=None):
        try:
            cache.incr(key)
        except ValueError:  # evicted between the two calls
            cache.add(key, time.time_ns(), timeout=None)


def _commune_at_hand() -> int | None:
    pk = scope.current_pk()
    return pk if isinstance(pk, int) else None


def moved(commune_pk: Any = scope.UNSET) -> None:
    """The record of `commune_pk` (default: the commune at hand; None: the whole installation)
    changed: move its version now and after the commit, then send `changed`."""
    if _figureless.get():
        return
    pk = _commune_at_hand() if commune_pk is scope.UNSET else commune_pk

    def after_commit() -> None:
        _move(pk)
        changed.send(sender=None, commune_pk=pk)

    _move(pk)
    transaction.on_commit(after_commit)


def record_saved(sender: Any, **kwargs: Any) -> None:
    """post_save / post_delete of any model: moves the version when the model is of the record."""
    meta = sender._meta
    # A history row is written with its model's row, whose own signal has moved the version.
    if meta.app_label in RECORD_APPS and meta.model_name not in IGNORED_MODELS:
        if not meta.model_name.startswith("historical"):
            moved()


def changes_no_figure(view: Callable) -> Callable:
    """Declares a write whose rows no figure is computed from: a household's votes at its block's
    meeting (the figures count titles, which only a decision gives; the season's progress counts
    meetings, not votes). Such a request does not move the version, so the dashboards everybody
    else reads stay cached through a meeting of 300 votes instead of being computed again at each."""

    @wraps(view)
    def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
        token = _figureless.set(True)
        try:
            response = view(request, *args, **kwargs)
        finally:
            _figureless.reset(token)
        request.changes_no_figure = True  # for caolocculture.middleware.WritesMoveVersion
        return response

    return wrapped
