"""Update mails: a publisher may mail a material update of a live release, once per address."""

from datetime import timedelta

import pytest
import reversion
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from pressroom.models import PressRelease
from subscriptions import delivery
from subscriptions.models import Delivery

from .adminforms import form_data
from .factories import make_release, make_subscription

pytestmark = pytest.mark.django_db


def _client(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="pw-geheim-123", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def publisher(django_user_model):
    return _client(django_user_model, "frieda", "Pressestelle – Freigabe")


@pytest.fixture
def live_release_mailed():
    """Public since ten minutes, already mailed to two subscribers."""
    release = make_release(
        publish_at=timezone.now() - timedelta(minutes=10),
        title_de="Neue Zahlen",
        title_ar="أرقام جديدة",
        lead_ar="ملخص",
        body_ar="<p>نص البيان.</p>",
    )
    make_subscription("a@example.invalid")
    make_subscription("b@example.invalid", frequency="daily")
    make_subscription("c@example.invalid", language="ar")
    delivery.run()
    mail.outbox.clear()
    return release


def _change(client, release, **fields):
    url = f"/admin/pressroom/pressrelease/{release.pk}/change/"
    data = form_data(client.get(url))
    data.update(fields)
    return client.post(url, data, follow=True)


def test_a_publisher_mails_a_material_update_once_to_each_address(publisher, live_release_mailed):
    release = live_release_mailed
    response = _change(
        publisher, release, lead_de="Neuer Vorspann", material_change="on", mail_update="on"
    )
    assert "geht an die Abonnentinnen und Abonnenten" in response.content.decode()
    delivery.run()
    immediate = {m.to[0]: m for m in mail.outbox}
    assert set(immediate) == {"a@example.invalid", "c@example.invalid"}
    assert immediate["a@example.invalid"].subject == "Aktualisiert: Neue Zahlen"
    assert "Aktualisiert am" in immediate["a@example.invalid"].body
    # The German text changed, so the Arabic translation is outdated: German it is.
    assert immediate["c@example.invalid"].subject == "Aktualisiert: Neue Zahlen"
    assert '<html lang="de" dir="ltr">' in immediate["c@example.invalid"].alternatives[0][0]
    delivery.run()  # the next minute: nothing again
    assert len(mail.outbox) == 2
    assert Delivery.objects.filter(release=release, edition=1).count() == 3
    # The daily subscriber gets it in the next digest, marked as updated.
    with_digest = timezone.now() + timedelta(days=1, hours=1)
    delivery.run(now=with_digest)
    digest = [m for m in mail.outbox if m.to == ["b@example.invalid"]]
    assert len(digest) == 1 and "aktualisierte" in digest[0].subject
    assert "aktualisiert am" in digest[0].body


def test_a_second_update_is_mailed_again_and_a_restore_does_not_reuse_an_edition(
    publisher, live_release_mailed
):
    release = live_release_mailed
    with reversion.create_revision():
        release.save()
    _change(publisher, release, lead_de="Erste Änderung", material_change="on", mail_update="on")
    delivery.run()
    old = Version.objects.get_for_object(release).last()
    old.revision.revert()  # an old version with mailed_updates = 0
    release.refresh_from_db()
    assert release.mailed_updates == 1
    _change(publisher, release, lead_de="Zweite Änderung", material_change="on", mail_update="on")
    delivery.run()
    assert sorted(Delivery.objects.filter(release=release).values_list("edition", flat=True)) == [
        0,
        0,
        0,
        1,
        1,
        1,
        2,
        2,
        2,
    ]
    assert [m.to[0] for m in mail.outbox].count("a@example.invalid") == 2


def test_a_new_correction_counts_as_the_update_to_mail(publisher, live_release_mailed):
    release = live_release_mailed
    _change(
        publisher,
        release,
        mail_update="on",
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-date": "30.11.2026",
            "corrections-0-text_de": "Richtig ist: 12.",
        },
    )
    delivery.run()
    body = next(m.body for m in mail.outbox if m.to == ["a@example.invalid"])
    assert "Korrektur vom 30. November 2026: Richtig ist: 12." in body
    # The German text is unchanged, so the Arabic reader gets Arabic, right to left.
    arabic = next(m for m in mail.outbox if m.to == ["c@example.invalid"])
    assert arabic.subject == "تحديث: أرقام جديدة"
    assert '<html lang="ar" dir="rtl">' in arabic.alternatives[0][0]


def test_without_a_public_update_nothing_is_mailed_and_the_publisher_is_told(
    publisher, live_release_mailed
):
    response = _change(publisher, live_release_mailed, lead_de="Tippfehler", mail_update="on")
    assert "Keine E-Mail versandt" in response.content.decode()
    delivery.run()
    assert mail.outbox == []


def test_an_editor_may_not_mail_subscribers(django_user_model, live_release_mailed):
    editor = _client(django_user_model, "anna", "Pressestelle")
    response = _change(
        editor, live_release_mailed, lead_de="Neu", material_change="on", mail_update="on"
    )
    assert "mail_update" not in response.content.decode()  # not offered to editors
    delivery.run()
    assert mail.outbox == []
    assert PressRelease.objects.get(pk=live_release_mailed.pk).mailed_updates == 0


def test_a_draft_is_never_mailed_as_an_update(publisher):
    make_subscription("a@example.invalid")
    draft = make_release(status=PressRelease.Status.DRAFT)
    response = _change(publisher, draft, lead_de="Neu", material_change="on", mail_update="on")
    assert "Keine E-Mail versandt" in response.content.decode()
    delivery.run()
    assert mail.outbox == []
