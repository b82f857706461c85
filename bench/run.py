"""Benchmark every page type under gunicorn with wrk, cache cold and warm.

    make bench                      # or: .venv/bin/python bench/run.py --help

For each backend (SQLite + local-memory cache; PostgreSQL + Redis, the
production shape) it builds a fresh database, loads the demo data plus
synthetic releases (when `generate_synthetic_releases` exists), starts
gunicorn with production settings (2 workers, loopback) and measures each
page with the page cache off ("cold") and on ("warm"), next to a trivial
view measured in the same server run. Then flat-cost runs: list, deep list
and search at several archive sizes. Writes bench/results/<stamp>.md and
the table in bench/README.md.
"""

import argparse
import platform
import re
import runpy
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (
    PYTHON,
    REDIS_BASE,
    RESULTS,
    ROOT,
    fetch,
    flush_redis,
    fresh_database,
    gunicorn,
    has_command,
    log,
    manage,
    production_env,
    redis_available,
    wrk,
)

WARM_TARGET, COLD_TARGET, FLAT_TARGET = 0.80, 0.35, 1.3
# Page types in the order of the issue; None = found on another page.
PAGE_TYPES = [
    ("home", "/de/"),
    ("list", "/de/presse/"),
    ("deep list", None),
    ("release", None),
    ("series", None),
    ("offices", "/de/standorte/"),
    ("office", None),
    ("finder", "/de/standorte/finden/?q=46325"),
    ("search", "/de/suche/?q=Jobcenter"),
    # A word in every synthetic release: the worst case for ranking.
    ("search all", "/de/suche/?q=synthetisch"),
    ("feed", "/de/presse/feed/"),
    ("sitemap", "/sitemap.xml"),
]
FLAT_PAGES = ("list", "deep list", "search", "search all")
SCRAPE = {
    "release": ("list", r'href="(/de/presse/\d{4}/[\w-]+/)"'),
    "series": ("release", r'href="(/de/presse/serien/[\w-]+/)"'),
    "office": ("offices", r'href="(/de/standorte/(?!finden/)[\w-]+/)"'),
}


# Page type -> its name in tests/pages.py (the inventory wins over scraping).
INVENTORY_NAMES = {
    "home": "home",
    "list": "press list",
    "release": "release",
    "series": "series",
    "offices": "offices",
    "office": "office",
    "finder": "finder result",
    "search": "search_results",
}


def inventory_overrides() -> dict[str, str]:
    """Paths of our page types as tests/pages.py names them."""
    pages = runpy.run_path(str(ROOT / "tests" / "pages.py"))
    named = dict(pages.get("STATIC_PAGES", []) + pages.get("DEMO_PAGES", []))
    return {kind: f"/de{named[name]}" for kind, name in INVENTORY_NAMES.items() if name in named}


def deep_list_path(list_path: str, html: str) -> str | None:
    """The deepest page of the list: "Seite 1 von N", else the last linked page."""
    numbers = re.findall(r"[?&;](page|seite)=(\d+)", html)
    if not numbers:
        return None
    param, last = max(numbers, key=lambda pair: int(pair[1]))
    if total := re.search(r"Seite\s+\d+\s+von\s+(\d+)", html):
        last = max(int(last), int(total.group(1)))
    return f"{list_path}?{param}={last}"


def discover(base: str) -> tuple[dict[str, str], dict[str, str]]:
    """Path per page type that answers 200; and why the others are skipped."""
    overrides, pages, html, skipped = inventory_overrides(), {}, {}, {}
    for name, path in PAGE_TYPES:
        path = overrides.get(name, path)
        if path is None and name == "deep list" and "list" in html:
            path = deep_list_path(pages["list"], html["list"])
        elif path is None and name in SCRAPE:
            source, pattern = SCRAPE[name]
            match = re.search(pattern, html.get(source, "") + html.get("home", ""))
            path = match.group(1) if match else None
        if path is None:
            skipped[name] = "no link to it found"
            continue
        status, body, _headers = fetch(base + path)
        if status != 200:
            skipped[name] = f"{path} answered {status}"
            continue
        pages[name], html[name] = path, body
    return pages, skipped


def prepare(backend: str, port: int, size: int, cache_env: dict) -> dict:
    database_url = fresh_database(backend)
    env = production_env(database_url, port, **cache_env)
    # Loading runs on local memory: each save would otherwise be a Redis
    # round trip, and Redis is emptied before every server start anyway.
    load_env = production_env(database_url, port)
    log(f"{backend}: migrate, demo data, {size} synthetic releases")
    manage(load_env, "migrate", "--noinput")
    manage(load_env, "load_demo")
    if size and has_command(load_env, "generate_synthetic_releases"):
        manage(
            load_env,
            "generate_synthetic_releases",
            f"--count={size}",
            "--with-media",
            "--series-parts",
        )
    if backend == "postgres":
        # Fresh statistics, as autovacuum keeps them in production: without
        # them the planner takes the bulk-loaded archive for a few rows.
        manage(load_env, "dbshell", "--", "-c", "ANALYZE")
    manage(load_env, "collectstatic", "--noinput")
    return env


def measure(base: str, pages: dict, args, prime: int) -> dict:
    """Each page in rounds alternating with the trivial view.

    The machine is shared, so load drifts within seconds; pairing each page
    run with a trivial run right next to it, and taking medians over the
    rounds, keeps the ratio honest where absolute numbers wander.
    """
    results, trivial_all = {}, []
    for name, path in pages.items():
        for _ in range(prime):
            fetch(base + path)
        runs, trivial = [], []
        for _ in range(args.rounds):
            trivial.append(
                wrk(f"{base}/bench/trivial", args.duration, args.threads, args.connections)
            )
            runs.append(wrk(base + path, args.duration, args.threads, args.connections))
            time.sleep(1)  # let requests still queued in gunicorn finish
        trivial_all += trivial
        results[name] = {
            key: statistics.median(run[key] for run in runs) for key in ("rps", "p50", "p99")
        }
        results[name]["errors"] = sum(run["errors"] for run in runs)
        results[name]["trivial"] = statistics.median(run["rps"] for run in trivial)
        # A trivial run can starve when the page before it left slow requests
        # queued; a zero baseline shows as ratio 0 instead of ending the run.
        results[name]["ratio"] = results[name]["rps"] / (results[name]["trivial"] or float("inf"))
        log(f"  {name:10} {results[name]['rps']:6.0f} req/s, ratio {results[name]['ratio']:.2f}")
    return {"trivial": statistics.median(run["rps"] for run in trivial_all), "pages": results}


def server_states(redis: bool, local_seconds: int) -> list[tuple[str, dict]]:
    """Cache off; cache on (the default, strict); with Redis also per-process copies."""
    states = [
        ("cold", {"PAGE_CACHE_SECONDS": "0"}),
        ("warm", {"PAGE_CACHE_SECONDS": "600", "PAGE_CACHE_LOCAL_SECONDS": "0"}),
    ]
    if redis and local_seconds:
        local = {"PAGE_CACHE_SECONDS": "600", "PAGE_CACHE_LOCAL_SECONDS": str(local_seconds)}
        states.append((f"warm, {local_seconds} s local copies", local))
    return states


def bench_backend(backend: str, args) -> dict:
    cache_env = {}
    if backend == "postgres" and redis_available():
        cache_env = {"REDIS_URL": REDIS_BASE, "CACHE_KEY_PREFIX": "jcbench"}
    env = prepare(backend, args.port, args.size, cache_env)
    runs, pages, skipped = {}, {}, {}
    for state, state_env in server_states(bool(cache_env), args.local_seconds):
        if cache_env:
            flush_redis()
        with gunicorn({**env, **state_env}, args.port) as base:
            if not pages:
                pages, skipped = discover(base)
            log(f"{backend} {state}: {', '.join(pages)}")
            runs[state] = measure(base, pages, args, prime=3 if state == "cold" else 10)
            runs[state]["x_cache"] = {
                name: fetch(base + path)[2].get("X-Cache", "-") for name, path in pages.items()
            }
    cache = "Redis" if cache_env else "local memory (per worker)"
    return {"backend": backend, "cache": cache, "runs": runs, "pages": pages, "skipped": skipped}


def bench_flat(args) -> dict:
    env = production_env("sqlite://", args.port)
    if not has_command(env, "generate_synthetic_releases"):
        return {"skipped": "generate_synthetic_releases does not exist yet (pressroom)"}
    sizes = {}
    for size in args.flat_sizes:
        env = prepare(args.flat_backend, args.port, size, {})
        with gunicorn({**env, "PAGE_CACHE_SECONDS": "0"}, args.port) as base:
            pages, skipped = discover(base)
            wanted = {name: pages[name] for name in FLAT_PAGES if name in pages}
            log(f"flat {size}: {wanted}")
            sizes[size] = measure(base, wanted, args, prime=3) | {"paths": wanted}
    return {"sizes": sizes}


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}" if base else "-"


def verdict(value: float, target: float, higher_is_better: bool = True) -> str:
    ok = value >= target if higher_is_better else value <= target
    return "✅" if ok else "❌"


def backend_table(result: dict) -> list[str]:
    runs = result["runs"]
    trivial = ", ".join(f"{run['trivial']:.0f} ({state})" for state, run in runs.items())
    lines = [
        f"### {result['backend']} (page cache: {result['cache']})",
        "",
        f"Trivial view, median req/s per server: {trivial}. Each ratio is against the "
        "trivial runs interleaved with that page's runs.",
        "",
        "| page | state | req/s | p50 / p99 ms | ratio | X-Cache | errors |",
        "|---|---|--:|--:|--:|---|--:|",
    ]
    for name, path in result["pages"].items():
        for state, run in runs.items():
            page = run["pages"][name]
            target = COLD_TARGET if state == "cold" else WARM_TARGET
            lines.append(
                f"| {name} `{path}` | {state} | {page['rps']:.0f} "
                f"| {page['p50']:.1f} / {page['p99']:.1f} "
                f"| {page['ratio']:.2f} {verdict(page['ratio'], target)} "
                f"| {run['x_cache'][name]} | {page['errors']} |"
            )
    for name, why in result["skipped"].items():
        lines.append(f"| {name} | skipped: {why} | | | | | |")
    return [*lines, ""]


def flat_table(flat: dict) -> list[str]:
    if "skipped" in flat:
        return [f"Flat-cost runs skipped: {flat['skipped']}.", ""]
    sizes = sorted(flat["sizes"])
    small, large = flat["sizes"][sizes[0]], flat["sizes"][sizes[-1]]
    head = " | ".join(f"{size}: req/s (ratio to trivial)" for size in sizes)
    lines = [
        "Cost = (ratio at the smallest size) ÷ (ratio at the largest).",
        "",
        f"| page | {head} | cost {sizes[-1]} / {sizes[0]} |",
        "|---|" + "--:|" * (len(sizes) + 1),
    ]
    for name in FLAT_PAGES:
        if name not in small["pages"] or name not in large["pages"]:
            continue
        runs = [flat["sizes"][size]["pages"][name] for size in sizes]
        cells = " | ".join(f"{run['rps']:.0f} ({run['ratio']:.2f})" for run in runs)
        # Cost relative to the trivial view in the same run, so load on the
        # machine between the runs does not count as growth.
        cost = small["pages"][name]["ratio"] / (large["pages"][name]["ratio"] or float("nan"))
        lines.append(f"| {name} | {cells} | {cost:.2f} {verdict(cost, FLAT_TARGET, False)} |")
    return [*lines, ""]


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if "model name" in line),
        platform.processor(),
    )
    versions = subprocess.run(
        [
            PYTHON,
            "-c",
            "import django, sys; print(f'Python {sys.version.split()[0]}, Django {django.__version__}')",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{cpu}, {len(__import__('os').sched_getaffinity(0))} cores, {platform.system()} {platform.release()}; {versions}"


def report(results: list[dict], flat: dict | None, args, started: str) -> str:
    lines = [
        f"Run {started} UTC on {machine()}.",
        "",
        f"Command: `{' '.join(['bench/run.py', *sys.argv[1:]])}`; wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s per page; gunicorn 2 sync workers on loopback; DEBUG=0. "
        f"Archive: demo data + {args.size} synthetic releases (when the generator exists). "
        f"Targets: warm ≥ {WARM_TARGET}, cold ≥ {COLD_TARGET} of the trivial view; flat ≤ {FLAT_TARGET}×.",
        "",
    ]
    for result in results:
        lines += backend_table(result)
    if flat is not None:
        lines += [f"### Flat cost ({args.flat_backend}, cache off)", "", *flat_table(flat)]
    return "\n".join(lines)


def write(text: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}.md").write_text(text)
    readme = ROOT / "bench" / "README.md"
    start, end = "<!-- results -->", "<!-- /results -->"
    content = readme.read_text()
    before, rest = content.split(start, 1)
    after = rest.split(end, 1)[1]
    readme.write_text(f"{before}{start}\n{text}\n{end}{after}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--size", type=int, default=1000, help="synthetic releases")
    parser.add_argument("--flat-sizes", default="100,10000")
    parser.add_argument("--flat-backend", default="postgres")
    parser.add_argument("--no-flat", action="store_true")
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="page/trivial pairs per page")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--local-seconds", type=int, default=1, help="also measure PAGE_CACHE_LOCAL_SECONDS (Redis)"
    )
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()
    args.flat_sizes = [int(size) for size in args.flat_sizes.split(",")]
    started = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    backends = [backend for backend in args.backends.split(",") if backend]
    results = [bench_backend(backend, args) for backend in backends]
    flat = None if args.no_flat else bench_flat(args)
    text = report(results, flat, args, started)
    print(text)
    if not args.no_readme:
        write(text)


if __name__ == "__main__":
    main()
