"""Hostile input: arbitrary query strings, path segments and form fields never give a 500
and are never reflected unescaped.

Endpoints: every public URL (tests/public_urls.py: the URL resolver plus the
page inventory of tests/pages.py, demo pages included after `load_demo`) in
German and Arabic (query dictionaries) or German (raw query strings, path
segments), and every public POST form found on those pages or named in
FORM_URL_NAMES. Volume: MAX_EXAMPLES examples per endpoint and strategy,
deadline off (CI machines are slow and shared).
"""

import os
import re
from urllib.parse import quote, urlencode

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .public_urls import post_form_actions, public_paths

MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 50))  # raise it for a deeper local run
LANGUAGES = ["de", "ar"]
FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,  # no example database in the repo; CI runs are independent
)

# A tag no template ever writes: if it comes back raw, input was reflected unescaped.
MARKER = "<jcx-probe>"
NASTY = [
    MARKER,
    f'"{MARKER}',
    f"'><script>{MARKER}</script>",
    "javascript:alert(1)",
    "%00",
    "\x00",
    "../../etc/passwd",
    "' OR 1=1 --",
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "𝕏" * 3,
    "\u202e",
    "NaN",
    "{{ 7*7 }}",
    "%(x)s",
]
# Parameter names the site's views read (page, year, topic, search …) and random ones.
KNOWN_PARAMS = ["q", "page", "seite", "year", "jahr", "topic", "thema", "series", "lang", "next"]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=60))
params = st.dictionaries(
    st.one_of(st.sampled_from(KNOWN_PARAMS), st.text(min_size=1, max_size=12)),
    st.one_of(values, st.lists(values, max_size=3)),
    max_size=5,
)
# Also raw, possibly malformed query strings (bad percent escapes, lone &, =, ;).
raw_queries = st.text(alphabet=st.characters(codec="ascii", exclude_characters="#"), max_size=80)

# Forms that exist after the merge; skipped while their URL does not resolve.
FORM_URL_NAMES = ["feedback", "site:feedback", "jobcenter_site:feedback", "barrierefreiheit"]


def assert_safe(response, where: str) -> None:
    assert response.status_code < 500, f"{response.status_code} for {where}"
    body = response.content.decode(errors="replace")
    assert MARKER not in body, f"unescaped reflection for {where}"
    assert "<script>" + MARKER not in body


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """The demo data once for the module's ~290 tests (load_demo took 5 s each).

    Django's setUpTestData pattern: loaded in an outer transaction that is
    rolled back after the module, while every test still runs in its own
    savepoint inside it (the `db` fixture), so no test sees another's writes
    and no other module sees the demo data.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_once, db):
    pass


def endpoints(languages=LANGUAGES) -> list[str]:
    return sorted({path for lang in languages for path in public_paths(lang, demo=True)})


@pytest.mark.parametrize("path", endpoints())
def test_arbitrary_query_strings_never_break_a_page(demo, client, path):
    @FUZZ
    @given(query=params)
    def run(query):
        url = f"{path}?{urlencode(query, doseq=True)}"
        assert_safe(client.get(url), url)

    run()


# Parsing is language-independent: German only keeps CI time down.
@pytest.mark.parametrize("path", endpoints(["de"]))
def test_malformed_query_strings_never_break_a_page(demo, client, path):
    @FUZZ
    @given(raw=raw_queries)
    def run(raw):
        assert_safe(client.get(path, QUERY_STRING=raw), f"{path}?{raw!r}")

    run()


@pytest.mark.parametrize("path", [p for p in endpoints(["de"]) if p.endswith("/")])
def test_arbitrary_path_segments_are_404_not_500(demo, client, path):
    @FUZZ
    @given(segment=values.filter(lambda s: s.strip("/.") != ""))
    def run(segment):
        url = f"{path}{quote(segment, safe='')}/"
        assert_safe(client.get(url), url)

    run()


def discover_forms(client) -> list[str]:
    forms = set()
    for name in FORM_URL_NAMES:
        try:
            with translation.override("de"):
                forms.add(reverse(name))
        except NoReverseMatch:
            continue
    for path in public_paths("de", demo=True):
        html = client.get(path).content.decode(errors="replace")
        forms.update(post_form_actions(html, path))
    return sorted(forms)


def field_names(html: str) -> list[str]:
    names = re.findall(r"<(?:input|textarea|select)\b[^>]*\bname=\"([^\"]+)\"", html)
    return sorted(set(names) - {"csrfmiddlewaretoken"})


def test_public_forms_survive_arbitrary_fields(demo, client):
    forms = discover_forms(client)
    if not forms:
        pytest.skip(f"no public POST form yet (looked for {FORM_URL_NAMES} and on every page)")
    for action in forms:
        fields = field_names(client.get(action).content.decode(errors="replace"))
        assert fields, f"form at {action} has no fields"
        fuzz_form(action, fields)


def fuzz_form(action: str, fields: list[str]) -> None:
    form_data = st.fixed_dictionaries(dict.fromkeys(fields, values), optional={"x": values})

    @FUZZ
    @given(data=form_data)
    def run(data):
        # A fresh client per example: a rate limit or session must not hide a 500.
        assert_safe(Client().post(action, data), f"POST {action} {data!r}")

    run()
