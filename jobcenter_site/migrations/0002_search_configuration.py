"""Full-text search on PostgreSQL: German stemming plus accent folding.

`german_unaccent` copies the built-in `german` configuration and runs every
word through `unaccent` before the German stemmer, so „Häuser“, „Hauser“ and
„Haus“ meet. The GIN index repeats search.search_vector(Page, …, "de"); a
test (test_site_search_postgres) proves the planner uses it. Nothing happens
on SQLite, where search falls back to icontains.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CREATE_CONFIG = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'german_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION german_unaccent (COPY = german);
    ALTER TEXT SEARCH CONFIGURATION german_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, german_stem;
  END IF;
END $$;
"""
DROP_CONFIG = "DROP TEXT SEARCH CONFIGURATION IF EXISTS german_unaccent;"


def page_index():
    vector = (
        SearchVector("title_de", weight="A", config="german_unaccent")
        + SearchVector("intro_de", weight="B", config="german_unaccent")
        + SearchVector("body_de", weight="C", config="german_unaccent")
    )
    return GinIndex(vector, name="page_search_de")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_CONFIG)
    schema_editor.add_index(apps.get_model("jobcenter_site", "Page"), page_index())


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("jobcenter_site", "Page"), page_index())
    schema_editor.execute(DROP_CONFIG)


class Migration(migrations.Migration):
    dependencies = [("jobcenter_site", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
