"""A large archive costs the same as a small one: capped list pages, year
probes, newest-first search candidates, and query budgets at 1 vs 500 rows
for the pages that list every release (feeds, sitemap, search)."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from jobcenter_site.search import engine as search
from pressroom import views
from pressroom.models import PressRelease, Topic

from .factories import make_release, make_topic
from .querybudget import assert_flat_queries

pytestmark = pytest.mark.django_db


def add_releases(n):
    """n more synthetic published releases (bulk, so 500 stay quick)."""
    if n:
        call_command("generate_synthetic_releases", count=n, stdout=io.StringIO())


def local(year, month=6):
    return timezone.make_aware(datetime(year, month, 1, 12))


# --- query budgets at 1 and 500 releases ---------------------------------------


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        # 1 releases+series, 2 press office (author, rights)
        ("/de/presse/feed/", 2),
        ("/de/presse/atom/", 2),
        # 1 count (capped), 2 page, 3 newest/oldest, 4 years, 5 topics
        ("/de/presse/", 5),
    ],
)
def test_pages_over_the_whole_archive_have_a_flat_budget(client, url, budget):
    assert assert_flat_queries(client, url, add_releases) == budget


def test_search_has_a_flat_budget(client):
    # PostgreSQL: offices, services, pages, contacts (the synthetic one),
    # release candidates, ranked releases. SQLite: one FTS5 match for every kind,
    # then the matched contacts and releases. (The year filter offers the
    # years of the matches: no query.)
    budget = 6 if connection.vendor == "postgresql" else 3
    assert assert_flat_queries(client, "/de/suche/?q=synthetisch", add_releases) == budget


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-press.xml", "/sitemap-years.xml"])
def test_sitemap_has_a_flat_budget(client, url):
    # the index: a count and a latest date per section; a child: one page of rows
    assert_flat_queries(client, url, add_releases)


def test_the_deepest_list_page_has_the_same_budget_as_the_first(client, monkeypatch):
    monkeypatch.setattr(views, "MAX_PAGES", 3)
    add_releases(45)
    first = assert_flat_queries(client, "/de/presse/", add_releases, few=0, many=0)
    assert assert_flat_queries(client, "/de/presse/?seite=3", add_releases, few=0, many=0) == first


# --- capped pagination -------------------------------------------------------------


def test_list_pages_stop_at_the_cap_and_point_to_the_years(client, monkeypatch):
    monkeypatch.setattr(views, "MAX_PAGES", 2)
    add_releases(25)
    last = client.get("/de/presse/", {"seite": 2})
    assert last.status_code == 200
    assert "Seite 2 von 2" in last.content.decode()
    assert "in den Jahrgängen" in last.content.decode()
    assert 'rel="next"' not in last.content.decode()
    assert client.get("/de/presse/", {"seite": 3}).status_code == 404


def test_below_the_cap_nothing_points_elsewhere(client, monkeypatch):
    monkeypatch.setattr(views, "MAX_PAGES", 2)
    add_releases(15)
    html = client.get("/de/presse/", {"seite": 2}).content.decode()
    assert "Seite 2 von 2" in html
    assert "in den Jahrgängen" not in html


@pytest.mark.parametrize("page", ["0", "-1", "abc", "999", "1.5", "99999999999999999999"])
def test_invalid_page_numbers_are_404(client, page):
    add_releases(15)
    assert client.get("/de/presse/", {"seite": page}).status_code == 404


# --- years and topics by probes --------------------------------------------------


def test_years_skip_gaps_and_unpublished_rows():
    make_release(slug="a", publish_at=local(2019))
    make_release(slug="b", publish_at=local(2021, 12))
    make_release(slug="c", publish_at=local(2020), status=PressRelease.Status.DRAFT)
    make_release(slug="d", publish_at=timezone.now() + timedelta(days=400))  # scheduled
    years = [d.year for d in PressRelease.objects.published().years()]
    assert years == [2021, 2019]


def test_years_follow_local_time():
    # 31 Dec 23:30 UTC is already New Year in Germany
    make_release(slug="a", publish_at=datetime(2020, 12, 31, 23, 30, tzinfo=UTC))
    assert [d.year for d in PressRelease.objects.published().years()] == [2021]


def test_no_years_without_releases():
    assert PressRelease.objects.published().years() == []


def test_topics_only_with_a_public_release():
    shown, draft_only = make_topic(slug="shown"), make_topic(slug="draft-only")
    make_topic(slug="unused")
    make_release(slug="a", topics=[shown])
    make_release(slug="b", topics=[draft_only], status=PressRelease.Status.DRAFT)
    assert list(Topic.objects.with_published_releases()) == [shown]


# --- search ranks the newest candidates ------------------------------------------


def test_search_returns_the_newest_matches_when_there_are_too_many(monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    monkeypatch.setattr(search, "MAX_PER_SOURCE", 3)
    now = timezone.now()
    for i in range(6):  # created oldest first, so "newest" is not "first pks"
        make_release(
            slug=f"m-{i}",
            title_de=f"Arbeitsmarkt Meldung {i}",
            publish_at=now - timedelta(days=6 - i),
        )
    titles = {hit.title for hit in search.run_search("Arbeitsmarkt", "de")}
    assert titles == {f"Arbeitsmarkt Meldung {i}" for i in (3, 4, 5)}
