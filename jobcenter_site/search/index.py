"""Keeping the search index current: on save and delete, in bulk, from scratch.

On SQLite the FTS5 documents (sqlite.py) and on both databases the
vocabulary for „Meinten Sie …?“ (SearchWord) follow every save and delete of
a searchable object, in the same transaction; a municipality, district or
postcode re-indexes its office, an office its contacts. Fixture loading
(raw saves) is skipped: `load_demo` rebuilds at the end, and
`manage.py rebuild_search_index` rebuilds everything.
"""

from collections.abc import Callable, Iterable
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import timezone

from locations.models import ContactPerson, District, Municipality, Office, Postcode
from pressroom.signals import releases_bulk_created

from ..models import SearchWord
from . import sqlite
from .sources import CONTACTS, OFFICES, SOURCES, WEIGHTS, Source, own_languages, source_for, text_in
from .words import fold, plain, stems, tokens

BATCH = 1000


def _uses_fts() -> bool:
    return connection.vendor == "sqlite"


def documents(source: Source, obj) -> list[tuple]:
    """The index rows of one object: German, and each language it has text in."""
    if source.dated and obj.publish_at is None:
        return []  # never public without a publication time
    own = own_languages(source, obj)
    year = live_from = None
    if source.dated:
        year, live_from = timezone.localtime(obj.publish_at).year, obj.public_since
    rows = []
    for lang in [settings.LANGUAGE_CODE, *own]:
        columns = {weight: [] for weight in WEIGHTS}
        for name, weight in source.fields:
            columns[weight].append(plain(text_in(source, obj, name, lang)[0]))
        texts = [stems(" ".join(columns[weight])) for weight in WEIGHTS]
        row = sqlite.row_id(source.kind, obj.pk, lang, live_from)
        rows.append((row, *texts, source.kind, obj.pk, lang, f" {' '.join(own)} ", year))
    return rows


def words_of(source: Source, obj) -> dict[str, str]:
    """folded key → the word as written, from every language of every field."""
    found = {}
    for name, _weight in source.fields:
        values = [getattr(obj, name, "")]
        if source.translated(name):
            values = [getattr(obj, f"{name}_{code}", "") for code, _label in settings.LANGUAGES]
        for word in set(tokens(plain(" ".join(str(v) for v in values if v)))):
            if 3 <= len(word) <= 64 and not any(ch.isdigit() for ch in word):
                found.setdefault(_key(word), word)
    return found


@lru_cache(maxsize=100_000)
def _key(word: str) -> str:
    return fold(word)


def _store_words(words: dict[str, str]) -> None:
    rows = [SearchWord(key=k[:64], word=w[:64], length=len(k)) for k, w in words.items()]
    SearchWord.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)


def reindex(source: Source, pks: Iterable[int]) -> None:
    """Bring the given objects' index rows up to date (gone ones are removed)."""
    pks = list(pks)
    if not pks:
        return
    present = list(source.index_rows().filter(pk__in=pks))
    words = {}
    for obj in present:
        words |= words_of(source, obj)
    if _uses_fts():
        sqlite.delete(source.kind, pks)
        sqlite.insert([row for obj in present for row in documents(source, obj)])
    _store_words(words)


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Index every source from scratch; returns the number of objects."""
    progress = progress or (lambda done, total: None)
    with transaction.atomic():
        if _uses_fts():
            sqlite.clear()
        SearchWord.objects.all().delete()
        total, done = sum(source.index_rows().count() for source in SOURCES), 0
        progress(0, total)
        for source in SOURCES:
            batch = []
            for obj in source.index_rows().iterator(chunk_size=BATCH):
                batch.append(obj)
                if len(batch) == BATCH:
                    done += _bulk(source, batch)
                    progress(done, total)
                    batch = []
            done += _bulk(source, batch)
            progress(done, total)
        if _uses_fts():
            sqlite.rebuild_fts()
    return done


def _bulk(source: Source, objs: list) -> int:
    words = {}
    for obj in objs:
        words |= words_of(source, obj)
    if _uses_fts():
        sqlite.insert([row for obj in objs for row in documents(source, obj)], with_fts=False)
    _store_words(words)
    return len(objs)


# --- signals ------------------------------------------------------------------------


def _saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: rows may point at rows not loaded yet; load_demo rebuilds
        return
    reindex(source_for(sender), [instance.pk])
    if sender is Office:  # contacts are found by their office's town
        reindex(
            CONTACTS, ContactPerson.objects.filter(office=instance).values_list("pk", flat=True)
        )


def _deleted(sender, instance, **kwargs):
    if _uses_fts():
        sqlite.delete(source_for(sender).kind, [instance.pk])


def _place_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    town = instance.pk if sender is Municipality else instance.municipality_id
    reindex(OFFICES, Office.objects.filter(municipality_id=town).values_list("pk", flat=True))


def _bulk_created(sender, releases, **kwargs):
    source = source_for(sender)
    for start in range(0, len(releases), BATCH):
        reindex(source, [release.pk for release in releases[start : start + BATCH]])


def fill_if_empty(**kwargs) -> None:
    """After migrate (and flush): an existing database gets its index once; an
    emptied one (flush) loses its stale rows, which no model signal removed."""
    try:
        empty = sqlite.count() == 0 if _uses_fts() else not SearchWord.objects.exists()
        content = any(source.index_rows().exists() for source in SOURCES)
        if empty != (not content):
            rebuild()
    except DatabaseError:  # migrated backwards: no index tables
        pass


def connect_signals() -> None:
    for source in SOURCES:
        uid = f"search-index-{source.kind}"
        post_save.connect(_saved, sender=source.model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=source.model, dispatch_uid=uid)
    for model in (Municipality, District, Postcode):
        uid = f"search-index-{model.__name__}"
        post_save.connect(_place_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_place_changed, sender=model, dispatch_uid=uid)
    releases_bulk_created.connect(_bulk_created, dispatch_uid="search-index-bulk")
    site = apps.get_app_config("jobcenter_site")
    post_migrate.connect(fill_if_empty, sender=site, dispatch_uid="search-index-fill")
