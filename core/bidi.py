"""Right-to-left text with Latin inside: isolate every left-to-right run.

In Arabic text, a Latin name, a number or an e-mail address that is not
isolated takes its neighbours with it: „Kreis Borken، 23“ becomes one
left-to-right run and the reader sees the parts in the wrong order; „2,0 %“
turns into „% 2,0“. Wrapping each run in ``<bdi dir="ltr">`` (which the
browser renders with ``unicode-bidi: isolate``) keeps the run in its own order
and the Arabic sentence around it in its order. A run of words also carries
``lang="de"``: here they are German terms and names.

A run starts and ends with a Latin letter or a digit (or ends with „%“) and
may contain spaces and the punctuation of names, numbers, dates, phone numbers
and addresses, and a bracket of Latin text right after it („Gronau (Westf.)“). Sentence punctuation at its end stays outside, with the Arabic
(a full stop right before a closing bracket or quote belongs to the run).
"""

import html
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_LTR = r"A-Za-z\u00C0-\u024F0-9"
_RUN = rf"[{_LTR}](?:[{_LTR} \u00A0\u202F.,:/@&+§%'’\-–]*[{_LTR}%])?"
# A name's own bracket goes with it: "Gronau (Westf.)", "Oeding (Südlohn)" are one
# run; split in two, Arabic text showed "(Westf.) Gronau".
LTR_RUN = re.compile(rf"{_RUN}(?:[ \u00A0]?\({_RUN}\.?\))*(?:\.(?=[)”“»\"]))?")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
# Latin words inside Arabic here are German (terms, names, places): marked lang="de"
# so a screen reader switches voice (WCAG 3.1.2). Numbers, e-mail and web addresses
# have no language.
NOT_WORDS = re.compile(r"@|://|^www\.|^[^A-Za-z\u00C0-\u024F]+$")


def isolate_text(text: str) -> SafeString:
    """Escape plain text and isolate its left-to-right runs."""
    out, pos = [], 0
    for match in LTR_RUN.finditer(text):
        run = match.group()
        lang = "" if NOT_WORDS.search(run) else ' lang="de"'
        out.append(escape(text[pos : match.start()]))
        out.append(f'<bdi dir="ltr"{lang}>{escape(run)}</bdi>')
        pos = match.end()
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def isolate_html(markup: str) -> SafeString:
    """The same for sanitized rich text: only text between tags changes."""
    parts = _TAG_OR_TEXT.split(markup)
    return mark_safe(
        "".join(
            part if part.startswith("<") else isolate_text(html.unescape(part)) for part in parts
        )
    )
