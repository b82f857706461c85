"""Render memos (core/memo.py, {% memo %}) change no byte and never outlive a change.

Every inventory page (tests/pages.py) is rendered with the memos off, then
twice with them on (cold, then warm, after all other pages have filled
their memos: a fragment key that forgets a variable would show one page's
fragment on another), then twice with the page cache on as well (miss and
hit). All five must be the same bytes.
"""

import re
from datetime import time, timedelta

import pytest
import time_machine
from django.utils import timezone

from core import memo, qr
from pressroom.models import EmbargoLink, PressRelease

from .factories import (
    make_hours,
    make_media,
    make_municipality,
    make_office,
    make_release,
    make_series,
    make_topic,
)
from .pages import DEMO_PAGES, ERROR_PAGES, STATIC_PAGES

pytestmark = pytest.mark.django_db
LANGUAGES = ["de", "en", "ar"]  # the source, a translation with fallbacks, right-to-left
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def memos(settings):
    """Memos on, empty."""
    settings.RENDER_MEMO_SECONDS = 60
    memo.clear()
    yield
    memo.clear()


@pytest.fixture
def archive(demo_data):
    """The demo data plus a topic, a series and a few more releases, so lists have rows."""
    topic = make_topic(name_de="Arbeitsmarkt", slug="arbeitsmarkt")
    series = make_series(title_de="Serie im Test", slug="serie-im-test", planned_parts=3)
    for n in range(1, 4):
        make_release(
            title_de=f"Teil {n} im Test", slug=f"teil-{n}-im-test", series=series, part_number=n
        )
    make_release(title_de="Mit Thema", slug="mit-thema", topics=[topic])


def urls() -> list[str]:
    pages = STATIC_PAGES + DEMO_PAGES + ERROR_PAGES
    extra = [("year", "/presse/2019/"), ("topic", "/presse/themen/arbeitsmarkt/")]
    return [f"/{lang}{path}" for lang in LANGUAGES for _name, path in pages + extra]


def render_all(client) -> dict[str, bytes]:
    rendered = {}
    for url in urls():
        response = client.get(url)
        assert response.status_code in (200, 404), f"{url}: {response.status_code}"
        # A form's CSRF token differs on every request, memo or not.
        rendered[url] = CSRF.sub(b'name="csrfmiddlewaretoken" value=""', response.content)
    return rendered


def test_memos_and_the_page_cache_change_no_byte(client, archive, settings, page_cache):
    settings.PAGE_CACHE_SECONDS = 0
    settings.RENDER_MEMO_SECONDS = 0
    fresh = render_all(client)
    settings.RENDER_MEMO_SECONDS = 60
    memo.clear()
    for state in ("memos cold", "memos warm"):
        differing = [url for url, body in render_all(client).items() if body != fresh[url]]
        assert differing == [], f"{state}: {differing}"
    settings.PAGE_CACHE_SECONDS = 600
    for state in ("page cache miss", "page cache hit"):
        differing = [url for url, body in render_all(client).items() if body != fresh[url]]
        assert differing == [], f"{state}: {differing}"


# The home page and the feeds, whose written document is memoised whole.
MEMOISED_PAGES = ["/de/", "/de/presse/feed/", "/de/presse/atom/"]


@pytest.mark.parametrize("url", MEMOISED_PAGES)
def test_an_edit_shows_at_once(client, archive, memos, url):
    assert "Mit Thema" in client.get(url).content.decode()
    release = PressRelease.objects.get(slug="mit-thema")
    release.title_de = "Neu betitelt"
    release.save()
    page = client.get(url).content.decode()
    assert "Neu betitelt" in page and "Mit Thema" not in page


@pytest.mark.parametrize("url", MEMOISED_PAGES)
def test_a_scheduled_release_shows_on_its_minute(client, archive, memos, settings, url):
    """No edit happens when a release goes live: the memo ends at the next scheduled change."""
    settings.RENDER_MEMO_SECONDS = 24 * 3600  # so that only the go-live can end it
    go_live = timezone.now() + timedelta(hours=1)
    make_release(title_de="Geplant für später", slug="geplant", publish_at=go_live)
    assert "Geplant für später" not in client.get(url).content.decode()
    with time_machine.travel(go_live + timedelta(seconds=1)):
        assert "Geplant für später" in client.get(url).content.decode()


def test_an_embargo_pages_media_grant_never_reaches_the_public_page(
    client, memos, settings, media_root
):
    """The article memo is keyed by the embargo token: the public page has its own."""
    settings.RENDER_MEMO_SECONDS = 24 * 3600
    now = timezone.now()
    release = make_release(
        publish_at=now - timedelta(hours=1), embargo_until=now + timedelta(hours=1)
    )
    make_media(release)
    link = EmbargoLink.objects.create(release=release, recipient="Redaktion")
    assert f"zugang={link.token}" in client.get(link.get_absolute_url()).content.decode()
    with time_machine.travel(release.embargo_until + timedelta(seconds=1)):
        public = client.get(release.get_absolute_url()).content.decode()
    assert "zugang=" not in public and "medienpaket.zip" in public


@time_machine.travel("2026-11-26 08:59 +01:00", tick=False)  # a Thursday
def test_the_open_now_badge_changes_at_the_opening(client, memos, settings):
    """Office list and page memoise their badges: the memo ends at the next opening."""
    settings.RENDER_MEMO_SECONDS = 24 * 3600
    town = make_municipality(name="Heek", slug="heek", postcodes=["48619"])
    office = make_office(municipality=town, slug="heek", name="Jobcenter der Gemeinde Heek")
    make_hours(office, weekday=3, opens=time(9), closes=time(12))
    for url in ("/de/standorte/", "/de/standorte/heek/"):
        assert "jetzt geöffnet" not in client.get(url).content.decode(), url
    with time_machine.travel("2026-11-26 09:01 +01:00", tick=False):
        for url in ("/de/standorte/", "/de/standorte/heek/"):
            assert "jetzt geöffnet bis 12:00" in client.get(url).content.decode(), url


def test_memos_are_bounded(memos, monkeypatch):
    monkeypatch.setattr(memo, "MAX_ENTRIES", 3)
    for n in range(10):
        memo.get_or_compute(("test", n), lambda n=n: n)
    assert len(memo._memos) == 3


def test_without_a_request_the_generation_is_read_every_time(archive, memos):
    """A worker or a shell has no request that ends: it must see another process's edit."""
    from jobcenter_site.pagecache import policy

    first = memo.get_or_compute(("test", "worker"), lambda: "alt")
    policy.get_cache().set(policy.GENERATION_KEY, policy.new_generation(), timeout=None)
    assert memo.get_or_compute(("test", "worker"), lambda: "neu") == "neu" != first


def test_the_qr_code_of_a_public_url_is_made_once():
    qr.public_svg.cache_clear()
    assert qr.public_svg("https://example.invalid/a") == qr.svg("https://example.invalid/a")
    qr.public_svg("https://example.invalid/a")
    assert qr.public_svg.cache_info().hits == 1


def test_one_kind_of_memo_cannot_evict_the_others(settings):
    """A flood of one name (headers of random search URLs) keeps at most MAX_PER_NAME."""
    from core import memo

    settings.RENDER_MEMO_SECONDS = 60
    memo.configure(lambda: "g1", lambda generation, now: None)
    memo.clear()
    try:
        memo.get_or_compute(("teaser", "de"), lambda: "kept")
        for n in range(memo.MAX_PER_NAME * 3):
            memo.get_or_compute(("header", f"/de/suche/?q={n}"), lambda: "x")
        assert memo.get_or_compute(("teaser", "de"), lambda: "recomputed") == "kept"
        headers = [key for key in memo._memos if key[0] == "header"]
        assert len(headers) == memo.MAX_PER_NAME
        assert ("header", f"/de/suche/?q={memo.MAX_PER_NAME * 3 - 1}") in memo._memos
    finally:
        memo.clear()
        from jobcenter_site.pagecache.policy import content_generation, memo_bound

        memo.configure(content_generation, memo_bound)


def test_query_strings_do_not_multiply_feed_and_list_memos(client, settings, demo_data):
    """Review of issue 19: ?x=… made a feed memo each, ?seite=01/001 a list memo each."""
    from core import memo

    settings.RENDER_MEMO_SECONDS = 60
    memo.clear()
    try:
        first = client.get("/de/presse/feed/").content
        for n in range(5):
            assert client.get(f"/de/presse/feed/?x={n}").content == first
        assert len([key for key in memo._memos if key[0] == "feed"]) == 1
        for spelling in ("1", "01", "001", "0001"):
            assert client.get(f"/de/presse/?seite={spelling}").status_code == 200
        assert client.get("/de/presse/?seite=%201").status_code == 404
        lists = [key for key in memo._memos if key[0].endswith("_list_page")]
        assert len(lists) == 1
    finally:
        memo.clear()


def test_one_fragment_name_cannot_evict_another(settings):
    """{% memo %} names are capped each: a flood of search headers keeps the office bodies."""
    from django.template import Context, Template

    settings.RENDER_MEMO_SECONDS = 60
    memo.configure(lambda: "g1", lambda generation, now: None)
    memo.clear()
    body = Template('{% load render_memo %}{% memo "office-body" slug %}{{ text }}{% endmemo %}')
    header = Template('{% load render_memo %}{% memo "header" path %}{{ path }}{% endmemo %}')
    try:
        assert body.render(Context({"slug": "heek", "text": "kept"})) == "kept"
        for n in range(memo.MAX_PER_NAME * 3):
            header.render(Context({"path": f"/de/suche/?q={n}"}))
        assert body.render(Context({"slug": "heek", "text": "recomputed"})) == "kept"
    finally:
        memo.clear()
        from jobcenter_site.pagecache.policy import content_generation, memo_bound

        memo.configure(content_generation, memo_bound)


def test_sitemap_children_memoised_show_a_new_and_a_scheduled_release_in_time(
    client, archive, memos, settings
):
    settings.RENDER_MEMO_SECONDS = 24 * 3600  # so that only an edit or the go-live can end it
    before = client.get("/sitemap-press.xml").content.decode()
    make_release(title_de="Sofort", slug="sofort-sichtbar")
    assert "sofort-sichtbar" not in before
    assert "sofort-sichtbar" in client.get("/sitemap-press.xml").content.decode()
    go_live = timezone.now() + timedelta(hours=1)
    make_release(title_de="Später", slug="spaeter-sichtbar", publish_at=go_live)
    assert "spaeter-sichtbar" not in client.get("/sitemap-press.xml").content.decode()
    with time_machine.travel(go_live + timedelta(seconds=1)):
        assert "spaeter-sichtbar" in client.get("/sitemap-press.xml").content.decode()
    for spelling in ("1", "01", "001"):
        assert client.get(f"/sitemap-press.xml?p={spelling}").status_code == 200
    assert len([key for key in memo._memos if key[0] == "sitemap-section"]) == 1
    assert client.get("/sitemap-press.xml?p=x").status_code == 404
    assert client.get("/sitemap-press.xml?p=0").status_code == 404
