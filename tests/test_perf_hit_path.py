"""A page-cache hit: one round trip, no other middleware, the same security headers."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.test import RequestFactory
from django.utils.csp import LazyNonce

from jobcenter_site.pagecache import policy as caching

from .pagecache import T0, edit_in_another_process, get, warm

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.perf_urls")]

# Every header a security middleware adds (SecurityMiddleware, CSP,
# jobcenter_site.security, XFrameOptionsMiddleware).
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
]


def headers_without_cache_state(response) -> dict:
    return {name: value for name, value in response.headers.items() if name != "X-Cache"}


@pytest.mark.parametrize("secure", [False, True])
def test_a_hit_carries_the_same_headers_as_a_miss(client, page_cache, settings, secure):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    settings.PAGE_CACHE_SECONDS = 0
    uncached = client.get("/de/", secure=secure)  # the page cache off: the stack's own headers
    settings.PAGE_CACHE_SECONDS = 600
    miss, hit = client.get("/de/", secure=secure), client.get("/de/", secure=secure)
    assert (miss["X-Cache"], hit["X-Cache"]) == ("MISS", "HIT")
    for name in SECURITY_HEADERS:
        if name == "Strict-Transport-Security" and not secure:
            assert name not in hit.headers  # HSTS only over HTTPS, as Django sends it
            continue
        assert hit.headers.get(name), name
        assert hit[name] == miss[name] == uncached[name], name
    assert headers_without_cache_state(hit) == headers_without_cache_state(miss)


class CountingCache:
    """The page cache as the middleware sees it, counting each call (one call = one
    round trip on Redis; local memory implements get_many with get, so the
    backend itself cannot be counted)."""

    def __init__(self, cache):
        self.cache, self.calls = cache, []

    def __getattr__(self, name):
        method = getattr(self.cache, name)

        def counted(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return counted


def test_a_hit_is_one_cache_round_trip(client, page_cache):
    warm(client, "/de/")
    counting = CountingCache(page_cache)
    with mock.patch.object(caching, "get_cache", return_value=counting):
        assert get(client, "/de/")["X-Cache"] == "HIT"
    assert counting.calls == ["get_many"]


def test_a_hit_skips_the_rest_of_the_middleware(client, page_cache):
    miss = get(client, "/de/")
    hit = get(client, "/de/")
    assert hasattr(miss.wsgi_request, "session") and hasattr(miss.wsgi_request, "user")
    assert not hasattr(hit.wsgi_request, "session")  # SessionMiddleware did not run
    assert not hasattr(hit.wsgi_request, "user")  # nor AuthenticationMiddleware
    assert not hasattr(hit.wsgi_request, "LANGUAGE_CODE")  # nor LocaleMiddleware


def test_a_response_that_used_its_csp_nonce_is_never_stored():
    from django.http import HttpResponse

    request = RequestFactory().get("/de/")
    request._csp_nonce = LazyNonce()
    assert caching.is_cacheable_response(request, HttpResponse("ohne"))
    str(request._csp_nonce)  # a template rendered {{ csp_nonce }}
    assert not caching.is_cacheable_response(request, HttpResponse("mit"))


def test_local_copies_may_last_a_fraction_of_a_second(client, page_cache, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0.25
    with time_machine.travel(T0, tick=False) as traveller:
        warm(client, "/de/")
        edit_in_another_process(page_cache)
        traveller.shift(timedelta(seconds=0.2))
        assert get(client, "/de/")["X-Cache"] == "HIT"  # the local copy
        traveller.shift(timedelta(seconds=0.1))
        assert get(client, "/de/")["X-Cache"] == "MISS"  # checked with the shared cache again


def test_the_page_cache_is_the_first_middleware(settings):
    assert settings.MIDDLEWARE[0] == "jobcenter_site.pagecache.middleware.PageCacheMiddleware"
