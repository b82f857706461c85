"""The finder page: an answer a person can act on, the county fallback everywhere,
titles that say what happened, and county-wide closures on every surface."""

import json
import re
from datetime import date, time

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from locations.models import Closure

from .factories import (
    make_closure,
    make_hours,
    make_municipality,
    make_office,
    make_shared_closure,
)

pytestmark = pytest.mark.django_db
THURSDAY_10 = "2026-11-26 10:00 +01:00"
CHRISTMAS_EVE_10 = "2026-12-24 10:00 +01:00"  # a Thursday


def page(client, query) -> str:
    response = client.get(reverse("locations:finder"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S)[1]


@pytest.fixture
def offices():
    county = make_office(
        kind="county", slug="kreis", name="Jobcenter im Kreis Borken (Kreisverwaltung)",
        street="Burloer Straße 93", postcode="46325", city="Borken", phone="02861 681-100",
    )  # fmt: skip
    heek_town = make_municipality(
        name="Heek", slug="heek", postcodes=["48619"], districts=["Nienborg"]
    )
    heek = make_office(
        municipality=heek_town, slug="heek", name="Jobcenter der Gemeinde Heek",
        street="Bahnhofstraße 60", postcode="48619", city="Heek", phone="02568 9300-0",
        email="info@heek.de",
    )  # fmt: skip
    make_hours(heek, weekday=3, opens=time(9), closes=time(12))
    make_hours(heek, weekday=3, opens=time(14, 30), closes=time(18))
    suedlohn_town = make_municipality(
        name="Südlohn", slug="suedlohn", postcodes=["46354"], districts=["Oeding"]
    )
    suedlohn = make_office(
        municipality=suedlohn_town, slug="suedlohn", name="Jobcenter der Gemeinde Südlohn",
        street="Winterswijker Straße 1 (Rathaus Oeding)", postcode="46354", city="Südlohn",
    )  # fmt: skip
    make_hours(suedlohn, weekday=3, opens=time(8), closes=time(12))
    return {"county": county, "heek": heek, "suedlohn": suedlohn}


@time_machine.travel(THURSDAY_10, tick=False)
def test_the_answer_has_what_a_person_needs_to_act(client, offices):
    html = page(client, "Nienborg")
    assert "Nienborg gehört zu Heek." in html
    assert 'href="/de/standorte/heek/"' in html
    assert "Bahnhofstraße 60" in html and "48619 Heek" in html
    assert 'href="tel:+49256893000"' in html
    assert 'href="mailto:info@heek.de"' in html
    assert "jetzt geöffnet bis 12:00" in html
    assert "9:00</span>–" not in html  # times are shown as 9:00–12:00
    assert re.search(r"9:00–12:00</span> Uhr, <span[^>]*>14:30–18:00", html)
    assert "openstreetmap.org/directions?to=Bahnhofstra%C3%9Fe%2060%2C%2048619%20Heek" in html
    assert "681-100" not in html  # own phone and e-mail known: no fallback needed


@time_machine.travel(THURSDAY_10, tick=False)
def test_the_fallback_number_stands_in_for_a_missing_phone(client, offices):
    html = page(client, "Oeding (Südlohn)")
    assert "Die Telefonnummer dieses Standorts ist uns nicht bekannt." in html
    assert 'href="tel:+492861681100"' in html
    assert 'Kreisverwaltung anrufen: <span class="ltr">02861 681-100</span>' in html


@time_machine.travel(THURSDAY_10, tick=False)
def test_numbers_in_call_buttons_stay_left_to_right_in_arabic(client, offices):
    """QA 13: in /ar/ the button read "02861 100-681" – the whole button was LTR, the
    number was not isolated. The button now follows the page, the number is isolated."""
    html = client.get("/ar/standorte/finden/", {"q": "Nienborg"}).content.decode()
    assert re.search(
        r'<a class="button" href="tel:\+49256893000">[^<]*<span class="ltr">02568 9300-0</span>',
        html,
    )
    assert '<span class="address">Bahnhofstraße 60<br>48619 Heek</span>' in html
    css = (settings.BASE_DIR / "static/css/site.css").read_text()
    assert 'a.button[href^="tel:"] { direction: inherit; }' in css
    assert ".address { display: block; direction: ltr; unicode-bidi: isolate; }" in css


def test_outside_answers_and_namesakes_have_no_brackets_in_brackets(client):
    """QA 13: "(Nordrhein-Westfalen (kreisfreie Stadt))" and
    "Bocholt (Belgien) (Belgien (Provinz Limburg))" were hard to read."""
    html = page(client, "Münster")
    assert "(Nordrhein-Westfalen, kreisfreie Stadt)" in html
    make_municipality(name="Bocholt", slug="bocholt", postcodes=["46395"])
    html = page(client, "Bocholt")
    assert "Bocholt (Belgien) – Belgien, Provinz Limburg" in html
    assert "((" not in html and "))" not in html


@pytest.mark.parametrize("query", ["Боркен", "بوركن", "Ґронау"])
def test_a_name_in_another_script_asks_for_latin_letters(client, query):
    """QA 13: "بوركن" (Borken) got "Bitte geben Sie eine Postleitzahl oder einen Ort ein" –
    the person had entered a place; the finder needs it in Latin letters."""
    html = page(client, query)
    assert "in lateinischen Buchstaben" in html
    assert title(html).startswith("Fehler: ")
    assert "in lateinischen Buchstaben" not in page(client, "!!!")


def test_the_finder_page_itself_offers_the_suggestions(client, offices):
    """QA 13: only the finder box (home, lists) had the combobox; the finder page
    loaded finder.js but its form had no listbox, so retyping there got no help."""
    for query in (None, "xyz", "Heek"):
        html = (
            page(client, query) if query else client.get("/de/standorte/finden/").content.decode()
        )
        form = re.search(r'<form class="inline-form finder-form"[^>]*>', html)
        assert form and 'data-suggest-url="/de/standorte/finden/vorschlaege/"' in form[0]
        assert 'role="listbox"' in html and "data-status" in html


def test_the_fallback_is_on_the_office_page_notice_vcard_and_json_ld(client, offices):
    office_page = client.get("/de/standorte/suedlohn/").content.decode()
    notice = client.get("/de/standorte/suedlohn/aushang/").content.decode()
    for html in (office_page, notice):
        assert "Sie erreichen das Jobcenter im Kreis Borken (Kreisverwaltung) unter" in html
        assert 'href="tel:+492861681100"' in html
    card = client.get("/de/standorte/suedlohn/vcard/").content.decode()
    assert "TEL;TYPE=WORK,VOICE:+492861681100" in card
    assert "NOTE:Die Telefonnummer dieses Standorts ist nicht bekannt" in card
    # One language per card (QA 4: a German note around the Arabic county name).
    arabic = client.get("/ar/standorte/suedlohn/vcard/").content.decode()
    assert "NOTE:رقم هاتف هذا الموقع غير معروف" in arabic and "Die Telefonnummer" not in arabic
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', office_page, re.S)[1]
    )
    assert "telephone" not in data
    assert data["contactPoint"]["telephone"] == "+492861681100"
    heek_card = client.get("/de/standorte/heek/vcard/").content.decode()
    assert "681100" not in heek_card  # an office with its own number keeps just that


@pytest.mark.parametrize(
    ("query", "expected_title"),
    [
        ("48619", "Zuständig für Heek – Jobcenter finden"),
        ("Münster", "Nicht zuständig für „Münster“ – Jobcenter finden"),
        ("xyz", "Fehler: Jobcenter finden"),
        ("", "Fehler: Jobcenter finden"),
    ],
)
def test_success_and_error_pages_have_different_titles(client, offices, query, expected_title):
    assert title(page(client, query)).startswith(expected_title)


def test_after_submitting_the_page_opens_at_the_answer(client, offices):
    html = page(client, "Heek")
    assert 'action="/de/standorte/finden/#antwort"' in html
    assert 'id="antwort" tabindex="-1"' in html
    assert "autofocus" not in html
    error = page(client, "xyz")
    assert 'id="antwort"' in error and "autofocus" in error  # the field, to correct it


def test_ambiguous_names_ask_with_links(client):
    make_municipality(name="Borken", slug="borken", districts=["Gemen"])
    make_municipality(name="Schöppingen", slug="schoeppingen", districts=["Gemen"])
    html = page(client, "Gemen")
    assert "„Gemen“ gibt es im Kreis Borken mehrmals" in html
    assert 'href="/de/standorte/finden/?q=Gemen%20%28Borken%29#antwort"' in html
    assert 'href="/de/standorte/finden/?q=Gemen%20%28Sch%C3%B6ppingen%29#antwort"' in html
    assert title(html).startswith("Bitte Ort auswählen")


def test_near_misses_offer_links(client):
    make_municipality(name="Bocholt", slug="bocholt", postcodes=["46395"])
    html = page(client, "Bochold")
    assert "Meinten Sie …?" in html
    assert 'href="/de/standorte/finden/?q=Bocholt#antwort"' in html


def test_dutch_places_say_dutch_residents_are_not_served_here(client):
    html = page(client, "Winterswijk")
    assert "in den Niederlanden wohnen" in html
    # QA 4: a next step, not only "not us"
    assert "Erste Anlaufstelle in den Niederlanden ist die Gemeinde (gemeente)" in html
    assert "Stadt- oder Gemeindeverwaltung" not in html.split('id="antwort"')[1]
    german = page(client, "Coesfeld")
    assert "sagt Ihnen die Stadt- oder Gemeindeverwaltung Ihres Wohnorts" in german
    arabic = client.get("/ar/standorte/finden/", {"q": "7101 AB"}).content.decode()
    assert '<bdi dir="ltr" lang="de">gemeente</bdi>' in arabic


def test_no_unverified_link_is_offered_to_people_outside_the_county(client):
    """No source gives the Bundesagentur's office search address: say whom to ask instead."""
    for query in ("Coesfeld", "xyzzy"):
        answer = page(client, query).split('id="antwort"')[1]
        assert "arbeitsagentur" not in answer
        assert "Stadt- oder Gemeindeverwaltung" in answer


# --- county-wide closures -------------------------------------------------------


@time_machine.travel(CHRISTMAS_EVE_10, tick=False)
def test_a_county_wide_closure_closes_every_office_on_every_surface(client, offices):
    make_shared_closure(date(2026, 12, 24), reason="Heiligabend")
    for slug in ("heek", "suedlohn"):
        html = client.get(f"/de/standorte/{slug}/").content.decode()
        assert "jetzt geöffnet" not in html
        assert "geschlossen – öffnet wieder" in html
        assert "Heiligabend" in html
    listing = client.get("/de/standorte/").content.decode()
    assert "jetzt geöffnet" not in listing
    answer = page(client, "Heek")
    assert "geschlossen (Heiligabend)" in answer
    assert "jetzt geöffnet" not in answer


@time_machine.travel(CHRISTMAS_EVE_10, tick=False)
def test_a_closure_for_a_chosen_set_leaves_the_others_open(client, offices):
    make_shared_closure(date(2026, 12, 24), reason="Heiligabend", offices=[offices["suedlohn"]])
    assert "jetzt geöffnet bis 12:00" in client.get("/de/standorte/heek/").content.decode()
    assert "jetzt geöffnet" not in client.get("/de/standorte/suedlohn/").content.decode()


@time_machine.travel(CHRISTMAS_EVE_10, tick=False)
def test_the_page_cache_bound_sees_county_wide_closures(offices):
    from django.utils import timezone

    from locations.models import next_status_change

    before = next_status_change(timezone.now())  # Heek closes at 12:00
    make_shared_closure(date(2026, 12, 24))
    assert next_status_change(timezone.now()) != before


def test_a_special_opening_inside_a_closure_is_refused(offices):
    heek = offices["heek"]
    make_shared_closure(date(2026, 12, 23), date(2026, 12, 31), reason="Betriebsferien")
    special = Closure(
        office=heek, starts_on=date(2026, 12, 28), ends_on=date(2026, 12, 28),
        special_opens=time(9), special_closes=time(12), reason="Sondertermin",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="Betriebsferien"):
        special.full_clean()
    make_closure(offices["suedlohn"], date(2027, 1, 4), reason="Umzug")
    own = Closure(
        office=offices["suedlohn"], starts_on=date(2027, 1, 4), ends_on=date(2027, 1, 4),
        special_opens=time(9), special_closes=time(10), reason="Notdienst",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="Umzug"):
        own.full_clean()
    outside = Closure(
        office=heek, starts_on=date(2027, 1, 7), ends_on=date(2027, 1, 7),
        special_opens=time(9), special_closes=time(12), reason="Sondertermin",
    )  # fmt: skip
    outside.full_clean()  # no closure that day: fine


def test_the_admin_refuses_a_special_opening_inside_a_county_wide_closure(
    superuser_client, offices
):
    make_shared_closure(date(2026, 12, 24), reason="Heiligabend")
    heek = offices["heek"]
    url = reverse("admin:locations_office_change", args=[heek.pk])
    form = superuser_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "kind": "local", "municipality": heek.municipality_id, "name_de": heek.name,
            "slug": "heek", "is_active": "on",
            "hours-TOTAL_FORMS": "0", "hours-INITIAL_FORMS": "0",
            "contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0",
            "closures-TOTAL_FORMS": "1", "closures-INITIAL_FORMS": "0",
            "closures-0-starts_on": "2026-12-24", "closures-0-ends_on": "2026-12-24",
            "closures-0-special_opens": "09:00", "closures-0-special_closes": "11:00",
            "closures-0-reason_de": "Sprechstunde",
        }
    )  # fmt: skip
    response = superuser_client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "Eine Sonderöffnung ist hier nicht möglich" in response.content.decode()
    assert not Closure.objects.filter(office=heek).exists()


def test_staff_get_templates_for_christmas_eve_and_new_years_eve(superuser_client):
    listing = superuser_client.get(
        reverse("admin:locations_sharedclosure_changelist")
    ).content.decode()
    assert "?vorlage=heiligabend" in listing and "?vorlage=silvester" in listing
    add = superuser_client.get(reverse("admin:locations_sharedclosure_add") + "?vorlage=silvester")
    form = add.context["adminform"].form
    assert (form.initial["starts_on"].month, form.initial["starts_on"].day) == (12, 31)
    assert form.initial["reason_de"] == "Silvester"


def test_a_county_wide_closure_over_an_entered_special_opening_is_refused(
    superuser_client, offices
):
    make_closure(
        offices["heek"], date(2026, 12, 28), special_opens=time(9), special_closes=time(11),
        reason="Sondersprechstunde",
    )  # fmt: skip
    url = reverse("admin:locations_sharedclosure_add")
    data = {"starts_on": "2026-12-24", "ends_on": "2026-12-31", "reason_de": "Betriebsferien"}
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "In diesem Zeitraum ist eine Sonderöffnung eingetragen" in response.content.decode()
    assert "Sondersprechstunde" in response.content.decode()
    other = {**data, "offices": [offices["suedlohn"].pk]}  # Heek not chosen: fine
    assert superuser_client.post(url, other).status_code == 302


@pytest.mark.parametrize(
    "query", ["Kreis Borken", "kreis borken", "Landkreis Borken", "Kr. Borken"]
)
def test_the_county_itself_asks_which_of_its_towns(client, query):
    """QA 3: "Kreis Borken" alone got "nicht gefunden … im Kreis Borken"."""
    make_municipality(name="Bocholt", slug="bocholt", postcodes=["46395"])
    make_municipality(name="Gronau (Westf.)", slug="gronau", postcodes=["48599"])
    html = page(client, query)
    assert "Zum Kreis Borken gehören 17 Städte und Gemeinden" in html
    assert 'href="/de/standorte/finden/?q=Bocholt#antwort"' in html
    assert 'href="/de/standorte/finden/?q=Gronau%20%28Westf.%29#antwort"' in html
    assert "nicht zuständig" not in html
