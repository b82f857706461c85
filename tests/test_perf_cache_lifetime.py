"""The page cache's lifetimes: go-live bounds and per-process copies."""

import os
import subprocess
import sys
from datetime import timedelta
from unittest import mock

import pytest
import time_machine

from jobcenter_site.pagecache import policy as caching

from .pagecache import NEXT_CHANGE, T0, edit_in_another_process, get, make_office, warm

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.perf_urls")]

HERE = "tests.pagecache"


@pytest.fixture
def next_change(settings):
    settings.PAGE_CACHE_NEXT_CHANGE_FUNCTIONS = [f"{HERE}.fake_next_change"]
    yield NEXT_CHANGE
    NEXT_CHANGE[0] = None


def test_entry_expires_at_the_next_scheduled_change(client, page_cache, next_change):
    next_change[0] = T0 + timedelta(seconds=90)
    with time_machine.travel(T0, tick=False) as traveller:
        warm(client, "/de/")
        traveller.shift(timedelta(seconds=89))
        assert get(client, "/de/")["X-Cache"] == "HIT"
        next_change[0] = None  # the change has happened; nothing further is scheduled
        traveller.shift(timedelta(seconds=2))
        assert get(client, "/de/")["X-Cache"] == "MISS"


def test_http_lifetime_ends_at_the_next_scheduled_change(client, page_cache, next_change):
    next_change[0] = T0 + timedelta(seconds=40)
    with time_machine.travel(T0, tick=False) as traveller:
        assert "max-age=40" in get(client, "/de/")["Cache-Control"]
        traveller.shift(timedelta(seconds=25))
        response = get(client, "/de/")
    assert response["X-Cache"] == "HIT"
    assert "max-age=15" in response["Cache-Control"]
    assert "stale-while-revalidate" not in response["Cache-Control"]


def test_far_change_keeps_the_default_lifetime(client, page_cache, next_change):
    next_change[0] = T0 + timedelta(days=2)
    with time_machine.travel(T0, tick=False):
        response = get(client, "/de/")
    assert "max-age=60" in response["Cache-Control"]
    assert "stale-while-revalidate=30" in response["Cache-Control"]


def test_a_change_falling_due_during_rendering_is_not_cached_past(client, page_cache, settings):
    from tests import perf_urls

    settings.PAGE_CACHE_NEXT_CHANGE_FUNCTIONS = [f"{HERE}.fake_next_changes"]
    with time_machine.travel(T0, tick=False) as traveller:
        perf_urls.DURING_RENDER.append(lambda: traveller.shift(timedelta(seconds=2)))
        try:
            get(client, "/de/perf/slow/")  # rendered at T0+2 s, i.e. past the change at T0+1 s
        finally:
            perf_urls.DURING_RENDER.clear()
        assert get(client, "/de/perf/slow/")["X-Cache"] != "HIT"


def test_a_change_within_a_second_is_not_cached(client, page_cache, next_change):
    next_change[0] = T0 + timedelta(milliseconds=500)
    with time_machine.travel(T0, tick=False):
        assert get(client, "/de/")["X-Cache"] == "PASS"


def test_a_mistyped_next_change_function_stops_the_start(settings):
    """Issue 12: skipping it silently would cache pages past a go-live."""
    settings.PAGE_CACHE_NEXT_CHANGE_FUNCTIONS = ["nowhere.models.next_change", "locations.nope"]
    caching._next_change_functions.cache_clear()
    try:
        with pytest.raises(ImportError):
            caching.connect_signals()
    finally:
        caching._next_change_functions.cache_clear()


def test_the_earliest_reported_change_wins(settings, next_change):
    settings.PAGE_CACHE_NEXT_CHANGE_FUNCTIONS = [
        f"{HERE}.fake_next_change",
        f"{HERE}.fake_next_change_later",
    ]
    next_change[0] = T0 + timedelta(hours=1)
    assert caching.compute_next_change(T0) == T0 + timedelta(hours=1)


# --- per-process copies (PAGE_CACHE_LOCAL_SECONDS) --------------------------


def test_without_local_copies_an_edit_elsewhere_shows_at_once(client, page_cache):
    warm(client, "/de/")
    edit_in_another_process(page_cache)
    assert get(client, "/de/")["X-Cache"] == "MISS"


def test_local_copy_serves_for_its_seconds_then_rechecks(client, page_cache, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 2
    with time_machine.travel(T0, tick=False) as traveller:
        warm(client, "/de/")
        edit_in_another_process(page_cache)
        assert get(client, "/de/")["X-Cache"] == "HIT"
        traveller.shift(timedelta(seconds=2.5))
        assert get(client, "/de/")["X-Cache"] == "MISS"


def test_an_edit_in_this_process_drops_local_copies_at_once(client, page_cache, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    warm(client, "/de/")
    make_office()
    assert get(client, "/de/")["X-Cache"] == "MISS"


def test_local_copy_ends_at_the_next_scheduled_change(client, page_cache, settings, next_change):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    next_change[0] = T0 + timedelta(seconds=5)
    with time_machine.travel(T0, tick=False) as traveller:
        warm(client, "/de/")
        next_change[0] = None
        traveller.shift(timedelta(seconds=6))
        assert get(client, "/de/")["X-Cache"] == "MISS"


def test_local_copies_are_bounded(settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 5
    copies = caching.LocalCopies(size=2)
    entry = mock.Mock(expires=float("inf"))
    for key in ("a", "b", "c"):
        copies.put(key, entry, now=0)
    assert (copies.get("a", 1), copies.get("c", 1)) == (None, entry)


@pytest.mark.parametrize(
    ("redis_url", "expected"), [("", "600.0"), ("redis://127.0.0.1:6379/15", "0.0")]
)
def test_local_copies_by_default_only_where_the_cache_is_the_processs_own(redis_url, expected):
    """Local memory: copies as fresh as the cache itself; Redis: strict unless configured."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PAGE_CACHE", "REDIS_URL", "DJANGO_SETTINGS"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="jobcenter_site.settings",
        DEBUG="0",
        SECRET_KEY="x" * 50,
        SITE_URL="https://jobcenter.example",
        REDIS_URL=redis_url,
    )
    code = "from django.conf import settings; print(float(settings.PAGE_CACHE_LOCAL_SECONDS))"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == expected
