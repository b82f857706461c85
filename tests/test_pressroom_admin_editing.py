"""Issue 15: no lost work (autosave, expired sessions), optimistic locking, safe history."""

import json
from datetime import date, timedelta

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from jobcenter_site.staff.drafts import COOKIE, FormDraft
from pressroom.models import Correction, PressRelease
from subscriptions.models import Delivery

from .adminforms import form_data
from .factories import make_release, make_subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(django_user_model):
    group = Group.objects.get(name="Pressestelle")
    users = []
    for name in ("anna", "bernd"):
        user = django_user_model.objects.create_user(name, password="pw-geheim-123", is_staff=True)
        user.groups.add(group)
        users.append(user)
    return users


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def change_url(release):
    return f"/admin/pressroom/pressrelease/{release.pk}/change/"


def saved_release():
    release = make_release(status=PressRelease.Status.DRAFT)
    with reversion.create_revision():
        release.save()
    return release


def test_every_save_moves_the_edit_version_on_even_a_raw_restore():
    release = saved_release()
    first = release.edit_version
    release.title_de = "Neu"
    release.save()
    assert release.edit_version == first + 1
    Version.objects.get_for_object(release).last().revert()
    release.refresh_from_db()
    assert release.edit_version == first + 2  # an old number never becomes valid again


def test_second_editor_save_is_refused_with_what_changed(editors):
    anna, bernd = (client_for(user) for user in editors)
    release = saved_release()
    data_anna = form_data(anna.get(change_url(release)))
    data_bernd = form_data(bernd.get(change_url(release)))
    assert data_anna["lock_version"] == data_bernd["lock_version"]

    data_anna["title_de"] = "Annas Überschrift"
    assert anna.post(change_url(release), data_anna).status_code == 302

    data_bernd["lead_de"] = "Bernds Vorspann"
    refused = bernd.post(change_url(release), data_bernd)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Nicht gesichert: anna hat diesen Eintrag inzwischen geändert" in page
    assert "Überschrift (Deutsch): „Eine Meldung“ → „Annas Überschrift“" in page
    release.refresh_from_db()
    assert (release.title_de, release.lead_de) == ("Annas Überschrift", "Der Vorspann.")

    # Bernd's text is still in the form; saving again overwrites knowingly.
    again = form_data(refused)
    assert again["lead_de"] == "Bernds Vorspann"
    # QA 4: the title Bernd never touched now shows Anna's, so saving again keeps it
    # (his form still held the old title, and saving again put it back).
    assert again["title_de"] == "Annas Überschrift"
    assert "Schon übernommen, weil Sie diese Felder nicht geändert hatten: Überschrift" in page
    assert bernd.post(change_url(release), again).status_code == 302
    release.refresh_from_db()
    assert (release.title_de, release.lead_de) == ("Annas Überschrift", "Bernds Vorspann")


def test_a_field_both_changed_keeps_the_second_editors_text_to_decide(editors):
    anna, bernd = (client_for(user) for user in editors)
    release = saved_release()
    data_anna = form_data(anna.get(change_url(release)))
    data_bernd = form_data(bernd.get(change_url(release)))
    data_anna["title_de"] = "Annas Überschrift"
    assert anna.post(change_url(release), data_anna).status_code == 302
    data_bernd["title_de"] = "Bernds Überschrift"
    refused = bernd.post(change_url(release), data_bernd)
    assert form_data(refused)["title_de"] == "Bernds Überschrift"
    assert "Schon übernommen" not in refused.content.decode()


def test_autosave_keeps_a_draft_that_the_form_offers_and_restores_unsaved(editors):
    anna = client_for(editors[0])
    release = saved_release()
    data = form_data(anna.get(change_url(release)))
    data["body_de"] = "<p>Zwei Stunden Arbeit.</p>"
    fields = {k: [str(i) for i in v] if isinstance(v, list) else [str(v)] for k, v in data.items()}
    payload = {"path": change_url(release), "data": fields}
    answer = anna.post("/admin/entwurf/", json.dumps(payload), content_type="application/json")
    assert answer.status_code == 200 and "saved_at" in answer.json()
    draft = FormDraft.objects.get(user=editors[0])

    offer = anna.get(change_url(release)).content.decode()
    assert "Gesicherte Eingaben vorhanden" in offer
    restored = anna.get(change_url(release) + f"?entwurf={draft.pk}")
    assert restored.status_code == 200
    assert "Zwei Stunden Arbeit." in restored.content.decode()
    assert "wiederhergestellt – noch nicht gesichert" in restored.content.decode()
    release.refresh_from_db()
    assert release.body_de == "<p>Der Text.</p>"  # shown, not saved

    assert anna.post(change_url(release), form_data(restored)).status_code == 302
    release.refresh_from_db()
    assert release.body_de == "<p>Zwei Stunden Arbeit.</p>"
    assert not FormDraft.objects.exists()  # the save made the draft obsolete


def test_autosave_refuses_foreign_paths_and_does_not_extend_the_session(editors):
    anna = client_for(editors[0])
    before = Session.objects.get().expire_date
    bad = {"path": "/presse/", "data": {"x": ["y"]}}
    assert (
        anna.post("/admin/entwurf/", json.dumps(bad), content_type="application/json").status_code
        == 400
    )
    assert (
        anna.post("/admin/entwurf/", "kein json", content_type="application/json").status_code
        == 400
    )
    good = {"path": "/admin/pressroom/pressrelease/add/", "data": {"title_de": ["T"]}}
    anna.post("/admin/entwurf/", json.dumps(good), content_type="application/json")
    assert Session.objects.get().expire_date == before
    anna.post("/admin/sitzung/")
    assert Session.objects.get().expire_date > before


def test_post_with_an_expired_session_is_kept_for_its_user(editors):
    anna = client_for(editors[0])
    release = saved_release()
    data = form_data(anna.get(change_url(release)))
    data["body_de"] = "<p>Nach der Pause geschrieben.</p>"
    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))
    answer = anna.post(change_url(release), data)
    assert answer.status_code == 302 and "/admin/login/" in answer["Location"]
    draft = FormDraft.objects.get()
    assert draft.user == editors[0] and draft.kind == "expired"
    assert "csrfmiddlewaretoken" not in draft.data

    anna.force_login(editors[0])
    restored = anna.get(change_url(release) + f"?entwurf={draft.pk}")
    assert "Nach der Pause geschrieben." in restored.content.decode()


def test_post_without_any_session_row_is_offered_to_the_next_login(editors):
    anna = client_for(editors[0])
    release = saved_release()
    data = form_data(anna.get(change_url(release)))
    data["title_de"] = "Gerettet"
    Session.objects.all().delete()
    answer = anna.post(change_url(release), data)
    assert answer.cookies[COOKIE]["path"] == "/admin/"
    assert FormDraft.objects.get().user is None

    anna.force_login(editors[0])
    offer = anna.get(change_url(release))
    assert "Gesicherte Eingaben vorhanden" in offer.content.decode()
    assert offer.cookies[COOKIE].value == ""  # claimed, cookie deleted
    assert FormDraft.objects.get().user == editors[0]


def test_a_forged_draft_cookie_is_ignored(editors):
    anna = client_for(editors[0])
    FormDraft.objects.create(
        user=None, path="/admin/pressroom/pressrelease/add/", data={}, kind="expired"
    )
    anna.cookies[COOKIE] = "1"
    anna.cookies[COOKIE]["path"] = "/admin/"
    assert anna.get("/admin/pressroom/pressrelease/add/").status_code == 200
    assert FormDraft.objects.get().user is None


def test_restoring_an_old_version_keeps_the_public_correction(client, django_user_model):
    user = django_user_model.objects.create_superuser("chefin", "c@example.invalid", "pw")
    client.force_login(user)
    release = make_release()
    with reversion.create_revision():
        release.save()
    old = Version.objects.get_for_object(release).first()
    Correction.objects.create(
        release=release, date=date(2026, 11, 30), text_de="Die Zahl lautet 12."
    )
    url = f"/admin/pressroom/pressrelease/{release.pk}/history/{old.pk}/"
    data = form_data(client.get(url))
    assert client.post(url, data).status_code == 302
    assert release.corrections.count() == 1
    detail = client.get(release.get_absolute_url()).content.decode()
    assert "Die Zahl lautet 12." in detail


def test_corrections_are_append_only_in_the_form(editors):
    anna = client_for(editors[0])
    release = saved_release()
    Correction.objects.create(release=release, date=date(2026, 11, 30), text_de="Alt.")
    page = anna.get(change_url(release))
    inline = next(i for i in page.context["inline_admin_formsets"] if i.formset.model is Correction)
    assert not inline.has_change_permission and not inline.has_delete_permission
    assert inline.has_add_permission


def test_send_log_cannot_be_deleted_even_by_a_superuser(client, django_user_model):
    user = django_user_model.objects.create_superuser("chefin", "c@example.invalid", "pw")
    client.force_login(user)
    delivery = Delivery.objects.create(
        subscription=make_subscription(), release=make_release(), email="a@example.invalid"
    )
    assert client.get(f"/admin/subscriptions/delivery/{delivery.pk}/delete/").status_code == 403
    changelist = client.get("/admin/subscriptions/delivery/").content.decode()
    assert "delete_selected" not in changelist
    client.post(
        "/admin/subscriptions/delivery/",
        {"action": "delete_selected", "_selected_action": [delivery.pk], "post": "yes"},
    )
    assert Delivery.objects.filter(pk=delivery.pk).exists()
    assert not LogEntry.objects.filter(action_flag=3).exists()


def test_restore_page_compares_field_by_field_per_language(editors):
    anna = client_for(editors[0])
    release = saved_release()
    old = Version.objects.get_for_object(release).first()
    release.title_de, release.title_ar = "Neue Überschrift", "عنوان جديد"
    with reversion.create_revision():
        release.save()
    page = anna.get(f"/admin/pressroom/pressrelease/{release.pk}/history/{old.pk}/")
    text = page.content.decode()
    labels = [c.label for c in page.context["version_changes"]]
    assert labels == ["Überschrift (Deutsch)", "Überschrift (Arabisch)"]
    assert "Was sich beim Wiederherstellen ändert" in text
    assert '<td lang="ar" dir="rtl"><del>عنوان جديد</del></td>' in text
    assert 'name="lock_version"' in text


def test_withdrawing_a_correction_is_its_own_audited_action(editors, django_user_model):
    release = make_release()
    correction = Correction.objects.create(
        release=release, date=date(2026, 11, 30), text_de="Falsche Korrektur."
    )
    url = f"/admin/pressroom/pressrelease/korrektur/{correction.pk}/zurueckziehen/"
    anna = client_for(editors[0])
    assert anna.get(url).status_code == 403  # editors add corrections, never take them back
    publisher = editors[1]
    publisher.groups.add(Group.objects.get(name="Pressestelle – Freigabe"))
    bernd = client_for(publisher)
    assert url in bernd.get(change_url(release)).content.decode()
    assert bernd.post(url, {"reason": "Doppelt eingetragen."}).status_code == 302
    correction.refresh_from_db()
    assert correction.withdrawn_at and correction.withdrawn_reason == "Doppelt eingetragen."
    assert Correction.objects.filter(pk=correction.pk).exists()  # nothing deleted
    assert "Falsche Korrektur." not in bernd.get(release.get_absolute_url()).content.decode()
    entry = LogEntry.objects.get(object_id=str(release.pk))
    assert "Korrektur zurückgezogen" in entry.get_change_message()
    assert (
        "Doppelt eingetragen." in Version.objects.get_for_object(release).first().revision.comment
    )
    assert bernd.post(url, {"reason": "noch mal"}).status_code == 403  # once only


def test_the_rendered_lock_field_carries_the_number_not_html(editors):
    # The browser posts what the HTML says, not the form's initial data: the
    # template once put the bound field's own HTML into value="…", so every
    # save in a browser failed with an error nobody could see (QA, issue 15).
    import re

    release = saved_release()
    page = client_for(editors[0]).get(change_url(release)).content.decode()
    values = re.findall(r'name="lock_version" value="([^"]*)"', page)
    assert values == [str(release.edit_version)]
    old = Version.objects.get_for_object(release).first()
    page = client_for(editors[0]).get(f"{change_url(release)[:-7]}history/{old.pk}/")
    values = re.findall(r'name="lock_version" value="([^"]*)"', page.content.decode())
    assert values == [str(release.edit_version)]


def test_diff_ignores_what_nobody_can_read_in_a_time():
    # The admin's form drops microseconds a script stored; the stale-save
    # message listed "Veröffentlichen ab: „30.11.2026, 13:01 Uhr“ → „30.11.2026, 13:01 Uhr“".
    from datetime import datetime

    from core.field_diff import changes

    at = datetime(2026, 11, 30, 12, 1, 7, 123456, tzinfo=timezone.UTC)
    before = {"publish_at": at.isoformat(), "title_de": "Alt"}
    after = {"publish_at": at.replace(second=0, microsecond=0), "title_de": "Neu"}
    assert [c.name for c in changes(PressRelease, before, after)] == ["title_de"]
    after["publish_at"] = at + timedelta(minutes=5)
    assert [c.name for c in changes(PressRelease, before, after)] == ["title_de", "publish_at"]


def test_a_version_saved_with_a_new_correction_can_be_restored(django_user_model):
    # Adding a correction in the release form put the correction into that
    # change's revision; restoring any such version was refused with a bare
    # 403 (QA, issue 15). The correction stays, whatever is restored.
    publisher = django_user_model.objects.create_user("frieda", password="pw", is_staff=True)
    publisher.groups.add(Group.objects.get(name="Pressestelle – Freigabe"))
    client = client_for(publisher)
    release = make_release()
    url = change_url(release)
    data = form_data(client.get(url))
    data["lead_de"] = "Ein neuer Vorspann"
    data["corrections-TOTAL_FORMS"] = "1"
    data["corrections-0-date"] = "30.11.2026"
    data["corrections-0-text_de"] = "Richtig ist: 12."
    assert client.post(url, data).status_code == 302
    assert Correction.objects.filter(release=release).count() == 1
    versions = Version.objects.get_for_object(release)
    assert all(
        v.content_type.model != "correction" for v in versions.first().revision.version_set.all()
    )
    data = form_data(client.get(url))
    data["lead_de"] = "Noch ein Vorspann"
    assert client.post(url, data).status_code == 302

    older = Version.objects.get_for_object(release).last()  # with "Ein neuer Vorspann"
    history = f"/admin/pressroom/pressrelease/{release.pk}/history/{older.pk}/"
    page = client.get(history)
    assert page.status_code == 200
    assert client.post(history, form_data(page)).status_code == 302
    release.refresh_from_db()
    assert release.lead_de == "Ein neuer Vorspann"
    assert Correction.objects.get(release=release).text_de == "Richtig ist: 12."


def test_an_old_version_saved_with_a_correction_is_refused_with_the_reason_and_its_text(
    django_user_model,
):
    # History written before corrections left release revisions still holds
    # correction rows; restoring such a revision would rewrite the correction.
    # The refusal says why and shows the old text to copy by hand (QA, issue 15).
    from django.contrib.contenttypes.models import ContentType

    publisher = django_user_model.objects.create_user("frieda", password="pw", is_staff=True)
    publisher.groups.add(Group.objects.get(name="Pressestelle – Freigabe"))
    client = client_for(publisher)
    release = make_release(lead_de="Der alte Vorspann")
    with reversion.create_revision():
        release.save()
    correction = Correction.objects.create(
        release=release, date=date(2026, 11, 30), text_de="Richtig ist: 12."
    )
    old = Version.objects.get_for_object(release).first()
    Version.objects.create(
        revision=old.revision,
        object_id=str(correction.pk),
        content_type=ContentType.objects.get_for_model(Correction),
        db=old.db,
        format="json",
        serialized_data=json.dumps(
            [
                {
                    "model": "pressroom.correction",
                    "pk": correction.pk,
                    "fields": {"release": release.pk},
                }
            ]
        ),
        object_repr="Korrektur",
    )
    PressRelease.objects.filter(pk=release.pk).update(lead_de="Der neue Vorspann")

    url = f"/admin/pressroom/pressrelease/{release.pk}/history/{old.pk}/"
    for response in (client.get(url), client.post(url, {})):
        assert response.status_code == 403
        text = response.content.decode()
        assert "zusammen mit anderen Einträgen gespeichert" in text
        assert "Der alte Vorspann" in text and "Der neue Vorspann" in text
        assert f"/admin/pressroom/pressrelease/{release.pk}/history/" in text
    release.refresh_from_db()
    assert release.lead_de == "Der neue Vorspann"
    assert Correction.objects.get(pk=correction.pk).text_de == "Richtig ist: 12."
