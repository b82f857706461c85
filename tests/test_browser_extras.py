"""Subscribe by keyboard, copy a credit line, the office QR code: in a real browser."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from .axe import assert_no_axe_violations
from .factories import make_media, make_office, make_release

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_subscribe_form_has_no_axe_violations(page, live_server, lang):
    page.goto(f"{live_server.url}/{lang}/presse/abonnieren/")
    assert_no_axe_violations(page)


def test_subscribe_with_the_keyboard_alone(page, live_server):
    page.goto(f"{live_server.url}/de/presse/abonnieren/")
    page.get_by_label("Ihre E-Mail-Adresse").focus()
    page.keyboard.type("tastatur@example.invalid")
    page.keyboard.press("Tab")  # the language select (the honeypot has no tab stop)
    page.keyboard.press("Tab")  # how often (immediately, daily, weekly)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/presse/abonnieren/danke/")
    assert page.locator("h1").inner_text() == "Bitte prüfen Sie Ihr Postfach"
    assert_no_axe_violations(page)
    assert [m.to for m in mail.outbox] == [["tastatur@example.invalid"]]


def test_credit_line_copy_button(page, live_server, media_root):
    asset = make_media(make_release(), credit="Foto: Kreis Borken")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}{asset.get_absolute_url()}")
    expect(page.get_by_role("button", name="Bildnachweis kopieren")).to_have_count(1)
    button = page.locator(".copy-button")  # its name changes when clicked
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == "Foto: Kreis Borken"
    expect(button).to_have_text("Bildnachweis kopiert")
    assert_no_axe_violations(page)


def test_office_page_with_qr_code_has_no_axe_violations(page, live_server):
    make_office(slug="heek", name="Jobcenter Heek")
    page.goto(f"{live_server.url}/de/standorte/heek/")
    assert page.locator(".save-contact svg").count() == 1
    assert_no_axe_violations(page)
