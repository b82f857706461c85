"""Helpers for the page-cache tests (test_perf_cache*.py)."""

from datetime import UTC, datetime, timedelta
from itertools import count

from django.conf import settings

from jobcenter_site.pagecache import policy as caching
from locations.models import Office

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
_serial = count(1)
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CHANGES = [T0 + timedelta(seconds=1), T0 + timedelta(hours=1)]
NEXT_CHANGE: list[datetime | None] = [None]


def fake_next_change(now):
    """Stands in for pressroom/locations: the next instant a page changes by itself."""
    return NEXT_CHANGE[0]


def make_office(**kw):
    n = next(_serial)
    kw.setdefault("name", f"Teststandort {n}")
    kw.setdefault("slug", f"teststandort-{n}")
    return Office.objects.create(**kw)


def get(client, url, **kw):
    return client.get(url, **kw)


def warm(client, *paths):
    for path in paths:
        get(client, path)
        assert get(client, path)["X-Cache"] == "HIT", path


def edit_in_another_process(cache):
    """What another worker's save leaves behind: a new token, our copies untouched."""
    cache.set(caching.GENERATION_KEY, caching.new_generation(), timeout=None)


def fake_next_changes(now):
    """Two scheduled changes; reports the first after `now`, as the apps do."""
    return next((at for at in CHANGES if at > now), None)


def fake_next_change_later(now):
    return T0 + timedelta(hours=3)
