"""Feeds parse with feedparser (entries, ids, dates); the sitemap is XML with hreflang."""

from datetime import UTC, datetime

import feedparser
import pytest

from .factories import make_release, make_series, make_topic
from .sitemaps import NS, all_entries

PUBLISHED_AT = datetime(2019, 8, 22, 22, 0, tzinfo=UTC)


@pytest.fixture
def releases(db):
    series = make_series(slug="serie")
    topic = make_topic(slug="thema")
    first = make_release(
        slug="eins",
        title_de="Teil eins",
        series=series,
        part_number=1,
        publish_at=PUBLISHED_AT,
        topics=[topic],
        title_en="Part one",
        lead_en="Lead",
        body_en="<p>Body</p>",
    )
    other = make_release(slug="anders", title_de="Andere Meldung")
    make_release(slug="entwurf", title_de="Entwurf", status="draft")
    return first, other


@pytest.mark.parametrize(
    ("url", "version", "titles"),
    [
        ("/de/presse/feed/", "rss20", {"Teil eins", "Andere Meldung"}),
        ("/de/presse/atom/", "atom10", {"Teil eins", "Andere Meldung"}),
        ("/de/presse/serien/serie/feed/", "rss20", {"Teil eins"}),
        ("/de/presse/serien/serie/atom/", "atom10", {"Teil eins"}),
        ("/de/presse/themen/thema/feed/", "rss20", {"Teil eins"}),
        ("/de/presse/themen/thema/atom/", "atom10", {"Teil eins"}),
    ],
)
def test_feed_parses_with_the_right_entries_and_dates(client, releases, url, version, titles):
    response = client.get(url)
    assert response.has_header("Last-Modified")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    assert {entry.title for entry in feed.entries} == titles
    first = next(e for e in feed.entries if e.title == "Teil eins")
    assert first.id == f"tag:127.0.0.1,2019:pressemitteilung:{releases[0].pk}"
    parsed = first.get("published_parsed") or first.get("updated_parsed")
    assert parsed[:5] == (2019, 8, 22, 22, 0)
    assert first.link.endswith("/de/presse/2019/eins/")


def test_sitemap_lists_published_releases_with_alternates_and_lastmod(client, releases):
    entries = all_entries(client)
    ns = NS
    locs = [u.find("s:loc", ns).text for u in entries]
    assert any(loc.endswith("/de/presse/2019/eins/") for loc in locs)
    assert any(loc.endswith("/en/presse/2019/eins/") for loc in locs)
    assert not any("/nl/presse/2019/eins/" in loc for loc in locs)  # no Dutch text
    assert not any("entwurf" in loc for loc in locs)
    assert any(loc.endswith("/de/presse/serien/serie/") for loc in locs)
    entry = next(u for u in entries if u.find("s:loc", ns).text.endswith("/de/presse/2019/eins/"))
    assert entry.find("s:lastmod", ns) is not None
    hreflangs = {link.get("hreflang") for link in entry.findall("x:link", ns)}
    assert hreflangs == {"de", "en", "x-default"}
