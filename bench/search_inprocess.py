"""Search and the release page timed in one process (no wrk, no gunicorn).

    DATABASE_URL=… .venv/bin/python bench/search_inprocess.py

Median ms of 30 requests per path through Django's test client, page cache
off, on whatever database DATABASE_URL names (e.g. the one bench/run.py
left behind at 100,000 releases). Steadier than wrk on a shared machine.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter_site.settings")
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django

django.setup()

from django.test import Client  # noqa: E402

PATHS = [
    "/de/presse/2019/das-jobcenter-wer-wie-was/",
    "/de/suche/?q=Jobcenter",
    "/de/suche/?q=synthetisch",
    "/de/suche/?q=Bochold",
]


def main() -> None:
    client = Client()
    for path in PATHS:
        for _ in range(3):
            client.get(path)
        runs = []
        for _ in range(30):
            started = time.perf_counter()
            response = client.get(path)
            runs.append((time.perf_counter() - started) * 1000)
        print(f"{path:48} {response.status_code} median {statistics.median(runs):6.1f} ms")


if __name__ == "__main__":
    main()
