"""The office pages render from the real demo data in every language."""

from django.conf import settings

from .pages import DEMO_PAGES

LOCATION_PAGES = [(name, path) for name, path in DEMO_PAGES if path.startswith("/standorte/")]
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def test_every_demo_office_page_renders(client, demo_data):
    from locations.models import Office

    for office in Office.objects.all():
        response = client.get(office.get_absolute_url())
        assert response.status_code == 200, office.slug
        vcard = client.get(f"{office.get_absolute_url()}vcard/")
        assert vcard.status_code == 200, office.slug
