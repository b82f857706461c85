"""Page weight on first view, per page type (a benchmark, not a test).

    .venv/bin/python bench/page_weight.py [--no-write] [--lang de]

Serves the site production-like (bench/prodserver.py), loads every page of
the inventory (tests/pages.py) in headless Chromium with a cold cache (a new
browser context per page) and adds up the bytes each response puts on the
wire: the body as encoded (WhiteNoise sends gzip for CSS/JS/SVG), without
headers. The HTML comes from Django uncompressed, as the reverse proxy in
front compresses it; it is counted gzip-compressed (level 6, nginx's usual
setting) so the figure is what a visitor downloads. Content images (under
/media/) are listed but not part of the budget. Target: <= 50 KB per page.
Writes the "Page weight" section of bench/README.md and exits 1 over budget.
"""

import argparse
import gzip
import os
import sys
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import sync_playwright
from prodserver import inventory, production_server, replace_section

BUDGET = 50 * 1024
README = Path(__file__).with_name("README.md")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
KINDS = {
    "document": "HTML",
    "stylesheet": "CSS",
    "script": "JS",
    "font": "fonts",
    "image": "images",
}
COLUMNS = ["HTML", "CSS", "JS", "fonts", "images", "other"]


def wire_bytes(response) -> int:
    """Bytes of the response body as transferred, HTML as the proxy would gzip it."""
    encoded = response.request.sizes()["responseBodySize"]
    if response.request.resource_type == "document" and not response.header_value(
        "content-encoding"
    ):
        return len(gzip.compress(response.body(), compresslevel=6))
    return encoded


def weigh(browser, url: str) -> dict[str, int]:
    """Bytes per kind for one cold first view of ``url``."""
    context = browser.new_context()  # a new context has an empty cache
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    weights = defaultdict(int)
    for response in responses:
        kind = KINDS.get(response.request.resource_type, "other")
        if "/media/" in response.url:
            kind = "content images"
        weights[kind] += wire_bytes(response)
    context.close()
    return weights


def table(rows: list[tuple[str, str, dict[str, int]]]) -> str:
    head = "| page | path | " + " | ".join(COLUMNS) + " | total | content images | ≤ 50 KB |"
    lines = [head, "|" + "---|" * (len(COLUMNS) + 5)]
    for name, path, weights in rows:
        total = sum(weights[c] for c in COLUMNS)
        cells = " | ".join(f"{weights[c] / 1024:.1f}" for c in COLUMNS)
        ok = "yes" if total <= BUDGET else "**no**"
        lines.append(
            f"| {name} | `{path}` | {cells} | **{total / 1024:.1f}** | "
            f"{weights['content images'] / 1024:.1f} | {ok} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", default="de")
    parser.add_argument("--no-write", action="store_true", help="print, don't touch README.md")
    args = parser.parse_args()
    rows = []
    with production_server() as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, path, _status in inventory():
            url_path = f"/{args.lang}{path}"
            rows.append((name, url_path, weigh(browser, base + url_path)))
        browser.close()
    report = (
        "Bytes on the wire for a first view (cold cache) in KB (1 KB = 1024 bytes), "
        "compressed as served (other: the favicon): `.venv/bin/python bench/page_weight.py` "
        "(gunicorn, DEBUG=0, WhiteNoise gzip; HTML counted gzip -6 as the reverse proxy "
        "sends it). Budget: ≤ 50 KB without content images.\n\n" + table(rows)
    )
    print(report)
    if not args.no_write:
        replace_section(README, "Page weight", report)
    over = [name for name, _p, w in rows if sum(w[c] for c in COLUMNS) > BUDGET]
    if over:
        print(f"over budget: {', '.join(over)}", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
