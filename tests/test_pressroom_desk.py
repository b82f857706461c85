"""Issue 15: "Pressestelle heute", approval mails, send back, live edits marked."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from pressroom.desk import sections
from pressroom.models import PressRelease

from .adminforms import form_data
from .factories import make_office, make_release

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "redakteurin", "redaktion@example.invalid", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Pressestelle"))
    return user


@pytest.fixture
def publisher(django_user_model):
    user = django_user_model.objects.create_user(
        "freigabe", "freigabe@example.invalid", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Pressestelle"))
    user.groups.add(Group.objects.get(name="Pressestelle – Freigabe"))
    return user


def by_key(now):
    return {s.key: s for s in sections(now)}


@time_machine.travel(NOW, tick=False)
def test_desk_lists_the_right_releases_at_frozen_times(client, editor):
    now = timezone.now()
    waiting = make_release(title_de="Wartet", status=PressRelease.Status.READY)
    later = make_release(title_de="Später", publish_at=now + timedelta(hours=2))
    embargo = make_release(title_de="Gesperrt", embargo_until=now + timedelta(hours=5))
    live = make_release(title_de="Öffentlich", publish_at=now - timedelta(hours=1))
    make_office(name="Jobcenter ohne Telefon")

    desk = by_key(now)
    assert [r.label for r in desk["waiting"].rows] == [str(waiting)]
    assert [(r.label, r.note) for r in desk["scheduled"].rows] == [
        (str(later), "geplant für 01.12.2026, 12:00 Uhr")
    ]
    assert [(r.label, r.note) for r in desk["embargo"].rows] == [
        (str(embargo), "Sperrfrist bis 01.12.2026, 15:00 Uhr")
    ]
    assert [r.label for r in desk["live"].rows] == [str(live)]
    assert desk["translations"].count == 5  # one public release, no language but German
    assert [r.label for r in desk["offices"].rows] == ["Jobcenter ohne Telefon"]

    # Two hours later the scheduled one is live; after the embargo that one too.
    desk = by_key(now + timedelta(hours=2, minutes=1))
    assert desk["scheduled"].count == 0
    assert {r.label for r in desk["live"].rows} == {str(later), str(live)}
    desk = by_key(now + timedelta(hours=6))
    assert desk["embargo"].count == 0 and desk["live"].count == 3

    client.force_login(editor)
    page = client.get("/admin/pressroom/pressrelease/heute/").content.decode()
    assert "Pressestelle heute" in page and "Gesperrt" in page
    assert "?sichtbar=sperrfrist" in page
    # The press groups may not open offices (the links answered 403): names, what is
    # missing and whom to ask, no links; the office list is linked for those who may.
    assert "?unvollstaendig=ja" not in page and "/admin/locations/office/" not in page
    assert "Jobcenter ohne Telefon – fehlt: Anschrift, Telefon, Öffnungszeiten, Prüfdatum" in page
    assert "Standortdaten pflegt die Standort-Redaktion." in page
    listing = client.get("/admin/pressroom/pressrelease/?sichtbar=sperrfrist").content.decode()
    assert "Gesperrt" in listing and "Wartet" not in listing
    assert "/admin/pressroom/pressrelease/heute/" in client.get("/admin/").content.decode()
    assert [r.note for r in desk["offices"].rows] == [
        "fehlt: Anschrift, Telefon, Öffnungszeiten, Prüfdatum"
    ]


def test_the_desk_links_offices_for_those_who_may_open_them(superuser_client):
    make_office(name="Jobcenter ohne Telefon")
    page = superuser_client.get("/admin/pressroom/pressrelease/heute/").content.decode()
    assert "?unvollstaendig=ja" in page and "/admin/locations/office/" in page
    assert "Standort-Redaktion" not in page


def test_ready_for_approval_mails_the_publishers_with_a_link(client, editor, publisher):
    release = make_release(status=PressRelease.Status.DRAFT)
    client.force_login(editor)
    url = f"/admin/pressroom/pressrelease/{release.pk}/change/"
    data = form_data(client.get(url))
    data["status"] = "ready"
    assert client.post(url, data).status_code == 302
    assert [m.to for m in mail.outbox] == [["freigabe@example.invalid"]]
    assert f"/admin/pressroom/pressrelease/{release.pk}/change/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Zur Freigabe: Eine Meldung"
    client.post(url, form_data(client.get(url)))  # saved again, still ready: no new mail
    assert len(mail.outbox) == 1


def test_publisher_sends_back_with_a_comment(client, editor, publisher):
    release = make_release(status=PressRelease.Status.READY, created_by=editor)
    back = f"/admin/pressroom/pressrelease/{release.pk}/zurueckgeben/"
    client.force_login(editor)
    assert client.get(back).status_code == 403  # only publishers
    client.force_login(publisher)
    change = client.get(f"/admin/pressroom/pressrelease/{release.pk}/change/")
    assert back in change.content.decode()
    assert client.post(back, {"comment": "Bitte Zahl prüfen."}).status_code == 302
    release.refresh_from_db()
    assert release.status == "draft"
    assert mail.outbox[-1].to == ["redaktion@example.invalid"]
    assert "Bitte Zahl prüfen." in mail.outbox[-1].body
    from reversion.models import Version

    assert "Zurückgegeben: Bitte Zahl prüfen." in (
        Version.objects.get_for_object(release).first().revision.comment
    )


def test_text_edits_of_a_live_release_by_an_editor_are_marked(client, editor, publisher):
    release = make_release()
    url = f"/admin/pressroom/pressrelease/{release.pk}/change/"
    client.force_login(editor)
    page = client.get(url)
    assert "nach Veröffentlichung geändert" in page.content.decode()  # the rule, in the form
    data = form_data(page)
    data["lead_de"] = "Ein korrigierter Vorspann."
    assert client.post(url, data).status_code == 302
    release.refresh_from_db()
    assert release.lead_de == "Ein korrigierter Vorspann."  # live at once
    assert release.changed_after_publication_at is not None
    from reversion.models import Version

    comment = Version.objects.get_for_object(release).first().revision.comment
    assert "Nach Veröffentlichung geändert (ohne Freigabe)" in comment
    assert by_key(timezone.now())["changed"].count == 1

    client.force_login(publisher)
    data = form_data(client.get(url))
    data["lead_de"] = "Vom Freigabe-Team."
    client.post(url, data)
    client.post(
        "/admin/pressroom/pressrelease/",
        {"action": "mark_checked", "_selected_action": [release.pk]},
    )
    release.refresh_from_db()
    assert release.changed_after_publication_at is None


def test_embargo_link_is_absolute_with_copy_button_and_revoked_in_one_click(client, publisher):
    from pressroom.models import EmbargoLink

    release = make_release(embargo_until=timezone.now() + timedelta(days=1))
    link = EmbargoLink.objects.create(release=release, recipient="Borkener Zeitung")
    client.force_login(publisher)
    url = f"/admin/pressroom/pressrelease/{release.pk}/change/"
    page = client.get(url)
    html = page.content.decode()
    assert f'value="{link.absolute_url()}"' in html and "Link kopieren" in html
    assert link.absolute_url() in client.get(url).content.decode()  # the same text again
    data = form_data(page)
    data["embargo_links-0-revoke"] = "on"
    assert client.post(url, data).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_desk_breadcrumbs_use_the_admins_own_markup(client, editor):
    # A <div class="breadcrumbs"> is unstyled in Django 6 (its bar styles the
    # <ol>): the desk's trail sat bare at the window's left edge (QA, issue 15).
    client.force_login(editor)
    page = client.get("/admin/pressroom/pressrelease/heute/").content.decode()
    assert '<div class="breadcrumbs">' not in page
    assert '<ol class="breadcrumbs">' in page
    assert '<li aria-current="page">Pressestelle heute</li>' in page
