"""A release withdrawn after publication answers 410 with the date and the press contact."""

from datetime import UTC, datetime

import pytest
import time_machine

from pressroom.models import PressRelease

from .factories import make_press_contact, make_press_office, make_release

pytestmark = pytest.mark.django_db


def test_withdrawn_release_is_gone_with_date_and_contact(client):
    make_press_office()
    release = make_release(
        slug="weg",
        publish_at=datetime(2019, 8, 22, 22, 0, tzinfo=UTC),
        contact=make_press_contact(name="Ellen Bulten", phone="02861 82-2111"),
    )
    with time_machine.travel(datetime(2024, 3, 1, 9, 0, tzinfo=UTC), tick=False):
        release.status = PressRelease.Status.WITHDRAWN
        release.save()
    response = client.get("/de/presse/2019/weg/")
    assert response.status_code == 410
    page = response.content.decode()
    assert "Diese Meldung wurde am 1. März 2024 zurückgezogen." in page
    assert "Ellen Bulten" in page and 'href="tel:+492861822111"' in page
    assert "pressestelle@kreis-borken.de" in page
    assert "Der Text." not in page  # the withdrawn text is not shown
    assert '<meta name="robots" content="noindex, nofollow">' in page


def test_never_published_or_unknown_releases_stay_404(client):
    make_release(slug="nie", status=PressRelease.Status.WITHDRAWN, publish_at=None)
    assert client.get("/de/presse/2019/nie/").status_code == 404
    assert client.get("/de/presse/2019/gibt-es-nicht/").status_code == 404
