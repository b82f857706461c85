"""Lighthouse (mobile) on the key page types against the production-like server.

    .venv/bin/python bench/lighthouse.py [--no-write]

Lighthouse is pinned in tests/tools/package.json (`make tools` installs it)
and drives Debian's Chromium. Pages: home, a release, an office and the
finder (empty and with an answer), as far as tests/pages.py has them. Targets:
100 in accessibility, best practices and SEO, >= 95 in performance. A finder
answer is noindex by design (tests/test_sitemap_index.py): Lighthouse's
"is-crawlable" audit, which only says so, is skipped there and the page must
still send its noindex; the empty finder is audited in full. Writes the "Lighthouse"
section of bench/README.md, keeps the JSON reports in bench/results/
(git-ignored) and exits 1 when a page misses a target. Each run is bounded
(RUN_TIMEOUT). Chromium's first runs after an install can fail with
NO_NAVSTART (CI saw it twice in a row on the first page): an unjudged warm-up
run goes first, and a NO_NAVSTART run is retried up to twice. A performance score under target is measured twice more and
judged by the median of the three (Lighthouse's own advice for variance).
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from prodserver import ROOT, inventory, production_server, replace_section

LIGHTHOUSE = ROOT / "tests" / "tools" / "node_modules" / "lighthouse" / "cli" / "index.js"
RESULTS = ROOT / "bench" / "results"
README = ROOT / "bench" / "README.md"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
RUN_TIMEOUT = 90  # seconds per run; a run takes ~15 s, .ci/run caps the whole at 7 min
ATTEMPTS = 3


def pages_to_audit() -> list[tuple[str, str]]:
    """Home, the first release, an office, a finder answer and the empty finder."""
    ok = [(name, path) for name, path, status in inventory() if status == 200]
    wanted = [
        lambda n, p: p == "/",
        lambda n, p: "release" in n and p.startswith("/presse/"),
        lambda n, p: re.fullmatch(r"/standorte/(?!finden/)[^/?]+/", p),  # one office
        lambda n, p: p.startswith("/standorte/finden/?q=") and "error" not in n,  # an answer
        lambda n, p: p == "/standorte/finden/",  # the empty finder, which is indexed
    ]
    chosen = []
    for matches in wanted:
        found = next(((n, p) for n, p in ok if matches(n, p)), None)
        if found and found not in chosen:
            chosen.append(found)
    return chosen


def deliberately_noindex(path: str) -> bool:
    """Search and finder answers: query pages that must stay out of search engines."""
    return "?q=" in path


def run_lighthouse(url: str, out: Path, skip: tuple[str, ...] = ()) -> dict:
    """One Lighthouse run; retried when Chromium reports no navigation start."""
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--form-factor=mobile",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        *([f"--skip-audits={','.join(skip)}"] if skip else []),
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")}
    for attempt in range(1, ATTEMPTS + 1):
        if attempt > 1:
            time.sleep(2)
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT
        )
        report = json.loads(out.read_text()) if out.exists() and result.returncode == 0 else {}
        error = report.get("runtimeError", {}).get("code") or (
            "NO_NAVSTART" if "NO_NAVSTART" in result.stderr else None
        )
        if report and not error:
            return report
        if attempt < ATTEMPTS and error == "NO_NAVSTART":
            continue
        raise RuntimeError(f"lighthouse failed on {url}: {error or result.stderr[-2000:]}")
    raise AssertionError("unreachable")


def warm_up(url: str) -> None:
    """A first, unjudged run: Chromium's first start after an install is the flaky one."""
    try:
        run_lighthouse(url, RESULTS / "lighthouse-warm-up.json")
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        print(f"warm-up run: {error}", file=sys.stderr)


def scores(report: dict) -> dict[str, int]:
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def failed_audits(report: dict, category: str) -> list[str]:
    """The audits that cost points in a category (for the message, not the verdict)."""
    refs = report["categories"][category]["auditRefs"]
    audits = report["audits"]
    return [
        f"{ref['id']}: {audits[ref['id']]['title']}"
        for ref in refs
        if ref["weight"] > 0 and (audits[ref["id"]].get("score") is not None)
        if audits[ref["id"]]["score"] < 1
    ]


def sends_noindex(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=30) as response:
        return "noindex" in (response.headers.get("X-Robots-Tag") or "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print, don't touch README.md")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} missing: run `make tools`", file=sys.stderr)
        return 2
    RESULTS.mkdir(exist_ok=True)
    rows, misses = [], []
    with production_server() as base:
        warm_up(f"{base}/de/")
        for name, path in pages_to_audit():
            url, out = f"{base}/de{path}", RESULTS / f"lighthouse-{name}.json"
            skip = ("is-crawlable",) if deliberately_noindex(path) else ()
            report = run_lighthouse(url, out, skip)
            got = scores(report)
            if skip and not sends_noindex(url):
                misses.append(f"{name}: a query page without noindex")
            if got["performance"] < TARGETS["performance"]:
                # Performance varies with the load of a shared 2-core machine (a
                # 100 can read 91 the next minute): judge by the median of three.
                again = [scores(run_lighthouse(url, out, skip))["performance"] for _ in range(2)]
                got["performance"] = statistics.median([got["performance"], *again])
            rows.append((name + (" (noindex by design)" if skip else ""), f"/de{path}", got))
            for category, target in TARGETS.items():
                if got[category] < target:
                    lost = "; ".join(failed_audits(report, category)) or "metrics"
                    misses.append(f"{name} {category} {got[category]} < {target}: {lost}")
    lines = [
        "Mobile (Lighthouse's default throttling), Chromium headless, against gunicorn with "
        "DEBUG=0 and the demo data: `.venv/bin/python bench/lighthouse.py`. Targets: "
        "performance ≥ 95 (median of 3 runs when the first misses), accessibility, best "
        "practices and SEO 100; on query pages (noindex by design) SEO without the "
        "is-crawlable audit, and the page must send noindex.",
        "",
        "| page | path | performance | accessibility | best practices | SEO |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {n} | `{p}` | " + " | ".join(str(s[c]) for c in CATEGORIES) + " |" for n, p, s in rows
    ]
    report_text = "\n".join(lines)
    print(report_text)
    if not args.no_write:
        replace_section(README, "Lighthouse", report_text)
    for miss in misses:
        print(f"MISS {miss}", file=sys.stderr)
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
