"""IPTC ninjs 3.1 for agencies: each public release, the newest N, the embargo link's item."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from pressroom.models import EmbargoLink, PressRelease

from .factories import (
    make_contact,
    make_media,
    make_press_contact,
    make_press_office,
    make_release,
    make_topic,
)
from .ninjs import ninjs_errors

pytestmark = pytest.mark.django_db
FIRST = datetime(2019, 8, 22, 22, 0, tzinfo=UTC)


@pytest.fixture
def release():
    make_press_office(
        website="https://kreis-borken.de/", phone="(0 28 61) 82 21 - 11\n(0 28 61) 82 21 - 13"
    )
    release = make_release(
        slug="eins",
        title_de="Das Jobcenter – wer, wie, was?",
        kicker_de="Aktionswoche der kommunalen Jobcenter / Teil 1",
        lead_de="Deutschlandweit findet die Aktionswoche statt.",
        body_de="<p>Im Kreis Borken …</p>",
        background_title_de="Aktionswoche",
        background_text_de="Der Kreis Borken ist einer von 104 …",
        editors_note_de="Die Reihe wird fortgesetzt.",
        dateline="Kreis Borken",
        publish_at=FIRST,
        contact=make_press_contact(name="Ellen Bulten", phone="02861 82-2111"),
        topics=[make_topic(slug="jobcenter", name_de="Jobcenter")],
    )
    subject = make_contact(name="Susanne Lökes", email="s.loekes@kreis-borken.de")
    release.release_contacts.create(contact=subject, role="subject")
    return release


def get_item(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    if status != 200:
        return None
    assert response["Content-Type"] == "application/json; charset=utf-8"
    item = response.json()
    assert ninjs_errors(item) == []
    return item


def test_a_plain_release_is_a_valid_complete_item(client, release):
    item = get_item(client, "/de/presse/2019/eins/ninjs.json")
    assert item["pubStatus"] == "usable"
    assert item["type"] == "text" and item["language"] == "de"
    assert item["uri"] == f"tag:127.0.0.1,2019:pressemitteilung:{release.pk}"
    assert item["headlines"] == [
        {"role": "main", "value": "Das Jobcenter – wer, wie, was?"},
        {"role": "sub", "value": "Aktionswoche der kommunalen Jobcenter / Teil 1"},
    ]
    assert item["bodies"][0] == {
        "role": "main",
        "contentType": "text/html",
        "value": "<p>Deutschlandweit findet die Aktionswoche statt.</p><p>Im Kreis Borken …</p>",
    }
    assert item["firstCreated"] == item["versionCreated"] == "2019-08-22T22:00:00Z"
    assert item["copyrightHolder"] == "Kreis Borken"
    assert "zur Veröffentlichung frei" in item["usageTerms"]
    assert [p["name"] for p in item["people"]] == ["Ellen Bulten", "Susanne Lökes"]
    assert {"type": "phone", "role": "office", "value": "+492861822111"} in item["people"][0][
        "contactInfo"
    ]
    assert item["located"] == "Kreis Borken"
    assert item["subjects"][0]["name"] == "Jobcenter"
    assert "embargoedUntil" not in item and "associations" not in item


def test_a_release_with_photos_associates_pictures_with_renditions_and_rights(
    client, release, media_root
):
    make_media(
        release,
        credit="Foto: Kreis Borken",
        copyright_notice="© Kreis Borken",
        licence="Frei zur Veröffentlichung mit Bildnachweis",
        licence_url="https://kreis-borken.de/",
        caption_de="Das Logo der Aktionswoche",
    )
    item = get_item(client, "/de/presse/2019/eins/ninjs.json")
    [picture] = item["associations"]
    assert picture["type"] == "picture"
    assert picture["copyrightNotice"] == "© Kreis Borken"
    assert picture["rightsInfo"] == {"linkedRights": "https://kreis-borken.de/"}
    assert {r["name"] for r in picture["renditions"]} == {
        "original",
        "thumbnail",
        "thumbnail-webp",
        "medium",
        "medium-webp",
    }
    original = picture["renditions"][0]
    assert (original["width"], original["height"], original["contentType"]) == (
        800,
        600,
        "image/jpeg",
    )
    assert client.get(original["href"].removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_a_withdrawn_release_is_a_cancelled_item_without_its_text(client, release):
    release.status = PressRelease.Status.WITHDRAWN
    release.save()
    item = get_item(client, "/de/presse/2019/eins/ninjs.json")
    assert item["pubStatus"] == "canceled"
    assert "bodies" not in item and "descriptions" not in item
    assert item["firstCreated"] == "2019-08-22T22:00:00Z"
    assert item["versionCreated"] > item["firstCreated"]


def test_embargoed_and_unpublished_releases_are_absent(client, release):
    embargoed = make_release(slug="sperre", embargo_until=timezone.now() + timedelta(days=1))
    draft = make_release(slug="entwurf", status=PressRelease.Status.DRAFT)
    for other in (embargoed, draft):
        get_item(client, f"{other.get_absolute_url()}ninjs.json", status=404)
    listed = client.get("/de/presse/ninjs.json?anzahl=100").json()["items"]
    assert [entry["uri"].rsplit(":", 1)[1] for entry in listed] == [str(release.pk)]


def test_the_embargo_link_serves_the_item_with_its_embargo(client, release):
    until = timezone.now() + timedelta(days=1)
    embargoed = make_release(slug="sperre", embargo_until=until)
    link = EmbargoLink.objects.create(release=embargoed, recipient="Redaktion Borkener Zeitung")
    response = client.get(f"/de/presse/sperrfrist/{link.token}/ninjs.json")
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "private" in response["Cache-Control"]
    item = response.json()
    assert ninjs_errors(item) == []
    assert datetime.fromisoformat(item["embargoedUntil"]) == until.replace(microsecond=0) or (
        abs(datetime.fromisoformat(item["embargoedUntil"]) - until) < timedelta(seconds=1)
    )
    assert link.accesses.count() == 1
    link.revoked_at = timezone.now()
    link.save()
    assert client.get(f"/de/presse/sperrfrist/{link.token}/ninjs.json").status_code == 404


def test_the_list_has_the_newest_n_items_each_valid(client, release):
    for number in range(3):
        make_release(slug=f"neu-{number}", publish_at=timezone.now() - timedelta(hours=number + 1))
    data = client.get("/de/presse/ninjs.json?anzahl=2").json()
    assert data["standard"]["version"] == "3.1"
    assert [item["altIds"][0]["value"].rsplit("/", 2)[-2] for item in data["items"]] == [
        "neu-0",
        "neu-1",
    ]
    for item in data["items"]:
        assert ninjs_errors(item) == []
    assert len(client.get("/de/presse/ninjs.json").json()["items"]) == 4


@pytest.mark.parametrize("count", ["0", "101", "viele", "-1"])
def test_a_bad_count_is_a_400(client, release, count):
    assert client.get(f"/de/presse/ninjs.json?anzahl={count}").status_code == 400


def test_a_german_text_under_tr_is_marked_german(client, release):
    assert get_item(client, "/tr/presse/2019/eins/ninjs.json")["language"] == "de"


def test_release_page_and_press_index_link_their_ninjs(client, release):
    page = client.get("/de/presse/2019/eins/").content.decode()
    assert '<link rel="alternate" type="application/json"' in page
    assert 'href="/de/presse/2019/eins/ninjs.json"' in page
    index = client.get("/de/presse/").content.decode()
    assert 'type="application/json"' in index and 'href="/de/presse/ninjs.json"' in index
