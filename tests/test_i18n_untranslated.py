"""No unmarked German on a translated page: every page of the inventory, five languages.

German that a page shows on purpose (a fallback, a German name, a holiday)
carries lang="de", so screen readers switch voice and readers are told; the
scan (tests/german_scan.py) finds German that does not.
"""

import pytest
from django.conf import settings

from .browser_checks import inventory
from .german_scan import unmarked_german

pytestmark = pytest.mark.django_db

TRANSLATIONS = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
OFFICES = ["gronau", "kreisverwaltung", "legden", "suedlohn"]


def test_the_scan_finds_unmarked_german_and_accepts_marked_german():
    page = '<html lang="tr"><body><p>Bitte rufen Sie uns an und kommen Sie vorbei.</p>'
    assert unmarked_german(page)
    marked = '<html lang="tr"><body><p lang="de">Bitte rufen Sie uns an und kommen.</p>'
    assert not unmarked_german(marked)
    names = '<html lang="tr"><body><p>„Jobcenter im Kreis Borken” ve „Agentur für Arbeit”</p>'
    assert not unmarked_german(names)
    url = '<html lang="tr"><body><a href="#">https://www.wn.de/auch-der-rat-und-mit</a>'
    assert not unmarked_german(url)


def test_no_page_shows_unmarked_german_in_a_translation(client, demo_data):
    pages = [p.path for p in inventory() if p.status == 200]
    pages += [f"/standorte/{slug}/" for slug in OFFICES]
    failures = []
    for lang in TRANSLATIONS:
        for path in pages:
            response = client.get(f"/{lang}{path}")
            if response.status_code != 200:
                continue
            failures += [f"/{lang}{path}: {hit}" for hit in unmarked_german(response.text)]
    assert not failures, "\n".join(failures)
