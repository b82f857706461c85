"""Revert, recover and history (django-reversion) obey the same limits as the change form."""

import pytest
import reversion
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from locations.apps import OFFICE_STAFF_GROUP
from locations.models import ContactPerson, OfficeAssignment
from pressroom.models import PressRelease

from .adminforms import form_data
from .factories import make_contact, make_office, make_release

pytestmark = pytest.mark.django_db


def saved(obj, **changes):
    """Save ``obj`` in its own revision, after applying ``changes``."""
    for name, value in changes.items():
        setattr(obj, name, value)
    with reversion.create_revision():
        obj.save()
    return obj


def first_version(obj):
    return Version.objects.get_for_object(obj).order_by("pk").first()


@pytest.fixture
def heek(db):
    return make_office(slug="heek", name="Jobcenter Heek", street="Bahnhofstraße 60")


@pytest.fixture
def legden(db):
    return make_office(slug="legden", name="Jobcenter Legden")


@pytest.fixture
def heek_staff(client, django_user_model, heek):
    user = django_user_model.objects.create_user("heek", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=OFFICE_STAFF_GROUP))
    OfficeAssignment.objects.create(user=user, office=heek)
    client.force_login(user)
    return client


def revision_url(obj, version):
    opts = obj._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_revision"
    return reverse(name, args=[obj.pk, version.pk])


def test_an_office_history_url_cannot_revert_a_press_release(heek_staff, heek):
    release = saved(make_release())
    saved(release, status=PressRelease.Status.WITHDRAWN)
    url = f"/admin/locations/office/{release.pk}/history/{first_version(release).pk}/"
    assert heek_staff.post(url, {}).status_code == 404
    release.refresh_from_db()
    assert release.status == PressRelease.Status.WITHDRAWN


def test_a_version_of_another_object_is_not_found(superuser_client, heek, legden):
    saved(heek)
    saved(legden)
    url = revision_url(heek, first_version(legden))
    assert superuser_client.get(url).status_code == 404


def test_local_staff_cannot_revert_or_see_another_office(heek_staff, legden):
    saved(legden)
    saved(legden, name="Jobcenter Legden (umbenannt)")
    url = revision_url(legden, first_version(legden))
    assert heek_staff.post(url, {}).status_code == 404
    history = reverse("admin:locations_office_history", args=[legden.pk])
    assert heek_staff.get(history).status_code == 404
    legden.refresh_from_db()
    assert legden.name == "Jobcenter Legden (umbenannt)"


def test_local_staff_revert_their_notes_but_not_the_address(heek_staff, heek):
    saved(heek, hours_note="Alte Notiz")
    saved(heek, hours_note="Neue Notiz")
    url = revision_url(heek, first_version(heek))
    response = heek_staff.post(url, form_data(heek_staff.get(url)))
    assert response.status_code == 302
    heek.refresh_from_db()
    assert heek.hours_note == "Alte Notiz"

    saved(heek, street="Neue Straße 1")  # changed by the county
    url = revision_url(heek, first_version(heek))
    assert heek_staff.get(url).status_code == 403  # would restore the old address
    heek.refresh_from_db()
    assert heek.street == "Neue Straße 1"


def test_local_staff_cannot_recover_a_contact_of_another_office(heek_staff, legden):
    contact = saved(make_contact(office=legden, role="Leistung Legden"))
    version = first_version(contact)
    contact.delete()
    url = reverse("admin:locations_contactperson_recover", args=[version.pk])
    assert heek_staff.post(url, {}).status_code == 403
    assert not ContactPerson.objects.filter(role="Leistung Legden").exists()


def test_recover_takes_only_deleted_objects_of_its_own_model(superuser_client, heek):
    release = saved(make_release(status=PressRelease.Status.DRAFT))
    version = first_version(release)
    release.delete()
    url = reverse("admin:locations_contactperson_recover", args=[version.pk])
    assert superuser_client.post(url, {}).status_code == 404
    assert not PressRelease.objects.filter(pk=version.object_id).exists()


def test_a_revision_holding_other_offices_is_refused(superuser_client, heek, legden):
    with reversion.create_revision():
        heek.save()
        legden.save()
    legden.name = "Jobcenter Legden (neu)"
    legden.save()
    assert superuser_client.post(revision_url(heek, first_version(heek)), {}).status_code == 403
    legden.refresh_from_db()
    assert legden.name == "Jobcenter Legden (neu)"


def test_allowed_staff_still_revert_and_recover(superuser_client, heek):
    contact = saved(make_contact(office=heek, role="Alte Rolle"))
    saved(contact, role="Neue Rolle")
    url = revision_url(contact, first_version(contact))
    assert superuser_client.post(url, form_data(superuser_client.get(url))).status_code == 302
    contact.refresh_from_db()
    assert contact.role == "Alte Rolle"

    release = saved(make_release(status=PressRelease.Status.DRAFT, title_de="Entwurf"))
    version = Version.objects.get_for_object(release).order_by("pk").last()
    release.delete()
    url = reverse("admin:pressroom_pressrelease_recover", args=[version.pk])
    assert superuser_client.post(url, form_data(superuser_client.get(url))).status_code == 302
    assert PressRelease.objects.filter(title_de="Entwurf").exists()


def test_local_staff_see_only_their_own_deleted_contacts(heek_staff, heek, legden):
    for office, role in ((heek, "Leistung Heek"), (legden, "Leistung Legden")):
        saved(make_contact(office=office, role=role)).delete()
    page = heek_staff.get(reverse("admin:locations_contactperson_recoverlist"))
    html = page.content.decode()
    assert "Leistung Heek" in html
    assert "Leistung Legden" not in html
