"""The publishing rule on every public surface: nothing unpublished leaks anywhere."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from .factories import make_media, make_release, make_series, make_topic

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
SECRET = "Geheimer Titel"

HIDDEN_STATES = {
    "draft": {"status": "draft", "publish_at": NOW - HOUR},
    "ready": {"status": "ready", "publish_at": NOW - HOUR},
    "withdrawn": {"status": "withdrawn", "publish_at": NOW - HOUR},
    "scheduled": {"publish_at": NOW + HOUR},
    "embargoed": {"publish_at": NOW - HOUR, "embargo_until": NOW + HOUR},
}


@pytest.fixture
def world(db, media_root):
    """A visible Part 1 and a Part 2 whose state each test sets."""
    series = make_series(slug="serie")
    topic = make_topic(slug="thema")
    visible = make_release(
        slug="sichtbar",
        title_de="Sichtbarer Teil",
        series=series,
        part_number=1,
        publish_at=NOW - 2 * HOUR,
        topics=[topic],
    )
    return {"series": series, "topic": topic, "visible": visible}


def _hidden(world, fields):
    release = make_release(
        slug="versteckt",
        title_de=SECRET,
        series=world["series"],
        part_number=2,
        topics=[world["topic"]],
        **fields,
    )
    asset = make_media(release=release, title_de="Geheimes Bild")
    return release, asset


def surfaces(world, release):
    year = NOW.year
    return [
        "/de/",
        "/de/presse/",
        f"/de/presse/{year}/",
        "/de/presse/themen/thema/",
        "/de/presse/serien/serie/",
        world["visible"].get_absolute_url(),  # previous/next links
        "/de/presse/feed/",
        "/de/presse/atom/",
        "/de/presse/serien/serie/feed/",
        "/de/presse/serien/serie/atom/",
        "/de/presse/themen/thema/feed/",
        "/de/presse/themen/thema/atom/",
        "/sitemap-press.xml",  # the index names sections, never releases
    ]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_unpublished_release_is_on_no_surface(client, world, state):
    release, asset = _hidden(world, HIDDEN_STATES[state])
    with time_machine.travel(NOW, tick=False):
        for url in surfaces(world, release):
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert SECRET not in body, url
            assert "versteckt" not in body, url
        assert client.get(f"/de/presse/{NOW.year}/versteckt/").status_code == 404
        assert client.get(f"/de/presse/medien/{asset.pk}/").status_code == 404


def test_series_page_counts_parts_to_come_without_titles(client, world):
    _hidden(world, HIDDEN_STATES["scheduled"])
    with time_machine.travel(NOW, tick=False):
        html = client.get("/de/presse/serien/serie/").content.decode()
    assert "Sichtbarer Teil" in html
    assert "6 weitere Teile sind geplant" in html
    assert SECRET not in html


def test_scheduled_release_appears_everywhere_on_its_minute(client, world):
    go_live = NOW + HOUR
    release, asset = _hidden(world, {"publish_at": go_live})
    detail = f"/de/presse/{NOW.year}/versteckt/"
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert client.get(detail).status_code == 404
    with time_machine.travel(go_live, tick=False):
        assert client.get(detail).status_code == 200
        assert client.get(f"/de/presse/medien/{asset.pk}/").status_code == 200
        for url in surfaces(world, release):
            assert (
                SECRET in client.get(url).content.decode()
                or "versteckt" in client.get(url).content.decode()
            ), url


def test_previous_and_next_link_published_parts_only(client, world):
    make_release(
        slug="teil-3",
        title_de="Dritter Teil",
        series=world["series"],
        part_number=3,
        publish_at=NOW - HOUR,
    )
    _hidden(world, HIDDEN_STATES["draft"])  # part 2 is skipped
    with time_machine.travel(NOW, tick=False):
        html = client.get(world["visible"].get_absolute_url()).content.decode()
    assert 'rel="next"' in html and "Dritter Teil" in html
    assert SECRET not in html
