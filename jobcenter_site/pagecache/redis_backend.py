"""Django's Redis cache backend, minus a per-call cost, and tolerant of outages.

Django's client builds a new ``redis.Redis`` object for every cache call
(``get_client``), and redis-py fills a table of ~170 response callbacks in
each constructor: about 0.2 ms of CPU, as much as the rest of serving a
cached page. The client object is thread-safe and only wraps the
connection pool, so one per pool is kept and reused. Everything else
(pools, serializer, options) is Django's.
"""

import logging
import time

from django.core.cache.backends import redis

logger = logging.getLogger("jobcenter.faults")


class ReusingRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient


def _tolerant(method_name: str, default):
    def method(self, *args, **kwargs):
        if self._breaker_open():
            return _default(default, args, kwargs)
        try:
            return getattr(super(TolerantRedisCache, self), method_name)(*args, **kwargs)
        except self._errors as exc:
            self._trip(method_name, exc)
            return _default(default, args, kwargs)

    method.__name__ = method_name
    return method


def _default(default, args, kwargs):
    return default(*args, **kwargs) if callable(default) else default


class TolerantRedisCache(RedisCache):
    """Redis cache whose outages are a cache miss, not a 500, and cost one timeout.

    Reads return the default and writes report failure (False). A Redis that
    refuses costs little, but one that hangs costs a socket timeout per call,
    several per request. So the first failure opens a circuit breaker: for
    ``REDIS_BREAKER_SECONDS`` this process (all its threads) does not ask
    that Redis at all, then tries again. Each opening is logged once, at
    most once a minute, so an outage is noticed but doesn't flood the log.
    """

    _last_report = 0.0
    _open_until: dict[str, float] = {}  # per server, shared by the process's threads

    @property
    def _errors(self):
        import redis

        return (redis.RedisError, OSError)

    def _breaker_open(self) -> bool:
        until = self._open_until.get(self._server_key)
        return until is not None and time.monotonic() < until

    @property
    def _server_key(self) -> str:
        return str(self._servers)

    def _trip(self, operation: str, exc: Exception) -> None:
        from django.conf import settings

        seconds = getattr(settings, "REDIS_BREAKER_SECONDS", 5)
        now = time.monotonic()
        self._open_until[self._server_key] = now + seconds
        if now - TolerantRedisCache._last_report > 60:
            TolerantRedisCache._last_report = now
            logger.warning(
                "Redis unavailable (%s): %s; serving without cache, next try in %s s",
                operation,
                exc,
                seconds,
            )

    get = _tolerant("get", lambda key, default=None, version=None: default)
    get_many = _tolerant("get_many", lambda *args, **kwargs: {})
    has_key = _tolerant("has_key", False)
    set = _tolerant("set", False)
    add = _tolerant("add", False)
    touch = _tolerant("touch", False)
    set_many = _tolerant("set_many", lambda data, *args, **kwargs: list(data))
    delete = _tolerant("delete", False)
    delete_many = _tolerant("delete_many", None)
    clear = _tolerant("clear", False)
    incr = _tolerant("incr", None)
