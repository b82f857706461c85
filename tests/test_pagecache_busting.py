"""Random query strings must not bypass or fill the page cache (issue 16, defect 7).

The cache is keyed on the parameters the views read; any other parameter is
dropped before the view runs, so the request is answered from the canonical
entry and never stored under a new key.
"""

import random
import re
import string
from pathlib import Path

import pytest
from django.conf import settings

from .factories import make_release

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/de/", "/de/presse/", "/de/standorte/", "/en/presse/", "/sitemap.xml", "/robots.txt"]


def random_word(rng, length=8) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(length))


def random_query(rng) -> str:
    pairs = [f"{random_word(rng, rng.randint(1, 12))}={random_word(rng)}" for _ in range(3)]
    return "&".join(pairs[: rng.randint(1, 3)])


def key_count(cache) -> int:
    return len(cache._cache)  # LocMemCache's store: every entry, whatever its key


def test_random_parameters_leave_the_key_count_unchanged(client, page_cache):
    make_release(title="Neue Sprechzeiten in Bocholt")
    canonical = {}
    for path in PAGES:
        client.get(path)
        canonical[path] = client.get(path)
        assert canonical[path]["X-Cache"] == "HIT"
    keys_before = key_count(page_cache)
    rng = random.Random(16)
    for n in range(200):
        path = PAGES[n % len(PAGES)]
        response = client.get(f"{path}?{random_query(rng)}")
        assert response["X-Cache"] == "HIT", path
        assert response.content == canonical[path].content
    assert key_count(page_cache) == keys_before


def test_random_values_of_a_known_number_parameter_are_not_stored(client, page_cache):
    client.get("/de/presse/")
    keys_before = key_count(page_cache)
    rng = random.Random(7)
    for _ in range(50):
        response = client.get(f"/de/presse/?seite={rng.randint(1000, 10**9)}")
        assert response.status_code == 404
    assert key_count(page_cache) == keys_before


def test_known_parameters_still_reach_the_views(client, page_cache):
    response = client.get("/de/barrierefreiheit/feedback/?seite=/de/standorte/&x=1")
    assert 'value="/de/standorte/"' in response.content.decode()
    assert b"Bocholt" in client.get("/de/standorte/?q=46399&utm_campaign=x").content


GET_READS = [
    re.compile(r"""GET\.get(?:list)?\(\s*["'](\w+)["']"""),
    re.compile(r"""GET\[\s*["'](\w+)["']\s*\]"""),
    re.compile(r"""["'](\w+)["']\s+in\s+request\.GET"""),
]


def test_every_parameter_the_code_reads_is_a_key_parameter():
    """A view that starts reading a new parameter must add it to the list (or it is dropped)."""
    read = set()
    for source in ROOT.glob("*/**/*.py"):
        if ".venv" in source.parts or source.parts[len(ROOT.parts)] in ("tests", "bench"):
            continue
        if "staff" in source.parts or "admin" in source.name:
            continue  # the admin is never page-cached (only public, language-prefixed paths)
        text = source.read_text()
        for pattern in GET_READS:
            read |= set(pattern.findall(text))
    read -= {"zugang"}  # embargo media: /presse-medien/ is not a cached path
    # Forms bound to request.GET read their field names.
    from jobcenter_site.views import SearchForm
    from locations.finder_form import FinderForm

    read |= set(SearchForm.base_fields) | set(FinderForm.base_fields)
    assert read <= settings.PAGE_CACHE_QUERY_PARAMETERS, read - settings.PAGE_CACHE_QUERY_PARAMETERS
