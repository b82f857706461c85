"""Cold cost of the sitemap index and its children against the cold release page (issue 17).

    flock /tmp/heavy.lock .venv/bin/python bench/sitemap_cost.py --count 100000

Fresh PostgreSQL database (``jc_bench_sitemap``), demo data, N synthetic
releases (series parts, no media: the sitemap never reads them), ANALYZE,
then gunicorn with the page cache off and, per page, ``--rounds`` wrk runs
(medians). Pages: the release page, /sitemap.xml (the index: a COUNT and a
latest date per section), the first and the last child page of the release
section, and the years child. Target: every sitemap page at least as many
requests per second as the release page.
"""

import argparse
import statistics
import time
from xml.etree import ElementTree

from benchlib import fetch, fresh_database, gunicorn, log, manage, production_env, wrk

RELEASE = "/de/presse/2019/das-jobcenter-wer-wie-was/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def prepare(args) -> dict:
    database_url = fresh_database("postgres", "jc_bench_sitemap")
    env = production_env(database_url, args.port, PAGE_CACHE_SECONDS="0")
    log(f"migrate, demo data, {args.count} synthetic releases")
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "generate_synthetic_releases", f"--count={args.count}", "--series-parts")
    manage(env, "dbshell", "--", "-c", "ANALYZE")
    manage(env, "collectstatic", "--noinput")
    return env


def pages(base: str) -> dict[str, str]:
    status, index, _headers = fetch(base + "/sitemap.xml", timeout=120)
    assert status == 200, status
    children = [loc.text for loc in ElementTree.fromstring(index).findall("s:sitemap/s:loc", NS)]
    press = [url.removeprefix(base) for url in children if "/sitemap-press.xml" in url]
    log(f"index lists {len(children)} children, {len(press)} of them release pages")
    return {
        "release page": RELEASE,
        "sitemap index": "/sitemap.xml",
        "release child, first": press[0],
        "release child, last": press[-1],
        "years child": "/sitemap-years.xml",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--port", type=int, default=8170)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=3)
    args = parser.parse_args()
    env = prepare(args)
    results = {}
    with gunicorn(env, args.port) as base:
        for name, path in pages(base).items():
            fetch(base + path, timeout=120)  # warm the worker's code paths, not a cache
            runs = []
            for _ in range(args.rounds):
                runs.append(wrk(base + path, args.duration, 2, 16))
                time.sleep(1)
            results[name] = {
                key: statistics.median(run[key] for run in runs) for key in ("rps", "p50", "p99")
            }
            results[name]["errors"] = sum(run["errors"] for run in runs)
            results[name]["bytes"] = len(fetch(base + path, timeout=120)[1].encode())
            log(f"  {name:22} {results[name]['rps']:7.1f} req/s")
    release = results["release page"]["rps"]
    print(f"\n{args.count} synthetic releases + demo, PostgreSQL, page cache off, wrk -t2 -c16\n")
    print("| page | req/s | p50 / p99 ms | size | vs. release page | errors |")
    print("|---|--:|--:|--:|--:|--:|")
    for name, row in results.items():
        verdict = "" if name == "release page" else (" ✅" if row["rps"] >= release else " ❌")
        print(
            f"| {name} | {row['rps']:.0f} | {row['p50']:.1f} / {row['p99']:.1f} | "
            f"{row['bytes'] / 1024:.0f} KB | {row['rps'] / release:.2f}×{verdict} | {row['errors']} |"
        )


if __name__ == "__main__":
    main()
