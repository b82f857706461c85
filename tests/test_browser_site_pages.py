import pytest

from jobcenter_site.models import Feedback

from .axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_home_with_figures_has_no_axe_violations(page, live_server, demo_data, lang):
    page.goto(f"{live_server.url}/{lang}/")
    assert page.locator("html").get_attribute("lang") == lang
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    "path",
    [
        "/de/zahlen-und-fakten/",
        "/ar/zahlen-und-fakten/",
        "/en/datenschutz/",
        "/de/gebaerdensprache/",
        "/de/barrierefreiheit/feedback/",
        "/de/suche/?q=Jobcenter",
        "/en/das-jobcenter/",
        "/de/impressum/",
        "/de/barrierefreiheit/",
        "/ar/leichte-sprache/",
        "/de/barrierefreiheit/feedback/danke/",
    ],
)
def test_site_pages_have_no_axe_violations(page, live_server, demo_data, path):
    page.goto(f"{live_server.url}{path}")
    assert_no_axe_violations(page)


def test_feedback_form_can_be_sent_with_the_keyboard_alone(page, live_server):
    page.goto(f"{live_server.url}/de/barrierefreiheit/feedback/?seite=/de/impressum/")
    page.locator("#id_page_url").focus()
    page.keyboard.press("Tab")  # to the description
    assert page.evaluate("document.activeElement.id") == "id_description"
    page.keyboard.type("Der Kontrast im Kopfbereich ist zu schwach.")
    page.keyboard.press("Tab")
    page.keyboard.type("Erika Muster")
    page.keyboard.press("Tab")
    page.keyboard.type("erika@example.invalid")
    page.keyboard.press("Tab")  # the honeypot is skipped: next stop is the button
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url("**/barrierefreiheit/feedback/danke/")
    assert page.locator("h1").inner_text() == "Vielen Dank für Ihre Meldung"
    report = Feedback.objects.get()
    assert report.page_url == "/de/impressum/"
    assert report.email == "erika@example.invalid"


def test_feedback_errors_are_announced(page, live_server):
    page.goto(f"{live_server.url}/de/barrierefreiheit/feedback/")
    page.get_by_role("button", name="Meldung absenden").press("Enter")
    assert page.get_by_role("alert").is_visible()
    assert page.locator("#id_description").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)
