"""Issue 15: roles that work – "Freigabe" alone, press contacts, the send log without addresses."""

import pytest
from django.contrib.auth.models import Group

from subscriptions.models import Delivery

from .factories import make_release, make_subscription

pytestmark = pytest.mark.django_db


def member(django_user_model, *groups):
    user = django_user_model.objects.create_user("person", password="pw", is_staff=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def test_freigabe_alone_can_open_check_and_publish(client, django_user_model):
    release = make_release(status="ready")
    client.force_login(member(django_user_model, "Pressestelle – Freigabe"))
    assert client.get("/admin/pressroom/pressrelease/").status_code == 200
    assert client.get(f"/admin/pressroom/pressrelease/{release.pk}/change/").status_code == 200
    assert client.get("/admin/pressroom/pressrelease/heute/").status_code == 200


def test_press_staff_maintain_press_contacts(client, django_user_model):
    client.force_login(member(django_user_model, "Pressestelle"))
    assert client.get("/admin/locations/contactperson/add/").status_code == 200
    response = client.post(
        "/admin/locations/contactperson/add/",
        {
            "name": "Pressesprecherin",
            "role_de": "Pressestelle",
            "is_press_contact": "on",
            "order": 0,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_press_staff_read_the_send_log_without_addresses(client, django_user_model):
    delivery = Delivery.objects.create(
        subscription=make_subscription(email="leserin@example.invalid"),
        release=make_release(title_de="Versandte Meldung"),
        email="leserin@example.invalid",
    )
    client.force_login(member(django_user_model, "Pressestelle"))
    listing = client.get("/admin/subscriptions/delivery/").content.decode()
    assert "Versandte Meldung" in listing and "Bestätigte Abonnements: 1" in listing
    assert "leserin@example.invalid" not in listing
    detail = client.get(f"/admin/subscriptions/delivery/{delivery.pk}/change/").content.decode()
    assert "leserin@example.invalid" not in detail
    assert client.get("/admin/subscriptions/subscription/").status_code == 403
