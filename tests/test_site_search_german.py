"""The words people type, the same answers on SQLite and PostgreSQL.

One behaviour suite with no engine branches: CI runs it on both databases
(`DATABASE_URL=postgres://…` for PostgreSQL). Inflections, ß/ss, umlauts
written out, capital umlauts, districts and postcodes, synonyms in both
directions, phrases and exclusions, did-you-mean, grouping and filters.
"""

from datetime import timedelta
from uuid import uuid4

import pytest
from django.utils import timezone

from jobcenter_site.search import parse, run_search
from locations.models import ContactPerson, District, Office, Postcode

from .factories import make_municipality, make_page, make_release

pytestmark = pytest.mark.django_db


def _office(**kw):
    kw.setdefault("slug", f"office-{uuid4().hex[:8]}")
    return Office.objects.create(**kw)


def titles(query, lang="de", **filters):
    return [hit.title for hit in run_search(query, lang, **filters)]


@pytest.fixture
def county():
    """A small real-shaped county: Gronau with Epe, Südlohn with Oeding, Borken."""
    gronau = make_municipality(name="Gronau (Westf.)", slug="gronau")
    District.objects.create(name="Epe", municipality=gronau)
    Postcode.objects.create(code="48599", municipality=gronau)
    suedlohn = make_municipality(name="Südlohn", slug="suedlohn")
    District.objects.create(name="Oeding", municipality=suedlohn)
    borken = make_municipality(name="Borken", slug="borken")
    Postcode.objects.create(code="46325", municipality=borken)
    offices = {
        "gronau": _office(name_de="Jobcenter der Stadt Gronau", municipality=gronau),
        "suedlohn": _office(name_de="Jobcenter der Gemeinde Südlohn", municipality=suedlohn),
        "county": _office(
            name_de="Jobcenter im Kreis Borken",
            kind=Office.Kind.COUNTY,
            street="Burloer Straße 93",
            postcode="46325",
            city="Borken",
            phone="02861 681-0",
        ),
    }
    ContactPerson.objects.create(
        name="Susanne Lökes", role_de="stellvertretende Leiterin", office=offices["county"]
    )
    return offices


# --- inflections, spellings, capitals ------------------------------------------


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Haus", "Die Häuser der Stadt"),
        ("Häuser", "Ein Haus am Markt"),
        ("Arzt", "Termine bei Ärzten"),
        ("Arzte", "Termine beim Arzt"),
        ("strasse", "Burloer Straße 93"),
        ("Beratung", "Wir beraten und bieten Beratungen an"),
        ("Jobcenters", "Das Jobcenter hilft."),
        ("Arbeitslosenquoten", "Die Arbeitslosenquote sank."),
        ("Arbeitslosenquote", "Die Arbeitslosenquoten der Gemeinden"),
        ("Suedlohn", "Sprechtag in Südlohn"),
        ("Südlohn", "Sprechtag in Suedlohn"),
        ("Buergergeld", "Fragen zum Bürgergeld"),
        ("SÜDLOHN", "Sprechtag in Südlohn"),
        ("ÄRZTE", "Termine beim Arzt"),
    ],
)
def test_german_words_meet_their_forms(query, text):
    make_page(title_de="Treffer", body_de=f"<p>{text}</p>")
    make_page(title_de="Daneben", body_de="<p>Etwas ganz anderes</p>")
    assert titles(query) == ["Treffer"]


def test_strasse_finds_the_office_on_burloer_strasse(county):
    assert titles("Burloer Strasse") == ["Jobcenter im Kreis Borken"]


def test_capital_umlauts_find_offices_and_people(county):
    assert titles("SÜDLOHN") == ["Jobcenter der Gemeinde Südlohn"]
    assert titles("LÖKES") == ["Susanne Lökes (stellvertretende Leiterin)"]
    assert titles("loekes") == ["Susanne Lökes (stellvertretende Leiterin)"]


@pytest.mark.parametrize(
    ("query", "office"),
    [
        ("Epe", "Jobcenter der Stadt Gronau"),
        ("Oeding", "Jobcenter der Gemeinde Südlohn"),
        ("48599", "Jobcenter der Stadt Gronau"),
        ("Gronau", "Jobcenter der Stadt Gronau"),
    ],
)
def test_districts_and_postcodes_find_their_office(county, query, office):
    assert titles(query) == [office]


def test_a_postcode_finds_every_office_there(county):
    borken = Office.objects.create(
        name_de="Jobcenter der Stadt Borken",
        slug="borken",
        municipality_id=Postcode.objects.get(code="46325").municipality_id,
    )
    offices = run_search("46325", "de", kind="standorte")
    assert {hit.title for hit in offices} == {"Jobcenter im Kreis Borken", str(borken)}


def test_an_office_hit_carries_its_status_and_phone(county, client):
    html = client.get("/de/suche/", {"q": "Burloer"}).content.decode()
    assert 'href="tel:+49286168' in html
    [hit] = run_search("Burloer", "de")
    assert hit.office.phone == "02861 681-0"
    assert hit.office.current_status is not None


def test_renaming_a_district_updates_the_office(county):
    epe = District.objects.get(name="Epe")
    epe.name = "Epe (Westf.)"
    epe.save()
    assert titles("Westf") == ["Jobcenter der Stadt Gronau"]
    epe.delete()
    assert titles("Epe") == []


# --- synonyms -----------------------------------------------------------------------


@pytest.fixture
def benefit_pages():
    make_page(title_de="Bürgergeld beantragen", body_de="<p>So stellen Sie den Antrag.</p>")
    make_page(title_de="Grundsicherungsgeld", body_de="<p>Der neue Name ab Juli 2026.</p>")
    make_page(title_de="Früher: Hartz IV", body_de="<p>Bis 2022 hieß die Leistung ALG II.</p>")
    make_page(title_de="Arbeitslosengeld", body_de="<p>Agentur für Arbeit, SGB III.</p>")


BENEFIT = {"Bürgergeld beantragen", "Grundsicherungsgeld", "Früher: Hartz IV"}


@pytest.mark.parametrize(
    "query",
    ["Bürgergeld", "Grundsicherungsgeld", "Hartz IV", "hartz 4", "ALG II", "Arbeitslosengeld 2"],
)
def test_every_name_of_the_benefit_finds_every_other(benefit_pages, query):
    assert set(titles(query)) == BENEFIT


def test_plain_arbeitslosengeld_is_not_the_benefit(benefit_pages):
    # ALG I (SGB III) is a different benefit: no synonym, only its own words
    assert titles("Arbeitslosengeld") == ["Arbeitslosengeld"]


def test_synonyms_in_other_languages(benefit_pages):
    assert set(titles("citizen's income", "en")) == BENEFIT


def test_synonym_groups_are_read_from_the_table():
    groups = parse("hartz iv").groups
    assert len(groups) == 1
    assert ("grundsicherungsgeld",) in groups[0] and ("bürgergeld",) in groups[0]


# --- query syntax -----------------------------------------------------------------


def test_every_word_must_match():
    make_page(title_de="Häuser in Borken")
    make_page(title_de="Häuser in Gronau")
    assert titles("Haus Borken") == ["Häuser in Borken"]


def test_a_minus_excludes_a_word():
    make_page(title_de="Häuser in Borken")
    make_page(title_de="Häuser in Gronau")
    assert titles("Haus -Gronau") == ["Häuser in Borken"]


def test_quotes_keep_words_together():
    make_page(title_de="Kreis Borken", body_de="<p>Burloer Straße</p>")
    make_page(title_de="Borken Kreis", body_de="<p>andere Straße</p>")
    assert titles('"Kreis Borken"') == ["Kreis Borken"]


def test_stop_words_alone_find_nothing():
    make_page(title_de="Der Text", body_de="<p>der die das und oder</p>")
    assert titles("der die das") == []


# --- did you mean -------------------------------------------------------------------


def test_a_near_miss_gets_a_suggestion_never_a_silent_replacement(county, client):
    result = run_search("Jobcenter Gronnau", "de")
    assert result.hits == []
    assert result.suggestion == "Jobcenter Gronau"
    html = client.get("/de/suche/", {"q": "Gronnau"}).content.decode()
    assert "Meinten Sie" in html and "?q=Gronau" in html
    assert "0 Treffer" in html


def test_no_suggestion_from_words_of_scheduled_releases(county):
    make_release(
        title_de="Sommerfest im Wasserschloss",
        publish_at=timezone.now() + timedelta(days=3),
    )
    assert run_search("Wasserschlos", "de").suggestion is None


def test_no_suggestion_when_there_are_hits(county):
    assert run_search("Gronau", "de").suggestion is None


# --- grouping and filters ---------------------------------------------------------------


@pytest.fixture
def mixed(county):
    make_page(title_de="Jobcenter vor Ort", body_de="<p>Gronau und Epe</p>")
    make_release(
        title_de="Neues Jobcenter in Gronau", publish_at=timezone.now() - timedelta(days=400)
    )
    make_release(
        title_de="Jobcenter Gronau zieht um", publish_at=timezone.now() - timedelta(days=2)
    )


def test_hits_are_grouped_by_kind_with_counts(mixed):
    result = run_search("Gronau", "de")
    counts = {group.label: group.count for group in result.groups}
    assert counts == {"Standorte": 1, "Seiten": 1, "Pressemitteilungen": 2}
    assert [hit.kind for hit in result.hits] == [
        "standorte",
        "seiten",
        "pressemitteilungen",
        "pressemitteilungen",
    ]


def test_kind_filter_shows_one_kind_and_keeps_the_counts(mixed, client):
    result = run_search("Gronau", "de", kind="standorte")
    assert [hit.title for hit in result.hits] == ["Jobcenter der Stadt Gronau"]
    assert len(result.groups) == 3
    html = client.get("/de/suche/", {"q": "Gronau", "art": "seiten"}).content.decode()
    assert "Jobcenter vor Ort" in html and "Jobcenter Gronau zieht um" not in html
    assert "Pressemitteilungen (2)" in html


def test_year_filter_keeps_releases_of_that_year(mixed, client):
    year = timezone.localtime(timezone.now() - timedelta(days=400)).year
    assert titles("Gronau", year=year) == ["Neues Jobcenter in Gronau"]
    html = client.get("/de/suche/", {"q": "Gronau", "jahr": str(year)}).content.decode()
    assert "Neues Jobcenter in Gronau" in html and "Jobcenter vor Ort" not in html


@pytest.mark.parametrize("params", [{"art": "nichts"}, {"jahr": "abc"}, {"jahr": "99999999999"}])
def test_bad_filters_are_ignored(mixed, client, params):
    response = client.get("/de/suche/", {"q": "Gronau", **params})
    assert response.status_code == 200
    assert "Jobcenter vor Ort" in response.content.decode()


# --- the page -------------------------------------------------------------------------


def test_empty_query_explains_what_can_be_searched(client):
    html = client.get("/de/suche/").content.decode()
    assert "Was Sie hier finden" in html and "Postleitzahl" in html


def test_result_pages_are_noindex(client):
    response = client.get("/de/suche/", {"q": "Gronau"})
    assert response["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex' in response.content.decode()


def test_snippets_and_suggestions_are_escaped(client):
    make_page(title_de="<b>Fett</b>", body_de="<p>Gronau &lt;script&gt;alert(1)&lt;/script&gt;</p>")
    html = client.get("/de/suche/", {"q": "Gronau <script>"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;Fett&lt;/b&gt;" in html


def test_german_fallback_is_marked_in_other_languages(client):
    make_page(title_de="Nur Deutsch", intro_de="Gronau", body_de="<p>Gronau</p>")
    make_page(title_de="Datenschutz", title_en="Privacy", intro_en="Gronau privacy")
    html = client.get("/en/suche/", {"q": "Gronau"}).content.decode()
    assert '<h3 lang="de" dir="ltr"><a href="/en/' in html
    assert '<h3 lang="en"><a href="/en/' in html
    assert sorted(hit.title_lang for hit in run_search("Gronau", "en")) == ["de", "en"]


def test_the_synonym_table_is_well_formed():
    from jobcenter_site.search.query import synonym_groups
    from jobcenter_site.search.words import stem

    groups = synonym_groups()
    assert len(groups) >= 10
    seen = {}
    for group in groups:
        assert len(group) >= 2, group
        for term in group:
            key = tuple(stem(word) for word in term)
            assert seen.setdefault(key, group) is group, f"{term} is in two groups"


def test_snippets_do_not_mark_stop_words_of_synonym_phrases():
    make_page(
        title_de="Grundsicherung für Arbeitsuchende",
        intro_de="Die Grundsicherung für Arbeitsuchende",
    )
    [hit] = run_search("Hartz IV", "de")
    assert "<mark>für</mark>" not in hit.snippet
    assert "<mark>Grundsicherung</mark>" in hit.snippet


def test_services_are_found_and_unpublished_ones_are_not():
    from locations.models import Service

    Service.objects.create(
        title_de="Erstantrag stellen", slug="erstantrag", summary_de="Bürgergeld zum ersten Mal"
    )
    hidden = Service.objects.create(
        title_de="Antrag im Entwurf",
        slug="entwurf",
        summary_de="Noch nicht fertig",
        is_published=False,
    )
    result = run_search("Grundsicherungsgeld Erstantrag", "de")
    assert [(hit.kind, hit.title) for hit in result] == [("leistungen", "Erstantrag stellen")]
    assert titles("Entwurf") == []
    hidden.is_published = True
    hidden.save()
    assert titles("Entwurf") == ["Antrag im Entwurf"]


@pytest.mark.parametrize(
    "words", ["Hartz IV", "bürgergeld", "ALG 2", "Sozialgeld", "Grundsicherungsgeld"]
)
def test_a_search_for_any_name_of_the_benefit_first_links_the_glossary(client, words):
    html = client.get("/de/suche/", {"q": words}).content.decode()
    assert 'class="search-best-bet"><a href="/de/begriffe/"' in html
    arabic = client.get("/ar/suche/", {"q": words}).content.decode()
    assert 'class="search-best-bet"><a href="/ar/begriffe/"' in arabic


@pytest.mark.parametrize("words", ["Miete", "Arbeitslosengeld", "Grundsicherung im Alter", "Ahaus"])
def test_other_searches_do_not_offer_the_glossary(client, words):
    html = client.get("/de/suche/", {"q": words}).content.decode()
    assert "search-best-bet" not in html
