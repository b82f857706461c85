"""One search over the site's content, the same behaviour on every database.

`run_search` parses the text once (query.py: synonyms, umlaut spellings,
phrases, exclusions), asks the database's engine (postgres.py or sqlite.py,
the only code that differs) for each source's matching public rows, and
builds the same hits from them: grouped by kind, snippets marked by German
stem in Python, titles with their language. The rest of the site does not
know which engine ran.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db import connection
from django.urls import NoReverseMatch
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from locations import display
from locations.shared_closures import attach_closures

from . import postgres, sqlite
from .query import Query, parse
from .sources import OFFICES, SOURCES, Source, text_in
from .suggest import suggestion
from .words import plain, stem

MAX_PER_SOURCE = 100
# Of a source that can hold many rows (the press archive) only the newest
# CANDIDATES matches are ranked: ranking reads and weighs every candidate's
# text, so without a cap a common word would rank the whole archive
# (bench/README.md, flat cost at 100,000 releases). As many as are shown at
# most, so a search costs the same at 100 and at 100,000 releases.
CANDIDATES = MAX_PER_SOURCE


class Hit:
    """One result. Only kind and rank are known up front; title, link, snippet
    and an office's open-now status are worked out when a page shows the hit,
    so a search costs the ten hits it shows, not the hundred it found."""

    def __init__(self, source: Source, obj, rank: float, query: Query, lang: str):
        self.source, self.obj, self.rank, self.query, self.lang = source, obj, rank, query, lang
        self.kind, self.label = source.kind, str(source.label)

    def __repr__(self):
        return f"<Hit {self.kind} {self.obj.pk} {self.rank:.3f}>"

    @cached_property
    def _title(self) -> tuple[str, str]:
        title, title_lang = text_in(self.source, self.obj, self.source.title_field, self.lang)
        if self.kind == "ansprechpersonen":
            with translation.override(self.lang):
                title = str(self.obj)  # "Name (Funktion)"
        return title, title_lang

    @property
    def title(self) -> str:
        return self._title[0]

    @property
    def title_lang(self) -> str:
        return self._title[1]

    @cached_property
    def url(self) -> str | None:
        with translation.override(self.lang):
            try:
                if self.kind == "ansprechpersonen":
                    office = self.obj.office
                    return office.get_absolute_url() if office else None
                return self.obj.get_absolute_url()
            except NoReverseMatch:  # the app's URLs are not installed (yet)
                return None

    @cached_property
    def _snippet(self) -> tuple[SafeString, str]:
        return snippet_of(self.source, self.obj, self.query, self.lang)

    @property
    def snippet(self) -> SafeString:
        return self._snippet[0]

    @property
    def snippet_lang(self) -> str:
        return self._snippet[1]

    @cached_property
    def office(self):
        """For an office hit: the office with its open-now status attached."""
        if self.source is not OFFICES:
            return None
        with translation.override(self.lang):
            display.with_status([self.obj], timezone.now())
        return self.obj


@dataclass
class Group:
    kind: str
    label: str
    hits: list[Hit]

    @property
    def count(self) -> int:
        return len(self.hits)

    @property
    def capped(self) -> bool:
        """More matches than are listed (the count is then „100+“)."""
        return self.count >= MAX_PER_SOURCE


@dataclass
class SearchResult:
    query: Query
    groups: list[Group] = field(default_factory=list)  # every kind with a hit
    kind: str | None = None  # the kind filter, if any
    suggestion: str | None = None

    @property
    def hits(self) -> list[Hit]:
        shown = [g for g in self.groups if self.kind in (None, g.kind)]
        return [hit for group in shown for hit in group.hits]

    def release_years(self) -> list[int]:
        """The years of the matching releases (for the year filter), newest first."""
        releases = next((g.hits for g in self.groups if g.kind == "pressemitteilungen"), [])
        return sorted({timezone.localtime(h.obj.publish_at).year for h in releases}, reverse=True)

    def __iter__(self):
        return iter(self.hits)

    def __len__(self):
        return len(self.hits)


def _find(sources: list[Source], query: Query, lang: str, year) -> dict[str, list]:
    if connection.vendor == "postgresql":
        return {
            source.kind: postgres.find(source, query, lang, year, MAX_PER_SOURCE, CANDIDATES)
            for source in sources
        }
    return sqlite.find(sources, query, lang, year, MAX_PER_SOURCE, CANDIDATES)


def run_search(
    text: str, lang: str | None = None, kind: str | None = None, year: int | None = None
) -> SearchResult:
    """The hits for what a person typed, grouped by kind; a year keeps only releases."""
    lang = (lang or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    query = parse(text)
    kind = "pressemitteilungen" if year else kind
    result = SearchResult(query, kind=kind)
    if not query:
        return result
    found = _find(SOURCES, query, lang, year)
    if offices := [obj for obj, _rank in found.get(OFFICES.kind, [])]:
        attach_closures(offices, timezone.localdate())  # county-wide closures, in bulk
    for source in SOURCES:
        rows = found.get(source.kind, [])
        hits = [Hit(source, obj, float(rank or 0), query, lang) for obj, rank in rows]
        if hits:
            result.groups.append(Group(source.kind, str(source.label), hits))
    if not result.groups:
        result.suggestion = _checked_suggestion(text, lang)
    return result


def _checked_suggestion(text: str, lang: str) -> str | None:
    """A suggestion only if it finds something public (so it never leaks a word)."""
    suggested = suggestion(text)
    if not suggested:
        return None
    query = parse(suggested)
    # One kind after the other, offices (the usual typo: a town) first.
    if any(_find([source], query, lang, None).get(source.kind) for source in SOURCES):
        return suggested
    return None


def snippet_of(source: Source, obj, query: Query, lang: str) -> tuple[SafeString, str]:
    """The first snippet field with a marked word, else the first with text."""
    first = None
    for name in source.snippet_fields:
        text, text_lang = text_in(source, obj, name, lang)
        if not re.search(r"\w", text):
            continue
        marked = highlight(text, query.words)
        if "<mark>" in marked:
            return marked, text_lang
        first = first or (marked, text_lang)
    return first or (mark_safe(""), lang)


# --- Snippets -------------------------------------------------------------


def highlight(text: str, words, width: int = 200) -> SafeString:
    """A plain-text excerpt around the first match, escaped; words with the
    German stem of one of `words` in <mark> („Haus“ marks „Häuser“)."""
    plain_text = plain(text)
    wanted = {stem(word) for word in words if word}
    words = list(re.finditer(r"\w+", plain_text))
    matches = [m for m in words if stem(m.group()) in wanted]
    start = max(0, matches[0].start() - width // 3) if matches else 0
    if start:
        start = plain_text.find(" ", start) + 1 or start
    end = min(len(plain_text), start + width)
    out, pos = [], start
    for m in matches:
        if m.start() < start or m.end() > end:
            continue
        out += [escape(plain_text[pos : m.start()]), "<mark>", escape(m.group()), "</mark>"]
        pos = m.end()
    out.append(escape(plain_text[pos:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(plain_text) else ""
    return mark_safe(prefix + "".join(out) + suffix)
