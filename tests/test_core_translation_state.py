"""Translation states (core.translation_state): review, freshness and what the public sees."""

import re
from io import StringIO

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import translation

from core.admin import OutdatedTranslationFilter, TranslationStateAdmin
from core.models import TranslationState
from core.translation_state import current_languages, material, page_notice, sync_all
from jobcenter_site.models import Page

pytestmark = pytest.mark.django_db

TEXTS = {
    "title_de": "Das Jobcenter",
    "intro_de": "Wir helfen „Menschen“ ohne Arbeit.",
    "body_de": "<p>Text.</p>",
}


def _page(**extra):
    fields = {**TEXTS, "title_en": "The Jobcenter", "intro_en": "We help people."}
    fields.update(body_en="<p>Text.</p>", title_ar="مركز التوظيف", intro_ar="نساعد.")
    fields.update(body_ar="<p>نص.</p>", **extra)
    return Page.objects.create(slug="test", **fields)


def _state(page, language, field):
    return TranslationState.objects.get(object_id=page.pk, language=language, field=field)


def test_new_translations_are_unchecked_and_missing_ones_have_no_state():
    page = _page()
    assert _state(page, "en", "intro").status == TranslationState.Status.UNCHECKED
    assert not TranslationState.objects.filter(object_id=page.pk, language="tr").exists()


def test_a_material_change_of_the_german_marks_translations_outdated():
    page = _page()
    page.intro_de = "Wir helfen Menschen, die Arbeit suchen."
    page.save()
    state = _state(page, "en", "intro")
    assert state.status == TranslationState.Status.OUTDATED and state.source_changed_at
    assert _state(page, "en", "title").status == TranslationState.Status.UNCHECKED
    assert current_languages(Page.objects.get(pk=page.pk), ["de", "en", "ar"]) == ["de"]


def test_markup_spacing_and_quote_style_are_not_material():
    page = _page()
    page.intro_de = 'Wir  helfen "Menschen"\nohne Arbeit.'
    page.body_de = "<p>Text.</p>\n"
    page.save()
    assert not TranslationState.objects.filter(status=TranslationState.Status.OUTDATED).exists()
    assert material("<p>„a“ –  b</p>") == material('"a" - b')


def test_updating_the_translation_makes_it_current_again_but_unchecked():
    page = _page()
    page.intro_de = "Ganz neuer Text."
    page.save()
    page.intro_en = "A completely new text."
    page.save()
    assert _state(page, "en", "intro").status == TranslationState.Status.UNCHECKED
    assert _state(page, "ar", "intro").status == TranslationState.Status.OUTDATED


def test_a_german_change_saved_together_with_the_translation_is_not_outdated():
    page = _page()
    page.intro_de, page.intro_en = "Neu.", "New."
    page.save()
    assert _state(page, "en", "intro").status == TranslationState.Status.UNCHECKED


def test_deleting_a_translation_drops_its_state():
    page = _page()
    page.intro_ar = ""
    page.save()
    assert not TranslationState.objects.filter(language="ar", field="intro").exists()


def _mark_checked(user, states):
    request = RequestFactory().post("/")
    request.user = user
    model_admin = TranslationStateAdmin(TranslationState, admin_site)
    model_admin.message_user = lambda *args, **kwargs: None
    model_admin.mark_checked(request, states)


def test_admin_marks_checked_with_date_and_user(admin_user):
    page = _page()
    _mark_checked(admin_user, TranslationState.objects.filter(language="en"))
    state = _state(page, "en", "intro")
    assert state.status == TranslationState.Status.CHECKED
    assert state.describe().startswith("geprüft am ") and state.describe().endswith(" von admin")
    assert not page_notice(Page.objects.get(pk=page.pk), "en")
    assert page_notice(Page.objects.get(pk=page.pk), "ar").unchecked


def test_list_filter_finds_pages_with_outdated_translations(admin_user):
    stale, fresh = _page(), Page.objects.create(slug="fresh", **TEXTS, title_en="T")
    stale.intro_de = "Ganz anders."
    stale.save()
    request = RequestFactory().get("/", {"uebersetzung": "outdated"})
    request.user = admin_user
    params = {"uebersetzung": ["outdated"]}
    flt = OutdatedTranslationFilter(request, params, Page, None)
    assert list(flt.queryset(request, Page.objects.all())) == [stale]
    assert fresh not in flt.queryset(request, Page.objects.all())


def test_the_public_page_says_unchecked_and_binding_in_the_readers_language(client):
    _page()
    html = client.get("/en/test/").content.decode()
    assert "This translation has not been checked yet." in html
    assert "The German version is binding:" in html
    assert 'href="/de/test/" hreflang="de" lang="de">Deutsch</a>' in html
    assert "translation-notice" not in client.get("/de/test/").content.decode()


def test_an_outdated_page_says_when_german_changed_and_leaves_hreflang_and_sitemap(client):
    page = _page()
    page.intro_de = "Ganz anders."
    page.save()
    with translation.override("en"):
        html = client.get("/en/test/").content.decode()
    assert "The German version was changed on <bdi>" in html
    assert 'hreflang="en"' not in html.split("</head>")[0]
    # a German fallback: its canonical is the German page
    assert re.search(r'<link rel="canonical" href="[^"]*/de/test/">', html)
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert "/de/test/" in sitemap and "/en/test/" not in sitemap
    assert "/ar/test/" not in sitemap


def test_a_current_translation_is_its_own_canonical_and_in_its_hreflang_set(client):
    _page()
    head = client.get("/ar/test/").content.decode().split("</head>")[0]
    assert re.search(r'<link rel="canonical" href="[^"]*/ar/test/">', head)
    assert re.search(r'hreflang="ar" href="[^"]*/ar/test/"', head)


def test_a_fallback_title_is_marked_german_in_the_readers_language(client):
    Page.objects.create(slug="nur-de", **TEXTS)
    html = client.get("/tr/nur-de/").content.decode()
    assert "<title>Das Jobcenter (Almanca) – " in html


def test_sync_creates_states_for_older_content():
    page = _page()
    TranslationState.objects.all().delete()
    assert sync_all() == 6  # title/intro/body in en and ar
    assert _state(page, "ar", "body").status == TranslationState.Status.UNCHECKED
    out = StringIO()
    call_command("sync_translation_states", stdout=out)
    assert out.getvalue().startswith("0 ")  # idempotent


def test_the_press_desk_counts_releases_with_outdated_translations(demo_data):
    from django.utils import timezone

    from pressroom.desk import sections
    from pressroom.models import PressRelease

    desk = {s.key: s for s in sections(timezone.now())}
    assert desk["outdated_translations"].count == 0
    release = PressRelease.objects.get(pk=1)
    release.lead_de = "Ein ganz neuer Vorspann."
    release.save()
    desk = {s.key: s for s in sections(timezone.now())}
    assert desk["outdated_translations"].count == 1
    assert len(desk["outdated_translations"].rows) == 5  # en, nl, tr, uk, ar
    assert "ar" not in PressRelease.objects.get(pk=1).languages()


def test_an_outdated_release_leaves_the_release_sitemap(client, demo_data):
    from pressroom.models import PressRelease

    url = "/presse/2019/das-jobcenter-wer-wie-was/"
    assert f"/ar{url}" in client.get("/sitemap-press.xml").content.decode()
    release = PressRelease.objects.get(pk=1)
    release.title_de = "Das Jobcenter – wer, wie, was und wo?"
    release.save()
    sitemap = client.get("/sitemap-press.xml").content.decode()
    assert f"/de{url}" in sitemap and f"/ar{url}" not in sitemap


def test_marking_checked_refreshes_the_public_pages(admin_user, page_cache):
    """The action is an update() (no save signal); the notice must still go at once."""
    from jobcenter_site.pagecache.policy import content_generation

    _page()
    before = content_generation()
    _mark_checked(admin_user, TranslationState.objects.filter(language="en"))
    assert content_generation() != before


def test_each_desk_row_lists_the_releases_outdated_in_its_language(superuser_client):
    from django.utils import timezone

    from pressroom.desk import sections

    from .factories import make_release

    arabic = make_release(title_de="Meldung Alif", title_ar="عنوان", lead_ar="مقدمة")
    turkish = make_release(title_de="Meldung Tuerkce", title_tr="Başlık", lead_tr="Giriş")
    for release in (arabic, turkish):
        release.title_de = f"{release.title_de} (neu)"
        release.save()
    rows = {
        row.label: row
        for row in {s.key: s for s in sections(timezone.now())}["outdated_translations"].rows
    }
    assert rows["Arabisch"].url.endswith("?uebersetzung=outdated-ar")
    page = superuser_client.get(rows["Arabisch"].url).content.decode()
    assert arabic.title_de in page
    assert turkish.title_de not in page
    assert turkish.title_de in superuser_client.get(rows["Türkisch"].url).content.decode()
