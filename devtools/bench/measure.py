"""How the bench measures: wall time, a page's server time and query count, the ratio to a floor."""

import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from caolocculture import versions
from caolocculture.models import User


def timed(fn: Callable):
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def median_s(fn: Callable, repeat: int) -> float:
    """Median seconds of `repeat` calls."""
    return statistics.median(timed(fn)[0] for _ in range(repeat))


def page(view, user, path: str, repeat: int = 5, *, computed: bool = False, **kwargs) -> dict:
    """Server time (median of `repeat`) and query count of one page, without the network.
    computed=True: every call right after a change of the record (the data version moved), so
    nothing kept in Redis per version is read: the page as its first reader after a change gets it."""
    factory = RequestFactory()
    times, queries = [], 0
    for _ in range(repeat):
        if computed:
            versions.moved(None)
        request = factory.get(path)
        request.user = User.objects.get(pk=user.pk)  # a fresh user: no cached permissions
        request._messages = []
        with CaptureQueriesContext(connection) as captured:
            elapsed, response = timed(lambda request=request: view(request, **kwargs))
        assert response.status_code == 200, response.status_code
        times.append(elapsed)
        queries = len(captured)
    return {"ms": round(statistics.median(times) * 1000, 1), "queries": queries}


def against_floor(ms: float, floor_s: float) -> dict:
    """A raw SQL floor in ms and the ratio of `ms` to it."""
    return {"floor_sql_ms": round(floor_s * 1000, 1), "ratio_to_floor": round(ms / (floor_s * 1000), 2)}


def query_count(fn: Callable) -> int:
    """How many queries one call makes."""
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)
