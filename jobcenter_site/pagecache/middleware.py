"""Serve anonymous public pages from the cache; see policy.py for the policy.

The first middleware: a hit is one cache round trip (one get_many) and skips
every other middleware and the view. The security headers are not lost: an
entry is stored after the whole stack below has added its headers (CSP,
HSTS, X-Frame-Options, Referrer-Policy, COOP, CORP, Permissions-Policy …),
and a miss is answered from the entry it just stored, so a hit and a miss
carry the same headers (tests/test_perf_hit_path.py). Responses that used a
per-request CSP nonce are never stored (policy.is_cacheable_response).
"""

import functools
import logging
import math
import time
from datetime import UTC, datetime
from typing import NamedTuple

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from core import memo

from . import policy as caching

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
    headers: dict[str, tuple[str, str]]  # as HttpResponse keeps them: lower name → (name, value)
    content: bytes


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not caching.enabled() or not caching.is_cacheable_request(request):
            return self.get_response(request)
        caching.keep_known_parameters(request)
        key, now = caching.cache_key(request), time.time()
        if entry := caching.local_copies.get(key, now):
            return self.serve(request, entry, now, "HIT")
        try:
            # One round trip: the generation, the page and the go-live memo.
            found = caching.get_cache().get_many(
                [caching.GENERATION_KEY, key, caching.NEXT_CHANGE_KEY]
            )
            generation = caching.current_generation(found.get(caching.GENERATION_KEY))
            memo.set_request_generation(generation)  # the render memos need no read of their own
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
            entry = self.store(key, generation, response, now, found.get(caching.NEXT_CHANGE_KEY))
        except Exception:
            logger.warning("page not cached", exc_info=True)
            entry = None
        if entry is None:
            response.headers["X-Cache"] = "PASS"
            return response
        caching.local_copies.put(key, entry, now)
        return self.serve(request, entry, now, "MISS")

    def store(
        self, key: str, generation: str, response, now: float, next_change=None
    ) -> Entry | None:
        # Bound from when the request started, not from now: a change that
        # fell due while the view ran may be missing from the page, which
        # then expires at once instead of living until the change after it.
        started = datetime.fromtimestamp(now, tz=UTC)
        bound = caching.next_change_timestamp(generation, started, next_change)
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
            {name.lower(): (name, value) for name, value in response.headers.items()},
            response.content,
        )
        caching.get_cache().set(key, entry, math.floor(expires - now))
        return entry

    def serve(self, request, entry: Entry, now: float, state: str):
        response = HttpResponse(entry.content, status=entry.status)
        # Checked and encoded when the page was stored: copied as they are
        # (validating each again was a fifth of a hit's cost).
        response.headers._store.update(entry.headers)
        stored = entry.headers.get("cache-control", (None, None))[1]
        response.headers["Cache-Control"] = cache_control(stored, **http_lifetime(entry.bound, now))
        if CONDITIONAL_HEADERS & request.META.keys():
            response = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified")),
                response=response,
            )
        response.headers["X-Cache"] = state
        return response


@functools.lru_cache(maxsize=1024)
def cache_control(stored: str | None, max_age: int, stale_while_revalidate: int = 0) -> str:
    """patch_cache_control(public, lifetime) of the stored header, once per combination.

    A hit's lifetime takes a few values (the full max-age, or the seconds
    left until the next scheduled change): parsing and writing the header
    again on every hit was a tenth of its cost.
    """
    response = HttpResponse()
    if stored is not None:
        response.headers["Cache-Control"] = stored
    lifetime = {"max_age": max_age}
    if stale_while_revalidate:
        lifetime["stale_while_revalidate"] = stale_while_revalidate
    patch_cache_control(response, public=True, **lifetime)
    return response.headers["Cache-Control"]


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
