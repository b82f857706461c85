"""Query budgets: the same number of queries with 1 and with 50 releases."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pressroom.models import PressOffice, ReleaseContact

from .factories import make_media, make_press_contact, make_release, make_series, make_topic


def _build(n, media_root):
    series = make_series(slug="serie", planned_parts=60)
    topic = make_topic(slug="thema")
    contact = make_press_contact()
    PressOffice.objects.create(organisation="Kreis Borken")
    now = timezone.now()
    releases = []
    for i in range(n):
        release = make_release(
            slug=f"m-{i}",
            series=series,
            part_number=i + 1,
            topics=[topic],
            contact=contact,
            publish_at=now - timedelta(hours=i + 1),
        )
        ReleaseContact.objects.create(release=release, contact=make_press_contact(), role="subject")
        if i < 3:  # images are slow to make; the query count does not depend on them
            make_media(release=release)
        releases.append(release)
    return releases


PAGES = {
    # 1 count (capped), 2 releases+series, 3 newest/oldest year, 4 one EXISTS per year,
    # 5 topics (EXISTS per topic)
    "list": (lambda r: "/de/presse/", 5),
    # the deepest page costs the same
    "list, last page": (lambda r: f"/de/presse/?seite={(len(r) + 9) // 10}", 5),
    # 1 topic, 2 count, 3 releases+series, 4 newest/oldest year, 5 years, 6 topics
    "topic": (lambda r: "/de/presse/themen/thema/", 6),
    # 1 count, 2 releases+series, 3 newest/oldest year, 4 years, 5 topics
    "year": (lambda r: f"/de/presse/{timezone.localtime(r[-1].publish_at).year}/", 5),
    # 1 release+series, 2 contacts+person, 3 media links, 4 assets, 5 corrections, 6 topics,
    # 7 published parts of the series (previous/next), 8 press office
    "detail": (lambda r: r[0].get_absolute_url(), 8),
    # 1 series, 2 published parts
    "series": (lambda r: "/de/presse/serien/serie/", 2),
    # 1 releases+series, 2 press office (author and rights of every entry)
    "feed": (lambda r: "/de/presse/feed/", 2),
    "atom": (lambda r: "/de/presse/atom/", 2),
    # 1 series, 2 releases, 3 press office
    "series feed": (lambda r: "/de/presse/serien/serie/feed/", 3),
    # 1 topic, 2 releases, 3 press office
    "topic feed": (lambda r: "/de/presse/themen/thema/atom/", 3),
    # 1 asset (public), 2 releases using it
    "media": (lambda r: f"/de/presse/medien/{r[0].media.first().pk}/", 2),
    # 1 key figures, 2 latest releases, 3 series teaser: series, 4 its parts
    "home": (lambda r: "/de/", 4),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("n", [1, 50])
def test_query_count_is_fixed(client, media_root, django_assert_num_queries, name, n):
    releases = _build(n, media_root)
    url_for, budget = PAGES[name]
    url = url_for(releases)
    with django_assert_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
