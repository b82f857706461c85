"""Search on both databases (issue 14).

- SearchWord: the vocabulary for „Meinten Sie …?“ (both databases).
- SQLite only: the FTS5 index (search_doc + search_fts, see search/sqlite.py;
  the SQL is repeated here so this migration never changes with the code).
  RunPython guarded by the vendor rather than lazy creation: the schema is
  visible in one place, and a request never pays for a CREATE.
- PostgreSQL only: the release GIN index now covers every searched field
  (kicker, background, editors' note too); it repeats
  search.postgres.search_vector(RELEASES, "de") exactly.

The index is filled by `manage.py rebuild_search_index` (load_demo and
post_migrate do it when it is empty) and kept current by signals.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

FTS_TABLES = [
    """CREATE TABLE IF NOT EXISTS search_doc (
        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, obj INTEGER NOT NULL,
        lang TEXT NOT NULL, langs TEXT NOT NULL, year INTEGER,
        a TEXT NOT NULL, b TEXT NOT NULL, c TEXT NOT NULL, d TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS search_doc_object ON search_doc (kind, obj)",
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        a, b, c, d, kind UNINDEXED, obj UNINDEXED, lang UNINDEXED, langs UNINDEXED,
        year UNINDEXED, content='search_doc', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
]
RELEASE_FIELDS = [
    ("title_de", "A"),
    ("kicker_de", "A"),
    ("lead_de", "B"),
    ("body_de", "C"),
    ("background_title_de", "C"),
    ("background_text_de", "C"),
    ("editors_note_de", "D"),
]


def _vector(fields):
    parts = [SearchVector(name, weight=weight, config="german_unaccent") for name, weight in fields]
    vector = parts[0]
    for part in parts[1:]:
        vector = vector + part
    return vector


def old_release_index():
    return GinIndex(_vector(RELEASE_FIELDS[:1] + RELEASE_FIELDS[2:4]), name="pressrelease_search_de")


def release_index():
    return GinIndex(_vector(RELEASE_FIELDS), name="release_search_all_de")


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in FTS_TABLES:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        release = apps.get_model("pressroom", "PressRelease")
        schema_editor.remove_index(release, old_release_index())
        schema_editor.add_index(release, release_index())


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute("DROP TABLE IF EXISTS search_doc")
    elif vendor == "postgresql":
        release = apps.get_model("pressroom", "PressRelease")
        schema_editor.remove_index(release, release_index())
        schema_editor.add_index(release, old_release_index())


class Migration(migrations.Migration):
    dependencies = [
        ("jobcenter_site", "0004_page_edit_version_formdraft"),
        ("pressroom", "0005_series_newest_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=64, unique=True)),
                ("word", models.CharField(max_length=64)),
                ("length", models.PositiveSmallIntegerField()),
            ],
            options={"verbose_name": "Suchwort", "verbose_name_plural": "Suchwörter"},
        ),
        migrations.RunPython(forwards, backwards),
    ]
