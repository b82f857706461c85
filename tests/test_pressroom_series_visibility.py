"""A series is public only once one of its parts is published (SeriesQuerySet.public)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pressroom.models import PressRelease, Series

from .factories import make_release, make_series
from .sitemaps import all_sitemaps

pytestmark = pytest.mark.django_db
SECRET = "Geheime Kampagne 2027"


def _surfaces(series):
    base = f"/de/presse/serien/{series.slug}/"
    return [base, f"{base}feed/", f"{base}atom/", f"{base}kalender.ics", f"{base}abonnieren/"]


@pytest.mark.parametrize(
    "part",
    [
        {"status": PressRelease.Status.DRAFT},
        {"status": PressRelease.Status.READY},
        {"publish_at": timezone.now() + timedelta(days=3)},
        {"embargo_until": timezone.now() + timedelta(days=3)},
    ],
    ids=["draft", "ready", "scheduled", "embargoed"],
)
def test_series_without_published_part_is_404_everywhere(client, part):
    series = make_series(title_de=SECRET, description_de="Noch vertraulich")
    make_release(series=series, part_number=1, **part)
    assert not Series.objects.public().exists()
    for url in _surfaces(series):
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET.encode() not in response.content, url
    assert SECRET.encode() not in all_sitemaps(client)
    assert SECRET.encode() not in client.get("/de/").content


def test_series_with_a_published_part_is_public_everywhere(client):
    series = make_series(title_de=SECRET)
    make_release(series=series, part_number=1)
    assert list(Series.objects.public()) == [series]
    for url in _surfaces(series):
        assert client.get(url).status_code == 200, url
    assert series.slug.encode() in all_sitemaps(client)
    assert SECRET.encode() in client.get("/de/").content
