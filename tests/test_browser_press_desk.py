"""Issue 15 in a real browser, as the project's groups (never a superuser, except the
user admin): nothing typed is lost, stale saves are refused with the diff, restores keep
corrections, the send log stays, the desk tells the day, translations sit side by side."""

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import reversion
import time_machine
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from .axe import assert_no_axe_violations
from .factories import make_release, make_subscription
from .test_admin_german import PHRASE, readable

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENS = Path("/work/screens/i15")
PASSWORD = "pw-geheim-123"


def staff(django_user_model, name, *groups, superuser=False):
    make = (
        django_user_model.objects.create_superuser
        if superuser
        else django_user_model.objects.create_user
    )
    user = make(name, f"{name}@example.invalid", PASSWORD, is_staff=True)
    for group in groups:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    if groups:
        from core.groups import ensure_groups
        from pressroom.groups import GROUPS, LOCATIONS_GROUPS
        from subscriptions.apps import PRESS_GROUPS

        # Transactional tests flush the groups' permissions: give them again.
        ensure_groups(GROUPS, "pressroom")
        ensure_groups(LOCATIONS_GROUPS, "locations")
        ensure_groups(PRESS_GROUPS, "subscriptions")
    device = StaticDevice.objects.create(user=user, name="Codes", confirmed=True)
    for n in range(1, 6):
        StaticToken.objects.create(device=device, token=f"{name}code{n}")
    user.codes = iter(f"{name}code{n}" for n in range(1, 6))
    return user


def log_in(page, base, user, next_url="/admin/"):
    page.goto(f"{base}/admin/login/?next={next_url}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.fill("#id_otp_token", next(user.codes))
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}{next_url}")


def draft_release(**kw):
    release = make_release(status="draft", **kw)
    with reversion.create_revision():
        release.save()
    return release


def change_url(release):
    return f"/admin/pressroom/pressrelease/{release.pk}/change/"


def test_write_autosave_session_expiry_login_and_text_restored(
    page, live_server, django_user_model, settings
):
    settings.ADMIN_AUTOSAVE_SECONDS = 1
    editor = staff(django_user_model, "anna", "Pressestelle")
    release = draft_release()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
    log_in(page, live_server.url, editor, change_url(release))
    page.fill("#id_title_de", "Zwei Stunden Arbeit an dieser Überschrift")
    page.wait_for_selector("text=Eingaben automatisch gesichert um", timeout=10_000)

    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))
    page.goto(live_server.url + change_url(release))  # the session is gone: login page
    assert "/admin/login/" in page.url
    page.fill("#id_username", "anna")
    page.fill("#id_password", PASSWORD)
    page.fill("#id_otp_token", next(editor.codes))
    page.click("input[type=submit]")
    page.wait_for_selector("text=Gesicherte Eingaben vorhanden")
    page.click("text=Eingaben wiederherstellen")
    assert page.input_value("#id_title_de") == "Zwei Stunden Arbeit an dieser Überschrift"
    assert page.get_by_text("noch nicht gesichert").is_visible()
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/admin/pressroom/pressrelease/$"), wait_until="commit")
    release.refresh_from_db()
    assert release.title_de == "Zwei Stunden Arbeit an dieser Überschrift"

    # Leaving with unsaved changes asks first.
    page.goto(live_server.url + change_url(release))
    page.locator("#id_lead_de").click()
    page.locator("#id_lead_de").press_sequentially(" Noch nicht gesichert")
    page.goto(live_server.url + "/admin/")
    assert "beforeunload" in dialogs


def test_an_untouched_release_with_topics_and_towns_is_not_autosaved_empty(
    page, live_server, django_user_model, settings
):
    """QA 4: the two-box pickers hold their choice unselected until submit, so an
    untouched release autosaved without its topics and towns; restoring that draft
    and saving emptied them on a public release (and leaving asked "leave page?")."""
    from jobcenter_site.staff.drafts import FormDraft

    from .factories import make_municipality, make_topic

    settings.ADMIN_AUTOSAVE_SECONDS = 1
    editor = staff(django_user_model, "bert", "Pressestelle")
    release = draft_release()
    topic, town = make_topic(name_de="Arbeit"), make_municipality(name="Bocholt")
    release.topics.add(topic)
    release.municipalities.add(town)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
    log_in(page, live_server.url, editor, change_url(release))
    page.wait_for_selector("#id_topics_to option")
    page.wait_for_timeout(3500)  # three autosave ticks
    assert not FormDraft.objects.filter(user=editor).exists()
    assert not page.get_by_text("Eingaben automatisch gesichert um").is_visible()
    page.goto(live_server.url + "/admin/")  # nothing changed: no "leave page?"
    assert "beforeunload" not in dialogs

    page.goto(live_server.url + change_url(release))
    page.fill("#id_title_de", "Neue Überschrift")
    page.wait_for_selector("text=Eingaben automatisch gesichert um", timeout=10_000)
    data = FormDraft.objects.get(user=editor).data
    assert data["topics"] == [str(topic.pk)] and data["municipalities"] == [str(town.pk)]


def test_no_javascript_post_after_expiry_is_kept_and_offered(
    browser, live_server, django_user_model
):
    editor = staff(django_user_model, "bernd", "Pressestelle")
    release = draft_release()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, editor, change_url(release))
    page.fill("#id_lead_de", "Ohne JavaScript geschrieben")
    Session.objects.all().delete()  # expired and already cleaned up
    page.click("input[name=_save]")
    assert "/admin/login/" in page.url
    assert page.get_by_text("Ihre Sitzung war abgelaufen").is_visible()
    page.fill("#id_username", "bernd")
    page.fill("#id_password", PASSWORD)
    page.fill("#id_otp_token", next(editor.codes))
    page.click("input[type=submit]")
    page.click("text=Eingaben wiederherstellen")
    assert page.input_value("#id_lead_de") == "Ohne JavaScript geschrieben"
    context.close()


def test_two_editors_second_save_refused_with_the_diff(browser, live_server, django_user_model):
    anna = staff(django_user_model, "anna", "Pressestelle")
    bernd = staff(django_user_model, "bernd", "Pressestelle")
    release = draft_release()
    first, second = browser.new_context().new_page(), browser.new_context().new_page()
    log_in(first, live_server.url, anna, change_url(release))
    log_in(second, live_server.url, bernd, change_url(release))
    first.fill("#id_title_de", "Annas Fassung")
    first.click("input[name=_save]")
    first.wait_for_url(re.compile(r".*/pressrelease/$"), wait_until="commit")
    second.fill("#id_lead_de", "Bernds Vorspann")
    second.click("input[name=_save]")
    error = second.locator(".errornote, .errorlist.nonfield").first
    error.wait_for()
    text = second.content()
    assert "Nicht gesichert: anna hat diesen Eintrag inzwischen geändert" in text
    assert "Überschrift (Deutsch): „Eine Meldung“ → „Annas Fassung“" in text
    assert second.input_value("#id_lead_de") == "Bernds Vorspann"  # nothing lost
    release.refresh_from_db()
    assert release.title_de == "Annas Fassung" and release.lead_de == "Der Vorspann."


def test_restore_old_version_keeps_the_public_correction(page, live_server, django_user_model):
    from pressroom.models import Correction

    publisher = staff(django_user_model, "frieda", "Pressestelle – Freigabe")
    release = make_release()
    with reversion.create_revision():
        release.save()
    release.lead_de = "Ein neuer Vorspann"
    with reversion.create_revision():
        release.save()
    Correction.objects.create(release=release, date=date(2026, 11, 30), text_de="Richtig ist: 12.")
    from reversion.models import Version

    old = Version.objects.get_for_object(release).last()  # the oldest version
    history = f"/admin/pressroom/pressrelease/{release.pk}/history/"
    log_in(page, live_server.url, publisher, history)
    page.locator(f"a[href$='/history/{old.pk}/']").click()
    page.wait_for_selector("text=Was sich beim Wiederherstellen ändert")
    assert page.get_by_role("rowheader", name="Vorspann (Deutsch)").is_visible()
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/pressrelease/$"), wait_until="commit")
    release.refresh_from_db()
    assert release.lead_de == "Der Vorspann."
    page.goto(live_server.url + release.get_absolute_url())
    assert page.get_by_text("Richtig ist: 12.").is_visible()


def test_send_log_cannot_be_deleted_and_shows_no_addresses(page, live_server, django_user_model):
    from subscriptions.models import Delivery

    editor = staff(django_user_model, "carla", "Pressestelle")
    delivery = Delivery.objects.create(
        subscription=make_subscription(email="leser@example.invalid"),
        release=make_release(title_de="Versandt"),
        email="leser@example.invalid",
    )
    log_in(page, live_server.url, editor, "/admin/subscriptions/delivery/")
    assert "Versandt" in page.content() and "leser@example.invalid" not in page.content()
    options = page.locator("select[name=action] option").all_inner_texts()
    assert not any("lösch" in option.lower() for option in options)
    response = page.goto(f"{live_server.url}/admin/subscriptions/delivery/{delivery.pk}/delete/")
    assert response.status == 403
    assert Delivery.objects.filter(pk=delivery.pk).exists()


def test_desk_at_a_frozen_time_without_english_and_axe(page, live_server, django_user_model):
    from locations.models import Office

    with time_machine.travel(datetime(2026, 12, 1, 9, 0, tzinfo=UTC), tick=True):
        now = timezone.now()
        editor = staff(django_user_model, "dora", "Pressestelle")
        make_release(title_de="Bereit zur Freigabe: Ausbildungsmesse", status="ready")
        make_release(title_de="Geplant: Zahlen des Monats", publish_at=now + timedelta(hours=2))
        make_release(title_de="Gesperrt: Jahresbilanz", embargo_until=now + timedelta(days=1))
        make_release(title_de="Öffentlich: Sprechzeiten", publish_at=now - timedelta(days=1))
        Office.objects.create(name="Jobcenter Heek", slug="heek-test", kind=Office.Kind.LOCAL)
        page.set_viewport_size({"width": 1366, "height": 900})
        log_in(page, live_server.url, editor, "/admin/")
        assert_no_axe_violations(page)  # the start page's desk link was blue on blue
        page.click("text=Pressestelle heute")
        page.wait_for_selector("#desk-scheduled")
        assert "geplant für 01.12.2026, 12:00 Uhr" in page.inner_text("#desk-scheduled")
        assert "Sperrfrist bis 02.12.2026, 10:00 Uhr" in page.inner_text("#desk-embargo")
        assert "Öffentlich: Sprechzeiten" in page.inner_text("#desk-live")
        assert "Ausbildungsmesse" in page.inner_text("#desk-waiting")
        assert "Jobcenter Heek" in page.inner_text("#desk-offices")
        page.screenshot(path=str(SCREENS / "desk.png"), full_page=True)
        assert PHRASE.findall(readable(page.content())) == []
        desk_url = page.url

        page.click("#desk-embargo h2 a")
        page.wait_for_selector("#result_list")
        assert "Gesperrt: Jahresbilanz" in page.content()
        assert "Geplant: Zahlen des Monats" not in page.content()
        status = page.locator(".jc-status").first
        box = status.bounding_box()
        assert box and box["x"] + box["width"] <= 1366  # visible at 1366 px
        page.screenshot(path=str(SCREENS / "list-status-1366.png"))
        page.goto(desk_url)
        assert_no_axe_violations(page)


def test_translations_side_by_side_arabic_rtl_german_only_and_axe(
    page, live_server, django_user_model
):
    editor = staff(django_user_model, "emil", "Pressestelle")
    release = draft_release(title_ar="عنوان", title_en="A headline")
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, editor, change_url(release))
    page.wait_for_selector(".jc-language-bar")
    page.get_by_role("button", name="Arabisch").click()
    title_ar = page.locator("#id_title_ar")
    assert title_ar.is_visible() and not page.locator("#id_title_en").is_visible()
    assert title_ar.get_attribute("dir") == "rtl" and title_ar.get_attribute("lang") == "ar"
    de_box, ar_box = page.locator("#id_title_de").bounding_box(), title_ar.bounding_box()
    assert abs(de_box["y"] - ar_box["y"]) < 40 and ar_box["x"] > de_box["x"]  # side by side
    # Text areas stay in their column (the admin's fixed 610 px overlapped the Arabic one).
    lead_de, lead_ar = (
        page.locator("#id_lead_de").bounding_box(),
        page.locator("#id_lead_ar").bounding_box(),
    )
    assert (
        lead_de["x"] + lead_de["width"] < lead_ar["x"] and lead_ar["x"] + lead_ar["width"] <= 1366
    )
    # The editable one: django-prose-editor's block-style picker is a hidden
    # ".ProseMirror" preview that comes first in the field.
    page.wait_for_selector(".field-body_ar .ProseMirror[contenteditable]")
    editor_ar = page.locator(".field-body_ar .ProseMirror[contenteditable]")
    assert editor_ar.get_attribute("dir") == "rtl"
    assert editor_ar.get_attribute("spellcheck") == "true"
    assert page.locator(".prose-menubar button[title='Fett']").count() >= 1
    options = page.locator(".field-body_ar .prose-menubar__option").all_text_contents()
    assert options == ["Überschrift 2", "Überschrift 3", "Überschrift 4", "Absatz"]
    assert page.locator("a[hreflang='ar']").count() == 1  # per-language preview
    page.screenshot(path=str(SCREENS / "side-by-side-arabic.png"), full_page=True)
    assert PHRASE.findall(readable(page.content())) == []
    assert_no_axe_violations(page)


def test_user_admin_is_german(page, live_server, django_user_model):
    boss = staff(django_user_model, "chefin", superuser=True)
    log_in(page, live_server.url, boss, "/admin/auth/user/")
    for url in ["/admin/auth/user/", f"/admin/auth/user/{boss.pk}/change/"]:
        page.goto(live_server.url + url)
        assert PHRASE.findall(readable(page.content())) == [], url
