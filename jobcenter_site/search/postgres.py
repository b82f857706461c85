"""The PostgreSQL engine: full-text search on the tables themselves.

Configuration `german_unaccent` (migration 0002: unaccent, then the German
Snowball stemmer); GIN indexes on the German vectors of pages and releases
(0002, 0005); ranked with ts_rank. The query is the parsed `Query`, one
phrase query per alternative, ORed within a group and ANDed across groups,
so synonyms and umlaut spellings reach the same GIN index.
"""

from functools import reduce
from operator import add, and_, or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf

from .query import Query
from .sources import Source, only_shown

CONFIG = "german_unaccent"


def column(source: Source, name: str, lang: str):
    """The field as the reader sees it: their language, else the German text."""
    if not source.translated(name):
        return F(name)
    german = F(f"{name}_{settings.LANGUAGE_CODE}")
    if lang == settings.LANGUAGE_CODE:
        return german
    text = models.TextField()
    return Coalesce(
        NullIf(F(f"{name}_{lang}"), Value(""), output_field=text), german, output_field=text
    )


def search_vector(source: Source, lang: str):
    """The weighted tsvector; for German it equals the GIN index expression."""
    parts = [
        SearchVector(column(source, name, lang), weight=weight, config=CONFIG)
        for name, weight in source.fields
    ]
    return reduce(add, parts)


def ts_query(query: Query) -> SearchQuery:
    def phrase(words):
        return SearchQuery(" ".join(words), search_type="phrase", config=CONFIG)

    found = reduce(and_, (reduce(or_, map(phrase, group)) for group in query.groups))
    for words in query.excluded:
        found &= ~phrase(words)
    return found


def find(source: Source, query: Query, lang: str, year: int | None, limit: int, candidates: int):
    """[(obj, rank)] of the source's public rows that match, best first."""
    vector, wanted = search_vector(source, lang), ts_query(query)
    rows = source.queryset().annotate(**source.annotations())
    if year and source.dated:
        rows = rows.filter(publish_at__year=year)
    if source.newest:
        # A query of its own, not a subquery: inside one, the planner may
        # re-run the (index-ordered) candidate scan for every outer row.
        matches = rows.annotate(search=vector).filter(search=wanted).order_by(source.newest)
        rows = rows.filter(pk__in=list(matches.values_list("pk", flat=True)[:candidates]))
        rows = only_shown(source, rows, lang)
    else:
        rows = rows.annotate(search=vector).filter(search=wanted)
    rows = rows.annotate(rank=SearchRank(vector, wanted)).order_by("-rank", "pk")
    return [(obj, obj.rank) for obj in rows[:limit]]
