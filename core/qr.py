"""QR codes as inline SVG, made on the server (segno): no third party, no JS.

Office vCards and notices and the admin's two-factor setup share it. The
markup has no style attributes, so the admin's strict CSP allows it.
"""

from functools import lru_cache

import segno
from django.utils.safestring import SafeString, mark_safe


def make(text: str) -> segno.QRCode:
    return segno.make(text, micro=False, error="m")


def svg(text: str, scale: int = 3, **options) -> SafeString:
    """Inline SVG markup (no XML declaration); `options` go to segno's svg_inline."""
    options = {"svgclass": "qr", "dark": "#000", "light": "#fff", **options}
    code = make(text).svg_inline(scale=scale, **options)
    return mark_safe(code)  # segno's own output; it escapes the text it encodes


@lru_cache(maxsize=512)
def public_svg(text: str) -> SafeString:
    """svg(text), memoised: the code for a URL never changes, and segno took a
    quarter of an office page. For public URLs only (office vCards and
    notices), never for secrets such as a two-factor key, which must not
    stay in memory."""
    return svg(text)
