"""Serve anonymous public pages from the cache; see caching.py for the policy.

Sits right after WhiteNoise: a hit skips sessions, locale, CSRF, auth and the
view, while SecurityMiddleware and the CSP middleware (outside it) still add
their headers to every response, cached or not.
"""

import logging
import math
import time
from datetime import UTC, datetime
from typing import NamedTuple

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from . import caching

# Only these make a 304 possible; most requests carry none of them.
CONDITIONAL_HEADERS = {
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
}

logger = logging.getLogger(__name__)


class Entry(NamedTuple):
    """A cached page (changing its fields needs caching.FORMAT bumped)."""

    generation: str
    expires: float  # when this entry stops being served (TTL and go-live)
    bound: float | None  # next scheduled change: caps the HTTP max-age too
    status: int
    headers: list[tuple[str, str]]
    content: bytes


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not caching.enabled() or not caching.is_cacheable_request(request):
            return self.get_response(request)
        key, now = caching.cache_key(request), time.time()
        if entry := caching.local_copies.get(key, now):
            return self.serve(request, entry, now, "HIT")
        try:
            found = caching.get_cache().get_many([caching.GENERATION_KEY, key])
            generation = caching.current_generation(found.get(caching.GENERATION_KEY))
        except Exception:
            # A cache outage must not take the site down: render uncached.
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        entry = found.get(key)
        if entry and entry.generation == generation and entry.expires > now:
            caching.local_copies.put(key, entry, now)
            return self.serve(request, entry, now, "HIT")
        response = self.get_response(request)
        if not caching.is_cacheable_response(request, response):
            response.headers["X-Cache"] = "PASS"
            return response
        try:
            entry = self.store(key, generation, response, now)
        except Exception:
            logger.warning("page not cached", exc_info=True)
            entry = None
        if entry is None:
            response.headers["X-Cache"] = "PASS"
            return response
        caching.local_copies.put(key, entry, now)
        return self.serve(request, entry, now, "MISS")

    def store(self, key: str, generation: str, response, now: float) -> Entry | None:
        # Bound from when the request started, not from now: a change that
        # fell due while the view ran may be missing from the page, which
        # then expires at once instead of living until the change after it.
        started = datetime.fromtimestamp(now, tz=UTC)
        bound = caching.next_change_timestamp(generation, started)
        expires = now + settings.PAGE_CACHE_SECONDS
        if bound is not None:
            expires = min(expires, bound)
        if expires - now < 1:
            return None  # the page changes within a second: not worth it
        if not response.has_header("ETag"):
            set_response_etag(response)
        if not response.has_header("Last-Modified"):
            response.headers["Last-Modified"] = http_date(now)
        entry = Entry(
            generation,
            expires,
            bound,
            response.status_code,
            list(response.headers.items()),
            response.content,
        )
        caching.get_cache().set(key, entry, math.floor(expires - now))
        return entry

    def serve(self, request, entry: Entry, now: float, state: str):
        response = HttpResponse(entry.content, status=entry.status)
        for name, value in entry.headers:
            response.headers[name] = value
        patch_cache_control(response, public=True, **http_lifetime(entry.bound, now))
        if CONDITIONAL_HEADERS & request.META.keys():
            response = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified")),
                response=response,
            )
        response.headers["X-Cache"] = state
        return response


def http_lifetime(bound: float | None, now: float) -> dict:
    """max-age and stale-while-revalidate for browsers and a CDN.

    Both end at the next scheduled change: serving a stale copy while
    revalidating would show a page past its go-live instant.
    """
    max_age = settings.PAGE_CACHE_MAX_AGE
    stale = settings.PAGE_CACHE_STALE_SECONDS
    if bound is not None:
        remaining = max(0, math.floor(bound - now))
        max_age = min(max_age, remaining)
        stale = min(stale, remaining - max_age)
    lifetime = {"max_age": max_age}
    if stale > 0:
        lifetime["stale_while_revalidate"] = stale
    return lifetime
