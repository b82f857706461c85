"""The office pages render from the real demo data in every language."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command

from .pages import DEMO_PAGES

LOCATION_PAGES = [(name, path) for name, path in DEMO_PAGES if path.startswith("/standorte/")]
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def demo(db):
    call_command("loaddata", "demo_locations", verbosity=0)


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
@pytest.mark.parametrize(("name", "path"), LOCATION_PAGES)
def test_location_pages_render_with_demo_data(client, demo, lang, name, path):
    response = client.get(f"/{lang}{path}")
    assert response.status_code == 200, name
    page = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", page)) == 1
    assert not response.cookies


def test_every_demo_office_page_renders(client, demo):
    from locations.models import Office

    for office in Office.objects.all():
        response = client.get(office.get_absolute_url())
        assert response.status_code == 200, office.slug
        vcard = client.get(f"{office.get_absolute_url()}vcard/")
        assert vcard.status_code == 200, office.slug
