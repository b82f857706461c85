"""The press-service page and the icons a journalist's tools ask for."""

import re

import pytest
from django.contrib.staticfiles import finders

from .factories import make_press_office

pytestmark = pytest.mark.django_db


def test_press_service_says_how_to_get_reuse_and_credit(client):
    make_press_office()
    page = client.get("/de/presse/pressedienst/").content.decode()
    assert "zur Veröffentlichung frei, wenn die Quelle genannt wird" in page
    assert 'href="/de/presse/atom/"' in page
    assert 'href="/de/presse/abonnieren/"' in page
    assert "pressestelle@kreis-borken.de" in page
    assert "credits.txt" in page


def test_press_service_without_office_data_says_whom_to_ask(client):
    page = client.get("/de/presse/pressedienst/").content.decode()
    assert "Fragen Sie zur Weiterverwendung bitte die Pressestelle." in page


def test_favicon_ico_leads_to_a_real_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    name = response["Location"].removeprefix("/static/")
    path = finders.find(name)
    assert path and open(path, "rb").read(4) == b"\x00\x00\x01\x00"  # an ICO header


def test_every_page_links_a_touch_icon(client):
    page = client.get("/de/").content.decode()
    assert 'rel="apple-touch-icon"' in page
    assert finders.find("img/apple-touch-icon.png")


def test_the_publisher_phone_is_two_numbers_with_two_links(client, demo_data):
    page = client.get("/de/presse/2019/das-jobcenter-wer-wie-was/").content.decode()
    # dir="ltr": the number keeps its order inside Arabic text (issue 18)
    assert '<a href="tel:+492861822111" dir="ltr">(0 28 61) 82 21 - 11</a>' in page
    assert '<a href="tel:+492861822113" dir="ltr">(0 28 61) 82 21 - 13</a>' in page


def test_the_demo_quotes_are_blockquotes_with_their_speakers(client, demo_data):
    page = client.get("/de/presse/2019/das-jobcenter-wer-wie-was/").content.decode()
    assert (
        '<figure class="quote"><blockquote><p>Die Organisationsstruktur bei uns hat sich bewährt:'
        in page
    )
    assert "<figcaption>Landrat Dr. Kai Zwicker</figcaption></figure>" in page
    assert "<figcaption>Kreisdirektor Dr. Ansgar Hörster</figcaption></figure>" in page


@pytest.mark.parametrize("language", ["en", "nl", "tr", "uk", "ar"])
def test_the_translated_demo_quotes_are_blockquotes_too(client, demo_data, language):
    """The nl, tr, uk and ar bodies kept both quotes inside one running paragraph."""
    page = client.get(f"/{language}/presse/2019/das-jobcenter-wer-wie-was/").content.decode()
    assert page.count('<figure class="quote"><blockquote>') == 2
    captions = re.findall(r"<figcaption>(.*?)</figcaption></figure>", page)
    assert len(captions) == 2
    assert "Zwicker" in captions[0] and "Hörster" in captions[1]


def test_a_quote_without_a_speaker_stays_a_plain_blockquote():
    from core.richtext import with_speakers

    plain = "<blockquote><p>Nur ein Zitat.</p></blockquote>"
    assert with_speakers(plain) == plain
    quoted = "<blockquote><p>Zitat.</p><p>– Ellen Bulten</p></blockquote><p>Weiter.</p>"
    assert with_speakers(quoted) == (
        '<figure class="quote"><blockquote><p>Zitat.</p></blockquote>'
        "<figcaption>Ellen Bulten</figcaption></figure><p>Weiter.</p>"
    )


def test_the_printout_carries_the_address_and_a_print_date_slot(client, demo_data):
    page = client.get("/de/presse/2019/das-jobcenter-wer-wie-was/").content.decode()
    assert (
        "Adresse dieser Meldung: http://127.0.0.1:8000/de/presse/2019/das-jobcenter-wer-wie-was/"
        in page
    )
    assert 'data-print-date data-label="Gedruckt am"' in page
    assert "js/print-date.js" in page
