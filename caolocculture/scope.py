"""Which commune the code at hand works on.

One installation serves a province: every read and write is of one commune. In a request the
middleware (households.middleware.CommuneScope) decides it from the person (their own commune;
the one the province or a superuser chose to look at); a command or a Celery task says it with
`working_in(commune)`. Nothing set (a command on a one-commune installation): the selectors fall
back to the installation's only commune, today's behaviour.

Kept here, at the bottom floor, so that permissions.py can scope by it without importing an app.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

# A function giving the commune's pk (None: no commune at all), so that a request that never
# asks pays nothing; None when nobody set a scope.
_current: ContextVar[Callable[[], int | None] | None] = ContextVar("commune_scope", default=None)


class _Unset:
    """No scope set: the type of UNSET."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()


def current_pk() -> "int | None | _Unset":
    """The working commune's pk; None when the person has none; UNSET when no scope is set."""
    resolve = _current.get()
    return UNSET if resolve is None else resolve()


def enter(resolve: Callable[[], int | None]) -> Any:
    """Set the scope (for the middleware); returns the token for `leave`."""
    return _current.set(resolve)


def leave(token: Any) -> None:
    _current.reset(token)


@contextmanager
def working_in(commune: Any) -> Iterator[None]:
    """Work on `commune` (a Commune, its pk, or None for no commune) until the block ends."""
    pk = getattr(commune, "pk", commune)
    token = _current.set(lambda: pk)
    try:
        yield
    finally:
        _current.reset(token)
