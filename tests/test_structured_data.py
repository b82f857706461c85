"""JSON-LD on every page type that carries it, read back and checked (tests/jsonld.py)."""

from datetime import UTC, datetime

import pytest
import time_machine

from pressroom.models import Correction

from .factories import (
    make_contact,
    make_media,
    make_office,
    make_press_contact,
    make_press_office,
    make_release,
    make_series,
)
from .jsonld import json_ld, of_type

pytestmark = pytest.mark.django_db
FIRST = datetime(2019, 8, 22, 22, 0, tzinfo=UTC)


@pytest.fixture
def office():
    return make_press_office(website="https://kreis-borken.de/")


@pytest.fixture
def release(office):
    series = make_series(slug="serie", title_de="Das Jobcenter stellt sich vor")
    press = make_press_contact(name="Ellen Bulten")
    release = make_release(
        slug="eins",
        title_de="Das Jobcenter – wer, wie, was?",
        kicker_de="Teil 1",
        series=series,
        part_number=1,
        publish_at=FIRST,
        contact=press,
        title_en="The Jobcenter – who, how, what?",
        lead_en="The lead.",
        body_en="<p>The text.</p>",
    )
    release.release_contacts.create(contact=make_contact(name="Susanne Lökes"), role="subject")
    return release


def test_news_article_is_complete(client, release):
    article = of_type(json_ld(client.get(release.get_absolute_url())), "NewsArticle")
    assert article["headline"] == "Das Jobcenter – wer, wie, was?"
    assert article["description"] == "Der Vorspann."
    assert article["inLanguage"] == "de"
    assert article["datePublished"] == article["dateModified"] == "2019-08-22T22:00:00Z"
    office, person = article["author"]
    assert (office["@type"], office["name"]) == ("GovernmentOrganization", "Kreis Borken")
    assert (person["@type"], person["name"]) == ("Person", "Ellen Bulten")  # press, not subject
    publisher = article["publisher"]
    assert publisher["url"] == "https://kreis-borken.de/"
    assert publisher["logo"]["url"].endswith(".png")
    assert (publisher["logo"]["width"], publisher["logo"]["height"]) == (512, 512)
    assert article["isPartOf"]["@type"] == "CreativeWorkSeries"
    assert article["position"] == 1
    assert "image" not in article  # no medium, no image


def test_a_german_fallback_page_says_german_a_translated_page_its_language(client, release):
    turkish = of_type(json_ld(client.get("/tr/presse/2019/eins/")), "NewsArticle")
    assert turkish["inLanguage"] == "de"
    assert turkish["headline"] == "Das Jobcenter – wer, wie, was?"
    english = of_type(json_ld(client.get("/en/presse/2019/eins/")), "NewsArticle")
    assert english["inLanguage"] == "en"
    assert english["headline"] == "The Jobcenter – who, how, what?"


def test_date_modified_follows_the_public_update_only(client, release):
    release.title_de = "Das Jobcenter – wer, wie, was? (Tippfehler)"
    release.save()
    article = of_type(json_ld(client.get(release.get_absolute_url())), "NewsArticle")
    assert article["dateModified"] == "2019-08-22T22:00:00Z"
    with time_machine.travel(datetime(2024, 3, 1, 9, 0, tzinfo=UTC), tick=False):
        Correction.objects.create(release=release, date=datetime(2024, 3, 1).date(), text_de="K")
    article = of_type(json_ld(client.get(release.get_absolute_url())), "NewsArticle")
    assert article["dateModified"] == "2024-03-01T09:00:00Z"
    assert article["datePublished"] == "2019-08-22T22:00:00Z"


def test_the_first_medium_is_the_image_with_size_and_rights(client, release, media_root):
    make_media(
        release,
        credit="Foto: Kreis Borken",
        copyright_notice="© Kreis Borken",
        licence="Frei zur Veröffentlichung mit Bildnachweis",
        licence_url="https://kreis-borken.de/",
        creator="Pressestelle Kreis Borken",
    )
    article = of_type(json_ld(client.get(release.get_absolute_url())), "NewsArticle")
    image = article["image"]
    assert (image["width"], image["height"]) == (800, 600)
    assert image["creditText"] == "Foto: Kreis Borken"
    assert image["contentUrl"].startswith("http://127.0.0.1:8000/presse-medien/")


def test_media_page_has_an_image_object_with_all_rights(client, release, media_root):
    asset = make_media(
        release,
        credit="Foto: Kreis Borken",
        copyright_notice="© Kreis Borken",
        licence="Frei zur Veröffentlichung mit Bildnachweis",
        licence_url="https://kreis-borken.de/",
        creator="Pressestelle Kreis Borken",
        caption_de="Das Logo der Aktionswoche",
    )
    image = of_type(json_ld(client.get(asset.get_absolute_url())), "ImageObject")
    assert image["creditText"] == "Foto: Kreis Borken"
    assert image["copyrightNotice"] == "© Kreis Borken"
    assert image["license"] == "https://kreis-borken.de/"
    assert image["acquireLicensePage"].endswith("/de/presse/pressedienst/")
    assert image["creator"] == {"@type": "Person", "name": "Pressestelle Kreis Borken"}
    assert image["caption"] == "Das Logo der Aktionswoche"


def test_media_page_without_rights_leaves_them_out(client, release, media_root):
    asset = make_media(release, credit="")
    image = of_type(json_ld(client.get(asset.get_absolute_url())), "ImageObject")
    assert {"creditText", "copyrightNotice", "license", "creator"}.isdisjoint(image)


def test_series_page_is_a_creative_work_series_with_its_parts(client, release):
    make_release(slug="zwei", series=release.series, part_number=2, title_de="Teil zwei")
    series = of_type(json_ld(client.get("/de/presse/serien/serie/")), "CreativeWorkSeries")
    assert series["name"] == "Das Jobcenter stellt sich vor"
    parts = [(p["position"], p["headline"]) for p in series["hasPart"]]
    assert parts == [(1, "Das Jobcenter – wer, wie, was?"), (2, "Teil zwei")]


def test_home_page_has_organisation_and_website(client):
    nodes = json_ld(client.get("/de/"))
    organisation = of_type(nodes, "GovernmentOrganization")
    assert organisation["name"] == "Jobcenter im Kreis Borken"
    website = of_type(nodes, "WebSite")
    assert website["publisher"] == {"@id": organisation["@id"]}
    assert "{search_term_string}" in website["potentialAction"]["target"]


def test_an_office_without_street_has_no_empty_address_fields(client):
    office = make_office(postcode="48683", city="Ahaus")
    data = of_type(json_ld(client.get(office.get_absolute_url())), "GovernmentOffice")
    assert data["address"] == {
        "@type": "PostalAddress",
        "postalCode": "48683",
        "addressLocality": "Ahaus",
        "addressCountry": "DE",
    }


# Which schema.org types each demo page type carries (others carry none).
EXPECTED_TYPES = {
    "home": {"GovernmentOrganization", "WebSite"},
    "office": {"GovernmentOffice"},
    "service": {"GovernmentService"},
    "release": {"NewsArticle"},
    "series": {"CreativeWorkSeries"},
}


@pytest.mark.parametrize("language", ["de", "tr"])
def test_json_ld_on_every_page_type_parses_and_checks(client, demo_data, language):
    from .pages import DEMO_PAGES, STATIC_PAGES

    for name, path in STATIC_PAGES + DEMO_PAGES:
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, name
        types = {node["@type"] for node in json_ld(response)}  # json_ld() checks each node
        assert types == EXPECTED_TYPES.get(name, set()), name
    article = of_type(
        json_ld(client.get(f"/{language}{dict(DEMO_PAGES)['release']}")), "NewsArticle"
    )
    # Part 1 is translated into every language since issue 18: the text shown is Turkish
    assert article["inLanguage"] == language
    from pressroom.models import PressRelease

    PressRelease.objects.filter(pk=1).update(title_tr="", lead_tr="", body_tr="")
    article = of_type(
        json_ld(client.get(f"/{language}{dict(DEMO_PAGES)['release']}")), "NewsArticle"
    )
    assert article["inLanguage"] == "de"  # no Turkish text: the German one is shown
