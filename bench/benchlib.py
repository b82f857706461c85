"""Shared pieces of the bench scripts: fresh databases, manage.py, gunicorn, wrk.

Only the standard library, so the scripts run with the project's venv and
never import Django themselves (each server gets its own environment).
"""

import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
WRK = shutil.which("wrk") or "/usr/bin/wrk"
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_BASE = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/7")
# Its own database name per person on a shared machine (dropped and recreated!).
BENCH_DB = os.environ.get("BENCH_DB", "jc_bench")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def production_env(database_url: str, port: int, **extra: str) -> dict[str, str]:
    """Production settings on loopback: DEBUG off, a throwaway key, no TLS redirect."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(
        DEBUG="0",
        SECRET_KEY="bench-" + secrets.token_urlsafe(40),
        SITE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(RESULTS / "media"),
        BENCH_TRIVIAL_VIEW="1",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=check, capture_output=True, text=True
    )


def has_command(env: dict[str, str], name: str) -> bool:
    return manage(env, "help", name, check=False).returncode == 0


def fresh_database(backend: str, name: str = BENCH_DB) -> str:
    """Drop and recreate the bench database; return its DATABASE_URL."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    if backend == "sqlite":
        path = RESULTS / f"{name}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    host = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *host, "--if-exists", "--force", name], check=True)
    subprocess.run(["createdb", *host, name], check=True)
    return f"{PG_SERVER}/{name}"


def flush_redis(url: str = REDIS_BASE) -> None:
    """Empty the bench's own Redis database (never the others' numbers)."""
    database = url.rsplit("/", 1)[-1]
    subprocess.run(["redis-cli", "-n", database, "flushdb"], check=True, capture_output=True)


def redis_available() -> bool:
    return shutil.which("redis-cli") is not None and (
        subprocess.run(["redis-cli", "ping"], capture_output=True, text=True).stdout.strip()
        == "PONG"
    )


def fetch(url: str, timeout: float = 30, host: str | None = None) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), dict(error.headers)


def worker_rss_mb(pid: int) -> float:
    """The largest resident set of the gunicorn master's workers, in MB."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    sizes = []
    for child in children:
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{child}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return max(sizes, default=0.0)


@contextlib.contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int = 2, app: str = "jobcenter_site.wsgi"):
    """A gunicorn on loopback with env; yields its base URL once /healthz answers.

    The base URL object carries the master's pid (``base.pid``) for the RSS figure.
    """
    command = [
        GUNICORN,
        app,
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        "--timeout=60",
    ]
    if app.startswith("bare_app"):
        command.append(f"--chdir={ROOT / 'bench'}")
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                if fetch(f"{base}/healthz", timeout=2)[0] == 200:
                    break
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}")
            time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer /healthz")
        yield Base(base, process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Base(str):
    """A server's base URL that also knows the gunicorn master's pid."""

    def __new__(cls, url: str, pid: int):
        base = super().__new__(cls, url)
        base.pid = pid
        return base


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, duration: int, threads: int, connections: int) -> dict:
    """One bounded wrk run: requests/s, p50/p99 in ms, errors (socket + non-2xx/3xx)."""
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for percentile in ("50", "99"):
        match = re.search(rf"^\s+{percentile}%\s+(\S+)", output, re.MULTILINE)
        result[f"p{percentile}"] = _ms(match.group(1)) if match else float("nan")
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    result["errors"] = errors
    return result
