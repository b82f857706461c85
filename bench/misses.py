"""One line per missed goal: where that page's time goes, from the profile.

bench/run.py prints these under its tables. The cold lines come from
`bench/profile_pages.py` (cProfile, in-process, SQLite, 1000 releases,
page cache off, memos on), 2026-12-01, third pass (finder, feed, search);
the warm lines from issue 19's hit-path measurements (bench/README.md). Re-profile and update them when a page
changes: a stale line is worse than none.
"""

COLD = {
    "home": "no query, body memoised; left: the base template's blocks and memo lookups, "
    "context processors, request and response (2,406 calls per request, trivial view 1,156)",
    "list": "no query, layout memoised per year/topic/town/page; left: head, chrome and the "
    "response (2,970 calls per request)",
    "deep list": "as the list page (the same memo per page number)",
    "release": "no query, article, head and JSON-LD memoised; left: title and description "
    "blocks, banners, chrome and the response of a 17 KB page (3,075 calls)",
    "series": "no query, body and JSON-LD memoised; left: the head and title filter (3,467 calls)",
    "offices": "no query, context and cards memoised; left: chrome and the response of a "
    "13 KB page (2,394 calls)",
    "office": "no query, context and body memoised; left: chrome and the response of a 19 KB "
    "page (2,663 calls)",
    "finder": "no query, the answer's context memoised per office and day and its fragment "
    "per place; left: the form, the query's own parse and the chrome (4,518 calls per request)",
    "search": "per query by nature: SQLite's FTS5 match, 100 release candidates (shown columns "
    "only), snippets and ten hits rendered (23,342 calls). PostgreSQL: five full-text queries "
    "built as Django expressions per request (a seven-field SearchVector with Coalesce/NullIf "
    "per language, resolved for the filter and again for ts_rank): ORM building and compiling "
    "43 % of own time, 720 copy.copy and 314 Field() per request, 105,840 calls; the SQL "
    "itself 27 ms of 9 queries",
    "search all": "as search, every synthetic release a candidate: the candidate fetch and "
    "ranking dominate",
    "search typo": "no hit: the vocabulary suggestion, then one checked search per kind",
    "feed": "the written document memoised per generation and address; left: the response",
}
WARM = {
    "sqlite": "a hit is the process's unpickled copy: the page-cache middleware's checks and "
    "key (501 Python calls per hit against the bare view's 311: request_started/finished "
    "receivers, host validation, the key's hash, the response object) and a 20–40 KB body "
    "against 2 bytes",
    "postgres": "a hit is one Redis MGET round trip (generation and page) plus unpickling the "
    "page; strict by default (no per-process copies): the round trip alone is about as long "
    "as the bare view's whole request",
    "local copies": "a hit from the per-process copy: the middleware's checks and key and a "
    "20–40 KB body against the bare view's 2 bytes",
}
FLAT = {
    "deep list": "the last numbered page reads OFFSET rows up to the cap of 100 pages "
    "(pressroom MAX_PAGES): growth up to the cap, flat beyond it",
    "search all": "a word in every release: the engine reads the word's whole posting list "
    "(SQLite FTS5: 100,000 entries per language before the newest 100 candidates; "
    "PostgreSQL: the GIN bitmap of every match) — the one part of a search that grows with "
    "the archive; ranking stays at 100 candidates",
}


def explain(results: list[dict], target_for) -> list[str]:
    """Markdown lines for every missed goal of bench/run.py's results."""
    lines = []
    for result in results:
        backend = result["backend"]
        for state, run in result["runs"].items():
            for name, page in run["pages"].items():
                target = target_for(backend, state, name)
                if target is None or page["ratio"] >= target:
                    continue
                if state == "cold":
                    why = COLD.get(name, "not profiled")
                else:
                    why = WARM["local copies" if "local" in state else backend]
                lines.append(
                    f"- {backend}, {name}, {state}: {page['ratio']:.2f} < {target:.2f}: {why}."
                )
    if lines:
        lines = ["Missed goals, and where the time goes:", "", *lines, ""]
    return lines


def explain_flat(costs: dict[str, float], target: float) -> list[str]:
    """Lines for the flat-cost pages above target (cost = small-size ratio / large-size ratio)."""
    return [
        f"- flat cost, {name}: {cost:.2f}× > {target}×: {FLAT.get(name, 'not profiled')}."
        for name, cost in costs.items()
        if cost > target
    ]
