"""News per town: releases tagged by municipality (AGS), a town list, its feeds, the office page."""

import pytest

from .factories import make_municipality, make_office, make_press_office, make_release
from .feedcheck import feed_problems

pytestmark = pytest.mark.django_db
HEEK = "05554024"


@pytest.fixture
def heek():
    make_press_office()
    town = make_municipality(name="Heek", ags=HEEK)
    other = make_municipality(name="Legden", ags="05554032")
    make_release(slug="heek-eins", title_de="Neues aus Heek", municipalities=[town])
    make_release(slug="legden", title_de="Neues aus Legden", municipalities=[other])
    make_release(slug="kreisweit", title_de="Kreisweit")
    return town


def test_the_town_list_shows_only_its_releases(client, heek):
    page = client.get(f"/de/presse/orte/{HEEK}/").content.decode()
    assert "Neues aus Heek" in page
    assert "Neues aus Legden" not in page and "Kreisweit" not in page
    assert f'href="/de/presse/orte/{HEEK}/atom/"' in page


@pytest.mark.parametrize("kind", ["feed", "atom"])
@pytest.mark.parametrize("language", ["de", "en"])
def test_the_town_feeds_are_valid_and_carry_only_its_releases(client, heek, kind, language):
    response = client.get(f"/{language}/presse/orte/{HEEK}/{kind}/")
    assert feed_problems(response, response.wsgi_request.build_absolute_uri()) == []
    body = response.content.decode()
    if language == "de":
        assert "Neues aus Heek" in body
    assert "Neues aus Legden" not in body and "Kreisweit" not in body


def test_an_unknown_or_malformed_ags_is_404(client, heek):
    assert client.get("/de/presse/orte/05559999/").status_code == 404
    assert client.get("/de/presse/orte/heek/").status_code == 404
    assert client.get("/de/presse/orte/05559999/atom/").status_code == 404


def test_the_office_page_shows_the_latest_releases_for_its_town(client, heek):
    office = make_office(slug="jc-heek", municipality=heek)
    page = client.get(office.get_absolute_url()).content.decode()
    assert "Pressemitteilungen für Heek" in page
    assert "Neues aus Heek" in page and "Neues aus Legden" not in page
    assert f'href="/de/presse/orte/{HEEK}/"' in page


def test_an_office_page_of_a_town_without_news_says_so(client, heek):
    legden_less = make_municipality(name="Reken", ags="05554048")
    office = make_office(slug="jc-reken", municipality=legden_less)
    page = client.get(office.get_absolute_url()).content.decode()
    assert "Zurzeit gibt es keine Pressemitteilung, die diesen Ort betrifft." in page


def test_subscribing_to_a_town_asks_for_confirmation_of_that_scope(client, heek, mailoutbox):
    from subscriptions.models import Subscription

    url = f"/de/presse/orte/{HEEK}/abonnieren/"
    page = client.get(url).content.decode()
    assert "Sie abonnieren nur: <strong>Heek</strong>." in page
    data = {"email": "Redaktion@Example.invalid", "language": "de", "frequency": "weekly"}
    response = client.post(url, data)
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert (subscription.scope, subscription.municipality, subscription.scope_key) == (
        "town",
        heek,
        f"town:{heek.pk}",
    )
    assert subscription.frequency == "weekly"
    assert "Heek" in mailoutbox[0].body
    assert client.get("/de/presse/orte/05559999/abonnieren/").status_code == 404


def test_town_subscribers_get_that_towns_releases_exactly_once(heek, mailoutbox):
    from datetime import timedelta

    from django.utils import timezone

    from subscriptions import delivery

    from .factories import make_subscription

    make_subscription("heek@example.invalid", scope="town", municipality=heek)
    make_subscription("heek@example.invalid")  # also "all": still one mail per release
    legden = heek.__class__.objects.get(ags="05554032")
    make_subscription("legden@example.invalid", scope="town", municipality=legden)
    soon = timezone.now() - timedelta(minutes=10)
    make_release(slug="heek-neu", title_de="Heek aktuell", municipalities=[heek], publish_at=soon)
    delivery.run()
    delivery.run()  # a second run (the next minute) sends nothing more
    # (the other releases went public before these subscribers consented: not mailed)
    to_heek = [m for m in mailoutbox if m.to == ["heek@example.invalid"]]
    assert len(to_heek) == 1 and "Heek aktuell" in to_heek[0].subject
    assert not [m for m in mailoutbox if m.to == ["legden@example.invalid"]]
