"""The service pages and the glossary in the five translations, in Chromium (issue 18).

What a reader of tr, uk or ar meets when they look up how to apply:

- no German outside lang="de" in the rendered page (tests/german_scan.py, run
  on the DOM the browser built, not on the server's HTML);
- at 200 % zoom (a 640 CSS px viewport at deviceScaleFactor 2) nothing scrolls
  sideways and no text is cut;
- in Arabic every Latin word sits in an isolated left-to-right run (bdi,
  dir="ltr" or a lang="de" fallback), so „SGB II“, „§ 36“ and the German terms
  keep their order inside the Arabic sentence.
"""

import pytest

from .browser_checks import apply_text_spacing, horizontal_overflow, zoom_failures
from .german_scan import unmarked_german

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRANSLATIONS = ["en", "nl", "tr", "uk", "ar"]
PAGES = [
    "/was-kann-ich-wo-erledigen/",
    "/was-kann-ich-wo-erledigen/grundsicherungsgeld-beantragen/",
    "/was-kann-ich-wo-erledigen/weiterbewilligung/",
    "/begriffe/",
]

# Latin words inside right-to-left text that no isolating ancestor holds.
UNISOLATED_LATIN = """
() => {
  const main = document.querySelector("main");
  const latin = /[A-Za-zÄÖÜäöüß]{2,}/;
  const isolated = (el) => {
    for (; el && el !== main.parentElement; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.direction === "ltr" && /isolate|plaintext/.test(s.unicodeBidi)) return true;
    }
    return false;
  };
  const found = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!latin.test(node.textContent) || el.closest("script, style, svg")) continue;
    if (!el.getClientRects().length) continue;  // not drawn
    if (getComputedStyle(el).direction === "rtl" && !isolated(el)) {
      found.push(`${el.tagName.toLowerCase()}: ${node.textContent.trim().slice(0, 80)}`);
    }
  }
  return found;
}
"""


def _slugs_exist(page, base):
    page.goto(f"{base}/de{PAGES[0]}")
    links = page.locator(".service-list h2 a").evaluate_all("els => els.map(a => a.pathname)")
    return [path[3:] for path in links]


def test_no_unmarked_german_on_service_pages_and_glossary(page, live_server, demo_data):
    assert set(PAGES[1:3]) <= set(_slugs_exist(page, live_server.url))
    failures = []
    for lang in TRANSLATIONS:
        for path in PAGES:
            response = page.goto(f"{live_server.url}/{lang}{path}")
            assert response.status == 200, f"/{lang}{path}"
            assert page.evaluate("document.documentElement.lang") == lang
            failures += [f"/{lang}{path}: {hit}" for hit in unmarked_german(page.content())]
    assert not failures, "\n".join(failures)


def test_service_content_is_translated_not_a_german_fallback(page, live_server, demo_data):
    for lang in TRANSLATIONS:
        page.goto(f"{live_server.url}/{lang}{PAGES[1]}")
        assert page.locator("main .fallback-notice").count() == 0, lang
        # A fallback is a German element; a German term inside the translation is a
        # marked <bdi lang="de"> (Arabic), which is not a fallback.
        assert page.locator("h1 [lang=de]:not(bdi)").count() == 0, lang
        assert page.locator(".translation-notice").count() == 1, lang  # unchecked: German binds


def test_service_pages_and_glossary_fit_at_200_percent_zoom(browser, live_server, demo_data):
    failures = zoom_failures(browser, live_server.url, ["de", *TRANSLATIONS], PAGES)
    assert not failures, "\n".join(failures)


def test_arabic_service_pages_isolate_every_latin_word(page, live_server, demo_data):
    failures = []
    for path in PAGES:
        page.goto(f"{live_server.url}/ar{path}")
        assert page.evaluate("document.documentElement.dir") == "rtl"
        failures += [f"/ar{path}: {hit}" for hit in page.evaluate(UNISOLATED_LATIN)]
    assert not failures, "\n".join(failures)


def test_arabic_summary_keeps_the_paragraph_reference_in_order(page, live_server, demo_data):
    """„(المادة 36 من SGB II)“: drawn right to left, „36“ right of „SGB II“, and „SGB II“
    itself left to right (each Latin run is its own isolated bdi). At 390 px the reference
    is on one line."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/ar{PAGES[1]}")
    boxes = page.evaluate(
        """() => {
          const number = [...document.querySelectorAll("main p bdi")]
            .find((b) => b.textContent === "36");
          let law = number.nextElementSibling;
          const word = (el, needle) => { const node = el.firstChild;
            const at = node.textContent.indexOf(needle), range = document.createRange();
            range.setStart(node, at); range.setEnd(node, at + needle.length);
            return range.getBoundingClientRect(); };
          const style = getComputedStyle(law);
          const n = number.getBoundingClientRect(), sgb = word(law, "SGB"), ii = word(law, "II");
          return {law: law.textContent, direction: style.direction, bidi: style.unicodeBidi,
            between: number.nextSibling.textContent, number: n.left, sgbRight: sgb.right,
            sameLine: n.top === sgb.top && sgb.top === ii.top, sgb: sgb.left, ii: ii.left};
        }"""
    )
    assert boxes["law"] == "SGB II"
    assert (boxes["direction"], boxes["bidi"]) == ("ltr", "isolate")
    assert boxes["between"] == " من "  # DOM order: المادة 36 من SGB II
    if boxes["sameLine"]:  # where the line does not break inside the reference
        assert boxes["number"] >= boxes["sgbRight"] - 1  # right to left: 36 first
        assert boxes["sgb"] < boxes["ii"]  # SGB II itself left to right


# Text of the figures charts that is drawn outside its chart (cut off by an SVG
# viewBox or a narrow column) or drawn smaller than 12 CSS px.
CHART_TEXT_PROBLEMS = """
() => [...document.querySelectorAll("figure.chart")].flatMap((figure) => {
  const frame = figure.getBoundingClientRect(), range = document.createRange(), out = [];
  const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest(".visually-hidden")) continue;
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(el).fontSize) * (el.getScreenCTM ? el.getScreenCTM().a : 1);
    if (box.left < frame.left - 1 || box.right > frame.right + 1 || size < 12) {
      out.push(`${node.textContent.trim().slice(0, 50)}: ${Math.round(box.left)}..` +
        `${Math.round(box.right)} in ${Math.round(frame.left)}..${Math.round(frame.right)}, ${size} px`);
    }
  }
  return out;
})
"""


def test_figures_chart_labels_fit_at_320_px_with_text_spacing(browser, live_server, demo_data):
    """WCAG 1.4.12 at 320 px (1.4.10): the Dutch labels were the longest and were cut off."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    failures = []
    for lang in ["de", *TRANSLATIONS]:
        page.goto(f"{live_server.url}/{lang}/zahlen-und-fakten/")
        assert page.locator("figure.chart .chart-row").count() >= 2
        apply_text_spacing(page)
        failures += [f"/{lang}/: {problem}" for problem in page.evaluate(CHART_TEXT_PROBLEMS)]
        if overflow := horizontal_overflow(page):
            failures.append(f"/{lang}/zahlen-und-fakten/: scrolls sideways by {overflow} px")
    context.close()
    assert not failures, "\n".join(failures)


ARABIC_PAGES_TOO = ["/", "/standorte/", "/standorte/finden/?q=Oeding#antwort"]


def test_arabic_home_offices_and_finder_isolate_every_latin_word(page, live_server, demo_data):
    """The same check over the home page, the office list, every office and a finder answer."""
    page.goto(f"{live_server.url}/de/standorte/")
    offices = page.locator(".office-item a").evaluate_all("els => els.map(a => a.pathname)")
    office_pages = {path[3:] for path in offices if path.startswith("/de/standorte/")}
    assert len(office_pages) == 18
    paths = ARABIC_PAGES_TOO + sorted(office_pages)
    failures = []
    for path in paths:
        page.goto(f"{live_server.url}/ar{path}")
        failures += [f"/ar{path}: {hit}" for hit in page.evaluate(UNISOLATED_LATIN)]
    assert not failures, "\n".join(failures)
