"""Office list, detail, notice, finder pages, JSON-LD and the sitemap."""

import json
import re
from datetime import date, time

import pytest
import time_machine
from django.urls import reverse

from .factories import (
    make_closure,
    make_contact,
    make_hours,
    make_municipality,
    make_office,
    make_service,
    make_shared_closure,
)

pytestmark = pytest.mark.django_db
THURSDAY_10 = "2026-11-26 10:00 +01:00"


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def make_heek():
    town = make_municipality(
        name="Heek", slug="heek", postcodes=["48619"], districts=["Nienborg"], ags="05554024"
    )
    office = make_office(
        slug="heek",
        name="Jobcenter der Gemeinde Heek",
        municipality=town,
        street="Bahnhofstraße 60",
        postcode="48619",
        city="Heek",
        phone="02568 9300-0",
        email="info@heek.de",
    )
    make_hours(office, weekday=3, opens=time(9), closes=time(12))
    make_hours(office, weekday=3, opens=time(14, 30), closes=time(18))
    return office


def make_many_offices(count: int) -> list:
    offices = []
    for i in range(count):
        town = make_municipality(latitude="51.9", longitude="6.9")
        office = make_office(municipality=town, name=f"Jobcenter {i}")
        make_hours(office, weekday=i % 5)
        make_closure(office, date(2026, 12, 23))
        offices.append(office)
    return offices


@time_machine.travel(THURSDAY_10, tick=False)
def test_list_shows_offices_map_and_open_badge(client):
    make_office(kind="county", slug="kreis", name="Jobcenter der Kreisverwaltung")
    office = make_heek()
    office.municipality.latitude, office.municipality.longitude = "52.117", "7.1"
    office.municipality.save()
    page = html(client.get(reverse("locations:list")))
    assert page.count("<h1") == 1
    assert "Schematische Karte" in page
    # the list has the same links: the map's are out of the tab order (issue 18)
    assert '<a href="/de/standorte/heek/" class="map-point" tabindex="-1">' in page
    assert "jetzt geöffnet bis 12:00" in page
    assert "Jobcenter der Kreisverwaltung" in page


@time_machine.travel(THURSDAY_10, tick=False)
def test_detail_shows_everything_a_citizen_needs(client):
    office = make_heek()
    make_closure(office, date(2026, 12, 3), reason="Personalversammlung")
    make_contact(office=office, name="Jörg Müller", role="Leistungen", phone="02568 9300-12")
    page = html(client.get(office.get_absolute_url()))
    assert "Bahnhofstraße 60" in page
    assert (
        "https://www.openstreetmap.org/directions?to=Bahnhofstra%C3%9Fe%2060%2C%2048619%20Heek"
        in page
    )
    assert 'href="tel:+49256893000"' in page
    assert 'href="mailto:info@heek.de"' in page
    assert 'class="today" aria-current="date"' in page
    assert "jetzt geöffnet bis 12:00" in page
    assert "Personalversammlung" in page
    assert "Jörg Müller" in page
    assert "Nienborg" in page
    assert "Induktive Höranlage</dt>\n        <dd>nicht bekannt" in page


@time_machine.travel("2026-09-30 10:00 +02:00", tick=False)
def test_detail_lists_an_upcoming_holiday_on_an_opening_day(client):
    office = make_office(slug="x")
    make_hours(office, weekday=4)  # Friday; 2 October 2026 is a Friday, 3 October a Saturday
    make_hours(office, weekday=5)
    page = html(client.get(office.get_absolute_url()))
    assert "Tag der Deutschen Einheit" in page


def test_detail_without_data_says_so_and_points_elsewhere(client):
    make_office(
        kind="county", slug="kreis", name="Jobcenter der Kreisverwaltung", phone="02861 681-100"
    )
    town = make_municipality(name="Reken", slug="reken")
    office = make_office(slug="reken", name="Jobcenter der Gemeinde Reken", municipality=town)
    page = html(client.get(office.get_absolute_url()))
    assert "es fehlen: Anschrift, Telefonnummer, Öffnungszeiten" in page
    assert "Gemeindeverwaltung Reken" in page
    assert 'href="tel:+492861681100"' in page
    assert "status-badge" not in page  # no hours: no badge at all
    assert "Wann diese Angaben zuletzt geprüft wurden, ist nicht bekannt." in page


def test_verification_year_only_is_shown_as_a_year(client):
    office = make_office(data_verified_on=date(2021, 1, 1), data_verified_year_only=True)
    page = html(client.get(office.get_absolute_url()))
    assert "Stand: 2021" in page
    assert "01.01.2021" not in page


def test_detail_has_government_office_json_ld(client):
    office = make_heek()
    make_closure(office, date(2099, 12, 24), special_opens=time(9), special_closes=time(11))
    page = html(client.get(office.get_absolute_url()))
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    data = json.loads(raw)
    assert data["@type"] == "GovernmentOffice"
    assert data["address"]["streetAddress"] == "Bahnhofstraße 60"
    assert data["openingHoursSpecification"][0]["dayOfWeek"] == "https://schema.org/Thursday"
    special = data["specialOpeningHoursSpecification"][0]
    assert (special["validFrom"], special["opens"], special["closes"]) == (
        "2099-12-24",
        "09:00",
        "11:00",
    )


def test_json_ld_cannot_close_its_script_element(client):
    office = make_office(name="</script><b>x</b>")
    page = html(client.get(office.get_absolute_url()))
    assert "</script><b>" not in page


def test_unknown_and_inactive_offices_are_404(client):
    office = make_office(is_active=False)
    assert client.get(office.get_absolute_url()).status_code == 404
    assert client.get("/de/standorte/gibt-es-nicht/").status_code == 404
    assert client.get("/de/standorte/kontakte/999999/vcard/").status_code == 404


@pytest.mark.parametrize("name", ["list", "finder"])
def test_public_pages_refuse_post_and_set_no_cookie(client, name):
    url = reverse(f"locations:{name}")
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200
    assert not client.get(url).cookies


def test_notice_page_is_a_single_sheet_with_hours(client):
    office = make_heek()
    page = html(client.get(reverse("locations:notice", args=[office.slug])))
    assert "page-notice" in page
    assert "14:30–18:00" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("46397", "Für Bocholt ist zuständig"),
        ("Epe", "Epe gehört zu Gronau (Westf.)"),
        ("34582", "nicht zuständig"),
        ("Rhede (Ems)", "sagt Ihnen die Stadt- oder Gemeindeverwaltung Ihres Wohnorts"),
        ("xyz", "keine Postleitzahl, keine Stadt und keinen Ortsteil"),
        ("", "Bitte geben Sie eine Postleitzahl oder einen Ort ein."),
        ("x" * 500, "nur eine Postleitzahl"),
        ("%00%ff<script>", "„%00%ff&lt;script&gt;“ haben wir keine"),
    ],
)
def test_finder_page_answers(client, query, expected):
    bocholt = make_municipality(name="Bocholt", slug="bocholt", postcodes=["46395", "46397"])
    make_office(municipality=bocholt, slug="bocholt", name="Jobcenter der Stadt Bocholt")
    gronau = make_municipality(name="Gronau (Westf.)", slug="gronau", districts=["Epe"])
    make_office(municipality=gronau, slug="gronau", name="Jobcenter der Stadt Gronau")
    page = html(client.get(reverse("locations:finder"), {"q": query}))
    assert expected in page


def test_finder_without_query_shows_just_the_form(client):
    page = html(client.get(reverse("locations:finder")))
    assert "errorlist" not in page
    assert 'name="q"' in page


def test_finder_result_for_a_town_without_an_office_points_elsewhere(client):
    make_municipality(name="Velen", slug="velen", postcodes=["46342"])
    page = html(client.get(reverse("locations:finder"), {"q": "46342"}))
    assert "noch nicht eingetragen" in page


def test_home_page_has_the_finder_box(client):
    page = html(client.get("/de/"))
    assert 'action="/de/standorte/finden/#antwort"' in page  # opens at the answer


def test_nav_marks_the_section(client):
    page = html(client.get(reverse("locations:list")))
    assert '<a href="/de/standorte/" aria-current="page">Standorte</a>' in page


def test_sitemap_lists_active_offices_with_alternates(client):
    office = make_office(slug="heek")
    make_office(slug="alt", is_active=False)
    from .sitemaps import all_sitemaps

    xml = all_sitemaps(client).decode()
    assert "/de/standorte/heek/" in xml
    assert "/en/standorte/heek/" in xml
    assert "/standorte/alt/" not in xml
    assert office.slug in xml


@time_machine.travel(THURSDAY_10, tick=False)
@pytest.mark.parametrize("count", [1, 18])
def test_list_query_count_is_flat(client, django_assert_num_queries, count):
    offices = make_many_offices(count)
    make_shared_closure(date(2026, 12, 24))
    make_shared_closure(date(2026, 12, 31), offices=offices[:1])
    # 1 offices with municipality, 2 hours, 3 upcoming closures, 4 county-wide
    # closures, 5 their chosen offices
    with django_assert_num_queries(5):
        html(client.get(reverse("locations:list")))


@time_machine.travel(THURSDAY_10, tick=False)
@pytest.mark.parametrize("contacts", [0, 20])
def test_detail_query_count_is_flat(client, django_assert_num_queries, contacts):
    make_office(kind="county", slug="kreis")
    office = make_heek()
    make_closure(office, date(2026, 12, 3))
    for i in range(contacts):
        make_contact(office=office, name=f"Person {i}", phone="02568 9300-1")
    make_shared_closure(date(2026, 12, 24))
    make_service()
    make_service()
    # 1 office with municipality, 2 hours, 3 closures, 4 contacts, 5 postcodes,
    # 6 districts, 7 county-wide closures, 8 their offices, 9 the county office,
    # 10 services, 11 their channels (with offices), 12 the town's latest releases
    with django_assert_num_queries(12):
        html(client.get(office.get_absolute_url()))


@pytest.mark.parametrize(("query", "queries"), [("46397", 7), ("Weseke", 7), ("xyz", 0), ("", 0)])
def test_finder_query_count_is_flat(client, django_assert_num_queries, query, queries):
    make_office(kind="county", slug="kreis", phone="02861 681-100")
    bocholt = make_municipality(name="Bocholt", slug="bocholt", postcodes=["46397"])
    borken = make_municipality(name="Borken", slug="borken", districts=["Weseke"])
    for town in (bocholt, borken):
        make_hours(make_office(municipality=town, slug=town.slug))
    make_shared_closure(date(2026, 12, 24))
    client.get(reverse("locations:finder"), {"q": "Epe"})  # builds the index once
    # 1 the town with its office, 2 the office, 3 hours, 4 closures, 5 county-wide
    # closures, 6 their offices, 7 the county office; the index is built once, not
    # per request (so nothing for an unknown place or a form error)
    with django_assert_num_queries(queries):
        client.get(reverse("locations:finder"), {"q": query})


@pytest.mark.parametrize(
    ("query", "values"),
    [
        ("sued", ["Südlohn"]),
        ("Sud", ["Südlohn"]),
        ("463", ["Bocholt", "Südlohn"]),
        ("oed", ["Oeding"]),
        ("", []),
        ("x" * 200, []),
        ("%%", []),
    ],
)
def test_suggestions_for_the_combobox(client, query, values):
    make_municipality(name="Bocholt", slug="bocholt", postcodes=["46395", "46397"])
    make_municipality(name="Südlohn", slug="suedlohn", postcodes=["46354"], districts=["Oeding"])
    response = client.get(reverse("locations:suggestions"), {"q": query})
    assert [s["value"] for s in response.json()["suggestions"]] == values
    assert not response.cookies


def test_suggestion_labels_name_postcodes_and_towns(client):
    make_municipality(name="Südlohn", slug="suedlohn", postcodes=["46354"], districts=["Oeding"])
    data = client.get(reverse("locations:suggestions"), {"q": "s"}).json()
    assert data["suggestions"] == [{"value": "Südlohn", "label": "Südlohn (46354)"}]
    data = client.get(reverse("locations:suggestions"), {"q": "oe"}).json()
    assert data["suggestions"] == [{"value": "Oeding", "label": "Oeding (Südlohn)"}]


def test_county_office_without_hours_points_to_its_phone(client):
    office = make_office(
        kind="county", slug="kreis", street="Burloer Straße 93", phone="02861 681-100"
    )
    page = html(client.get(office.get_absolute_url()))
    assert "es fehlen: Anschrift, Öffnungszeiten" in page  # no city in this factory office
    assert 'Bitte erkundigen Sie sich telefonisch: <a href="tel:+492861681100">' in page
