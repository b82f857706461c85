"""Release pages: content, metadata, preview, embargo links, bad input."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from pressroom.models import Correction, EmbargoAccess, EmbargoLink, PressOffice

from .factories import make_press_contact, make_release, make_series


@pytest.fixture
def release(db):
    series = make_series(slug="serie", title_de="Die Serie")
    release = make_release(
        slug="teil-eins",
        title_de="Titel </script><script>alert(1)</script>",
        kicker_de="Dachzeile",
        dateline="Kreis Borken",
        lead_de="Vorspann",
        body_de="<p>Text</p><blockquote><p>Ein Zitat</p></blockquote>",
        background_title_de="Aktionswoche",
        background_text_de="Hintergrundtext",
        editors_note_de="Hinweistext",
        title_en="Title",
        lead_en="Lead",
        body_en="<p>Body</p>",
        series=series,
        part_number=1,
        contact=make_press_contact(
            name="Susanne Beispiel", phone="02861 82-1249", email="s@example.invalid"
        ),
    )
    Correction.objects.create(release=release, date=timezone.localdate(), text_de="Korrigiert.")
    PressOffice.objects.create(
        organisation="Kreis Borken",
        department="Pressestelle",
        reuse_note_de="Frei zur Veröffentlichung.",
    )
    return release


def test_detail_shows_every_element(client, release):
    html = client.get(release.get_absolute_url()).content.decode()
    for text in [
        "Dachzeile",
        "Kreis Borken",
        "Vorspann",
        "<blockquote>",
        "Zum Hintergrund: ",
        "Hintergrundtext",
        "Hinweis an die Redaktionen",
        "Hinweistext",
        "Teil 1 von 7",
        "Korrigiert.",
        'href="tel:+492861821249"',
        'href="mailto:s@example.invalid"',
        "Herausgeber",
        "Frei zur Veröffentlichung.",
    ]:
        assert text in html, text
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_json_ld_is_data_with_lt_escaped_and_part_of_the_series(client, release):
    html = client.get(release.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    data = json.loads(block)
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("Titel </script>")
    assert data["isPartOf"]["name"] == "Die Serie"
    assert "<script>alert" not in html  # escaped in the body too


def test_hreflang_lists_only_languages_the_release_has(client, release):
    html = client.get(release.get_absolute_url()).content.decode()
    langs = set(re.findall(r'hreflang="([\w-]+)" href="http', html))
    assert langs == {"de", "en", "x-default"}
    assert '<link rel="canonical"' in html
    assert 'property="og:title"' in html


def test_missing_translation_falls_back_to_german_marked(client, release):
    html = client.get(release.get_absolute_url().replace("/de/", "/nl/", 1)).content.decode()
    assert '<span lang="de" dir="ltr">Dachzeile</span>' in html


def test_every_page_announces_the_feeds(client, db):
    html = client.get("/de/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/de/presse/feed/"' in html
    assert 'type="application/atom+xml"' in html


def test_public_pages_set_no_cookie_and_refuse_post(client, release):
    for url in ["/de/presse/", release.get_absolute_url(), "/de/presse/serien/serie/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies
        assert client.post(url).status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/de/presse/?seite=abc",
        "/de/presse/?seite=999",
        "/de/presse/?seite=-1",
        "/de/presse/1999/",
        "/de/presse/themen/gibt-es-nicht/",
        "/de/presse/serien/nein/",
        "/de/presse/medien/99999/",
        "/de/presse/sperrfrist/kaputt/",
        "/de/presse/2019/nein/",
        "/de/presse/serien/nein/feed/",
        "/de/presse/themen/nein/atom/",
        "/de/presse/0/",
        "/de/presse/99999999999/",
        "/de/presse/99999999999/x/",
        "/de/presse/medien/99999999999999999999999/",
        "/de/presse/medien/0/",
    ],
)
def test_bad_input_is_404(client, db, url):
    assert client.get(url).status_code == 404


def test_staff_preview_of_draft_has_banner_noindex_and_no_cache(superuser_client, db):
    draft = make_release(status="draft", publish_at=None, title_de="Entwurfstitel")
    response = superuser_client.get(f"/de/presse/vorschau/{draft.pk}/")
    html = response.content.decode()
    assert "Vorschau – nicht veröffentlicht" in html
    assert 'name="robots" content="noindex' in html
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_anonymous_cannot_preview(client, db):
    draft = make_release(status="draft")
    response = client.get(f"/de/presse/vorschau/{draft.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_preview_needs_the_second_factor_the_admin_asks_for(client, django_user_model, db):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    boss = django_user_model.objects.create_superuser("chefin", "c@example.invalid", "pw")
    client.force_login(boss)
    TOTPDevice.objects.filter(user=boss).delete()  # password only, no device enrolled
    session = client.session
    session.pop("otp_device_id", None)
    session.save()
    assert client.get("/admin/").status_code == 302  # the admin sends her to the setup
    draft = make_release(status="draft", title_de="Geheimer Entwurf")
    response = client.get(f"/de/presse/vorschau/{draft.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_preview_needs_the_change_permission(client, django_user_model, db):
    viewer = django_user_model.objects.create_user("leser", password="pw", is_staff=True)
    client.force_login(viewer)
    draft = make_release(status="draft", title_de="Geheimer Entwurf")
    response = client.get(f"/de/presse/vorschau/{draft.pk}/")
    assert response.status_code == 404
    assert "Geheimer Entwurf" not in response.content.decode()


def _embargoed():
    now = timezone.now()
    return make_release(
        publish_at=now - timedelta(hours=1),
        embargo_until=now + timedelta(hours=2),
        title_de="Gesperrt",
    )


def test_embargo_link_shows_release_with_banner_and_logs_access(client, db):
    link = EmbargoLink.objects.create(release=_embargoed(), recipient="Redaktion Borkener Zeitung")
    response = client.get(link.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sperrfrist bis" in html and "Gesperrt" in html
    assert 'content="noindex' in html and response["X-Robots-Tag"].startswith("noindex")
    assert "private" in response["Cache-Control"]
    assert EmbargoAccess.objects.filter(link=link).count() == 1


def test_revoked_expired_or_forged_embargo_links_are_refused_kindly_and_logged(client, db, caplog):
    from pressroom.models import PressOffice

    PressOffice.objects.create(organisation="Kreis Borken", email="presse@example.invalid")
    release = _embargoed()
    revoked = EmbargoLink.objects.create(release=release, recipient="A", revoked_at=timezone.now())
    expired = EmbargoLink.objects.create(
        release=release, recipient="B", expires_at=timezone.now() - timedelta(minutes=1)
    )
    caplog.set_level("WARNING", logger="jobcenter.security")
    gone = client.get(revoked.get_absolute_url(), REMOTE_ADDR="203.0.113.9")
    assert gone.status_code == 410
    assert "Dieser Sperrfrist-Link wurde widerrufen" in gone.content.decode()
    assert "presse@example.invalid" in gone.content.decode()  # whom to ask
    assert "Gesperrt" not in gone.content.decode()  # nothing of the release leaks
    late = client.get(expired.get_absolute_url())
    assert late.status_code == 410 and "abgelaufen" in late.content.decode()
    forged = EmbargoLink.objects.create(release=release, recipient="C").token[:-2] + "xx"
    assert client.get(f"/de/presse/sperrfrist/{forged}/").status_code == 404
    lines = [r.getMessage() for r in caplog.records if r.name == "jobcenter.security"]
    assert f"embargo link refused reason=revoked link={revoked.pk} ip=203.0.113.0" in lines
    assert any("reason=expired" in line for line in lines)
    assert any("reason=forged" in line for line in lines)
    assert not EmbargoAccess.objects.exists()


def test_embargo_link_text_is_stable_and_old_timestamped_tokens_still_work(client, db):
    from core.tokens import make_token
    from pressroom.embargo import SALT

    link = EmbargoLink.objects.create(release=_embargoed(), recipient="A")
    assert link.token == EmbargoLink.objects.get(pk=link.pk).token
    assert link.absolute_url().startswith("http") and link.absolute_url().endswith(
        link.get_absolute_url()
    )
    old = make_token(link.pk, SALT)
    assert client.get(f"/de/presse/sperrfrist/{old}/").status_code == 200


def test_embargo_link_to_a_release_not_yet_approved_is_404(client, db):
    release = _embargoed()
    release.status = "ready"  # complete, but nobody has approved it
    release.save()
    link = EmbargoLink.objects.create(release=release, recipient="A")
    assert client.get(link.get_absolute_url()).status_code == 404
    assert not EmbargoAccess.objects.exists()


def test_embargo_link_leads_to_public_page_after_the_embargo(client, db):
    release = make_release(embargo_until=timezone.now() - timedelta(minutes=1))
    link = EmbargoLink.objects.create(release=release, recipient="A")
    response = client.get(link.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == release.get_absolute_url()


def test_the_refused_embargo_page_speaks_the_readers_language(client, db):
    link = EmbargoLink.objects.create(
        release=_embargoed(), recipient="A", revoked_at=timezone.now()
    )
    german = link.get_absolute_url()  # reversed once: a request switches the active language
    english = client.get(german.replace("/de/", "/en/", 1))
    assert english.status_code == 410
    assert "This embargo link has been revoked" in english.content.decode()
    arabic = client.get(german.replace("/de/", "/ar/", 1)).content.decode()
    assert "تم إلغاء رابط الحظر هذا" in arabic and 'dir="rtl"' in arabic
