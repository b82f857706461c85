"""Helpers for the browser gate: the inventory as URLs, and what a browser records.

Everything here works over the inventory in ``tests/pages.py``, so a page
type added there is covered by every check without touching the gate.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings

from .pages import DEMO_PAGES, ERROR_PAGES, STATIC_PAGES

# The languages the gate checks: the source, the most used translation and
# the right-to-left one.
GATE_LANGUAGES = ["de", "en", "ar"]

# Injected by Playwright before any page script (it is not part of our HTML, so
# the strict CSP does not apply to it): keeps every CSP violation the page
# reports, so a test can read them after the load.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile || "?"}:${event.lineNumber || 0})`
  );
});
"""


@dataclass(frozen=True)
class InventoryPage:
    name: str
    path: str  # without the language prefix
    status: int  # what the server must answer

    def url(self, base: str, lang: str) -> str:
        return f"{base}/{lang}{self.path}"


def inventory() -> list[InventoryPage]:
    """Every page type: static and demo pages answer 200, error pages their error."""
    pages = [InventoryPage(name, path, 200) for name, path in STATIC_PAGES + DEMO_PAGES]
    pages += [InventoryPage(name, path, 404) for name, path in ERROR_PAGES]
    return pages


def find_page(*, name_contains: str = "", path_contains: str = "") -> InventoryPage | None:
    """The first inventory page whose name and path contain the given parts."""
    for page in inventory():
        if name_contains in page.name and path_contains in page.path and page.status == 200:
            return page
    return None


@dataclass
class PageRecorder:
    """Listens to one Playwright page: requests, console errors, page errors."""

    origin: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def attach(self, page) -> "PageRecorder":
        page.add_init_script(RECORD_CSP_VIOLATIONS)
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        return self

    def reset(self) -> None:
        self.requests.clear()
        self.console_errors.clear()

    def _on_console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.console_errors.append(f"{message.text} ({where})")

    def foreign_requests(self) -> list[str]:
        """Requests to any origin but the site (data: URIs are part of the page)."""
        return [
            url
            for url in self.requests
            if not url.startswith("data:") and _origin(url) != self.origin
        ]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def expected_console_errors(errors: list[str], page: InventoryPage, url: str) -> list[str]:
    """Drop the one console error an error page must cause: its own status line."""
    if page.status == 200:
        return errors
    own = f"the server responded with a status of {page.status}"
    return [error for error in errors if not (own in error and error.endswith(f"({url})"))]


def unexpected_cookies(page) -> list[str]:
    """Cookies the page set. Only a page with a POST form may set one: the CSRF cookie."""
    has_post_form = page.locator("form[method=post i]").count() > 0
    allowed = {settings.CSRF_COOKIE_NAME} if has_post_form else set()
    return [c["name"] for c in page.context.cookies() if c["name"] not in allowed]


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def h1_count(page) -> int:
    return page.locator("h1").count()


# Text that sticks out of the viewport sideways (measured on the text itself,
# since a block's box keeps its width while its text overflows it), and boxes
# that hide overflowing content. A box that scrolls (overflow auto/scroll,
# e.g. .table-scroll) is allowed: its content stays reachable. Boxes of at most
# 1 px (.visually-hidden) are meant to be invisible and are skipped.
FIND_CLIPPED_TEXT = """
() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  const hidden = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width <= 1 || box.height <= 1 || style.visibility === "hidden";
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const problems = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || hidden(el) || scrolls(el)) continue;
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left < -1)) {
      problems.push(`text in ${describe(el)} spans ${Math.round(box.left)}..${Math.round(box.right)} px of ${width}`);
    }
  }
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (!["hidden", "clip"].includes(style.overflowX) || hidden(el)) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${describe(el)} clips its content: ${el.scrollWidth} > ${el.clientWidth} px`);
    }
  }
  return problems;
}
"""


# WCAG 1.4.12 text spacing, the bookmarklet values. Inserted through the CSSOM
# into our own (same-origin) stylesheet: a <style> element would be blocked by
# the page's CSP, and rightly so.
TEXT_SPACING = [
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    " word-spacing: 0.16em !important; }",
    "p { margin-block-end: 2em !important; }",
]


def apply_text_spacing(page) -> None:
    page.evaluate(
        """(rules) => { const sheet = [...document.styleSheets].find((s) => s.href);
        for (const rule of rules) sheet.insertRule(rule, sheet.cssRules.length); }""",
        TEXT_SPACING,
    )


def horizontal_overflow(page) -> int:
    """How far the document scrolls sideways beyond the viewport (0 = it does not)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def clipped_text(page) -> list[str]:
    return page.evaluate(FIND_CLIPPED_TEXT)


# A focus indicator the user can see: an outline that is drawn, or a box-shadow.
FOCUS_STYLE = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    element: el.outerHTML.slice(0, 120),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
  };
}
"""


def assert_focus_visible(page) -> None:
    """The focused element shows a focus indicator (WCAG 2.4.7)."""
    focus = page.evaluate(FOCUS_STYLE)
    assert focus is not None, f"nothing focused on {page.url}"
    assert focus["outline"] or focus["shadow"], (
        f"focus not visible on {page.url}: {focus['element']}"
    )


def to_top_of_page(page) -> None:
    """Bring keyboard focus to the start of the page, with the keyboard.

    A page may autofocus a field (the finder with an error does). Tab on from
    there until focus leaves the page into the browser's UI; the next Tab
    then starts at the top, as it would for a person.
    """
    # autofocus is applied at a rendering step after `load`: let two frames pass.
    page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    for _ in range(200):
        if page.evaluate("document.activeElement === document.body"):
            return
        assert_focus_visible(page)
        page.keyboard.press("Tab")
    raise AssertionError(f"focus never left the page on {page.url}")


def tab_to(page, selector: str, *, max_tabs: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has focus, checking every stop.

    Past the last stop focus leaves for the browser's own UI (the body is
    active); the next Tab comes back at the top, as for a real user.
    """
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            continue
        assert_focus_visible(page)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {max_tabs} Tab presses on {page.url}")


def zoom_failures(browser, base_url: str, languages, paths) -> list[str]:
    """Pages that scroll sideways or clip text at 200 % zoom: 640 CSS px at
    deviceScaleFactor 2, what a 1280 px window lays out at 200 %."""
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    failures = []
    for lang in languages:
        for path in paths:
            page.goto(f"{base_url}/{lang}{path}")
            if overflow := horizontal_overflow(page):
                failures.append(f"/{lang}{path}: scrolls sideways by {overflow} px")
            failures += [f"/{lang}{path}: {problem}" for problem in clipped_text(page)]
    context.close()
    return failures
