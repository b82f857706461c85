"""Was kann ich wo erledigen? Services and channels; the glossary and today's words;
releases older than a change of terms; the key figures' date."""

import json
import re
from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from locations.models import ServiceChannel
from locations.services import channels_for

from .factories import make_figure, make_municipality, make_office, make_release, make_service

pytestmark = pytest.mark.django_db


def html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    assert not response.cookies
    return response.content.decode()


def json_ld(page: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )


@pytest.fixture
def county_office():
    return make_office(kind="county", slug="kreis", name="Jobcenter im Kreis Borken (Kreisverwaltung)",
                       phone="02861 681-100")  # fmt: skip


def test_a_service_page_shows_every_channel_with_equal_weight(client, county_office):
    service = make_service(slug="antrag", title_de="Erstantrag stellen")
    page = html(client, service.get_absolute_url())
    kinds = re.findall(r'<li class="channel channel-(\w+)">', page)
    assert kinds == ["in_person", "phone", "post", "online"]  # offline first, none hidden
    assert (
        len(set(re.findall(r'<h3 class="channel-kind">', page))) == 1
    )  # one heading style for all
    assert "Persönlich" in page and "Telefonisch" in page and "Per Post" in page
    # no online address known: the page says whom to ask, with the county's number
    assert "Die Internetadresse dafür liegt uns noch nicht vor." in page
    assert 'href="tel:+492861681100"' in page
    assert "Welche Unterlagen Sie brauchen, sagt Ihnen Ihr örtliches Jobcenter." in page


def test_the_sign_language_right_and_the_relay_service_are_stated(client, county_office):
    page = html(client, make_service().get_absolute_url())
    assert "Deutscher Gebärdensprache" in page and "§ 17 Abs. 2 SGB I, § 19 Abs. 1 SGB X" in page
    assert "Vermittlungsdienst" in page and "„Tess“" in page
    listing = html(client, reverse("services:list"))
    assert "Deutscher Gebärdensprache" in listing


def test_json_ld_is_a_government_service_with_service_channels(client, county_office):
    service = make_service(slug="antrag")
    ServiceChannel.objects.filter(service=service, kind="online").update(
        url="https://example.org/antrag"
    )
    data = json_ld(html(client, service.get_absolute_url()))
    assert data["@type"] == "GovernmentService"
    assert data["provider"]["telephone"] == "+492861681100"
    channels = data["availableChannel"]
    assert [c["@type"] for c in channels] == ["ServiceChannel"] * 4
    assert {"name": "online", "serviceUrl": "https://example.org/antrag"}.items() <= channels[
        -1
    ].items()


def test_an_office_override_replaces_the_default_and_can_withdraw_a_channel(client, county_office):
    town = make_municipality(name="Heiden", slug="heiden")
    heiden = make_office(municipality=town, slug="heiden", name="Jobcenter der Gemeinde Heiden",
                         street="Rathausplatz 1", postcode="46359", city="Heiden")  # fmt: skip
    other = make_office(slug="velen", name="Jobcenter der Stadt Velen")
    service = make_service(slug="antrag", title_de="Erstantrag stellen")
    ServiceChannel.objects.create(service=service, office=heiden, kind="online",
                                  description_de="Heidens eigener Weg.")  # fmt: skip
    ServiceChannel.objects.create(service=service, office=heiden, kind="post", is_offered=False)
    service = type(service).objects.prefetch_related("channels").get(pk=service.pk)
    at_heiden = {c.kind: c for c in channels_for(service, heiden)}
    assert "post" not in at_heiden
    assert at_heiden["online"].description == "Heidens eigener Weg."
    assert {c.kind for c in channels_for(service, other)} == {
        "in_person",
        "phone",
        "post",
        "online",
    }
    office_page = html(client, "/de/standorte/heiden/")
    assert "Was kann ich hier erledigen?" in office_page
    assert "Heidens eigener Weg." in office_page
    assert "Rathausplatz 1" in office_page.split('id="office-services-title"')[1]
    service_page = html(client, service.get_absolute_url())
    assert "Abweichungen an einzelnen Standorten" in service_page
    assert "wird dort nicht angeboten" in service_page


def test_an_office_without_a_phone_gives_the_county_number_in_its_services(client, county_office):
    make_office(slug="rhede", name="Jobcenter der Stadt Rhede")
    make_service()
    section = html(client, "/de/standorte/rhede/").split('id="office-services-title"')[1]
    assert 'href="tel:+492861681100"' in section


def test_no_keine_angaben_above_the_services_an_office_offers(client, county_office):
    """QA 4: "Leistungen und Aufgaben: Hierzu liegen uns noch keine Angaben vor" stood
    right above "Was kann ich hier erledigen?" with seven services."""
    make_office(slug="rhede", name="Jobcenter der Stadt Rhede")
    make_service()
    page = html(client, "/de/standorte/rhede/")
    assert 'id="office-services-title"' in page and 'id="services-title"' not in page
    make_office(slug="velen", name="Jobcenter Velen", services_de="<p>Beratung vor Ort.</p>")
    page = html(client, "/de/standorte/velen/")
    assert "Beratung vor Ort." in page.split('id="services-title"')[1]


def test_unpublished_services_stay_private(client):
    hidden = make_service(slug="entwurf", title_de="Geheimer Entwurf", is_published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "Geheimer Entwurf" not in html(client, reverse("services:list"))
    make_office(slug="heek")
    assert "Geheimer Entwurf" not in html(client, "/de/standorte/heek/")
    assert "/entwurf/" not in client.get("/sitemap.xml").content.decode()


def test_the_demo_catalogue_is_seeded_only_with_known_facts():
    call_command("load_demo", verbosity=0)
    from locations.models import Service

    assert Service.objects.count() == 7
    assert not ServiceChannel.objects.exclude(url="").exists()  # no address is known
    assert not Service.objects.exclude(what_to_bring="").exists()
    kinds = set(ServiceChannel.objects.values_list("kind", flat=True))
    assert {"in_person", "phone", "post", "paper_form", "online"} == kinds


def test_the_catalogue_is_edited_in_the_german_admin(superuser_client):
    make_service(slug="antrag", title_de="Erstantrag stellen")
    listing = superuser_client.get(reverse("admin:locations_service_changelist")).content.decode()
    assert "Leistungen (Was kann ich wo erledigen?)" in listing
    add = superuser_client.get(reverse("admin:locations_service_add")).content.decode()
    assert "Was Sie mitbringen oder beilegen" in add and "ur für Standort" in add


# --- today's words ---------------------------------------------------------------


def test_the_glossary_explains_the_names_with_their_periods_and_sources(client):
    page = html(client, reverse("glossary"))
    assert "Grundsicherungsgeld" in page and "seit 1. Juli 2026" in page
    assert "Bürgergeld" in page and "1. Januar 2023 bis 30. Juni 2026" in page
    assert "Arbeitslosengeld II" in page and "„Hartz IV“" in page
    assert "1. Januar 2005 bis 31. Dezember 2022" in page
    assert "321 zu 268" in page and "deutschlandfunk.de" in page
    assert "Sozialamt" in page and "Agentur für Arbeit" in page  # what it is not


def test_home_and_service_pages_link_the_glossary(client):
    assert 'href="/de/begriffe/"' in html(client, "/de/")
    assert 'href="/de/was-kann-ich-wo-erledigen/"' in html(client, "/de/")
    assert 'href="/de/begriffe/"' in html(client, make_service().get_absolute_url())
    assert 'href="/de/begriffe/"' in html(client, reverse("services:list"))


@pytest.mark.parametrize(
    ("published", "note"),
    [("2019-08-23 10:00 +02:00", True), ("2026-06-30 10:00 +02:00", True), ("2026-07-02 10:00 +02:00", False)],
)  # fmt: skip
def test_a_release_older_than_a_change_of_terms_says_so(client, published, note):
    with time_machine.travel(published, tick=False):
        release = make_release(title_de="Eine Mitteilung")
    page = html(client, release.get_absolute_url())
    assert ("Ihre Begriffe und Zahlen sind die dieses Tages" in page) is note
    if note:
        assert "Seit dem 1. Juli 2026 heißt die Leistung „Grundsicherungsgeld“" in page


@time_machine.travel("2026-12-01 10:00 +01:00", tick=False)
def test_the_key_figures_show_their_date_and_say_when_they_are_old(client):
    make_figure(on_home=True, as_of=date(2019, 8, 1))
    page = html(client, "/de/")
    assert "Stand der Zahlen: August 2019" in page
    assert "Diese Zahlen sind älter als ein Jahr" in page


@time_machine.travel("2026-12-01 10:00 +01:00", tick=False)
def test_recent_key_figures_carry_no_age_warning(client):
    make_figure(on_home=True, as_of=date(2026, 9, 1))
    page = html(client, "/de/")
    assert "Stand der Zahlen: September 2026" in page
    assert "älter als ein Jahr" not in page
