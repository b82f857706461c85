"""Admin: validation, the incomplete-data filter and what local office staff may do."""

from datetime import date, time

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from locations.apps import OFFICE_STAFF_GROUP
from locations.models import Office, OfficeAssignment, OpeningHours

from .factories import make_contact, make_hours, make_office

pytestmark = pytest.mark.django_db


@pytest.fixture
def heek_staff(client, django_user_model, heek):
    user = django_user_model.objects.create_user("heek", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=OFFICE_STAFF_GROUP))
    OfficeAssignment.objects.create(user=user, office=heek)
    client.force_login(user)
    return client


def inline_data(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def office_form(office, hours=(), closures=(), contacts=(), **fields) -> dict:
    data = {
        "kind": office.kind,
        "name_de": office.name,
        "slug": office.slug,
        "is_active": "on",
        "street": office.street,
        "postcode": office.postcode,
        "city": office.city,
        "phone": office.phone,
        **fields,
    }
    data |= inline_data("hours", list(hours))
    data |= inline_data("closures", list(closures))
    data |= inline_data("contacts", list(contacts))
    return data


def change_url(office):
    return reverse("admin:locations_office_change", args=[office.pk])


def test_group_exists_with_the_office_permissions():
    group = Group.objects.get(name=OFFICE_STAFF_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {
        "change_office",
        "add_openinghours",
        "delete_closure",
        "change_contactperson",
    } <= codenames
    assert "add_office" not in codenames and "delete_office" not in codenames


def test_staff_see_only_their_own_office(heek_staff, heek, legden):
    page = heek_staff.get(reverse("admin:locations_office_changelist")).content.decode()
    assert "Jobcenter Heek" in page
    assert "Jobcenter Legden" not in page
    assert heek_staff.get(change_url(legden)).status_code == 302  # "does not exist" redirect
    assert heek_staff.post(change_url(legden), office_form(legden)).status_code == 302
    legden.refresh_from_db()
    assert legden.name == "Jobcenter Legden"


def test_staff_without_assignment_see_no_office(client, django_user_model, heek):
    user = django_user_model.objects.create_user("neu", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=OFFICE_STAFF_GROUP))
    client.force_login(user)
    page = client.get(reverse("admin:locations_office_changelist")).content.decode()
    assert "Jobcenter Heek" not in page


def test_staff_edit_hours_and_notes_but_not_the_address(heek_staff, heek):
    data = office_form(
        heek,
        hours=[{"weekday": "3", "opens": "09:00", "closes": "12:00"}],
        hours_note_de="Termine nach Vereinbarung.",
        street="Erfundene Straße 1",
        name_de="Anderer Name",
    )
    response = heek_staff.post(change_url(heek), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    heek.refresh_from_db()
    assert heek.hours_note == "Termine nach Vereinbarung."
    assert heek.hours.count() == 1
    assert heek.street == "Bahnhofstraße 60"  # read-only for local staff
    assert heek.name == "Jobcenter Heek"


def test_staff_cannot_add_or_delete_offices(heek_staff, heek):
    assert heek_staff.get(reverse("admin:locations_office_add")).status_code == 403
    delete = reverse("admin:locations_office_delete", args=[heek.pk])
    assert heek_staff.post(delete, {"post": "yes"}).status_code == 403
    assert Office.objects.filter(pk=heek.pk).exists()


def test_staff_see_only_their_offices_contacts(heek_staff, heek, legden):
    make_contact(office=heek, role="Leistung Heek")
    make_contact(office=legden, role="Leistung Legden")
    make_contact(role="Pressestelle")
    page = heek_staff.get(reverse("admin:locations_contactperson_changelist")).content.decode()
    assert "Leistung Heek" in page
    assert "Leistung Legden" not in page
    assert "Pressestelle" not in page
    add = heek_staff.get(reverse("admin:locations_contactperson_add")).content.decode()
    assert "Jobcenter Heek" in add and "Jobcenter Legden" not in add


def test_overlapping_slots_on_one_day_are_refused(superuser_client, heek):
    data = office_form(
        heek,
        hours=[
            {"weekday": "3", "opens": "09:00", "closes": "12:00"},
            {"weekday": "3", "opens": "11:00", "closes": "13:00"},
        ],
    )
    page = superuser_client.post(change_url(heek), data).content.decode()
    assert "überschneiden sich" in page
    assert not OpeningHours.objects.exists()


def test_closing_before_opening_is_refused(superuser_client, heek):
    data = office_form(heek, hours=[{"weekday": "3", "opens": "12:00", "closes": "09:00"}])
    page = superuser_client.post(change_url(heek), data).content.decode()
    assert "Die Schließzeit muss nach der Öffnungszeit liegen." in page


def test_closure_special_hours_need_both_ends(superuser_client, heek):
    data = office_form(
        heek,
        closures=[
            {
                "starts_on": "2026-12-24",
                "ends_on": "2026-12-24",
                "special_opens": "09:00",
                "reason_de": "Heiligabend",
            }
        ],
    )
    page = superuser_client.post(change_url(heek), data).content.decode()
    assert "bitte Beginn und Ende angeben" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "4861", "fünf Ziffern"),
        ("phone", "(02568) 93000", "Bitte im Format"),
        ("phone", "+49 2568 93000", "Bitte im Format"),
    ],
)
def test_postcode_and_phone_formats(superuser_client, heek, field, value, message):
    page = superuser_client.post(
        change_url(heek), office_form(heek, **{field: value})
    ).content.decode()
    assert message in page


def test_incomplete_data_filter(superuser_client):
    complete = make_office(
        name="Vollständig", street="Burloer Straße 93", phone="02861 681-100",
        data_verified_on=date(2024, 1, 1),
    )  # fmt: skip
    make_hours(complete, opens=time(8), closes=time(12))
    make_office(name="Ohne Telefon", street="Weg 1", data_verified_on=date(2024, 1, 1))
    url = reverse("admin:locations_office_changelist") + "?unvollstaendig=ja"
    page = superuser_client.get(url).content.decode()
    assert "Ohne Telefon" in page
    assert "Vollständig" not in page
    assert list(Office.objects.incomplete()) == [Office.objects.get(name="Ohne Telefon")]


def test_office_changes_are_versioned(superuser_client, heek):
    from reversion.models import Version

    superuser_client.post(change_url(heek), office_form(heek, hours_note_de="Neu"))
    assert Version.objects.get_for_object(heek).count() == 1


def test_other_staff_keep_their_model_permissions(client, django_user_model, heek, legden):
    """Press office staff pick any contact as a press contact; they are not office staff."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("presse", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_contactperson"))
    make_contact(office=legden, role="Leistung Legden")
    make_contact(role="Pressestelle")
    client.force_login(user)
    page = client.get(reverse("admin:locations_contactperson_changelist")).content.decode()
    assert "Leistung Legden" in page and "Pressestelle" in page
