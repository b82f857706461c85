"""Degrade, don't crash, when the database or the cache is away.

Database down: views that need it answer a friendly, translated 503 page
(``503.html``, no traceback) with ``Retry-After``; pages served from the
cache keep working. The connection settings (``CONN_MAX_AGE`` with
``conn_health_checks``) let the next request reconnect once PostgreSQL is
back, so the site recovers without a restart.

Redis down: :class:`TolerantRedisCache` logs and answers like an empty cache.
"""

import logging
import sys
import time

from django.core.cache.backends.redis import RedisCache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger("jobcenter.faults")

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable() -> HttpResponse:
    # Rendered without a request context: the context processors must not
    # touch the database (or the session) that has just failed.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection inside a view into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Database unavailable on %s: %s", request.path, exception)
            return database_unavailable()
        return None


def server_error(request, template_name="500.html"):
    """handler500: also catches a dead database in middleware (session, auth, cache)."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return database_unavailable()
    return defaults.server_error(request, template_name)


def _tolerant(method_name: str, default):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(TolerantRedisCache, self), method_name)(*args, **kwargs)
        except self._errors as exc:
            self._report(method_name, exc)
            return default(*args, **kwargs) if callable(default) else default

    method.__name__ = method_name
    return method


class TolerantRedisCache(RedisCache):
    """Redis cache whose outages are a cache miss, not a 500.

    Reads return the default, writes report failure (False), and one warning
    per minute goes to the log so an outage is noticed but doesn't flood it.
    Set short socket timeouts in OPTIONS so a dead Redis costs milliseconds.
    """

    _last_report = 0.0

    @property
    def _errors(self):
        import redis

        return (redis.RedisError, OSError)

    def _report(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        if now - TolerantRedisCache._last_report > 60:
            TolerantRedisCache._last_report = now
            logger.warning("Redis unavailable (%s): %s; serving without cache", operation, exc)

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
