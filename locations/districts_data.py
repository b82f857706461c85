"""The districts of the 17 municipalities, from locations/data/districts.csv.

One upsert function used by `manage.py import_districts` (and `load_demo`),
so the demo, production and the tests load the same rows.
"""

import csv
from pathlib import Path

from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"
DISTRICTS_CSV = DATA_DIR / "districts.csv"
KINDS = {"Ortsteil", "Stadtteil", "Ortschaft", "Bauerschaft"}


def read_rows(path: Path = DISTRICTS_CSV) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def alt_forms(row: dict) -> list[str]:
    return [form.strip() for form in row["alt_forms"].split(";") if form.strip()]


@transaction.atomic
def import_districts(rows=None) -> tuple[int, int, list[str]]:
    """Create or update one District per row; returns (created, updated, skipped slugs)."""
    from .models import District, Municipality

    towns = {town.slug: town for town in Municipality.objects.all()}
    created = updated = 0
    skipped = []
    for row in rows if rows is not None else read_rows():
        town = towns.get(row["municipality_slug"])
        if town is None:
            skipped.append(row["municipality_slug"])
            continue
        kind = row["kind"] if row["kind"] in KINDS else "Ortsteil"
        _district, was_created = District.objects.update_or_create(
            municipality=town,
            name=row["district"],
            defaults={
                "kind": kind.lower(),
                "postcodes": row["postcode"],
                "alt_forms": "\n".join(alt_forms(row)),
                "confidence": row["confidence"],
                "source": row["source"],
            },
        )
        created += was_created
        updated += not was_created
    return created, updated, sorted(set(skipped))
