"""The GIN index for press-release search on PostgreSQL (German columns).

It repeats search.search_vector(PressRelease, …, "de") exactly, so the planner
can use it for German searches. Nothing happens on SQLite.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def release_index():
    vector = (
        SearchVector("title_de", weight="A", config="german_unaccent")
        + SearchVector("lead_de", weight="B", config="german_unaccent")
        + SearchVector("body_de", weight="C", config="german_unaccent")
    )
    return GinIndex(vector, name="pressrelease_search_de")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("pressroom", "PressRelease"), release_index())


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("pressroom", "PressRelease"), release_index())


class Migration(migrations.Migration):
    dependencies = [
        ("jobcenter_site", "0002_search_configuration"),
        ("pressroom", "0002_pressestelle_group"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
