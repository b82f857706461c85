"""Every feed type, in German and in other languages, passes the W3C Feed Validator.

The validator is vendored (tests/vendor/feedvalidator, tests/feedcheck.py)
and run at the online service's level: any error or warning fails.
"""

from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest
import time_machine

from .factories import make_press_office, make_release, make_series, make_topic
from .feedcheck import feed_problems

ATOM = "{http://www.w3.org/2005/Atom}"
PUBLISHED_AT = datetime(2019, 8, 22, 22, 0, tzinfo=UTC)
FEEDS = ["feed/", "atom/", "serien/serie/feed/", "serien/serie/atom/"]
FEEDS += ["themen/thema/feed/", "themen/thema/atom/"]


@pytest.fixture
def releases(db):
    make_press_office()
    series, topic = make_series(slug="serie"), make_topic(slug="thema")
    common = {"series": series, "topics": [topic]}
    translated = make_release(
        slug="eins",
        title_de="Teil eins",
        part_number=1,
        publish_at=PUBLISHED_AT,
        title_en="Part one",
        lead_en="The lead.",
        body_en="<p>The text.</p>",
        **common,
    )
    german = make_release(slug="zwei", title_de="Teil zwei", part_number=2, **common)
    return translated, german


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.wsgi_request.build_absolute_uri()


@pytest.mark.parametrize("language", ["de", "en", "tr"])
@pytest.mark.parametrize("path", FEEDS)
def test_every_feed_passes_the_w3c_feed_validator(client, releases, language, path):
    response, url = _get(client, f"/{language}/presse/{path}")
    assert feed_problems(response, url) == []


@pytest.mark.parametrize("path", ["atom/", "serien/serie/atom/", "themen/thema/atom/"])
def test_atom_names_the_press_office_as_author_and_its_reuse_terms_as_rights(
    client, releases, path
):
    root = ElementTree.fromstring(client.get(f"/de/presse/{path}").content)
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Kreis Borken Pressestelle"
    assert root.find(f"{ATOM}author/{ATOM}email").text == "pressestelle@kreis-borken.de"
    assert "zur Veröffentlichung frei" in root.find(f"{ATOM}rights").text
    for entry in root.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}author/{ATOM}name").text == "Kreis Borken Pressestelle"


def test_a_feed_in_another_language_carries_only_releases_in_that_language(client, releases):
    root = ElementTree.fromstring(client.get("/en/presse/atom/").content)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert titles == ["Part one"]  # the German-only part two is not labelled English
    assert "The press releases of the district of Borken" in root.find(f"{ATOM}rights").text
    german = root.find(f"{ATOM}link[@hreflang='de']")
    assert german.get("href").endswith("/de/presse/atom/")
    assert german.get("rel") == "alternate"


def test_a_turkish_rss_feed_without_turkish_releases_points_to_the_german_feed(client, releases):
    channel = ElementTree.fromstring(client.get("/tr/presse/feed/").content).find("channel")
    assert channel.find("language").text == "tr"
    assert channel.findall("item") == []
    german = channel.find(f"{ATOM}link[@hreflang='de']")
    assert german.get("href").endswith("/de/presse/feed/")


def test_the_german_feed_has_no_link_to_itself_as_another_language(client, releases):
    root = ElementTree.fromstring(client.get("/de/presse/atom/").content)
    assert root.find(f"{ATOM}link[@hreflang]") is None
    assert len(root.findall(f"{ATOM}entry")) == 2


def _entry_updated(client, slug):
    root = ElementTree.fromstring(client.get("/de/presse/atom/").content)
    for entry in root.findall(f"{ATOM}entry"):
        if entry.find(f"{ATOM}link").get("href").endswith(f"/{slug}/"):
            return entry.find(f"{ATOM}updated").text, entry.find(f"{ATOM}published").text
    raise AssertionError(slug)


def test_atom_updated_moves_on_a_material_change_but_not_on_a_typo_fix(client, releases):
    from pressroom.public_changes import mark_material_change

    translated, _german = releases
    assert _entry_updated(client, "eins") == ("2019-08-22T22:00:00+00:00",) * 2
    translated.title_de = "Teil eins (Tippfehler korrigiert)"
    translated.save()
    assert _entry_updated(client, "eins") == ("2019-08-22T22:00:00+00:00",) * 2
    with time_machine.travel(datetime(2024, 3, 1, 9, 0, tzinfo=UTC), tick=False):
        assert mark_material_change(translated, datetime.now(UTC))
    assert _entry_updated(client, "eins") == (
        "2024-03-01T09:00:00+00:00",
        "2019-08-22T22:00:00+00:00",
    )
