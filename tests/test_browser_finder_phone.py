"""The phone journey a citizen takes: postcode → answer → call or route, at 390 px."""

import re

import pytest
from django.core.management import call_command

from .axe import assert_no_axe_violations
from .browser_checks import horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db):
    call_command("loaddata", "demo_locations", verbosity=0)
    call_command("import_districts", verbosity=0)


def _on_screen(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
        return r.top >= -1 && r.top < window.innerHeight; }""",
        selector,
    )


def test_postcode_to_answer_to_call_and_route_on_a_phone(page, live_server, demo):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/de/")
    page.get_by_label("Postleitzahl, Stadt, Gemeinde oder Ortsteil").fill("48619")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/de/standorte/finden/\?q=48619#antwort$"))
    assert page.title().startswith("Zuständig für Heek")
    # the answer is on screen and has focus (a screen reader starts reading there)
    assert _on_screen(page, "#antwort")
    assert page.evaluate("document.activeElement.id") == "antwort"
    call = page.get_by_role("link", name="Anrufen: 02568 9300-0")
    assert call.get_attribute("href") == "tel:+49256893000"
    box = call.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # a thumb-sized target
    route = page.get_by_role("link", name="Route planen (OpenStreetMap)")
    assert route.get_attribute("href").startswith("https://www.openstreetmap.org/directions?to=")
    assert "Bahnhofstraße 60" in page.locator("#antwort").inner_text()
    assert horizontal_overflow(page) == 0
    assert_no_axe_violations(page)


def test_a_district_with_unknown_phone_offers_the_county_number(page, live_server, demo):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/de/standorte/finden/")
    page.get_by_label("Postleitzahl, Stadt, Gemeinde oder Ortsteil").fill("Oeding (Südlohn)")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#antwort$"))
    call = page.get_by_role("link", name="Kreisverwaltung anrufen: 02861 681-100")
    assert call.get_attribute("href") == "tel:+492861681100"
    assert horizontal_overflow(page) == 0
    assert_no_axe_violations(page)


@pytest.mark.parametrize("query", ["Gemen", "Bochold", "Winterswijk"])
def test_asking_near_misses_and_outside_answers_are_accessible(page, live_server, demo, query):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/de/standorte/finden/?q={query}#antwort")
    assert horizontal_overflow(page) == 0
    assert_no_axe_violations(page)


def test_without_javascript_the_page_still_opens_at_the_answer(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/de/standorte/finden/")
    page.get_by_label("Postleitzahl, Stadt, Gemeinde oder Ortsteil").fill("Weseke")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q=Weseke#antwort$"))
    assert "Für Borken ist zuständig" in page.locator("#antwort").inner_text()
    assert _on_screen(page, "#antwort")
    context.close()


def test_an_error_puts_focus_on_the_field_and_the_page_suggests_by_keyboard(
    page, live_server, demo
):
    """QA 13: Chromium ignores `autofocus` when the URL has a fragment, so after a failed
    search focus was nowhere; and the finder page itself had no suggestion list."""
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/de/standorte/finden/?q=xyzzy#antwort")
    # Focus may land a frame after "load" (a fragment's scroll can take it first).
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_q'")
    assert page.title().startswith("Fehler: ")
    page.keyboard.press("Control+A")
    page.keyboard.type("Wese")
    option = page.get_by_role("option", name="Weseke (Borken)")
    option.wait_for()
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#id_q", "aria-activedescendant") == "id_q-suggestions-0"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q=Weseke#antwort$"))
    assert page.evaluate("document.activeElement.id") == "antwort"
    assert_no_axe_violations(page)


def test_without_javascript_an_error_opens_at_the_message(browser, live_server, demo):
    """QA 3: without JavaScript the page opened at the hint below the field, so on a
    phone the error message itself was scrolled off the top."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/de/standorte/finden/")
    page.get_by_label("Postleitzahl, Stadt, Gemeinde oder Ortsteil").fill("Bochold")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q=Bochold#antwort$"))
    assert _on_screen(page, "#q-errors")
    context.close()


def test_a_long_word_in_the_error_message_does_not_widen_the_page(page, live_server, demo):
    """QA 3: the message echoes the query; 100 letters without a space overflowed 390 px."""
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/de/standorte/finden/?q={'x' * 100}#antwort")
    assert page.locator("#q-errors").is_visible()
    assert horizontal_overflow(page) == 0
