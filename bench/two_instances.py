"""Two app instances on loopback sharing PostgreSQL and Redis stay consistent.

    .venv/bin/python bench/two_instances.py

Starts instances A and B (gunicorn, production settings, page cache on)
against one fresh PostgreSQL database and one Redis database, then:

1. generic: a page cached through A is a hit on B (the cache is shared);
   a model save made with A's code and settings (``manage.py shell``, the
   same path the admin's save takes: post_save → new generation in Redis)
   makes B re-render instead of serving its cached copy; if an office page
   exists, B shows the new office name at once;
2. release (only when pressroom's PressRelease is there): a release
   scheduled a few seconds ahead is absent on B, then present on B once its
   publish_at passes (go-live bound, no edit in between), and gone from A's
   list right after it is withdrawn.

Exit status 0 when every check passes. The instances run strict
(PAGE_CACHE_LOCAL_SECONDS=0); with e.g. PAGE_CACHE_LOCAL_SECONDS=30 in the
environment the second check fails, which shows what it guards.
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (
    fetch,
    flush_redis,
    fresh_database,
    gunicorn,
    log,
    manage,
    production_env,
    redis_available,
)

REDIS_URL = "redis://127.0.0.1:6379/8"
PORT_A, PORT_B = 8771, 8772
# Behind nginx both instances see the public host; the cache key includes it.
PUBLIC_HOST = "127.0.0.1:8770"
failures: list[str] = []


def check(label: str, ok: bool, detail: str = "") -> None:
    print(f"{'PASS' if ok else 'FAIL'}  {label}{f'  ({detail})' if detail else ''}")
    if not ok:
        failures.append(label)


def shell(env: dict, code: str) -> str:
    """Run code with instance A's settings (same database, same Redis)."""
    result = manage(env, "shell", "--no-imports", "-c", code, check=False)
    if result.returncode:
        raise RuntimeError(result.stderr.strip().splitlines()[-1])
    return result.stdout.strip()


def get(url: str) -> tuple[int, str, dict]:
    return fetch(url, host=PUBLIC_HOST)


def x_cache(url: str) -> str:
    return get(url)[2].get("X-Cache", "-")


OFFICE_SAVE = """
from locations.models import Office
office, _ = Office.objects.get_or_create(slug="zwei-instanzen", defaults={"name": "Zwei Instanzen"})
office.name = "Zwei Instanzen %s"
office.save()
print(office.slug)
"""


def generic_checks(env: dict, a: str, b: str) -> None:
    get(f"{a}/de/")
    check("a page cached through A is a hit on B", x_cache(f"{b}/de/") == "HIT")
    stamp = str(int(time.time()))
    slug = shell(env, OFFICE_SAVE % stamp)
    check("after a save through A's code, B re-renders /de/", x_cache(f"{b}/de/") == "MISS")
    check("… and A then gets B's fresh copy", x_cache(f"{a}/de/") == "HIT")
    get(f"{b}/de/standorte/{slug}/")
    get(f"{a}/de/standorte/{slug}/")
    shell(env, OFFICE_SAVE % (stamp + "b"))
    status, body, _ = get(f"{b}/de/standorte/{slug}/")
    check("B shows the office name saved through A", f"Zwei Instanzen {stamp}b" in body)


RELEASE_CREATE = """
import datetime, json
from django.utils import timezone
from pressroom.models import PressRelease
at = timezone.now() + datetime.timedelta(seconds=%d)
release = PressRelease.objects.create(
    title="Zwei Instanzen", slug="zwei-instanzen", lead="Synthetisch.", body="<p>Synthetisch.</p>",
    status="published", publish_at=at,
)
print(json.dumps({"pk": release.pk, "url": release.get_absolute_url(), "at": at.timestamp()}))
"""
RELEASE_WITHDRAW = """
from pressroom.models import PressRelease
release = PressRelease.objects.get(pk=%d)
release.status = "withdrawn"
release.save()
"""


def release_checks(env: dict, a: str, b: str) -> None:
    get(f"{a}/de/presse/")
    release = json.loads(shell(env, RELEASE_CREATE % 8))
    _, body, _ = get(f"{b}/de/presse/")
    check("a scheduled release is not on B's list before publish_at", "Zwei Instanzen" not in body)
    time.sleep(max(0, release["at"] - time.time()) + 1)
    _, body, _ = get(f"{b}/de/presse/")
    check("it is on B's list once publish_at has passed", "Zwei Instanzen" in body)
    check("and its page answers on B", get(b + release["url"])[0] == 200)
    get(f"{a}/de/presse/")
    shell(env, RELEASE_WITHDRAW % release["pk"])
    _, body, _ = get(f"{a}/de/presse/")
    check("withdrawn through A's code, it is gone from A's list", "Zwei Instanzen" not in body)
    check("and its page is gone on B", get(b + release["url"])[0] == 404)


def main() -> int:
    if not redis_available():
        print("Redis is not running: the shared cache is what this script shows.")
        return 2
    database = fresh_database("postgres", "jc_bench_two")
    flush_redis(REDIS_URL)
    env_a = production_env(
        database,
        PORT_A,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX="jctwo",
        PAGE_CACHE_SECONDS="600",
        PAGE_CACHE_LOCAL_SECONDS=os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "0"),
    )
    env_a["SITE_URL"] = f"http://{PUBLIC_HOST}"
    env_b = env_a
    log("migrate and demo data")
    manage(env_a, "migrate", "--noinput")
    manage(env_a, "load_demo")
    manage(env_a, "collectstatic", "--noinput")
    # One worker each, so "B" is one process and its answers are deterministic.
    with gunicorn(env_a, PORT_A, workers=1) as a, gunicorn(env_b, PORT_B, workers=1) as b:
        log(f"A at {a}, B at {b}, both answering as {PUBLIC_HOST}")
        generic_checks(env_a, a, b)
        release_checks(env_a, a, b)
    print(f"\n{len(failures)} failed" if failures else "\nall checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
