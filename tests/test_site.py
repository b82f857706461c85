"""Guard tests: the things that must hold for every page and every deploy."""

import re
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError

from .pages import STATIC_PAGES

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Missing migrations:\n{out.getvalue()}")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGE_CODES)
@pytest.mark.parametrize(("name", "path"), STATIC_PAGES)
def test_every_static_page_renders_in_every_language(client, lang, name, path):
    response = client.get(f"/{lang}{path}")
    assert response.status_code == 200, name
    html = response.content.decode()
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'href="#main"' in html
    assert "<main" in html


def test_root_redirects_to_the_visitors_language(client):
    response = client.get("/", headers={"accept-language": "nl,en;q=0.5"})
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


def test_root_defaults_to_german(client):
    response = client.get("/")
    assert response["Location"] == "/de/"


@pytest.mark.django_db  # the home page reads figures and the latest releases
def test_language_switcher_keeps_the_page_and_marks_each_language(client):
    html = client.get("/en/").content.decode()
    assert '<a href="/ar/" lang="ar" hreflang="ar">' in html
    assert '<a href="/de/" lang="de" hreflang="de">Deutsch</a>' in html


@pytest.mark.django_db
def test_public_pages_set_no_cookie(client):
    response = client.get("/de/")
    assert not response.cookies


@pytest.mark.django_db
def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_reports_a_dead_database_with_503(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title"), [("de", "Diese Seite gibt es nicht"), ("en", "This page does not exist")]
)
def test_404_is_friendly_and_translated(client, lang, title):
    response = client.get(f"/{lang}/gibt-es-nicht/")
    assert response.status_code == 404
    assert title in response.content.decode()


def test_500_page_renders_without_a_request_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Ein Fehler ist aufgetreten" in html


def test_robots_txt_points_to_the_sitemap_at_site_url(client, settings):
    settings.SITE_URL = "https://jobcenter.kreis-borken.de"
    # Whatever Host (and port) the request came with: the Sitemap line is SITE_URL's.
    response = client.get("/robots.txt", headers={"host": "127.0.0.1:8443"})
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: https://jobcenter.kreis-borken.de/sitemap.xml" in body
    assert "8443" not in body


def test_default_site_url_follows_port(monkeypatch):
    """`PORT=8080 make run`: canonical links, JSON-LD and mail links must say :8080."""
    import importlib

    from jobcenter_site import settings as site_settings

    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setenv("PORT", "8080")
    try:
        assert importlib.reload(site_settings).SITE_URL == "http://127.0.0.1:8080"
    finally:
        monkeypatch.delenv("PORT")
        importlib.reload(site_settings)
    assert "export PORT" in (Path(__file__).resolve().parent.parent / "Makefile").read_text()


@pytest.mark.django_db
def test_sitemap_is_xml_with_hreflang(client):
    from xml.etree import ElementTree

    from .sitemaps import all_sitemaps

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    assert root.tag.endswith("sitemapindex")
    assert b'hreflang="x-default"' in all_sitemaps(client)


@pytest.mark.django_db
def test_demo_fixtures_load_twice_without_duplicates():
    from django.apps import apps

    def rows():
        return {m._meta.label: m._default_manager.count() for m in apps.get_models()}

    call_command("load_demo", verbosity=0)
    first = rows()
    call_command("load_demo", verbosity=0)  # re-running `make run` must be safe
    assert rows() == first
    assert first["pressroom.PressRelease"] >= 1 and first["locations.Office"] == 18


def test_admin_is_german_whatever_the_browser_asks(client):
    response = client.get("/admin/login/", headers={"accept-language": "en"})
    assert 'lang="de"' in response.content.decode()
