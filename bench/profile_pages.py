"""Where a cold page spends its time: cProfile in-process, page cache off.

    .venv/bin/python bench/profile_pages.py               # build the database once, then profile
    .venv/bin/python bench/profile_pages.py --reuse       # profile the database built before
    .venv/bin/python bench/profile_pages.py --pages home,office --top 15

A throwaway SQLite database (bench/results/profile.sqlite3) with the demo data
and --size synthetic releases, production settings (DEBUG=0, page cache
off), Django's test client. Per page: the CPU time per request (best batch of
--repeat requests, after --warmup ones (so one-off costs such as template
compilation and the first query of a process do not count), the same for
the trivial view, and the profile's top functions by own time and by
cumulative time within the project (where the time goes, and whose code
called it).
"""

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PAGES = {
    "home": "/de/",
    "list": "/de/presse/",
    "release": "/de/presse/2019/das-jobcenter-wer-wie-was/",
    "series": "/de/presse/serien/das-jobcenter-im-kreis-borken-stellt-sich-vor/",
    "offices": "/de/standorte/",
    "office": "/de/standorte/heek/",
    "finder": "/de/standorte/finden/?q=46397",
    "search": "/de/suche/?q=Jobcenter",
    "feed": "/de/presse/feed/",
}
# Own time (tottime) per area: the first marker found in the file name wins.
GROUPS = [
    ("SQL execution", "sqlite3"),
    ("ORM: query building/compiling", "django/db/models/sql"),
    ("ORM: expressions/lookups", "django/db/models/expressions"),
    ("ORM: other", "django/db/"),
    ("templates", "django/template"),
    ("translation", "django/utils/translation"),
    ("modeltranslation", "modeltranslation"),
    ("URL reverse/resolve", "django/urls"),
    ("other Django", "site-packages/django/"),
    ("other libraries", "site-packages/"),
    ("project", "/work/"),
]
DATABASE = ROOT / "bench" / "results" / "profile.sqlite3"


def environment() -> dict[str, str]:
    return {
        "DEBUG": "0",
        "SECRET_KEY": "profile-only-" + "x" * 40,
        "SITE_URL": "http://testserver",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "MEDIA_ROOT": str(ROOT / "bench" / "results" / "media"),
        "STATIC_ROOT": str(ROOT / "bench" / "results" / "profile-static"),
        "PAGE_CACHE_SECONDS": "0",
        "BENCH_TRIVIAL_VIEW": "1",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "jobcenter_site.settings",
    }


def build(size: int) -> None:
    from benchlib import PYTHON

    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    env = {**os.environ, **environment()}
    for args in (
        ["migrate", "--noinput"],
        ["load_demo"],
        ["generate_synthetic_releases", f"--count={size}", "--with-media", "--series-parts"],
        ["collectstatic", "--noinput"],
    ):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def timed(client, path: str, repeat: int, batches: int = 5) -> float:
    """CPU milliseconds per request: the best of a few batches.

    CPU time of this process, not wall time, and the best batch, not the
    mean: on a shared machine other processes' load inflates both, never
    deflates them, so the minimum is the closest to the page's own cost.
    """
    best = float("inf")
    for _ in range(batches):
        started = time.process_time()
        for _ in range(max(1, repeat // batches)):
            response = client.get(path)
        best = min(best, (time.process_time() - started) / max(1, repeat // batches))
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return best * 1000


def profile(client, path: str, repeat: int, top: int) -> str:
    profiler = cProfile.Profile(time.process_time)  # CPU time: other load does not count
    profiler.enable()
    for _ in range(repeat):
        client.get(path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    total = sum(row[2] for row in stats.stats.values())
    groups: dict[str, float] = {}
    for (filename, _line, _func), row in stats.stats.items():
        group = next((name for name, marker in GROUPS if marker in filename), "other")
        groups[group] = groups.get(group, 0.0) + row[2]
    out.write("own time by area: ")
    out.write(
        ", ".join(
            f"{name} {t / total:.0%}" for name, t in sorted(groups.items(), key=lambda g: -g[1])
        )
    )
    out.write("\n")
    stats.sort_stats("tottime").print_stats(top)
    # The project's own functions by cumulative time: which of our code is expensive.
    stats.sort_stats("cumulative").print_stats(
        r"(?<!django)/(core|locations|pressroom|subscriptions|jobcenter_site)/", top
    )
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep the database built before")
    parser.add_argument("--size", type=int, default=1000, help="synthetic releases")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--no-profile", action="store_true", help="only the timings")
    parser.add_argument(
        "--no-memos", action="store_true", help="render memos off: the first render after an edit"
    )
    args = parser.parse_args()
    if not args.reuse or not DATABASE.exists():
        build(args.size)
    os.environ.update(environment())
    if args.no_memos:
        os.environ["RENDER_MEMO_SECONDS"] = "0"
    import django

    django.setup()
    from django.test import Client

    client = Client()
    names = [name for name in args.pages.split(",") if name]
    for path in ["/bench/trivial", *(PAGES[name] for name in names)]:
        for _ in range(args.warmup):
            client.get(path)
    trivial = timed(client, "/bench/trivial", args.repeat * 3)
    rows = []
    for name in names:
        ms = timed(client, PAGES[name], args.repeat)
        rows.append((name, ms))
        if not args.no_profile:
            print(f"\n===== {name} {PAGES[name]}: {ms:.2f} ms per request =====")
            print(profile(client, PAGES[name], args.repeat, args.top))
    print(f"\n| page | CPU ms per request (in-process, cold) | × trivial ({trivial:.2f} ms) |")
    print("|---|--:|--:|")
    for name, ms in rows:
        print(f"| {name} | {ms:.2f} | {trivial / ms:.3f} |")


if __name__ == "__main__":
    main()
