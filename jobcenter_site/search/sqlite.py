"""The SQLite engine: an FTS5 index of stemmed, folded text.

`search_doc` holds one row per (object, language) with its text already
stemmed (words.stems) in four weight columns A–D; `search_fts` is an FTS5
index over it (external content: the text is stored once). Rows exist for
German and for each language in which the object has text of its own
(per field the translation, else German); a search in language L reads L's
rows and the German rows of objects without one.

Row ids sort: pages, offices and contacts below RELEASE_BASE; releases above
it by the second they went (or go) public, so "the newest matches that are
public now" is an FTS5 rowid range read backwards, never a sort of every
match. Every hit is still fetched through the source's public queryset
(published(), active()), so the index can never serve an unpublished row.

The tables are created by migration 0005 (only on SQLite; PostgreSQL needs
none of this). Writes happen in the saving transaction (index.py).
"""

import copy
import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from core.memo import per_generation

from .query import Query
from .sources import BY_KIND, Source, only_shown
from .words import stem

logger = logging.getLogger(__name__)

COLUMNS = "id, a, b, c, d, kind, obj, lang, langs, year"
KIND_CODES = {"seiten": 1, "standorte": 2, "ansprechpersonen": 3, "leistungen": 4}
RELEASE_BASE = 1 << 56
BM25 = "bm25(search_fts, 10.0, 4.0, 2.0, 1.0)"  # the weights A–D


def language_index(lang: str) -> int:
    return [code for code, _name in settings.LANGUAGES].index(lang)


def row_id(kind: str, pk: int, lang: str, live_from=None) -> int:
    if kind in KIND_CODES:
        return ((KIND_CODES[kind] << 40) + pk) * 8 + language_index(lang)
    return RELEASE_BASE + _release_key(live_from, pk) * 8 + language_index(lang)


def _release_key(moment, pk: int) -> int:
    """Newer public time, larger key; unique per release below a million pks per second."""
    return (int(moment.timestamp()) << 20) + pk


# --- writing ------------------------------------------------------------------


def delete(kind: str, pks) -> None:
    pks = list(pks)
    with connection.cursor() as cursor:
        for start in range(0, len(pks), 500):
            chunk = pks[start : start + 500]
            marks = ",".join(["%s"] * len(chunk))
            where = f"kind = %s AND obj IN ({marks})"
            cursor.execute(
                f"INSERT INTO search_fts(search_fts, rowid, a, b, c, d, kind, obj, lang, langs, year)"
                f" SELECT 'delete', {COLUMNS} FROM search_doc WHERE {where}",
                [kind, *chunk],
            )
            cursor.execute(f"DELETE FROM search_doc WHERE {where}", [kind, *chunk])


def insert(rows: list[tuple], with_fts: bool = True) -> None:
    """rows: (id, a, b, c, d, kind, obj, lang, langs, year)."""
    marks = ",".join(["%s"] * 10)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO search_doc ({COLUMNS}) VALUES ({marks})", rows)
        if with_fts:
            cursor.executemany(
                f"INSERT INTO search_fts (rowid, a, b, c, d, kind, obj, lang, langs, year)"
                f" VALUES ({marks})",
                rows,
            )


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_doc")
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")


def rebuild_fts() -> None:
    """Build the FTS5 index from search_doc in one pass (after a bulk load)."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


def count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_doc")
        return cursor.fetchone()[0]


# --- searching ----------------------------------------------------------------


def _phrase(words) -> str | None:
    stems = [stem(word) for word in words]
    text = " ".join(s for s in stems if s.strip("_"))
    return '"' + text.replace('"', '""') + '"' if text else None


def match_expression(query: Query) -> str | None:
    """The FTS5 query: (a OR b) AND (c) NOT (d), every stem quoted."""
    groups = []
    for group in query.groups:
        phrases = sorted({p for p in map(_phrase, group) if p})
        if phrases:
            groups.append("(" + " OR ".join(phrases) + ")")
    if not groups:
        return None
    expression = " AND ".join(groups)
    excluded = sorted({p for p in map(_phrase, query.excluded) if p})
    if excluded:
        expression = f"({expression}) NOT ({' OR '.join(excluded)})"
    return expression


def _language_filter(lang: str) -> tuple[str, list]:
    if lang == settings.LANGUAGE_CODE:
        return "lang = %s", [lang]
    return "(lang = %s OR (lang = %s AND instr(langs, %s) = 0))", [
        lang,
        settings.LANGUAGE_CODE,
        f" {lang} ",
    ]


def find(sources: list[Source], query: Query, lang: str, year, limit: int, candidates: int):
    """{kind: [(obj, rank)]}, each fetched through its public queryset, best first."""
    expression = match_expression(query)
    if not expression:
        return {}
    language, language_params = _language_filter(lang)
    selects, params = [], []
    for source in sources:
        head = f"SELECT kind, obj, -{BM25} FROM search_fts WHERE search_fts MATCH %s AND {language}"
        if source.kind in KIND_CODES:
            low = row_id(source.kind, 0, settings.LANGUAGES[0][0])
            selects.append(f"{head} AND rowid >= %s AND rowid < %s ORDER BY 3 DESC LIMIT %s")
            params += [expression, *language_params, low, low + (1 << 43), limit]
        else:
            newest = RELEASE_BASE + _release_key(timezone.now(), (1 << 20) - 1) * 8 + 7
            year_filter = " AND year = %s" if year else ""
            selects.append(
                f"{head} AND rowid > %s AND rowid <= %s{year_filter} ORDER BY rowid DESC LIMIT %s"
            )
            params += [expression, *language_params, RELEASE_BASE, newest]
            params += [year] if year else []
            params.append(candidates)
    sql = " UNION ALL ".join(f"SELECT * FROM ({select})" for select in selects)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
    except DatabaseError:  # an expression FTS5 refuses is no result, never a 500
        logger.warning("search: FTS5 refused %r", expression, exc_info=True)
        return {}
    ranks: dict[str, dict[int, float]] = {}
    for kind, pk, rank in found:
        ranks.setdefault(kind, {})[pk] = max(rank, ranks.get(kind, {}).get(pk, rank))
    return {kind: _fetch(BY_KIND[kind], by_pk, year, lang, limit) for kind, by_pk in ranks.items()}


def _fetch(source: Source, ranks: dict[int, float], year, lang: str, limit: int):
    if source.newest:  # the press archive: only the matching rows, only the shown columns
        rows = only_shown(source, _public(source), lang).filter(pk__in=list(ranks))
        if year and source.dated:
            rows = rows.filter(publish_at__year=year)
    else:  # a few dozen rows: every public one, once per generation; copies, as hits annotate
        public = _small_source(source.kind, lang, timezone.localdate())
        rows = [copy.copy(public[pk]) for pk in ranks if pk in public]
    hits = sorted(((obj, ranks[obj.pk]) for obj in rows), key=lambda hit: (-hit[1], hit[0].pk))
    return hits[:limit]


def _public(source: Source):
    shown = {k: v for k, v in source.annotations().items() if k in source.snippet_fields}
    return source.queryset().annotate(**shown)


@per_generation
def _small_source(kind: str, lang: str, today) -> dict:
    """Offices, services, pages, contacts: all public rows by pk (memoised: core.memo).

    Keyed by the day: an office's prefetched closures start today.
    """
    return {row.pk: row for row in _public(BY_KIND[kind])}
