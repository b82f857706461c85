"""Twenty real queries on the demo data, on SQLite and on PostgreSQL, side by side.

    .venv/bin/python bench/search_queries.py            # prints a Markdown table

Each engine gets a fresh database (`BENCH_DB`_queries, default jc_bench_queries; PostgreSQL at
`BENCH_PG`), `migrate` and `load_demo`; then every query runs through
`run_search` in a Django shell. Not a test: a table for people to read.
"""

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import BENCH_DB, PYTHON, ROOT, fresh_database, log, manage, production_env

# (query, language): what people type, from the issue and the facts on terminology.
QUERIES = [
    ("Jobcenters", "de"),
    ("Arbeitslosenquoten", "de"),
    ("Strasse", "de"),
    ("Burloer Strasse", "de"),
    ("SÜDLOHN", "de"),
    ("LÖKES", "de"),
    ("Suedlohn", "de"),
    ("Weseke", "de"),
    ("Epe", "de"),
    ("Oeding", "de"),
    ("46325", "de"),
    ("Bürgergeld", "de"),
    ("Hartz IV", "de"),
    ("Grundsicherungsgeld", "de"),
    ("Arbeitslosengeld", "de"),
    ("Bochold", "de"),
    ("Erstantrag", "de"),
    ('"Kreis Borken" -Gronau', "de"),
    ("sign language", "en"),
    ("Öffnungszeiten Ahaus", "de"),
]

SHELL = """
import json
from jobcenter_site.search import run_search
out = []
for text, lang in json.loads(QUERIES):
    result = run_search(text, lang)
    out.append({
        "groups": {g.label: g.count for g in result.groups},
        "first": result.hits[0].title if result.hits else "",
        "suggestion": result.suggestion or "",
    })
print("RESULT" + json.dumps(out))
"""


def answers(backend: str) -> list[dict]:
    database = fresh_database(backend, f"{BENCH_DB}_queries")  # beside a running bench
    env = production_env(database, 8765, DEBUG="1")
    log(f"{backend}: migrate, demo data")
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    code = SHELL.replace("QUERIES", repr(json.dumps(QUERIES)))
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.split("RESULT", 1)[1])


def cell(answer: dict) -> str:
    if not answer["groups"]:
        return f"– (Meinten Sie „{answer['suggestion']}“?)" if answer["suggestion"] else "–"
    counts = ", ".join(f"{label} {n}" for label, n in answer["groups"].items())
    return f"{counts}; first: {answer['first']}"


def main() -> None:
    sqlite, postgres = answers("sqlite"), answers("postgres")
    lines = ["| # | query | SQLite (FTS5) | PostgreSQL | same |", "|--:|---|---|---|---|"]
    for n, ((text, lang), a, b) in enumerate(zip(QUERIES, sqlite, postgres, strict=True), 1):
        same = "✅" if a["groups"] == b["groups"] and a["suggestion"] == b["suggestion"] else "≠"
        shown = text.replace("|", "\\|") + (f" ({lang})" if lang != "de" else "")
        lines.append(f"| {n} | `{shown}` | {cell(a)} | {cell(b)} | {same} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
