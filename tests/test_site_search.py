"""Search over pages, offices, contacts and releases: the view and the basics.

Every test here runs on whichever database the suite runs on; CI runs the
suite on SQLite and on PostgreSQL, so each is one behaviour on both engines
(the German-language cases are in test_site_search_german.py, the index in
test_site_search_index.py)."""

from uuid import uuid4

import pytest
from django.db import connection

from jobcenter_site.search import MAX_PER_SOURCE, clean_query, fold, highlight, run_search
from locations.models import ContactPerson, Office

from .factories import make_page

ON_POSTGRES = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only"
)


def _office(**kw):
    kw.setdefault("slug", f"office-{uuid4().hex[:8]}")
    return Office.objects.create(**kw)


def _titles(query, lang="de"):
    return [hit.title for hit in run_search(query, lang)]


@pytest.mark.django_db
def test_finds_pages_offices_and_contacts():
    make_page(title_de="Impressum", body_de="<p>Kreis Borken, Burloer Straße</p>")
    office = _office(name_de="Jobcenter Gronau", city="Gronau", services_de="Beratung")
    ContactPerson.objects.create(
        role_de="Teamleitung", office=office, responsibilities_de="Beratung für Gronau"
    )
    titles = _titles("Gronau")
    assert "Jobcenter Gronau" in titles
    assert "Teamleitung" in titles
    assert _titles("Burloer") == ["Impressum"]


@pytest.mark.django_db
def test_every_word_must_match():
    make_page(title_de="Impressum", body_de="<p>Kreis Borken</p>")
    make_page(title_de="Datenschutz", body_de="<p>Kreis Coesfeld</p>")
    assert _titles("Kreis Borken") == ["Impressum"]


@pytest.mark.django_db
def test_inactive_offices_and_contacts_never_appear():
    _office(name_de="Jobcenter Alt", is_active=False)
    ContactPerson.objects.create(role_de="Alte Stelle Alt", is_active=False)
    assert _titles("Alt") == []


@pytest.mark.django_db
def test_title_matches_rank_before_body_matches():
    make_page(title_de="Allgemeines", body_de="<p>Etwas über Bewerbung.</p>")
    make_page(title_de="Bewerbung", body_de="<p>Text.</p>")
    assert _titles("Bewerbung") == ["Bewerbung", "Allgemeines"]


@pytest.mark.django_db
def test_search_uses_the_readers_language_with_german_fallback():
    make_page(title_de="Datenschutz", title_en="Privacy", intro_en="x", body_en="<p>x</p>")
    make_page(title_de="Nur Deutsch")
    assert _titles("Privacy", "en") == ["Privacy"]
    assert _titles("Privacy", "de") == []
    assert _titles("Deutsch", "en") == ["Nur Deutsch"]  # shown in German, found in German


@pytest.mark.django_db
def test_results_link_to_the_page():
    page = make_page(title_de="Impressum")
    [hit] = run_search("Impressum", "de")
    assert hit.url == page.get_absolute_url() == "/de/" + page.slug + "/"


@pytest.mark.django_db
def test_view_paginates(client):
    for n in range(12):
        make_page(title_de=f"Seite {n} Jobcenter")
    first = client.get("/de/suche/", {"q": "Jobcenter"}).content.decode()
    assert "12 Treffer" in first
    assert first.count('class="search-hit"') == 10
    assert 'rel="next"' in first
    second = client.get("/de/suche/", {"q": "Jobcenter", "page": "2"}).content.decode()
    assert second.count('class="search-hit"') == 2


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "-1", "999", "abc", "1e9", "%00"])
def test_bad_page_numbers_do_not_break(client, page):
    make_page(title_de="Jobcenter")
    assert client.get("/de/suche/", {"q": "Jobcenter", "page": page}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "x" * 5000,
        "<script>alert(1)</script>",
        "\x00null",
        "' OR 1=1 --",
        '"unclosed',
        "a & | ! ( ) : *",
        "%_%",
        "😀 ☃",
        "der die das",
    ],
)
def test_hostile_queries_never_500_and_are_escaped(client, query):
    make_page(title_de="Jobcenter", body_de="<p>Alles über das Jobcenter.</p>")
    response = client.get("/de/suche/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert len(html) < 100_000


@pytest.mark.django_db
def test_overlong_query_gets_a_message(client):
    html = client.get("/de/suche/", {"q": "x" * 201}).content.decode()
    assert "höchstens 200 Zeichen" in html


@pytest.mark.django_db
def test_search_page_is_cookie_free_and_get_only(client):
    assert not client.get("/de/suche/", {"q": "x"}).cookies
    assert client.post("/de/suche/", {"q": "x"}).status_code == 405


@pytest.mark.django_db
def test_search_query_budget(client, django_assert_num_queries):
    for n in range(5):
        make_page(title_de=f"Seite {n} Jobcenter")
        _office(name_de=f"Jobcenter {n}")
    if connection.vendor == "postgresql":
        # 1 offices, 2 their hours, 3 their closures, 4 services, 5 pages,
        # 6 contacts, 7 release candidates (none, so no ranking query),
        # 8 county-wide closures (none, so not the offices they apply to)
        budget = 8
    else:
        # 1 the FTS5 match, 2 pages, 3 offices, 4 their hours, 5 their closures,
        # 6 county-wide closures (none, so not the offices they apply to)
        budget = 6
    with django_assert_num_queries(budget):
        client.get("/de/suche/", {"q": "Jobcenter"})


@pytest.mark.django_db
def test_each_source_is_capped():
    for n in range(MAX_PER_SOURCE + 3):
        _office(name_de=f"Jobcenter {n}", slug=f"jc-{n}")
    assert len(run_search("Jobcenter", "de")) == MAX_PER_SOURCE


def test_clean_query_drops_control_characters_and_limits_length():
    assert clean_query("Haus\x00 \n  Hof") == "Haus Hof"
    assert len(clean_query("a" * 500)) == 200


def test_fold_removes_accents_like_unaccent():
    assert fold("Häuser Straße Éva") == "hauser strasse eva"


def test_highlight_escapes_and_marks_stemmed_words():
    html = highlight("<p>Die Häuser &amp; <b>Hof</b> <script>x</script></p>", ["Haus"])
    assert html == "Die <mark>Häuser</mark> &amp; Hof x"
    assert highlight("Die Jobcenters &lt;b&gt;", ["jobcenter"]) == (
        "Die <mark>Jobcenters</mark> &lt;b&gt;"
    )


def test_highlight_cuts_a_window_around_the_first_match():
    text = "Anfang " + "Wort " * 100 + "Treffer " + "Ende " * 100
    html = highlight(text, ["Treffer"])
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>Treffer</mark>" in html


def test_every_kind_of_content_is_a_source():
    from jobcenter_site.search import SOURCES

    labels = [str(source.label) for source in SOURCES]
    assert labels == ["Standorte", "Leistungen", "Seiten", "Ansprechpersonen", "Pressemitteilungen"]


# --- PostgreSQL: the GIN indexes are used -----------------------------------


@ON_POSTGRES
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "index"),
    [("seiten", "page_search_de"), ("pressemitteilungen", "release_search_all_de")],
)
def test_german_search_uses_the_gin_index(kind, index):
    from django.contrib.postgres.search import SearchQuery

    from jobcenter_site.search import BY_KIND
    from jobcenter_site.search.postgres import CONFIG, search_vector

    source = BY_KIND[kind]
    make_page(title_de="Haus")
    qs = source.model.objects.order_by().annotate(search=search_vector(source, "de"))
    qs = qs.filter(search=SearchQuery("Haus", config=CONFIG))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = qs.explain()
    assert index in plan
