"""Degrade, don't crash, when the database or the cache is away.

Database down: views that need it answer a friendly, translated 503 page
(``503.html``, no traceback) with ``Retry-After``; pages served from the
cache keep working. The connection settings (``CONN_MAX_AGE`` with
``conn_health_checks``) let the next request reconnect once PostgreSQL is
back, so the site recovers without a restart.

Redis down: see :class:`jobcenter_site.pagecache.redis_backend.TolerantRedisCache`.
"""

import logging
import sys

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
