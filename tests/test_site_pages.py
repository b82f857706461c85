"""Information pages, the figures page, the sign-language page and the home page."""

import re
from decimal import Decimal

import pytest
from django.conf import settings

from jobcenter_site.models import Page

from .factories import make_figure, make_page, make_sign_language_video
from .pages import DEMO_PAGES, FORM_PAGES, STATIC_PAGES

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
FOOTER_SLUGS = [
    "impressum",
    "datenschutz",
    "barrierefreiheit",
    "leichte-sprache",
    "gebaerdensprache",
]


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
@pytest.mark.parametrize(("name", "path"), DEMO_PAGES)
def test_every_demo_page_renders_in_every_language(client, demo_data, lang, name, path):
    response = client.get(f"/{lang}{path}")
    assert response.status_code == 200, name
    html = response.content.decode()
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    for slug in FOOTER_SLUGS:
        assert f'href="/{lang}/{slug}/"' in html, slug


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), STATIC_PAGES + DEMO_PAGES)
def test_only_the_form_pages_set_a_cookie(client, demo_data, name, path):
    response = client.get(f"/de{path}")
    if name in FORM_PAGES:
        assert set(response.cookies) == {settings.CSRF_COOKIE_NAME}
    else:
        assert not response.cookies, name


@pytest.mark.django_db
def test_unknown_slug_is_404(client):
    assert client.get("/de/keine-solche-seite/").status_code == 404


@pytest.mark.django_db
def test_page_shows_german_fallback_marked_with_notice(client):
    make_page(slug="nur-deutsch", title_de="Nur Deutsch", body_de="<p>Deutscher Text.</p>")
    html = client.get("/en/nur-deutsch/").content.decode()
    assert '<div lang="de" dir="ltr" class="fallback">' in html
    assert "Deutscher Text." in html
    assert '<h1><span lang="de" dir="ltr">Nur Deutsch</span></h1>' in html


@pytest.mark.django_db
def test_translated_page_shows_english_without_fallback(client):
    make_page(
        slug="beides",
        title_de="Deutsch",
        title_en="English",
        intro_en="Intro",
        body_en="<p>Body</p>",
    )
    html = client.get("/en/beides/").content.decode()
    assert "<h1>English</h1>" in html
    assert 'class="fallback"' not in html


@pytest.mark.django_db
def test_hreflang_lists_only_the_languages_the_page_has(client):
    make_page(slug="beides", title_en="English", intro_en="Intro", body_en="<p>Body</p>")
    html = client.get("/de/beides/").content.decode()
    hreflangs = re.findall(r'<link rel="alternate" hreflang="([a-z-]+)"', html)
    assert sorted(hreflangs) == ["de", "en", "x-default"]


@pytest.mark.django_db
def test_half_translated_page_does_not_count_as_translated():
    page = make_page(title_en="Only the title")
    assert page.languages() == ["de"]


@pytest.mark.django_db
def test_page_detail_query_budget(client, django_assert_num_queries):
    make_page(slug="budget")
    # 1 the page
    with django_assert_num_queries(1):
        client.get("/de/budget/")


@pytest.mark.django_db
def test_sitemap_lists_pages_in_their_languages(client):
    make_page(slug="nur-deutsch")
    from .sitemaps import all_sitemaps

    xml = all_sitemaps(client).decode()
    assert "http://testserver/de/nur-deutsch/" in xml
    assert "/en/nur-deutsch/" not in xml


def test_gap_markers_are_counted():
    page = Page(body_de="<p><strong>[Bitte ergänzen: Name]</strong></p>", intro_de="")
    assert page.gap_count() == 1


def test_demo_imprint_leaves_the_responsible_person_as_a_visible_gap(client, demo_data):
    html = client.get("/de/impressum/").content.decode()
    assert "§ 18 Abs. 2 MStV" in html
    assert "[Bitte ergänzen: Name und Anschrift der verantwortlichen Person]" in html


def test_accessibility_statement_links_the_form_and_the_ombudsstelle(client, demo_data):
    html = client.get("/de/barrierefreiheit/").content.decode()
    assert 'href="/de/barrierefreiheit/feedback/"' in html
    assert 'href="mailto:ombudsstelle-barrierefreie-it@mags.nrw.de"' in html


# --- Figures ---------------------------------------------------------------


def _chart_values(html: str) -> list[str]:
    return re.findall(r'<g class="chart-row" data-value="([^"]+)">', html)


def _table_values(html: str) -> list[str]:
    # the value is isolated (<bdi>) so Arabic text around it keeps its order
    return re.findall(r'<td class="figure-value"[^>]*><bdi>([^<]+)</bdi></td>', html)


@pytest.mark.django_db
def test_chart_and_table_show_the_same_values(client):
    make_page(slug="zahlen-und-fakten")
    make_figure(value=Decimal("15200"), qualifier="about", order=1)
    make_figure(value=Decimal("4536"), order=2)
    make_figure(value=Decimal("2.1"), unit="percent", order=3)
    make_figure(value=Decimal("2.0"), unit="percent", order=4)
    html = client.get("/de/zahlen-und-fakten/").content.decode()
    assert _chart_values(html) == ["rund 15.200", "4.536", "2,1", "2,0"]
    assert _table_values(html) == _chart_values(html)


def test_demo_figures_chart_and_table_agree(client, demo_data):
    html = client.get("/de/zahlen-und-fakten/").content.decode()
    charted = _chart_values(html)
    assert "rund 15.200" in charted and "2,0" in charted
    assert set(charted) <= set(_table_values(html))
    assert len(_table_values(html)) == 9


@pytest.mark.django_db
def test_bars_only_compare_like_units(client):
    make_page(slug="zahlen-und-fakten")
    make_figure(value=100, unit="persons")
    make_figure(value=200, unit="persons")
    make_figure(value=2, unit="percent")  # alone in its unit: table only
    html = client.get("/de/zahlen-und-fakten/").content.decode()
    assert html.count('role="img"') == 1
    assert 'aria-labelledby="chart-persons-title chart-persons-desc"' in html
    assert len(_table_values(html)) == 3


@pytest.mark.django_db
def test_longest_bar_fills_the_area_and_others_scale(client):
    make_page(slug="zahlen-und-fakten")
    make_figure(value=100)
    make_figure(value=50)
    html = client.get("/de/zahlen-und-fakten/").content.decode()
    assert re.findall(r'<rect class="chart-bar" x="0" y="\d+" width="(\d+)"', html) == [
        "480",  # 160 units stay for the value, with a translated qualifier
        "240",
    ]
    assert "style=" not in html


@pytest.mark.django_db
def test_figures_page_query_budget(client, django_assert_num_queries):
    make_page(slug="zahlen-und-fakten")
    for value in range(1, 6):
        make_figure(value=value)
    # 1 the page, 2 the figures
    with django_assert_num_queries(2):
        client.get("/de/zahlen-und-fakten/")


# --- Home -------------------------------------------------------------------


@pytest.mark.django_db
def test_home_shows_key_figures_with_date_and_source(client):
    make_figure(
        value=15200,
        qualifier="about",
        label_de="Menschen mit Leistungen",
        source_de="PM vom 23.08.2019",
        on_home=True,
    )
    make_figure(value=999, label_de="Nicht auf der Startseite")
    html = client.get("/de/").content.decode()
    assert "rund 15.200" in html
    assert "August 2019" in html and "PM vom 23.08.2019" in html
    assert "Nicht auf der Startseite" not in html


@pytest.mark.django_db
def test_home_links_leichte_sprache_and_gebaerdensprache_prominently(client):
    html = client.get("/de/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert 'href="/de/leichte-sprache/"' in main
    assert 'href="/de/gebaerdensprache/"' in main


# --- Sign language ----------------------------------------------------------


@pytest.mark.django_db
def test_sign_language_page_says_plainly_when_there_is_no_video(client):
    make_page(slug="gebaerdensprache")
    html = client.get("/de/gebaerdensprache/").content.decode()
    assert "noch kein Video in Gebärdensprache" in html
    assert "<video" not in html


@pytest.mark.django_db
def test_sign_language_video_has_download_size_duration_and_captions(client, media_root):
    from django.core.files.base import ContentFile

    make_page(slug="gebaerdensprache")
    video = make_sign_language_video(
        captions=ContentFile(b"WEBVTT\n", name="website.vtt"), transcript_de="Hallo."
    )
    html = client.get("/de/gebaerdensprache/").content.decode()
    assert f'<a href="{video.file.url}" download>' in html
    assert "2,0\xa0KB" in html
    assert '<time datetime="PT3M20S">3:20 Minuten</time>' in html
    assert f'<track kind="captions" src="{video.captions.url}" srclang="de"' in html
    assert "Hallo." in html


@pytest.mark.django_db
def test_inactive_video_is_not_shown(client, media_root):
    make_page(slug="gebaerdensprache")
    make_sign_language_video(is_active=False)
    assert "<video" not in client.get("/de/gebaerdensprache/").content.decode()


# --- Admin --------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_lists_pages_with_open_gaps(superuser_client):
    make_page(title_de="Impressum", body_de="<p><strong>[Bitte ergänzen: Name]</strong></p>")
    response = superuser_client.get("/admin/jobcenter_site/page/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Offene Lücken" in html
    assert '<td class="field-gaps">1</td>' in html


@pytest.mark.django_db
def test_admin_keeps_the_slug_once_created(superuser_client):
    page = make_page(slug="impressum")
    html = superuser_client.get(f"/admin/jobcenter_site/page/{page.pk}/change/").content.decode()
    assert 'name="slug"' not in html
    assert 'name="title_de"' in html and 'name="title_en"' in html


@pytest.mark.django_db
def test_admin_sanitizes_page_body_and_keeps_a_revision(superuser_client):
    from reversion.models import Version

    data = {
        "slug": "neu",
        "title_de": "Neu",
        "body_de": '<p onclick="x()">Text<script>x()</script></p>',
    }
    response = superuser_client.post("/admin/jobcenter_site/page/add/", data)
    assert response.status_code == 302
    page = Page.objects.get(slug="neu")
    assert page.body_de == "<p>Text</p>"
    assert Version.objects.get_for_object(page).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["figure", "signlanguagevideo", "feedback"])
def test_admin_changelists_render(superuser_client, model):
    assert superuser_client.get(f"/admin/jobcenter_site/{model}/").status_code == 200


@pytest.mark.django_db
def test_home_query_budget(client, django_assert_num_queries):
    for n in range(4):
        make_figure(value=n + 1, on_home=True, source_de=f"Quelle {n}")
    # 1 the key figures, 2 latest releases, 3 series teaser (no series: no parts query)
    with django_assert_num_queries(3):
        html = client.get("/de/").content.decode()
    assert 'id="home-quelle-4"' in html


def test_no_template_comment_reaches_a_page(db, client, demo_data):
    """A {# … #} comment ends on its line: a two-line one was printed on the home page."""
    for lang in ("de", "ar"):
        html = client.get(f"/{lang}/").content.decode()
        assert "{#" not in html and "#}" not in html
