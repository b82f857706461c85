"""The finder, table-driven from the municipalities data copied into the repo."""

import csv
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locations.finder import FinderForm, find, fold

from .factories import make_municipality, make_office

DATA = Path(__file__).resolve().parent.parent / "locations" / "data" / "municipalities.csv"
ROWS = list(csv.DictReader(DATA.open(encoding="utf-8")))
POSTCODES = [(code, row["slug"]) for row in ROWS for code in row["postcodes"].split(";")]
DISTRICTS = [
    (name, row["slug"]) for row in ROWS for name in row["districts_known"].split(";") if name
]


@pytest.fixture
def county(db):
    """The 17 municipalities with their postcodes, districts and an office each."""
    for row in ROWS:
        town = make_municipality(
            name=row["name"],
            slug=row["slug"],
            kind=row["kind"].lower(),
            ags=row["ags"],
            postcodes=row["postcodes"].split(";"),
            districts=[d for d in row["districts_known"].split(";") if d],
        )
        make_office(slug=row["slug"], name=f"Jobcenter {row['name']}", municipality=town)


def office_slug(query: str) -> str | None:
    answer = find(query)
    return answer.office.slug if answer and answer.office else None


def test_the_table_has_all_17_towns_and_bocholts_three_postcodes():
    assert len(ROWS) == 17
    assert len(POSTCODES) == 19
    assert len({code for code, _slug in POSTCODES}) == 19  # no postcode is shared


@pytest.mark.parametrize(("code", "slug"), POSTCODES)
def test_every_postcode_leads_to_its_office(county, code, slug):
    assert office_slug(code) == slug


@pytest.mark.parametrize(("name", "slug"), DISTRICTS)
def test_every_known_district_leads_to_its_office(county, name, slug):
    answer = find(name)
    assert answer.office.slug == slug
    assert answer.matched == name


@pytest.mark.parametrize(("row"), ROWS, ids=[r["slug"] for r in ROWS])
def test_every_town_name_leads_to_its_office(county, row):
    assert office_slug(row["name"]) == row["slug"]
    assert office_slug(row["name"].upper()) == row["slug"]


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Südlohn", "suedlohn"),
        ("Suedlohn", "suedlohn"),
        ("Sudlohn", "suedlohn"),
        ("  süd lohn ", "suedlohn"),
        ("Schoeppingen", "schoeppingen"),
        ("Gronau (Westf.)", "gronau"),
        ("Gronau", "gronau"),
        ("gronau/westf", "gronau"),
        ("Gronau (Westfalen)", "gronau"),
        ("Epe", "gronau"),
        ("Oeding", "suedlohn"),
        ("Öding", "suedlohn"),
        ("Ramsdorf", "velen"),
        ("Wuellen", "ahaus"),
        ("Stadt Bocholt", "bocholt"),
        ("46397 Bocholt", "bocholt"),
        ("Borken (Westf.)", "borken"),
    ],
)
def test_spellings_and_official_names(county, query, slug):
    assert office_slug(query) == slug


@pytest.mark.parametrize(
    "query", ["34582", "31028", "26899", "Borken (Hessen)", "Gronau (Leine)", "Rhede (Ems)"]
)
def test_places_outside_the_county_are_not_ours(county, query):
    answer = find(query)
    assert answer.outside
    assert not answer.found


@pytest.mark.parametrize("query", ["xyz", "Münster", "00000", "Bocholt-Süd-Ost"])
def test_unknown_places_are_not_recognised(county, query):
    assert find(query) is None


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
    assert fold("Südlohn") == fold("Suedlohn") == fold("SUDLOHN") == fold("Süd-lohn")
    assert fold("Gronau (Westf.)") == "gronauwestf"


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "slug"), POSTCODES)
def test_the_demo_data_agrees_with_the_table(code, slug):
    call_command("loaddata", "demo_locations", verbosity=0)
    assert office_slug(code) == slug


@pytest.mark.django_db
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=150))
def test_finder_never_fails_on_any_text(client, query):
    response = client.get("/de/standorte/finden/", {"q": query})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query_string", ["q=%ff%fe", "q=%00", "q=1&q=2", "q[]=x", "q=" + "9" * 5000, "q=%E2%80%AE"]
)
def test_finder_survives_odd_query_strings(client, query_string):
    assert client.get(f"/de/standorte/finden/?{query_string}").status_code == 200
