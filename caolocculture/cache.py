"""The shared cache (Redis), which a Redis outage turns into no cache rather than into errors.

Everything kept in it can be computed again from PostgreSQL: figures cached per data version
(caolocculture.versions), the rollup's pending marks. So when Redis does not answer, a read is a
miss, a write is dropped, and the page computes what it needs, a little slower, instead of a 500.
Short socket time-outs keep a dead Redis from holding a request for long."""

import logging
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

log = logging.getLogger(__name__)
UNAVAILABLE = (ConnectionError, TimeoutError)


def _tolerant(method: Callable, fallback: Callable[..., Any]) -> Callable:
    def call(self: "TolerantRedisCache", *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except UNAVAILABLE as error:
            log.warning("Redis cache unavailable (%s): %s", method.__name__, error)
            return fallback(*args, **kwargs)

    call.__name__ = method.__name__
    return call


def _default(key: Any, default: Any = None, *args: Any, **kwargs: Any) -> Any:
    return default


def _missing_counter(key: Any, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"Key '{key}' not found (Redis unavailable)")


class TolerantRedisCache(RedisCache):
    get = _tolerant(RedisCache.get, _default)
    get_many = _tolerant(RedisCache.get_many, lambda *a, **k: {})
    set = _tolerant(RedisCache.set, lambda *a, **k: None)
    set_many = _tolerant(RedisCache.set_many, lambda keys, *a, **k: list(keys))
    add = _tolerant(RedisCache.add, lambda *a, **k: False)
    touch = _tolerant(RedisCache.touch, lambda *a, **k: False)
    delete = _tolerant(RedisCache.delete, lambda *a, **k: False)
    delete_many = _tolerant(RedisCache.delete_many, lambda *a, **k: None)
    has_key = _tolerant(RedisCache.has_key, lambda *a, **k: False)
    incr = _tolerant(RedisCache.incr, _missing_counter)
    decr = _tolerant(RedisCache.decr, _missing_counter)
