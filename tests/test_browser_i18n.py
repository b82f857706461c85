"""What a person meets in other languages and with other bodies (issue 18), in Chromium.

- bidi: in Arabic the dateline and an address keep their order (DOM order,
  computed direction and isolation, and where the parts are drawn);
- the focus ring: for every tab stop of several pages, the computed outline
  is 2 px or more and has 3:1 against the colours next to it, light and dark;
- 200 % zoom in all six languages: a 1280 px window at 200 % is a 640 CSS px
  viewport drawn with deviceScaleFactor 2 (what Chromium's zoom does to layout);
  no page of the inventory and no office page scrolls sideways or cuts text;
- phones (390 px): map labels are 14 CSS px or more, the finder is on the
  first screen, the map's links are not extra tab stops; the home page has
  few, named landmarks.
"""

import pytest

from .browser_checks import inventory, zoom_failures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["de", "en", "nl", "tr", "uk", "ar"]
OFFICES = [
    "kreisverwaltung", "ahaus", "bocholt", "borken", "gescher", "gronau", "heek", "heiden",
    "isselburg", "legden", "raesfeld", "reken", "rhede", "schoeppingen", "stadtlohn",
    "suedlohn", "velen", "vreden",
]  # fmt: skip
RELEASE = "/presse/2019/das-jobcenter-wer-wie-was/"

# Where a substring of an element's text is drawn (a Range over its text nodes).
TEXT_BOX = """
([el, needle]) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent.indexOf(needle);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + needle.length);
    const box = range.getBoundingClientRect();
    return {left: box.left, right: box.right};
  }
  return null;
}
"""


def _bidi(locator) -> dict:
    return locator.evaluate(
        "el => ({direction: getComputedStyle(el).direction,"
        " unicodeBidi: getComputedStyle(el).unicodeBidi})"
    )


def test_arabic_dateline_reads_place_then_date_from_the_right(page, live_server, demo_data):
    page.goto(f"{live_server.url}/ar{RELEASE}")
    dateline = page.locator(".release-header .dateline")
    place, date = dateline.locator("bdi").first, dateline.locator("time").first
    # DOM order: place first; drawn right to left, so the place is right of the date
    assert dateline.evaluate("el => el.firstElementChild.textContent.trim()") == "Kreis Borken"
    assert _bidi(place) == {"direction": "ltr", "unicodeBidi": "isolate"}
    assert _bidi(date)["unicodeBidi"] == "isolate"
    place_box, date_box = place.bounding_box(), date.bounding_box()
    assert place_box["x"] >= date_box["x"] + date_box["width"] - 1
    # „Kreis Borken“ itself stays left to right: „Kreis“ left of „Borken“
    words = [page.evaluate(TEXT_BOX, [place.element_handle(), w]) for w in ("Kreis", "Borken")]
    assert words[0]["right"] <= words[1]["left"] + 1


def test_arabic_address_keeps_postcode_before_town(page, live_server, demo_data):
    page.goto(f"{live_server.url}/ar/standorte/legden/")
    line = page.locator(".address bdi", has_text="48739")
    assert _bidi(line) == {"direction": "ltr", "unicodeBidi": "isolate"}
    postcode = page.evaluate(TEXT_BOX, [line.element_handle(), "48739"])
    town = page.evaluate(TEXT_BOX, [line.element_handle(), "Legden"])
    assert postcode["right"] <= town["left"] + 1  # „48739 Legden“, not „Legden 48739“


def test_arabic_percent_and_time_slots(page, live_server, demo_data):
    page.goto(f"{live_server.url}/ar/")
    values = page.locator(".key-figure-value").all_inner_texts()
    assert "2,0٪" in values
    page.goto(f"{live_server.url}/ar/standorte/heek/")
    slots = page.locator(".hours-table .time-slot")
    assert slots.count() > 0
    assert "بالتوقيت المحلي" not in page.locator(".hours-table").inner_text()
    assert _bidi(slots.first)["direction"] == "ltr"


# The focused element's outline and the colours drawn next to it, sampled where
# they are painted (elementsFromPoint: the skip link, for one, floats over the
# green header, not over its DOM parent): just outside the ring, and inside it
# (the offset gap, or the element itself when the ring has no offset).
FOCUS_RING = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const rgb = (c) => { const m = c.match(/[\\d.]+/g).map(Number);
    return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  const lum = ({r, g, b}) => { const f = (v) => { v /= 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p);
    return (a + 0.05) / (b + 0.05); };
  const page = () => { const c = rgb(getComputedStyle(document.body).backgroundColor);
    return c.a > 0.5 ? c : {r: 255, g: 255, b: 255}; };
  const own = (n) => { for (; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor); if (c.a > 0.5) return c; } return page(); };
  const below = (x, y) => { for (const n of document.elementsFromPoint(x, y)) {
      if (n === el || el.contains(n)) continue;
      const c = rgb(getComputedStyle(n).backgroundColor); if (c.a > 0.5) return c; }
    return page(); };
  el.scrollIntoView({block: "center", inline: "center"});
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const width = parseFloat(style.outlineWidth), offset = parseFloat(style.outlineOffset);
  const y = box.top + box.height / 2;
  const outerX = Math.max(0, box.left - offset - width - 1);
  const ring = rgb(style.outlineColor);
  const outer = below(outerX, y);
  const inner = offset > 0 ? below(box.left - offset / 2, y) : own(el);
  return {
    element: el.outerHTML.slice(0, 100),
    drawn: style.outlineStyle !== "none" && ring.a > 0.5,
    width: width,
    outer: ratio(ring, outer),
    inner: ratio(ring, inner),
  };
}
"""

FOCUS_PAGES = ["/", "/standorte/heek/", RELEASE, "/zahlen-und-fakten/", "/presse/abonnieren/"]
FOCUS_PAGES += ["/barrierefreiheit/feedback/", "/standorte/"]


def _focus_failures(page, url: str) -> list[str]:
    page.goto(url)
    failures, seen = [], 0
    for _ in range(200):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring is None:
            if seen:
                break  # focus left the page: every stop was visited
            continue
        seen += 1
        ok = ring["drawn"] and ring["width"] >= 2 and min(ring["outer"], ring["inner"]) >= 3
        if not ok:
            failures.append(
                f"{url}: {ring['element']} width {ring['width']}, "
                f"contrast {ring['outer']:.2f}/{ring['inner']:.2f}"
            )
    assert seen, f"no tab stop on {url}"
    return failures


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_ring_is_visible_on_every_stop(page, live_server, demo_data, scheme):
    page.emulate_media(color_scheme=scheme)
    failures = []
    for lang in ("de", "ar"):
        for path in FOCUS_PAGES:
            failures += _focus_failures(page, f"{live_server.url}/{lang}{path}")
    assert not failures, "\n".join(failures)


def test_no_overflow_at_200_percent_zoom_in_any_language(browser, live_server, demo_data):
    paths = [p.path for p in inventory() if p.status == 200]
    paths += [f"/standorte/{slug}/" for slug in OFFICES]
    failures = zoom_failures(browser, live_server.url, LANGUAGES, paths)
    assert not failures, "\n".join(failures)


def test_phone_map_labels_are_readable_and_not_extra_tab_stops(browser, live_server, demo_data):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/de/standorte/")
    sizes = page.locator(".map-point text").evaluate_all(
        "els => els.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"
    )
    assert len(sizes) == 17 and min(sizes) >= 14, sizes
    assert page.locator(".map-point").evaluate_all("els => els.every(a => a.tabIndex === -1)")
    assert page.locator(".office-list a").count() >= 17  # the list keeps every link
    context.close()


def test_phone_home_has_the_finder_on_the_first_screen_and_few_landmarks(
    browser, live_server, demo_data
):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/de/")
    box = page.locator("#finder-box-q").bounding_box()
    assert box["y"] + box["height"] <= 844
    landmarks = page.evaluate(
        """() => [...document.querySelectorAll(
          'header, nav, main, footer, aside, form[role=search], [role=search], section[aria-label],'
          + ' section[aria-labelledby], [role=region]')]
          .filter(el => !el.closest('main article'))
          .map(el => el.getAttribute('role') || el.tagName.toLowerCase())"""
    )
    assert len(landmarks) <= 7 and "section" not in landmarks, landmarks
    context.close()
