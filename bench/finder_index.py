"""How much the finder's place index costs: one build, and one answer from it.

    .venv/bin/python bench/finder_index.py      # against the demo data in db.sqlite3

Prints the median of several runs for: building the index from the database
(towns, postcodes, 194 districts with their forms) and data/places_outside.csv;
resolving each input of `manage.py finder_answers`' sample; a suggestion
lookup per keystroke. Figures, not a test (see bench/README.md).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter_site.settings")

import django

django.setup()

from locations import place_index  # noqa: E402
from locations.finder import resolve, suggest  # noqa: E402
from locations.management.commands.finder_answers import SAMPLE  # noqa: E402

ROUNDS = 15


def median_ms(function, rounds=ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    build = median_ms(place_index.build)
    index = place_index.build()
    keys = sum(len(v) for v in index.by_key.values())
    per_input = {q: median_ms(lambda q=q: resolve(q, index), rounds=50) for q in SAMPLE}
    place_index.current()
    typing = median_ms(lambda: [suggest(p) for p in ("B", "Bo", "Boc", "Boch", "Bocho")], 50) / 5
    print(f"index: {len(index.by_key)} names ({keys} targets), {len(index.outside)} outside names")
    print(f"build the index (once per process and data change): {build:.1f} ms")
    print(f"resolve, median over the sample: {statistics.median(per_input.values()):.3f} ms")
    slowest = max(per_input, key=per_input.get)
    print(f"resolve, slowest input of the sample ({slowest!r}): {per_input[slowest]:.2f} ms")
    print(f"one suggestion lookup (per keystroke): {typing:.3f} ms")


if __name__ == "__main__":
    main()
