"""vCards parse with vobject and keep umlauts, commas and semicolons intact."""

import pytest
import vobject
from django.urls import reverse

from locations.vcard import escape, fold_line

from .factories import make_contact, make_office

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return vobject.readOne(response.content.decode())


def test_office_vcard_round_trips_address_and_umlauts(client):
    office = make_office(
        slug="suedlohn",
        name="Jobcenter der Gemeinde Südlohn (Fachbereich Soziales; Rathaus, Oeding)",
        street="Winterswijker Straße 1",
        postcode="46354",
        city="Südlohn",
        phone="02861 681-100",
        fax="02568 9300-38",
        email="info@example.org",
    )
    card = parse(client.get(reverse("locations:vcard", args=[office.slug])))
    assert card.fn.value == office.name
    assert card.adr.value.street == "Winterswijker Straße 1"
    assert card.adr.value.city == "Südlohn"
    assert card.adr.value.code == "46354"
    phones = {tel.value for tel in card.contents["tel"]}
    assert phones == {"+492861681100", "+492568930038"}
    assert card.email.value == "info@example.org"
    assert card.url.value == "http://testserver/de/standorte/suedlohn/"


def test_contact_vcard_round_trips_names_with_umlauts(client):
    office = make_office(name="Jobcenter im Kreis Borken")
    contact = make_contact(
        office=office, name="Susanne Lökes", role="Stellv. Leitung, Jobcenter; SGB II"
    )
    card = parse(client.get(reverse("locations:contact_vcard", args=[contact.pk])))
    assert card.fn.value == "Susanne Lökes"
    assert card.n.value.family == "Lökes"
    assert card.n.value.given == "Susanne"
    assert card.title.value == "Stellv. Leitung, Jobcenter; SGB II"
    assert card.org.value == ["Jobcenter im Kreis Borken"]


def test_contact_with_a_role_only_is_fine(client):
    contact = make_contact(role="Pressestelle", organisation="Kreis Borken, Pressestelle")
    card = parse(client.get(reverse("locations:contact_vcard", args=[contact.pk])))
    assert card.fn.value == "Pressestelle"
    assert card.org.value == ["Kreis Borken, Pressestelle"]


def test_inactive_contact_has_no_vcard(client):
    contact = make_contact(is_active=False)
    assert client.get(reverse("locations:contact_vcard", args=[contact.pk])).status_code == 404


def test_escape_and_fold():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "NOTE:" + "ü" * 60
    folded = fold_line(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
