"""The gate's own pure helpers: what they let through decides what the gate can catch."""

from .browser_checks import InventoryPage, PageRecorder, expected_console_errors, inventory
from .pages import DEMO_PAGES, ERROR_PAGES, STATIC_PAGES


def test_inventory_holds_every_page_type_with_its_status():
    pages = inventory()
    assert len(pages) == len(STATIC_PAGES) + len(DEMO_PAGES) + len(ERROR_PAGES)
    assert {p.status for p in pages if (p.name, p.path) in ERROR_PAGES} == {404}
    assert InventoryPage("home", "/", 200).url("http://x", "ar") == "http://x/ar/"


def test_only_requests_to_the_site_itself_pass():
    recorder = PageRecorder(origin="http://localhost:8000")
    recorder.requests += [
        "http://localhost:8000/static/css/site.css",
        "data:image/svg+xml,<svg/>",
        "http://localhost:8001/other-port",
        "https://fonts.example.org/font.woff2",
    ]
    assert recorder.foreign_requests() == [
        "http://localhost:8001/other-port",
        "https://fonts.example.org/font.woff2",
    ]


def test_an_error_page_may_log_only_its_own_status():
    url = "http://localhost:8000/de/gibt-es-nicht/"
    own = f"Failed to load resource: the server responded with a status of 404 (Not Found) ({url})"
    other = "Failed to load resource: the server responded with a status of 404 (Not Found) (http://localhost:8000/static/x.css)"
    missing = InventoryPage("404", "/gibt-es-nicht/", 404)
    assert expected_console_errors([own, other], missing, url) == [other]
    assert expected_console_errors([own], InventoryPage("home", "/", 200), url) == [own]
