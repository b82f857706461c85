"""Media kit ZIP, the series calendar and press-contact vCards on releases."""

import io
import zipfile
from datetime import date, timedelta

import pytest
import time_machine
import vobject
from django.utils import timezone
from icalendar import Calendar

from pressroom.models import PressRelease

from .factories import make_media, make_press_contact, make_release, make_series

pytestmark = pytest.mark.django_db


def _kit_url(release):
    return f"{release.get_absolute_url()}medienpaket.zip"


def test_media_kit_has_originals_and_credits(client, media_root):
    release = make_release(slug="mit-bildern")
    first = make_media(release, title_de="Das Team", credit="Foto: Kreis Borken", licence="frei")
    make_media(release, title_de="Das Haus", credit="", licence="")
    response = client.get(_kit_url(release))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert not response.cookies
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert names == ["01-das-team.jpg", "02-das-haus.jpg", "credits.txt"]
    with first.image.open("rb") as original:
        assert archive.read("01-das-team.jpg") == original.read()
    credits = archive.read("credits.txt").decode()
    assert "01-das-team.jpg\r\n  Titel: Das Team\r\n  Bildnachweis: Foto: Kreis Borken" in credits
    assert "Lizenz: frei" in credits
    assert "02-das-haus.jpg\r\n  Titel: Das Haus\r\n  Bildnachweis: nicht angegeben" in credits


def test_media_kit_is_kept_out_of_the_page_cache(client, media_root, page_cache):
    release = make_release(slug="gross")
    make_media(release)
    first, second = client.get(_kit_url(release)), client.get(_kit_url(release))
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first["X-Cache"], second["X-Cache"]) == ("PASS", "PASS")
    assert "no-store" in second["Cache-Control"] and not second.cookies


@pytest.mark.parametrize(
    "change",
    [
        {"status": PressRelease.Status.DRAFT},
        {"status": PressRelease.Status.WITHDRAWN},
        {"embargo_until": timezone.now() + timedelta(days=1)},
        {"publish_at": timezone.now() + timedelta(days=1)},
    ],
)
def test_media_kit_of_an_unpublished_release_is_404(client, media_root, change):
    release = make_release(slug="geheim", publish_at=timezone.now() - timedelta(days=1))
    make_media(release)
    url = _kit_url(release)
    PressRelease.objects.filter(pk=release.pk).update(**change)
    assert client.get(url).status_code == 404


def test_media_kit_without_media_is_404_and_not_linked(client):
    release = make_release()
    assert client.get(_kit_url(release)).status_code == 404
    assert "medienpaket.zip" not in client.get(release.get_absolute_url()).content.decode()


def test_release_page_links_kit_and_offers_copyable_credit(client, media_root):
    release = make_release()
    make_media(release, credit="Foto: Kreis Borken")
    html = client.get(release.get_absolute_url()).content.decode()
    assert f'href="{_kit_url(release)}"' in html
    assert '<span class="credit-text">Foto: Kreis Borken</span>' in html
    assert "js/copy.js" in html and "<script>" not in html


def test_media_page_offers_copyable_credit(client, media_root):
    asset = make_media(make_release(), credit="Foto: Kreis Borken")
    html = client.get(asset.get_absolute_url()).content.decode()
    assert 'data-copy-label="Bildnachweis kopieren"' in html
    assert '<span class="credit-text">Foto: Kreis Borken</span>' in html


def test_release_links_press_contact_vcard_that_parses(client):
    person = make_press_contact(name="Erika Beispiel", phone="02861 82-1234")
    release = make_release(contact=person)
    html = client.get(release.get_absolute_url()).content.decode()
    url = f"/de/standorte/kontakte/{person.pk}/vcard/"
    assert f'href="{url}"' in html
    card = vobject.readOne(client.get(url).content.decode())
    assert card.fn.value == "Erika Beispiel"
    assert card.tel.value == "+492861821234"


def _calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@time_machine.travel("2019-08-21 10:00 +02:00", tick=False)  # while the series runs
def test_series_calendar_lists_published_parts_and_only_that_more_are_due(client):
    series = make_series(
        slug="serie", planned_parts=3, starts_on=date(2019, 8, 19), ends_on=date(2019, 8, 25)
    )
    make_release(series=series, part_number=1, title_de="Teil eins ist da")
    make_release(
        series=series,
        part_number=2,
        title_de="Geheimer Teil zwei",
        publish_at=timezone.now() + timedelta(days=2),
    )
    make_release(series=series, part_number=3, title_de="Entwurf drei", status="draft")
    calendar = _calendar(client, "/de/presse/serien/serie/kalender.ics")
    text = calendar.to_ical().decode()
    assert "Geheimer" not in text and "Entwurf" not in text
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events][0] == "Teil 1: Teil eins ist da"
    assert str(events[0]["dtstart"].params["TZID"]) == "Europe/Berlin"
    due = events[1]
    assert due["dtstart"].dt == date(2019, 8, 19) and due["dtend"].dt == date(2019, 8, 26)
    assert "2 weitere" in str(due["summary"])
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert len(events) == 2


@time_machine.travel("2026-12-01 10:00 +01:00", tick=False)
def test_a_finished_series_calendar_names_the_archived_parts_and_promises_nothing(client):
    series = make_series(
        slug="vorbei", planned_parts=7, starts_on=date(2019, 8, 26), ends_on=date(2019, 8, 30)
    )
    make_release(series=series, part_number=1, title_de="Teil eins")
    calendar = _calendar(client, "/de/presse/serien/vorbei/kalender.ics")
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Teil 1: Teil eins"]
    assert "weitere" not in calendar.to_ical().decode()
    assert (
        str(calendar["X-WR-CALDESC"]) == "Die Serie endete am 30.08.2019. In diesem Archiv: Teil 1."
    )
    page = client.get("/de/presse/serien/vorbei/").content.decode()
    assert "weitere Teile sind geplant" not in page
    assert "Diese Serie ist abgeschlossen; sie endete am 30. August 2019." in page
    assert "In diesem Archiv enthalten: Teil 1." in page


@time_machine.travel("2019-08-27 10:00 +02:00", tick=False)
def test_a_running_series_still_says_parts_are_planned(client):
    series = make_series(
        slug="laeuft", planned_parts=7, starts_on=date(2019, 8, 26), ends_on=date(2019, 8, 30)
    )
    make_release(series=series, part_number=1, title_de="Teil eins")
    page = client.get("/de/presse/serien/laeuft/").content.decode()
    assert "6 weitere Teile sind geplant" in page
    assert "abgeschlossen" not in page


def test_series_calendar_without_dates_states_nothing_about_future_parts(client):
    series = make_series(slug="ohne-daten", planned_parts=3)
    make_release(series=series, part_number=1, title_de="Schon da")
    make_release(
        series=series,
        part_number=2,
        title_de="Noch nicht",
        publish_at=timezone.now() + timedelta(days=1),
    )
    calendar = _calendar(client, "/de/presse/serien/ohne-daten/kalender.ics")
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Teil 1: Schon da"]


def test_series_page_links_calendar_and_subscription(client):
    make_release(series=make_series(slug="serie"), part_number=1)
    html = client.get("/de/presse/serien/serie/").content.decode()
    assert 'href="/de/presse/serien/serie/kalender.ics"' in html
    assert 'href="/de/presse/serien/serie/abonnieren/"' in html
    assert client.get("/de/presse/serien/nein/kalender.ics").status_code == 404


@pytest.mark.parametrize("parts", [1, 5])
def test_series_calendar_query_budget(client, django_assert_num_queries, parts):
    series = make_series(slug="serie", planned_parts=7)
    for number in range(1, parts + 1):
        make_release(series=series, part_number=number)
    # 1 series, 2 its published parts
    with django_assert_num_queries(2):
        client.get("/de/presse/serien/serie/kalender.ics")


@pytest.mark.parametrize("assets", [1, 3])
def test_media_kit_query_budget(client, media_root, django_assert_num_queries, assets):
    release = make_release(slug="kit")
    for _ in range(assets):
        make_media(release)
    # 1 release, 2 prefetch release_media, 3 their assets
    with django_assert_num_queries(3):
        client.get(_kit_url(release))


def test_subscribe_form_query_budget(client, django_assert_num_queries):
    make_series(slug="serie")
    with django_assert_num_queries(0):
        client.get("/de/presse/abonnieren/")
    # 1 the series
    with django_assert_num_queries(1):
        client.get("/de/presse/serien/serie/abonnieren/")
