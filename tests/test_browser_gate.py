"""The browser gate: every page type of the inventory, in a real browser.

Each test loads the demo data once (pytest-django flushes the database after
every transactional test, so per page would cost a reload each) and walks the
whole inventory, collecting every failure with its page before it asserts, so
one run names all that is wrong. Checks:

- axe-core, WCAG 2.0/2.1 A+AA and 2.2 AA rules, in de, en and ar;
- only requests to the site itself, no cookie (a page with a POST form may set
  the CSRF cookie, nothing else), no console error, no CSP
  violation, the expected status and exactly one <h1>;
- reflow (WCAG 1.4.10): at 320 CSS px wide the page does not scroll sideways;
- resize text (WCAG 1.4.4): with the root font size at 200 % (what browser
  text zoom does to our rem-based CSS) at a 1280 px desktop, the page does not
  scroll sideways and no text sticks out of the viewport or is clipped by a box
  that hides its overflow;
- text spacing (WCAG 1.4.12): with the spacing the criterion names applied at
  320 px, the same holds (nothing scrolls sideways, nothing is clipped).
"""

import pytest

from .axe import axe_violations, format_violations
from .browser_checks import (
    GATE_LANGUAGES,
    PageRecorder,
    apply_text_spacing,
    clipped_text,
    csp_violations,
    expected_console_errors,
    h1_count,
    horizontal_overflow,
    inventory,
    unexpected_cookies,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}


def _visit(page, url: str, expected_status: int) -> list[str]:
    response = page.goto(url, wait_until="load")
    status = response.status if response else None
    return [] if status == expected_status else [f"status {status}, expected {expected_status}"]


def _report(failures: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n  " + "\n  ".join(items) for where, items in failures.items())


# Light mode in every gate language; dark mode (site.css has its own palette
# through light-dark()) in German.
@pytest.mark.parametrize(
    ("lang", "scheme"), [(lang, "light") for lang in GATE_LANGUAGES] + [("de", "dark")]
)
def test_axe_finds_no_violations_on_any_page(page, live_server, demo_data, lang, scheme):
    page.emulate_media(color_scheme=scheme)
    failures = {}
    for item in inventory():
        url = item.url(live_server.url, lang)
        problems = _visit(page, url, item.status)
        if violations := axe_violations(page):
            problems.append(format_violations(url, violations))
        if problems:
            failures[f"{item.name} ({url})"] = problems
    assert not failures, _report(failures)


@pytest.mark.parametrize("lang", GATE_LANGUAGES)
def test_pages_talk_only_to_the_site_set_no_cookie_and_log_no_error(
    page, live_server, demo_data, lang
):
    recorder = PageRecorder(origin=live_server.url).attach(page)
    failures = {}
    for item in inventory():
        url = item.url(live_server.url, lang)
        recorder.reset()
        page.context.clear_cookies()
        problems = _visit(page, url, item.status)
        page.wait_for_load_state("networkidle")
        problems += [f"third-party request: {u}" for u in recorder.foreign_requests()]
        problems += [f"cookie set: {name}" for name in unexpected_cookies(page)]
        errors = expected_console_errors(recorder.console_errors, item, url)
        problems += [f"console error: {e}" for e in errors]
        problems += [f"CSP violation: {v}" for v in csp_violations(page)]
        if (count := h1_count(page)) != 1:
            problems.append(f"{count} <h1> elements, expected exactly 1")
        if problems:
            failures[f"{item.name} ({url})"] = problems
    assert not failures, _report(failures)


@pytest.mark.parametrize("lang", ["de", "ar"])  # ar: right-to-left overflows the other way
def test_pages_reflow_at_320px_and_keep_text_whole_at_200_percent_and_wide_spacing(
    page, live_server, demo_data, lang
):
    failures = {}
    for item in inventory():
        url = item.url(live_server.url, lang)
        page.set_viewport_size(NARROW)
        problems = _visit(page, url, item.status)
        if (extra := horizontal_overflow(page)) > 0:
            problems.append(f"at 320 px the page scrolls {extra} px sideways")
        page.set_viewport_size(DESKTOP)
        # CSSOM, not a <style> element: the page's CSP (rightly) blocks the latter.
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        if (extra := horizontal_overflow(page)) > 0:
            problems.append(f"at 200 % text the page scrolls {extra} px sideways")
        problems += [f"at 200 % text: {p}" for p in clipped_text(page)]
        page.evaluate("document.documentElement.style.fontSize = ''")
        page.set_viewport_size(NARROW)
        apply_text_spacing(page)
        if (extra := horizontal_overflow(page)) > 0:
            problems.append(f"with text spacing at 320 px the page scrolls {extra} px sideways")
        problems += [f"with text spacing at 320 px: {p}" for p in clipped_text(page)]
        if problems:
            failures[f"{item.name} ({url})"] = problems
    assert not failures, _report(failures)
