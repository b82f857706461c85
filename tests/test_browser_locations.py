"""What only a browser sees: keyboard use, axe-core, the one-page printout."""

import re

import pytest

from .axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_find_the_office_for_46397_from_the_home_page_with_the_keyboard(
    page, live_server, demo_data
):
    page.goto(f"{live_server.url}/de/")
    field = page.get_by_label("Postleitzahl, Stadt, Gemeinde oder Ortsteil")
    for _ in range(40):  # tab until the finder box has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    assert field.evaluate("el => el === document.activeElement")
    page.keyboard.type("46397")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/de/standorte/finden/\?q=46397"))
    assert "Für Bocholt ist zuständig" in page.content()
    result = page.locator(".office-result a")
    for _ in range(40):
        page.keyboard.press("Tab")
        if result.evaluate("el => el === document.activeElement"):
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/de/standorte/bocholt/$"))
    assert page.locator("h1").inner_text() == "Jobcenter der Stadt Bocholt"


@pytest.mark.parametrize(
    "path",
    [
        "/de/standorte/",
        "/de/standorte/heek/",
        "/de/standorte/reken/",
        "/de/standorte/finden/?q=46397",
        "/de/standorte/finden/?q=xyz",
        "/de/standorte/finden/?q=34582",
        "/ar/standorte/",
        "/ar/standorte/legden/",
    ],
)
def test_office_pages_have_no_axe_violations(page, live_server, demo_data, path):
    page.goto(f"{live_server.url}{path}")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("slug", ["heek", "legden", "kreisverwaltung"])
def test_the_notice_fits_one_a4_page(page, live_server, demo_data, slug):
    page.goto(f"{live_server.url}/de/standorte/{slug}/aushang/")
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1


def test_map_points_are_links_for_pointers_and_the_list_has_them_for_keys(
    page, live_server, demo_data
):
    # Issue 18: the list duplicates the 17 map links, so the map's are no extra tab stops.
    page.goto(f"{live_server.url}/de/standorte/")
    links = page.locator("svg a.map-point")
    assert links.count() == 17
    assert links.evaluate_all("els => els.every((a) => a.tabIndex === -1)")
    links.first.click()
    page.wait_for_url(re.compile(r"/de/standorte/[a-z-]+/$"))


def test_office_page_triggers_no_csp_violation(page, live_server, demo_data):
    messages = []
    page.on("console", lambda msg: messages.append(msg.text))
    page.goto(f"{live_server.url}/de/standorte/heek/")
    page.goto(f"{live_server.url}/de/standorte/heek/aushang/")
    assert not [m for m in messages if "Content Security Policy" in m], messages


def test_map_labels_stay_beside_their_points_in_arabic(page, live_server, demo_data):
    page.goto(f"{live_server.url}/ar/standorte/")
    point = page.locator("svg a.map-point", has_text="Rhede")
    circle, label = point.locator("circle").bounding_box(), point.locator("text").bounding_box()
    assert label["x"] > circle["x"]  # right of the point, as in German


def test_combobox_suggests_and_is_operable_by_keyboard(page, live_server, demo_data):
    page.goto(f"{live_server.url}/de/")
    combobox = page.get_by_role("combobox", name="Postleitzahl, Stadt, Gemeinde oder Ortsteil")
    combobox.focus()
    page.keyboard.type("Sued")
    option = page.get_by_role("option", name="Südlohn (46354)")
    option.wait_for()
    assert combobox.get_attribute("aria-expanded") == "true"
    assert_no_axe_violations(page)
    page.keyboard.press("ArrowDown")
    assert combobox.get_attribute("aria-activedescendant") == option.get_attribute("id")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/de/standorte/finden/\?q=S%C3%BCdlohn"))
    assert "Für Südlohn ist zuständig" in page.content()


def test_escape_closes_the_suggestions(page, live_server, demo_data):
    page.goto(f"{live_server.url}/de/standorte/")
    combobox = page.get_by_role("combobox")
    combobox.focus()
    page.keyboard.type("Bo")
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("Escape")
    assert combobox.get_attribute("aria-expanded") == "false"
    assert page.get_by_role("listbox", include_hidden=True).is_hidden()
