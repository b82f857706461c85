"""Find German text on a non-German page that is not marked lang="de".

A heuristic, and it can fail: a text run counts as German when it holds at
least two German function words that are not also words of English, Dutch
or Turkish („und“, „nicht“, „für“ …; „die“ and „is“ are Dutch, so they do
not count). Proper names that contain such words (the Jobcenter's own name,
the series and campaign titles the translations quote) are removed first:
WCAG 3.1.2 exempts proper names. Web and e-mail addresses are no language either.
"""

import re
from html.parser import HTMLParser

GERMAN_WORDS = frozenset(
    """und nicht für mit auf eine einer einem eines wird sind oder auch bei nach dem des
    zum zur über ist sie ihr ihre ihren wir uns unsere können haben wenn dass noch nur
    sich vom hier uhr geschlossen öffnungszeiten straße bitte keine kein werden""".split()
) - {"werden"}  # also Dutch

PROPER_NAMES = [
    "Jobcenter im Kreis Borken",
    "Das Jobcenter im Kreis Borken stellt sich vor",
    "Aktionswoche der kommunalen Jobcenter",
    "Kommunale Jobcenter – Stark. Sozial. Vor Ort.",
    "Grundsicherung für Arbeitsuchende",
    "Das Jobcenter – wer, wie, was?",
    "Agentur für Arbeit",
    # the legal name of the SGB XII benefit, quoted and explained by the glossary
    "Grundsicherung im Alter und bei Erwerbsminderung",
]
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_SKIP = {"script", "style", "template", "svg"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_VOID |= {"track", "wbr"}


_URL = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+")


def german_words(text: str) -> list[str]:
    text = _URL.sub(" ", text)  # an address is no language („…/auch-der-…“ in a URL)
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    return [w for w in _WORD.findall(text) if w.lower() in GERMAN_WORDS]


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []  # (tag, lang)
        self.in_body = False
        self.texts: list[tuple[str, str]] = []  # (lang, text)

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        if tag in _VOID:
            return
        lang = dict(attrs).get("lang")
        self.stack.append((tag, lang if lang is not None else self.lang()))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_data(self, data):
        if not self.in_body or any(tag in _SKIP for tag, _lang in self.stack):
            return
        if data.strip():
            self.texts.append((self.lang() or "", data))


def unmarked_german(html: str) -> list[str]:
    """Text runs outside lang="de" that read as German, with the words found."""
    scanner = _Scanner()
    scanner.feed(html)
    found = []
    for lang, text in scanner.texts:
        if lang.split("-")[0] == "de":
            continue
        words = german_words(text)
        if len(words) >= 2:
            found.append(f"[{lang}] {' '.join(text.split())[:90]!r} ({', '.join(words)})")
    return found
