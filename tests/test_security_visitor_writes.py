"""What anonymous visitors write must never flush the page cache for everyone."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from jobcenter_site.models import Feedback
from jobcenter_site.pagecache import policy as caching
from pressroom.models import EmbargoAccess, EmbargoLink
from subscriptions.models import SubscriptionEvent

from .factories import make_release

pytestmark = pytest.mark.django_db


@pytest.fixture
def generation(page_cache):
    """The page-cache generation before the visitor acts (and a fresh rate limit)."""
    cache.clear()
    return caching.current_generation(None)


def _unchanged(before):
    return caching.get_cache().get(caching.GENERATION_KEY) == before


def test_subscribe_post_keeps_the_page_cache(client, generation, mailoutbox):
    data = {"email": "anna@example.invalid", "language": "de", "website": ""}
    assert client.post("/de/presse/abonnieren/", data).status_code == 302
    assert SubscriptionEvent.objects.exists()  # the write the cache must ignore
    assert _unchanged(generation)


def test_feedback_post_keeps_the_page_cache(client, generation, mailoutbox):
    data = {"page_url": "/de/standorte/", "description": "Der Button ist nicht erreichbar."}
    assert client.post("/de/barrierefreiheit/feedback/", data).status_code == 302
    assert Feedback.objects.exists()
    assert _unchanged(generation)


def test_embargo_link_access_keeps_the_page_cache(client, page_cache):
    now = timezone.now()
    release = make_release(
        publish_at=now - timedelta(hours=1), embargo_until=now + timedelta(hours=2)
    )
    link = EmbargoLink.objects.create(release=release, recipient="Redaktion")
    before = caching.current_generation(None)
    assert client.get(link.get_absolute_url()).status_code == 200
    assert EmbargoAccess.objects.filter(link=link).exists()
    assert _unchanged(before)
