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
# What the scope's code looked up once and asks again (how the commune names its units, for the
# menu, the page and its forms): kept while the scope lasts, one request or one `working_in`.
_memo: ContextVar[dict | None] = ContextVar("commune_scope_memo", default=None)


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
    return _current.set(resolve), _memo.set({})


def leave(token: Any) -> None:
    scope_token, memo_token = token
    _current.reset(scope_token)
    _memo.reset(memo_token)


def remembered(key: Any, compute: Callable[[], Any]) -> Any:
    """compute(), once per scope for `key`; outside any scope, every time."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


@contextmanager
def working_in(commune: Any) -> Iterator[None]:
    """Work on `commune` (a Commune, its pk, or None for no commune) until the block ends."""
    pk = getattr(commune, "pk", commune)
    token = enter(lambda: pk)
    try:
        yield
    finally:
        leave(token)
