"""The finder, table-driven from the data copied into the repo (locations/data/).

Most tests resolve against an index built from the CSV files alone (no
database, so ~1,000 forms stay fast); the last ones check the same through
the database, the import command and the cache generation.
"""

import csv
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locations import place_index
from locations.districts_data import alt_forms, read_rows
from locations.finder import Kind, find, place_key, resolve
from locations.finder_form import FinderForm
from locations.place_index import short_name

DATA = Path(__file__).resolve().parent.parent / "locations" / "data"
ROWS = list(csv.DictReader((DATA / "municipalities.csv").open(encoding="utf-8")))
DISTRICTS = read_rows()
OUTSIDE = place_index.read_outside()
POSTCODES = [(code, row["slug"]) for row in ROWS for code in row["postcodes"].split(";")]
SLUG_BY_ID = {i: row["slug"] for i, row in enumerate(ROWS, start=1)}
TOWN_BY_SLUG = {row["slug"]: row["name"] for row in ROWS}


class _All(list):
    def all(self):
        return self


def _towns():
    towns = []
    for pk, row in enumerate(ROWS, start=1):
        districts = [
            SimpleNamespace(name=d["district"], forms=alt_forms(d))
            for d in DISTRICTS
            if d["municipality_slug"] == row["slug"]
        ]
        codes = [SimpleNamespace(code=c) for c in row["postcodes"].split(";")]
        towns.append(
            SimpleNamespace(
                pk=pk,
                name=row["name"],
                slug=row["slug"],
                postcodes=_All(codes),
                districts=_All(districts),
            )
        )
    return towns


INDEX = place_index.build(_towns(), OUTSIDE)


def towns_of(text: str) -> set[str]:
    """Which municipalities the data says a name or form belongs to."""
    return EXPECTED.get(place_key(text), set())


EXPECTED: dict[str, set[str]] = defaultdict(set)
for _row in ROWS:
    EXPECTED[place_key(_row["name"])].add(_row["slug"])
    EXPECTED[place_key(short_name(_row["name"]))].add(_row["slug"])
for _d in DISTRICTS:
    for _form in [_d["district"], *alt_forms(_d)]:
        EXPECTED[place_key(_form)].add(_d["municipality_slug"])
EXPECTED_TOWN_KEYS = {place_key(short_name(r["name"])) for r in ROWS} | {
    place_key(r["name"]) for r in ROWS
}
ALL_FORMS = sorted(
    {(form, d["municipality_slug"]) for d in DISTRICTS for form in [d["district"], *alt_forms(d)]}
)
UNIQUE_DISTRICTS = [d for d in DISTRICTS if len(towns_of(d["district"])) == 1]


def answer_slug(query: str) -> str | None:
    answer = resolve(query, INDEX)
    return SLUG_BY_ID[answer.place.municipality_id] if answer.found else None


def test_the_data_covers_17_towns_194_districts_and_19_postcodes():
    assert len(ROWS) == 17
    assert len(DISTRICTS) == 194
    assert {d["municipality_slug"] for d in DISTRICTS} == set(TOWN_BY_SLUG)
    assert len({code for code, _slug in POSTCODES}) == len(POSTCODES) == 19


@pytest.mark.parametrize(("code", "slug"), POSTCODES)
def test_every_postcode_leads_to_its_office(code, slug):
    assert answer_slug(code) == slug
    assert answer_slug(f"{code} {TOWN_BY_SLUG[slug]}") == slug


@pytest.mark.parametrize(("row"), ROWS, ids=[r["slug"] for r in ROWS])
def test_every_town_name_leads_to_its_office(row):
    for form in (row["name"], row["name"].upper(), short_name(row["name"]), f"Stadt {row['name']}"):
        assert answer_slug(form) == row["slug"], form


@pytest.mark.parametrize(("form", "slug"), ALL_FORMS)
def test_every_district_and_alternative_form(form, slug):
    """A form of one town answers that town; a name in two towns asks, listing both."""
    answer = resolve(form, INDEX)
    expected = towns_of(form)
    if len(expected) == 1:
        assert answer.kind == Kind.FOUND, form
        assert SLUG_BY_ID[answer.place.municipality_id] == slug
    else:
        assert answer.kind == Kind.AMBIGUOUS, form
        assert len(answer.choices) == len(expected)
        for choice in answer.choices:  # every choice offered resolves to one town
            assert answer_slug(choice) in expected


@pytest.mark.parametrize("name", ["Gemen", "Estern", "Büren", "Brinkerhook", "Brook", "Brink"])
def test_names_twice_in_the_county_ask_and_never_guess(name):
    answer = resolve(name, INDEX)
    assert answer.kind == Kind.AMBIGUOUS
    assert answer.place is None
    assert len(answer.choices) == 2


def test_every_suggestion_label_and_value_round_trips():
    core_towns = [d for d in DISTRICTS if place_key(d["district"]) in EXPECTED_TOWN_KEYS]
    assert len(INDEX.suggestions) == 17 + 194 - len(core_towns) == 195  # "Ahaus" in Ahaus …
    for suggestion in INDEX.suggestions:
        for text in (suggestion.label, suggestion.value):
            answer = resolve(text, INDEX)
            assert answer.kind == Kind.FOUND, text
            assert answer.place.label in (suggestion.label, suggestion.value), text


@pytest.mark.parametrize(
    "district", UNIQUE_DISTRICTS, ids=[d["district"] for d in UNIQUE_DISTRICTS]
)
def test_bracket_hyphen_and_slash_forms(district):
    name, slug = district["district"], district["municipality_slug"]
    town = short_name(TOWN_BY_SLUG[slug])
    forms = [
        f"{name} ({town})",
        f"{name} ({TOWN_BY_SLUG[slug]})",
        f"{town}-{name}",
        f"{town} - {name}",
        f"{name}/{town}",
        f"{town}/{name}",
        f"{name}, {town}",
        f"{name} (Westf.)",
        f"{name} (Münsterland)",
        f"{name} (Kreis Borken)",
        f"{name}, NRW",
    ]
    for form in forms:
        assert answer_slug(form) == slug, form


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        # the journeys the issue reports
        ("Oeding (Südlohn)", "suedlohn"),
        ("Epe (Gronau)", "gronau"),
        ("Wessum (Ahaus)", "ahaus"),
        ("Ramsdorf (Velen)", "velen"),
        ("Anholt (Isselburg)", "isselburg"),
        ("Ahaus (Münsterland)", "ahaus"),
        ("Heek/Nienborg", "heek"),
        ("Weseke", "borken"),
        ("Maria Veen", "reken"),
        ("Hochmoor", "gescher"),
        ("Graes", "ahaus"),
        ("Krechting", "rhede"),
        ("Gronau-Epe", "gronau"),
        # spellings and qualified names
        ("Suedlohn", "suedlohn"),
        ("Sudlohn", "suedlohn"),
        ("  süd lohn ", "suedlohn"),
        ("Öding", "suedlohn"),
        ("Gronau (Westf.)", "gronau"),
        ("gronau/westf", "gronau"),
        ("Borken (Westf.)", "borken"),
        ("Stadt Bocholt", "bocholt"),
        ("Bocholt Stadt", "bocholt"),  # QA 13: "Stadt" after the name is no other region
        ("Heek, Gemeinde", "heek"),
        ("Ortsteil Wüllen", "ahaus"),
        # a name twice in the county, settled by its qualifier
        ("Gemen (Borken)", "borken"),
        ("Gemen (Schöppingen)", "schoeppingen"),
        ("Gemen Borken", "borken"),
        ("Estern (Stadtlohn)", "stadtlohn"),
        ("Gescher-Büren", "gescher"),
        ("Brinkerhook (Alstätte)", "ahaus"),
        ("Brinkerhook (Epe)", "gronau"),
        ("Kirchspiel Gemen", "borken"),  # a form of two Borken districts
        ("Glanerbrücke", "gronau"),  # the Gronau side's name for the border village
    ],
)
def test_journeys_and_spellings(query, slug):
    assert answer_slug(query) == slug


def test_a_district_answer_names_the_district():
    answer = resolve("Gronau-Epe", INDEX)
    assert answer.matched == "Epe"
    assert resolve("Bocholt", INDEX).matched == ""  # Bocholt's core town is the town


@pytest.mark.parametrize(
    "query",
    [
        "Borken (Hessen)",
        "Borken, Hessen",
        "Borken Hessen",
        "Gronau (Leine)",
        "Gronau/Leine",
        "Rhede (Ems)",
        "Heiden (Appenzell)",
        "Heiden (Lage)",
        "Bocholt (Belgien)",
        "Epe (NL)",
        "Ottenstein (Holzminden)",
        "Büren (Paderborn)",
        "Holtwick (Rosendahl)",
        "Borken (Sachsen)",  # not in the list: any other region in brackets
        "Rödersheim-Gronau",
        "34582",
        "31028",
        "26899",
    ],
)
def test_same_name_elsewhere_is_not_ours(query):
    answer = resolve(query, INDEX)
    assert answer.kind == Kind.OUTSIDE
    assert answer.place is None


@pytest.mark.parametrize("row", OUTSIDE, ids=[r["name"] for r in OUTSIDE])
def test_every_place_outside_and_its_forms(row):
    for form in [row["name"], *row["forms"].split(";")]:
        answer = resolve(form, INDEX)
        assert answer.kind == Kind.OUTSIDE, form
        assert answer.outside_place.is_dutch == (row["country"] == "NL")


@pytest.mark.parametrize(
    ("query", "dutch"),
    [("Münster", False), ("Münster (Westf.)", False), ("Coesfeld", False), ("Dorsten", False),
     ("Winterswijk", True), ("Enschede", True), ("Dinxperlo", True), ("7101 AB", True)],
)  # fmt: skip
def test_neighbours_are_outside(query, dutch):
    answer = resolve(query, INDEX)
    assert answer.kind == Kind.OUTSIDE
    assert answer.outside_place.is_dutch is dutch


@pytest.mark.parametrize(
    ("query", "namesake"),
    [("Epe", "Epe (Gelderland, NL)"), ("Heiden", "Heiden (Appenzell Ausserrhoden)"),
     ("Bocholt", "Bocholt (Belgien)"), ("Holtwick", "Holtwick (Ortsteil von Rosendahl)"),
     ("Wertherbruch", "Wertherbruch (Hamminkeln)")],
)  # fmt: skip
def test_our_place_answers_and_names_its_namesake_outside(query, namesake):
    answer = resolve(query, INDEX)
    assert answer.kind == Kind.FOUND
    assert namesake in [n.name for n in answer.namesakes]


@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("Bochold", "Bocholt"),
        ("Stadtlon", "Stadtlohn"),
        ("Südlon", "Südlohn"),
        ("Vreeden", "Vreden"),
        ("Raesfelt", "Raesfeld"),
        ("Isselbug", "Isselburg"),
        ("Schöpingen", "Schöppingen"),
        ("Weeseke", "Weseke (Borken)"),
        ("Maria Fen", "Maria Veen (Reken)"),
        ("Münstr", "Münster"),
        ("Bocholt-Süd-Ost", "Bocholt"),
        ("Epe (Ahaus)", "Epe (Gronau)"),  # two places that do not fit: both offered
    ],
)
def test_near_misses_are_offered_never_guessed(query, meant):
    answer = resolve(query, INDEX)
    assert answer.kind == Kind.UNKNOWN
    assert answer.place is None
    assert meant in answer.suggestions
    for suggestion in answer.suggestions:  # each offered link has an answer
        assert resolve(suggestion, INDEX).kind in (Kind.FOUND, Kind.OUTSIDE)


@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("wes", "Weseke (Borken)"),
        ("wes", "Wessum (Ahaus)"),
        ("Gesch", "Gescher"),
        ("ramsd", "Ramsdorf (Velen)"),
    ],
)
def test_a_name_cut_short_offers_the_places_it_begins(query, meant):
    """QA 13: without JavaScript "wes" offered only "Wesel" (Kreis Wesel, not ours), never
    Weseke or Wessum; the combobox knew them, the form answer did not."""
    answer = resolve(query, INDEX)
    assert answer.kind == Kind.UNKNOWN
    assert meant in answer.suggestions
    for suggestion in answer.suggestions:
        assert resolve(suggestion, INDEX).kind in (Kind.FOUND, Kind.OUTSIDE)


@pytest.mark.parametrize(("query", "meant"), [("Ahausen", "Ahaus"), ("Rhade", "Rhede")])
def test_a_real_place_outside_one_letter_off_offers_ours(query, meant):
    answer = resolve(query, INDEX)
    assert answer.kind == Kind.OUTSIDE
    assert meant in answer.suggestions


@pytest.mark.parametrize("query", ["xyz", "00000", "qqqqqq", "Jobcenter", "a b c"])
def test_junk_is_unknown_without_suggestions(query):
    answer = resolve(query, INDEX)
    assert answer.kind == Kind.UNKNOWN
    assert answer.suggestions == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Bitte geben Sie eine Postleitzahl oder einen Ort ein."),
        ("   ", "Bitte geben Sie eine Postleitzahl oder einen Ort ein."),
        ("%%%", "Bitte geben Sie eine Postleitzahl oder einen Ortsnamen ein."),
        ("4639", "Eine Postleitzahl hat fünf Ziffern."),
        ("x" * 101, "Bitte geben Sie nur eine Postleitzahl oder einen Ortsnamen ein."),
        ("a\x00b", "Null"),
    ],
)
def test_garbage_is_a_form_message(query, message):
    form = FinderForm({"q": query})
    assert not form.is_valid()
    assert message in " ".join(form.errors["q"])


def test_fold_treats_umlaut_spellings_alike():
    assert (
        place_key("Südlohn")
        == place_key("Suedlohn")
        == place_key("SUDLOHN")
        == place_key("Süd-lohn")
    )
    assert place_key("Gronau (Westf.)") == "gronauwestf"


# --- through the database ------------------------------------------------------


@pytest.fixture
def county(db):
    """The demo towns and offices with every district imported from the CSV."""
    call_command("loaddata", "demo_locations", verbosity=0)
    call_command("import_districts", verbosity=0)


def test_the_database_answers_like_the_data(county):
    wrong = []
    for form, slug in ALL_FORMS + POSTCODES:
        answer = find(form)
        expected = towns_of(form) or {slug}
        if len(expected) == 1 and not (answer.office and answer.office.slug == slug):
            wrong.append(form)
        if len(expected) > 1 and not answer.ambiguous:
            wrong.append(form)
    assert wrong == []


def test_the_import_is_idempotent(county):
    from locations.models import District

    assert District.objects.count() == 194
    call_command("import_districts", verbosity=0)
    assert District.objects.count() == 194
    assert "Gronau-Epe" in District.objects.get(name="Epe").forms


def test_the_index_is_built_once_per_data_generation(county, monkeypatch):
    from locations.models import District, Municipality

    builds = []
    real_build = place_index.build
    monkeypatch.setattr(place_index, "build", lambda: builds.append(1) or real_build())
    for _ in range(3):
        find("Weseke")
    assert len(builds) == 1
    District.objects.create(name="Neuort", municipality=Municipality.objects.get(slug="velen"))
    assert find("Neuort").municipality.slug == "velen"
    assert len(builds) == 2


@pytest.mark.django_db
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=150))
def test_finder_never_fails_on_any_text(client, query):
    response = client.get("/de/standorte/finden/", {"q": query})
    assert response.status_code == 200


@given(query=st.text(alphabet="()/-, abcdeöü", max_size=40))
@settings(max_examples=300, deadline=None)
def test_resolve_never_fails_on_separators(query):
    if place_key(query):
        resolve(" ".join(query.split()), INDEX)


@pytest.mark.parametrize(
    ("query", "first"),
    [("Sued", "Südlohn (46354)"), ("Bo", "Bocholt (46395, 46397, 46399)"), ("Gem", "Gemen (Borken)"),
     ("Alst", "Alstätte (Ahaus)"), ("4639", "Bocholt (46395, 46397, 46399)")],
)  # fmt: skip
def test_suggestions_rank_towns_then_districts_then_other_forms(monkeypatch, query, first):
    from locations.finder import suggest

    monkeypatch.setattr(place_index, "current", lambda: INDEX)
    labels = [s["label"] for s in suggest(query)]
    assert labels[0] == first
    assert len(labels) <= 8


# --- QA 3: what people type around the name -----------------------------------


@pytest.mark.parametrize(("row"), ROWS, ids=[r["slug"] for r in ROWS])
def test_a_town_with_its_country_and_county_is_ours(row):
    """QA 3: "Bocholt, NRW, Deutschland" and "Heek, Germany" answered "liegt nicht im
    Kreis Borken": a comma qualifier of several regional words read as another region."""
    name = row["name"]
    for form in (
        f"{name}, NRW, Deutschland",
        f"{name}, Germany",
        f"{name} Germany",
        f"{name}, Kreis Borken, NRW",
        f"{name}, D",
        f"{name} i. W.",
        f"{name} in Westfalen",
        f"{name}, Germany (NRW)",
    ):
        assert answer_slug(form) == row["slug"], form


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Hauptstraße 1, Oeding", "suedlohn"),
        ("Markt 1 Borken", "borken"),
        ("Burloer Str. 93 Borken", "borken"),
        ("Oeding, Hauptstraße 12a", "suedlohn"),
        ("Oeding Südlohn Winterswijker Straße 1", "suedlohn"),
        ("Weseke, Hauptstraße 3-5", "borken"),
        ("Am Markt 7 in Stadtlohn", "stadtlohn"),
        ("Gemen (Borken), Germany", "borken"),
        ("Epe, Kreis Borken, NRW", "gronau"),
    ],
)
def test_a_street_address_names_its_town(query, slug):
    """QA 3: a street and house number without postcode was "nicht gefunden"."""
    assert answer_slug(query) == slug


def test_a_street_address_in_a_name_twice_in_the_county_still_asks():
    assert resolve("Gemen 12", INDEX).kind == Kind.AMBIGUOUS


def test_suedlohns_po_box_postcode_is_suedlohn():
    """QA 3: 46350 (Südlohn's PO boxes, facts/README.md) answered "liegt nicht im Kreis Borken"."""
    assert answer_slug("46350") == "suedlohn"
    assert "46350" not in [s.label for s in INDEX.suggestions]


@pytest.mark.parametrize(
    "query", ["Winterswijk NL", "Winterswijk (NL)", "7101AB Winterswijk", "Coesfeld, NRW"]
)
def test_a_place_outside_with_a_country_is_outside(query):
    answer = resolve(query, INDEX)
    assert answer.kind == Kind.OUTSIDE, query
    assert answer.outside_place.country


@pytest.mark.parametrize(
    ("query", "meant"),
    [("Bocholt, Nord", "Bocholt"), ("Legden, Süd", "Legden"), ("Vreden, Süd", "Vreden")],
)
def test_a_town_with_a_part_we_cannot_place_asks_and_is_not_outside(query, meant):
    """QA 3: after a comma any unknown word ("Zentrum") read as another region, so a
    citizen of Borken read "liegt nicht im Kreis Borken"."""
    answer = resolve(query, INDEX)
    assert answer.kind == Kind.UNKNOWN
    assert meant in answer.suggestions


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Borken (Zentrum)", "borken"),
        ("Borken, Zentrum", "borken"),
        ("Ahaus, Ortsmitte", "ahaus"),
        ("Bocholt (Innenstadt)", "bocholt"),
        ("Gronau-Mitte", "gronau"),
        ("Stadtlohn Stadtmitte", "stadtlohn"),
        ("Vreden (Altstadt)", "vreden"),
        ("Südlohn, Ortskern", "suedlohn"),
        ("Isselburg Zentrum", "isselburg"),
    ],
)
def test_the_centre_of_a_town_is_that_town(query, slug):
    """Bracketed "Zentrum" read as another region: "Borken (Zentrum)" was sent away.
    Every part of a town has that town's office, so its centre is the town."""
    assert answer_slug(query) == slug


@pytest.mark.parametrize("query", ["Borken (Hessen)", "Borken (Schwalm-Eder)", "Rhede (Ems)"])
def test_a_bracketed_other_region_is_still_outside(query):
    assert resolve(query, INDEX).kind == Kind.OUTSIDE


@pytest.mark.parametrize("query", ["Borken, Sachsen", "Gronau, Niedersachsen", "Heiden, Schweiz"])
def test_a_town_with_another_state_after_a_comma_is_outside(query):
    assert resolve(query, INDEX).kind == Kind.OUTSIDE


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Borken (Kreis)", "borken"),
        ("Borken, Kr.", "borken"),
        ("Borken (Landkreis Borken)", "borken"),
        ("Oeding bei Südlohn", "suedlohn"),
        ("Epe b. Gronau", "gronau"),
    ],
)
def test_the_county_in_brackets_and_bei_name_the_town(query, slug):
    """QA 3: "Borken (Kreis)" was "liegt nicht im Kreis Borken"; "Oeding bei Südlohn" unknown."""
    assert answer_slug(query) == slug


def test_the_county_alone_is_no_town_but_a_choice_of_all_its_towns():
    answer = resolve("Kreis Borken", INDEX)
    assert answer.kind == Kind.COUNTY and answer.ambiguous
    assert answer.choices == sorted(set(INDEX.town_names.values()))
    assert resolve("Borken (Kreis)", INDEX).kind == Kind.FOUND  # qualified: the town


@pytest.mark.parametrize(
    ("query", "by_code", "named"),
    [("46325 Bocholt", "borken", "bocholt"), ("Bocholt 48683", "ahaus", "bocholt")],
)
def test_a_postcode_of_another_town_than_the_name_asks(query, by_code, named):
    """QA 4: the postcode silently won, so a mistyped postcode sent people to the wrong
    office without a word; now both towns are offered and the question says why."""
    answer = resolve(query, INDEX)
    assert answer.kind == Kind.CONFLICT and answer.ambiguous
    assert [answer_slug(choice) for choice in answer.choices] == [by_code, named]
    assert answer.postcode in query


@pytest.mark.parametrize(
    ("query", "slug", "district"),
    [("46397 Bocholt", "bocholt", ""), ("48599 Epe", "gronau", "Epe"), ("46 397", "bocholt", "")],
)
def test_a_postcode_and_a_name_that_agree_are_found(query, slug, district):
    answer = resolve(query, INDEX)
    assert answer.found and SLUG_BY_ID[answer.place.municipality_id] == slug
    assert answer.place.district == district


def test_the_conflict_page_asks_in_words(client, county):
    html = client.get("/de/standorte/finden/", {"q": "46325 Bocholt"}).content.decode()
    assert "Die Postleitzahl" in html and "46325" in html and "nicht zu" in html
    assert "?q=Borken#antwort" in html and "?q=Bocholt#antwort" in html
