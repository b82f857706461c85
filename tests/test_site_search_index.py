"""The search index: nothing unpublished in it or out of it, current on every
save and delete, rebuildable. Runs on both databases (on PostgreSQL the index
is the tables themselves plus the vocabulary; on SQLite the FTS5 rows too)."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from jobcenter_site.models import SearchWord
from jobcenter_site.search import run_search
from jobcenter_site.search.index import rebuild
from locations.models import ContactPerson, Office
from pressroom.models import PressRelease

from .factories import make_page, make_release

pytestmark = pytest.mark.django_db
Status = PressRelease.Status
ON_SQLITE = connection.vendor == "sqlite"


def titles(query, lang="de"):
    return [hit.title for hit in run_search(query, lang)]


def indexed_text() -> str:
    """Everything the FTS5 index holds (SQLite), else ''."""
    if not ON_SQLITE:
        return ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT a || ' ' || b || ' ' || c || ' ' || d FROM search_doc")
        return " ".join(row[0] for row in cursor.fetchall())


def vocabulary() -> set[str]:
    return set(SearchWord.objects.values_list("key", flat=True))


@pytest.mark.parametrize("status", [Status.DRAFT, Status.READY, Status.WITHDRAWN])
def test_unapproved_releases_are_neither_indexed_nor_found(status):
    make_release(title_de="Geheimprojekt Zeppelin", status=status)
    assert titles("Zeppelin") == []
    assert "zeppelin" not in indexed_text()
    assert "zeppelin" not in vocabulary()


def test_withdrawing_a_release_removes_it():
    release = make_release(title_de="Zeppelin über Borken")
    assert titles("Zeppelin") == ["Zeppelin über Borken"]
    release.status = Status.WITHDRAWN
    release.save()
    assert titles("Zeppelin") == []
    assert "zeppelin" not in indexed_text()


def test_scheduled_and_embargoed_releases_go_live_without_a_save():
    now = timezone.now()
    make_release(title_de="Zeppelin geplant", publish_at=now + timedelta(hours=2))
    make_release(
        title_de="Zeppelin gesperrt", publish_at=now, embargo_until=now + timedelta(hours=3)
    )
    assert titles("Zeppelin") == []
    with time_machine.travel(now + timedelta(hours=2, minutes=1)):
        assert titles("Zeppelin") == ["Zeppelin geplant"]
    with time_machine.travel(now + timedelta(hours=4)):
        assert sorted(titles("Zeppelin")) == ["Zeppelin geplant", "Zeppelin gesperrt"]


def test_unpublished_releases_never_reach_the_page(client):
    make_release(title_de="Zeppelin Entwurf", status=Status.DRAFT)
    make_release(title_de="Zeppelin morgen", publish_at=timezone.now() + timedelta(days=1))
    html = client.get("/de/suche/", {"q": "Zeppelin"}).content.decode()
    assert "Entwurf" not in html and "morgen" not in html
    assert "0 Treffer" in html


def test_inactive_offices_and_contacts_leave_the_index():
    office = Office.objects.create(name_de="Jobcenter Zeppelinstadt", slug="zeppelin")
    contact = ContactPerson.objects.create(role_de="Zeppelinbeauftragte")
    assert len(titles("Zeppelinstadt")) == 1 and len(titles("Zeppelinbeauftragte")) == 1
    office.is_active = contact.is_active = False
    office.save()
    contact.save()
    assert titles("Zeppelinstadt") == [] and titles("Zeppelinbeauftragte") == []
    assert "zeppelinstadt" not in indexed_text()


def test_edits_and_deletes_are_found_at_once():
    page = make_page(title_de="Zeppelin")
    page.title_de = "Luftschiff"
    page.save()
    assert titles("Zeppelin") == [] and titles("Luftschiff") == ["Luftschiff"]
    page.delete()
    assert titles("Luftschiff") == []
    assert "luftschiff" not in indexed_text()


def test_translations_are_indexed_and_searched_in_their_language():
    make_page(title_de="Datenschutz", title_en="Privacy", intro_en="Your data")
    assert titles("privacy", "en") == ["Privacy"]
    assert titles("privacy", "de") == []
    assert titles("Datenschutz", "en") == []  # the English page has its own title
    assert titles("Datenschutz", "tr") == ["Datenschutz"]  # no Turkish: German


def test_synthetic_bulk_releases_are_indexed():
    call_command("generate_synthetic_releases", count=3, stdout=io.StringIO())
    releases = run_search("synthetisch", "de", kind="pressemitteilungen")
    assert len(releases) == 3


def test_rebuild_command_indexes_everything_with_a_progress_bar():
    make_page(title_de="Zeppelin")
    make_release(title_de="Zeppelin fliegt")
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "[" + "#" * 30 + "]" in out.getvalue()
    assert "Einträge indexiert" in out.getvalue()
    assert sorted(titles("Zeppelin")) == ["Zeppelin", "Zeppelin fliegt"]


def test_rebuild_drops_what_is_no_longer_public():
    release = make_release(title_de="Zeppelin")
    PressRelease.objects.filter(pk=release.pk).update(status=Status.DRAFT)  # no signal
    rebuild()
    assert "zeppelin" not in vocabulary()
    assert "zeppelin" not in indexed_text()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "NEAR(a b)",
        "a OR",
        "AND",
        "NOT x",
        "title:x",
        "x*",
        "^x",
        "-",
        "-x",
        "'\"; DROP TABLE search_fts; --",
        "\u202eevil",
        "ا" * 300,
        "_ __ ___",
    ],
)
def test_hostile_queries_never_break_the_engine(client, query):
    make_page(title_de="Zeppelin x", body_de="<p>a b</p>")
    response = client.get("/de/suche/", {"q": query})
    assert response.status_code == 200
    assert run_search(query, "de") is not None


def test_an_approved_release_without_a_time_is_not_indexed():
    release = make_release(title_de="Zeppelin ohne Zeit")
    PressRelease.objects.filter(pk=release.pk).update(publish_at=None)
    release.refresh_from_db()
    release.save()  # no crash in the signal, and nothing to find
    assert titles("Zeppelin") == []
