"""Random query strings against the page cache (issue 16, defect 7).

    .venv/bin/python bench/cache_busting.py [--duration 5] [--rounds 3]

gunicorn (production settings, 2 workers) on a fresh SQLite database with
the demo data, the page cache in a throwaway redis-server of its own
(maxmemory 64mb, allkeys-lru, as docs/deploy.md asks). For each path, wrk
alternates the plain cached URL and the same URL with two random unknown
parameters per request (a Lua script), and reports the median requests/s
of each, their ratio (target ≥ 0.8) and the Redis key count before and
after the random run (target: unchanged). Exit code 1 when a target is missed.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.benchlib import (  # noqa: E402
    WRK,
    fetch,
    fresh_database,
    gunicorn,
    log,
    manage,
    production_env,
    wrk,
)
from tests.faultservers import RedisServer, free_port  # noqa: E402

PATHS = ["/de/presse/", "/de/", "/sitemap.xml"]
LUA = """
math.randomseed(os.time())
request = function()
  local q = string.format("x%d=%d&utm_%d=%d", math.random(1e9), math.random(1e9),
                          math.random(1e9), math.random(1e9))
  return wrk.format("GET", "{path}?" .. q)
end
"""


def random_run(base: str, path: str, args) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(LUA.replace("{path}", path))
        script.flush()
        command = [WRK, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
        output = subprocess.run(
            [*command, "-s", script.name, base], capture_output=True, text=True, check=True
        ).stdout
    rps = float(output.split("Requests/sec:")[1].split()[0])
    errors = output.split("Non-2xx or 3xx responses:")
    return {"rps": rps, "errors": int(errors[1].split()[0]) if len(errors) > 1 else 0}


def key_count(redis: RedisServer) -> int:
    import redis as redis_py

    return redis_py.Redis(port=redis.port).dbsize()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    redis = RedisServer("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru")
    port = free_port()
    try:
        database_url = fresh_database("sqlite", "jc_cache_busting")
        load_env = production_env(database_url, port)
        log("migrate, demo data, collectstatic")
        manage(load_env, "migrate", "--noinput")
        manage(load_env, "load_demo")
        manage(load_env, "collectstatic", "--noinput")
        env = production_env(database_url, port, REDIS_URL=redis.url)
        failed = False
        with gunicorn(env, port) as base:
            for path in PATHS:
                fetch(base + path)
                fetch(base + path)  # cached
                plain, busted, keys = [], [], []
                for _ in range(args.rounds):
                    plain.append(wrk(base + path, args.duration, args.threads, args.connections))
                    before = key_count(redis)
                    busted.append(random_run(base, path, args))
                    keys.append(key_count(redis) - before)
                p = statistics.median(run["rps"] for run in plain)
                b = statistics.median(run["rps"] for run in busted)
                errors = sum(run["errors"] for run in plain + busted)
                ratio = b / p
                ok = ratio >= 0.8 and not any(keys) and not errors
                failed |= not ok
                print(
                    f"{path:14} plain {p:7.0f} req/s  random query {b:7.0f} req/s  "
                    f"ratio {ratio:4.2f}  new Redis keys {keys}  errors {errors}  "
                    f"{'PASS' if ok else 'FAIL'}",
                    flush=True,
                )
        return 1 if failed else 0
    finally:
        redis.stop()


if __name__ == "__main__":
    sys.exit(main())
