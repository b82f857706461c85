"""The public change model: first publication kept forever, public update only when material."""

from datetime import UTC, datetime, timedelta

import pytest
import reversion
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from pressroom.models import Correction, PressRelease

from .adminforms import form_data
from .factories import make_release

pytestmark = pytest.mark.django_db
FIRST = datetime(2019, 8, 22, 22, 0, tzinfo=UTC)


@pytest.fixture
def publisher(client, django_user_model):
    user = django_user_model.objects.create_user("presse", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Pressestelle"))
    user.groups.add(Group.objects.get(name="Pressestelle – Freigabe"))
    client.force_login(user)
    return user


def change_url(release):
    return reverse("admin:pressroom_pressrelease_change", args=[release.pk])


def test_the_first_publication_is_kept_when_the_release_is_rescheduled_or_withdrawn():
    release = make_release(publish_at=FIRST)
    assert release.first_published_at == FIRST
    release.publish_at = FIRST + timedelta(days=400)
    release.save()
    assert release.first_published_at == FIRST
    release.status = PressRelease.Status.WITHDRAWN
    release.save()
    assert release.first_published_at == FIRST
    assert release.withdrawn_at is not None
    release.status = PressRelease.Status.PUBLISHED
    release.save()
    assert release.first_published_at == FIRST
    assert release.withdrawn_at is None


def test_a_scheduled_release_follows_its_plan_until_it_has_been_public():
    later = timezone.now() + timedelta(days=3)
    release = make_release(publish_at=later)
    assert release.first_published_at == later
    release.publish_at = later + timedelta(days=1)
    release.save()
    assert release.first_published_at == later + timedelta(days=1)
    draft = make_release(status=PressRelease.Status.DRAFT, publish_at=None)
    assert draft.first_published_at is None


def test_a_typo_fix_changes_no_public_date():
    release = make_release(publish_at=FIRST)
    release.title_de = "Eine Meldung (Tippfehler korrigiert)"
    release.save()
    release.refresh_from_db()
    assert release.public_updated_at is None
    assert release.last_public_change == FIRST
    assert release.updated_at > FIRST  # the technical save time moves, and stays internal


def test_adding_a_correction_is_a_public_update_editing_it_is_not():
    release = make_release(publish_at=FIRST)
    moment = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    with time_machine.travel(moment, tick=False):
        correction = Correction.objects.create(release=release, date=moment.date(), text_de="X")
    release.refresh_from_db()
    assert release.public_updated_at == moment
    correction.text_de = "Korrigiert."
    correction.save()
    release.refresh_from_db()
    assert release.public_updated_at == moment


def test_a_correction_before_publication_is_no_update():
    release = make_release(publish_at=timezone.now() + timedelta(days=1))
    Correction.objects.create(release=release, date=timezone.localdate(), text_de="X")
    release.refresh_from_db()
    assert release.public_updated_at is None


def test_a_revert_cannot_roll_the_public_dates_back():
    release = make_release(publish_at=FIRST)
    with reversion.create_revision():
        release.save()
    moment = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    with time_machine.travel(moment, tick=False):
        Correction.objects.create(release=release, date=moment.date(), text_de="X")
    Version.objects.get_for_object(release).first().revert()
    release.refresh_from_db()
    assert (release.first_published_at, release.public_updated_at) == (FIRST, moment)


@pytest.mark.parametrize("ticked", [True, False])
def test_the_editor_ticks_a_material_change_in_the_admin(client, publisher, ticked):
    release = make_release(publish_at=FIRST)
    data = form_data(client.get(change_url(release)))
    data["body_de"] = "<p>Neue Zahlen.</p>"
    if ticked:
        data["material_change"] = "on"
    else:
        data.pop("material_change", None)
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.body_de == "<p>Neue Zahlen.</p>"
    assert (release.public_updated_at is not None) is ticked


def test_the_page_says_updated_only_after_a_public_update(client):
    release = make_release(publish_at=FIRST)
    page = client.get(release.get_absolute_url()).content.decode()
    assert "aktualisiert am" not in page
    with time_machine.travel(datetime(2024, 3, 1, 9, 0, tzinfo=UTC), tick=False):
        Correction.objects.create(release=release, date=datetime(2024, 3, 1).date(), text_de="X")
    page = client.get(release.get_absolute_url()).content.decode()
    assert "aktualisiert am" in page
    assert '<time datetime="2024-03-01T10:00:00+01:00">' in page
