"""Phone numbers → E.164 tel: links (one function, locations/phone.py) and JSON in <script>."""

from datetime import UTC, datetime

import pytest
import vobject
from django.urls import reverse

from core.jsonld import json_for_script
from locations.phone import e164

from .factories import make_contact, make_office, make_press_contact, make_release


@pytest.mark.parametrize(
    ("written", "dialled"),
    [
        ("02861 82-1249", "+492861821249"),
        ("02861/681-100", "+492861681100"),
        ("+49 2861 82-1249", "+492861821249"),
        ("+49 (0)2861 82-1249", "+492861821249"),
        ("0049 2861 821249", "+492861821249"),
        ("0049 (0) 2861 821249", "+492861821249"),
        ("+31 543 123456", "+31543123456"),
        ("0031 543 123456", "+31543123456"),
        ("681-100", "681100"),  # no area code: not guessed
        ("", ""),
        (None, ""),
    ],
)
def test_e164(written, dialled):
    assert e164(written) == dialled


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["02861 82-1249", "+49 2861 82-1249", "0049 2861 82-1249"])
def test_release_contact_and_office_use_the_same_tel_link(client, written):
    release = make_release(contact=make_press_contact(phone=written))
    office = make_office(slug="borken", phone=written)
    for url in (release.get_absolute_url(), office.get_absolute_url()):
        assert 'href="tel:+492861821249"' in client.get(url).content.decode(), url


@pytest.mark.django_db
def test_vcard_numbers_from_international_notation(client):
    contact = make_contact(office=make_office(slug="ahaus"), phone="0049 2561 72-100")
    url = reverse("locations:contact_vcard", args=[contact.pk])
    card = vobject.readOne(client.get(url).content.decode())
    assert [tel.value for tel in card.contents["tel"]] == ["+49256172100"]


def test_json_for_script_cannot_close_the_script_element():
    text = json_for_script({"t": "</script><b>&", "at": datetime(2026, 1, 2, tzinfo=UTC)})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "2026-01-02T00:00:00Z" in text
