"""The sitemap index lists every child; every child follows the sitemap protocol's rules.

No XSD validator is available offline, so the rules of sitemap.xsd and
siteindex.xsd that crawlers enforce are checked directly: the right root and
namespace, only the allowed elements, absolute locs on this host of at most
2,048 characters, W3C datetimes, changefreq from its list, at most 50,000
URLs per child, no duplicate locs.
"""

from datetime import datetime, timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from pressroom.sitemaps import PressReleaseSitemap

from .factories import (
    make_municipality,
    make_office,
    make_page,
    make_release,
    make_series,
    make_topic,
)
from .sitemaps import child_urls

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_LINK = "{http://www.w3.org/1999/xhtml}link"
CHANGEFREQ = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}
SECTIONS = ["static", "press", "press-pages", "series", "topics", "years", "towns", "offices"]
SECTIONS += ["services", "pages"]


@pytest.fixture
def content():
    topic, series = make_topic(slug="thema"), make_series(slug="serie")
    for number in range(5):
        make_release(
            slug=f"meldung-{number}",
            topics=[topic],
            title_en=f"Release {number}",
            lead_en="Lead",
            body_en="<p>Body</p>",
        )
    make_release(slug="teil", series=series, part_number=1)
    make_office(slug="heek")
    town = make_municipality(name="Heek", ags="05554024")
    make_release(slug="in-heek", municipalities=[town])
    make_page(slug="seite")


def _path(url):
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("http", "testserver"), url  # absolute, this host
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _w3c_datetime(text):
    assert datetime.fromisoformat(text.replace("Z", "+00:00")), text


def check_child(client, url) -> list[str]:
    response = client.get(_path(url))
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)  # well-formed
    assert root.tag == f"{SITEMAP}urlset", url
    entries = root.findall(f"{SITEMAP}url")
    assert len(entries) <= 50_000 and len(response.content) <= 50 * 1024 * 1024
    locs = []
    for entry in entries:
        allowed = {f"{SITEMAP}{n}" for n in ("loc", "lastmod", "changefreq", "priority")}
        assert {child.tag for child in entry} <= allowed | {XHTML_LINK}, url
        loc = entry.find(f"{SITEMAP}loc").text
        assert len(loc) <= 2048
        _path(loc)
        locs.append(loc)
        if (lastmod := entry.find(f"{SITEMAP}lastmod")) is not None:
            _w3c_datetime(lastmod.text)
        if (freq := entry.find(f"{SITEMAP}changefreq")) is not None:
            assert freq.text in CHANGEFREQ
        for link in entry.findall(XHTML_LINK):
            assert link.get("rel") == "alternate" and link.get("hreflang")
            _path(link.get("href"))
    assert len(locs) == len(set(locs)), url
    return locs


def test_the_index_lists_every_section_and_every_child_is_valid(client, content):
    children = child_urls(client)
    assert [urlsplit(u).path for u in children] == [f"/sitemap-{s}.xml" for s in SECTIONS]
    locs = [loc for child in children for loc in check_child(client, child)]
    paths = {urlsplit(loc).path for loc in locs}
    assert {"/de/presse/", "/de/presse/pressedienst/", "/de/presse/themen/thema/"} <= paths
    assert {"/de/presse/serien/serie/", "/de/standorte/heek/", "/de/seite/"} <= paths
    assert "/de/presse/orte/05554024/" in paths
    assert any(p.startswith("/en/presse/") and p.endswith("/meldung-0/") for p in paths)
    years = [
        p for p in paths if p.startswith("/de/presse/") and p[11:15].isdigit() and len(p) == 16
    ]
    assert years  # the yearly archive of the releases' year
    assert not any("/suche/" in p for p in paths)  # search results are not for crawlers


def test_releases_are_paged_in_children_of_at_most_limit_rows(client, content, monkeypatch):
    monkeypatch.setattr(PressReleaseSitemap, "limit", 2)
    from math import ceil

    from pressroom.models import PressRelease

    press = [u for u in child_urls(client) if "/sitemap-press.xml" in u]
    # Children are primary-key ranges of `limit` (no COUNT, no OFFSET): as many as the
    # highest public pk needs, whatever gaps the sequence has (PostgreSQL keeps counting).
    top = PressRelease.objects.published().order_by("-pk").first().pk
    pages = ceil(top / 2)
    assert [urlsplit(u).query for u in press] == [""] + [f"p={n}" for n in range(2, pages + 1)]
    for child in press:
        entries = check_child(client, child)
        assert len({urlsplit(loc).path.split("/", 2)[2] for loc in entries}) <= 2  # ≤ 2 releases
    locs = [loc for child in press for loc in check_child(client, child)]
    releases = {urlsplit(loc).path.rstrip("/").rsplit("/", 1)[1] for loc in locs}
    assert releases == {
        "meldung-0",
        "meldung-1",
        "meldung-2",
        "meldung-3",
        "meldung-4",
        "teil",
        "in-heek",
    }
    assert len(locs) == 12  # 5 in German and English, 2 in German only
    assert client.get(f"/sitemap-press.xml?p={pages + 1}").status_code == 404
    assert client.get("/sitemap-press.xml?p=zwei").status_code == 404
    assert client.get("/sitemap-gibt-es-nicht.xml").status_code == 404


def test_release_lastmod_is_the_public_change(client, content):
    from pressroom.models import PressRelease

    release = PressRelease.objects.get(slug="meldung-0")
    PressRelease.objects.filter(pk=release.pk).update(
        first_published_at=release.first_published_at - timedelta(days=3)
    )
    release.refresh_from_db()
    release.title_de = "Tippfehler behoben"
    release.save()
    root = ElementTree.fromstring(client.get("/sitemap-press.xml").content)
    for entry in root.findall(f"{SITEMAP}url"):
        if entry.find(f"{SITEMAP}loc").text.endswith(
            "/de/presse/{}/meldung-0/".format(release.get_absolute_url().split("/")[3])
        ):
            expected = timezone.localdate(release.first_published_at).isoformat()
            assert entry.find(f"{SITEMAP}lastmod").text == expected  # not today's typo fix
            break
    else:
        raise AssertionError("release not listed")


@pytest.mark.parametrize("url", ["/de/suche/?q=Jobcenter", "/de/standorte/finden/?q=46397"])
def test_search_and_finder_results_are_noindex(client, url):
    response = client.get(url)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


@pytest.mark.parametrize("url", ["/de/suche/", "/de/standorte/finden/"])
def test_the_empty_search_and_finder_forms_stay_indexable(client, url):
    response = client.get(url)
    assert not response.has_header("X-Robots-Tag")
