"""One search over the site's content: pages, offices, contacts and press releases.

Each searchable model is a `Source`: its public queryset and its weighted
fields. Translated fields are searched as the reader sees them (their language,
else the German fallback). On PostgreSQL the search is full-text with the
`german_unaccent` configuration (German stemming plus accent folding, created
by migration 0002), ranked; on SQLite every word must occur in some field
(icontains), ranked by the field weights in Python.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from html import unescape
from operator import add, or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from locations.models import ContactPerson, Office
from pressroom.models import PressRelease

from .models import Page

CONFIG = "german_unaccent"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
MAX_PER_SOURCE = 100
# Of a source that can hold many rows (the press archive) only the newest
# CANDIDATES matches are ranked: ranking reads and weighs every candidate's
# text, so without a cap a common word would rank the whole archive
# (bench/README.md, flat cost at 100,000 releases). As many as are shown at
# most, so a search costs the same at 100 and at 100,000 releases.
CANDIDATES = MAX_PER_SOURCE
WEIGHT_POINTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}


@dataclass(frozen=True)
class Source:
    label: str
    queryset: Callable[[], models.QuerySet]
    fields: tuple[tuple[str, str], ...]  # (field, weight A–D)
    snippet_field: str
    url: Callable[[models.Model], str] = lambda obj: obj.get_absolute_url()
    newest: str | None = None  # many rows: rank only the newest CANDIDATES matches


@dataclass(frozen=True)
class Hit:
    label: str
    title: str
    url: str | None
    snippet: SafeString
    rank: float


def _contact_url(contact) -> str:
    return contact.office.get_absolute_url() if contact.office else ""


SOURCES = [
    Source(
        _("Seite"),
        Page.objects.all,
        (("title", "A"), ("intro", "B"), ("body", "C")),
        "intro",
    ),
    Source(
        _("Standort"),
        lambda: Office.objects.active(),
        (("name", "A"), ("city", "B"), ("street", "C"), ("services", "C")),
        "services",
    ),
    Source(
        _("Ansprechperson"),
        lambda: ContactPerson.objects.active().select_related("office"),
        (("name", "A"), ("role", "A"), ("organisation", "B"), ("responsibilities", "C")),
        "responsibilities",
        _contact_url,
    ),
    Source(
        _("Pressemitteilung"),
        lambda: PressRelease.objects.published(),
        (("title", "A"), ("lead", "B"), ("body", "C")),
        "lead",
        newest="-publish_at",
    ),
]


def column(model, field: str, lang: str):
    """The field as the reader sees it: their language, else the German text."""
    try:
        translated = field in translator.get_options_for_model(model).fields
    except NotRegistered:
        translated = False
    if not translated:
        return F(field)
    german = F(f"{field}_{settings.LANGUAGE_CODE}")
    if lang == settings.LANGUAGE_CODE:
        return german
    text = models.TextField()
    return Coalesce(
        NullIf(F(f"{field}_{lang}"), Value(""), output_field=text), german, output_field=text
    )


def search_vector(model, fields, lang: str):
    """The weighted tsvector; for German it equals the GIN index expression."""
    parts = [
        SearchVector(column(model, name, lang), weight=weight, config=CONFIG)
        for name, weight in fields
    ]
    return reduce(add, parts)


def clean_query(raw: str) -> str:
    """Drop control characters (PostgreSQL rejects NUL) and squeeze whitespace."""
    text = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C" or ch in " \t")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def terms_of(query: str) -> list[str]:
    return re.findall(r"\w+", query)[:MAX_TERMS]


def _postgres_hits(source: Source, query: str, lang: str):
    model = source.queryset().model
    vector = search_vector(model, source.fields, lang)
    ts_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    rows = source.queryset()
    if source.newest:
        # A query of its own, not a subquery: inside one, the planner may
        # re-run the (index-ordered) candidate scan for every outer row.
        matches = rows.annotate(search=vector).filter(search=ts_query).order_by(source.newest)
        rows = rows.filter(pk__in=list(matches.values_list("pk", flat=True)[:CANDIDATES]))
    else:
        rows = rows.annotate(search=vector).filter(search=ts_query)
    rows = rows.annotate(rank=SearchRank(vector, ts_query)).order_by("-rank", "pk")
    return [(obj, obj.rank) for obj in rows[:MAX_PER_SOURCE]]


def _fallback_hits(source: Source, terms: list[str], lang: str):
    model = source.queryset().model
    aliases = {f"_s_{name}": column(model, name, lang) for name, _w in source.fields}
    condition = Q()
    for term in terms:
        condition &= reduce(or_, (Q(**{f"{alias}__icontains": term}) for alias in aliases))
    rows = source.queryset().alias(**aliases).filter(condition)
    rows = rows.order_by(source.newest or "pk")[:MAX_PER_SOURCE]
    return [(obj, _fallback_rank(obj, source, terms)) for obj in rows]


def _fallback_rank(obj, source: Source, terms: list[str]) -> float:
    folded_terms = [fold(t) for t in terms]
    score = 0.0
    for name, weight in source.fields:
        value = fold(str(getattr(obj, name, "") or ""))
        score += WEIGHT_POINTS[weight] * sum(value.count(t) for t in folded_terms)
    return score


def run_search(query: str, lang: str | None = None) -> list[Hit]:
    """All hits for the query over every source, best first."""
    lang = (lang or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    terms = terms_of(query)
    if not terms:
        return []
    hits = []
    with translation.override(lang):  # titles, snippets and URLs in that language
        for source in SOURCES:
            if connection.vendor == "postgresql":
                found = _postgres_hits(source, query, lang)
            else:
                found = _fallback_hits(source, terms, lang)
            hits += [_hit(source, obj, rank, terms) for obj, rank in found]
    return sorted(hits, key=lambda hit: -hit.rank)


def _hit(source: Source, obj, rank: float, terms: list[str]) -> Hit:
    try:
        url = source.url(obj) or None
    except NoReverseMatch:  # the app's URLs are not installed (yet)
        url = None
    text = getattr(obj, source.snippet_field, "") or ""
    return Hit(str(source.label), str(obj), url, highlight(text, terms), float(rank or 0))


# --- Snippets -------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents: „Häuser“ → „hauser“ (like PostgreSQL's unaccent)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _stem(term: str) -> str:
    """A crude German stem, good enough to mark „Häuser“ for „Haus“ and back."""
    word = fold(term)
    for ending in ("en", "er", "es", "e", "n", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def highlight(text: str, terms: list[str], width: int = 200) -> SafeString:
    """A plain-text excerpt around the first match, escaped, matches in <mark>."""
    plain = " ".join(unescape(strip_tags(text)).split())
    stems = [_stem(t) for t in terms if t]
    words = list(re.finditer(r"\w+", plain))
    matches = [m for m in words if any(fold(m.group()).startswith(s) for s in stems)]
    start = max(0, matches[0].start() - width // 3) if matches else 0
    if start:
        start = plain.find(" ", start) + 1 or start
    end = min(len(plain), start + width)
    out, pos = [], start
    for m in matches:
        if m.start() < start or m.end() > end:
            continue
        out += [escape(plain[pos : m.start()]), "<mark>", escape(m.group()), "</mark>"]
        pos = m.end()
    out.append(escape(plain[pos:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(plain) else ""
    return mark_safe(prefix + "".join(out) + suffix)
