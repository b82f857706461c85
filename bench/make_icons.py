"""Rasterise static/img/favicon.svg into favicon.ico, the touch icon and the publisher logo.

Run once after changing the SVG (needs Chromium, as the browser tests do):
    .venv/bin/python bench/make_icons.py
The outputs are committed; nothing runs this at request time.
"""

import io
import os
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

IMG = Path(__file__).resolve().parent.parent / "static" / "img"
SVG = (IMG / "favicon.svg").read_text()


def render(page, size: int, background: str) -> Image.Image:
    page.set_viewport_size({"width": size, "height": size})
    html = (
        f"<html><body style='margin:0;background:{background}'>"
        f"<div style='width:{size}px;height:{size}px'>{SVG}</div></body></html>"
    )
    page.set_content(html.replace("<svg ", f"<svg width='{size}' height='{size}' ", 1))
    png = page.screenshot(omit_background=background == "transparent")
    return Image.open(io.BytesIO(png)).convert("RGBA")


def main():
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        page = browser.new_page()
        logo = render(page, 512, "transparent")
        # iOS rounds the corners itself and fills transparency with black: a full square.
        touch = render(page, 180, "#00594f")
        browser.close()
    logo.save(IMG / "logo-512.png", optimize=True)
    touch.convert("RGB").save(IMG / "apple-touch-icon.png", optimize=True)
    logo.save(IMG / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
