"""Fault test: the site against a throwaway PostgreSQL that is stopped and started.

    .venv/bin/python bench/db_fault.py        (exit code 0 = all checks passed)

1. initdb a cluster on a free port under a temp dir (as `postgres` via
   runuser when run as root), migrate, start gunicorn with production
   settings against it.
2. Database up: /healthz 200, the pages of tests/pages.py 200.
3. Database stopped: /healthz 503; a page that needs the database (the admin
   with a session cookie) answers the friendly 503, never a 500 or a
   traceback; pages that don't need it still answer 200. If the page cache
   (perf branch) marks hits with a header, a page cached before the outage
   must still be served; otherwise that check is skipped with a message.
4. Database started again: the same gunicorn recovers (no restart).

tests/test_security_fault_script.py runs this in CI's PostgreSQL pass.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_BIN = Path(os.environ.get("PG_BIN", "")) if os.environ.get("PG_BIN") else None
CACHE_HIT_HEADERS = ("X-Cache", "X-Page-Cache", "X-Cache-Status")
results: list[tuple[bool, str]] = []


def pg_bin(name: str) -> str:
    if PG_BIN:
        return str(PG_BIN / name)
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(found[-1]) if found else (shutil.which(name) or name)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(cmd: list[str]) -> None:
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    # No pipes: the server would inherit them and run() would wait for it.
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def check(ok: bool, what: str) -> None:
    results.append((ok, what))
    print(f"{'PASS' if ok else 'FAIL'}  {what}", flush=True)


def fetch(url: str, cookie: str = "") -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class Cluster:
    def __init__(self, base: Path):
        self.data, self.port = base / "data", free_port()
        self.socket_dir = base

    def init(self) -> None:
        as_postgres([pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust"])

    def start(self) -> None:
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.socket_dir / "postgres.log")
        as_postgres(
            [pg_bin("pg_ctl"), "-D", str(self.data), "-l", log, "-o", options, "-w", "start"]
        )

    def stop(self) -> None:
        as_postgres([pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"])

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


def site_env(cluster: Cluster, static_root: Path, port: int) -> dict:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "fault-test-" + "x" * 50,
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": cluster.url,
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "CRITICAL",
    }


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def page_paths() -> list[str]:
    from tests.pages import STATIC_PAGES

    return [f"/de{path}" for _name, path in STATIC_PAGES]


def cache_hit_header(headers: dict) -> str | None:
    return next((h for h in CACHE_HIT_HEADERS if "hit" in headers.get(h, "").lower()), None)


# A session cookie makes the admin load the session: that needs the database.
DB_PAGE, SESSION_COOKIE = "/admin/", "sessionid=fault-test; __Host-sessionid=fault-test"


def check_up(base: str) -> dict:
    """Database up; returns each page's headers of a second (possibly cached) request."""
    status, _h, _b = fetch(f"{base}/healthz")
    check(status == 200, f"database up: /healthz {status}")
    for path in page_paths():
        status, _h, _b = fetch(base + path)
        check(status == 200, f"database up: {path} {status}")
    status, _h, _b = fetch(base + DB_PAGE, SESSION_COOKIE)
    check(status in (200, 302), f"database up: {DB_PAGE} with a session {status}")
    return {path: fetch(base + path)[1] for path in page_paths()}


def check_down(base: str, warm: dict) -> None:
    status, _h, _b = fetch(f"{base}/healthz")
    check(status == 503, f"database down: /healthz {status}")
    status, headers, body = fetch(base + DB_PAGE, SESSION_COOKIE)
    friendly = "Vorübergehend nicht erreichbar" in body and "Traceback" not in body
    check(status == 503 and friendly, f"database down: {DB_PAGE} friendly 503 ({status})")
    check(headers.get("Retry-After") == "30", "database down: Retry-After: 30")
    for path in page_paths():
        status, headers, body = fetch(base + path)
        check(status in (200, 503) and "Traceback" not in body, f"database down: {path} {status}")
        if header := cache_hit_header(warm[path]):
            check(status == 200, f"database down: cached {path} still served ({header})")
        else:
            # Form pages (tests/pages.py FORM_PAGES) are never cached by design.
            print(f"SKIP  cached {path}: not served from the page cache (form page?)")


def check_back(base: str) -> None:
    status, _h, _b = fetch(f"{base}/healthz")
    check(status == 200, f"database back: /healthz {status} (same process, no restart)")
    status, _h, _b = fetch(base + DB_PAGE, SESSION_COOKIE)
    check(status in (200, 302), f"database back: {DB_PAGE} {status}")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="jc-fault-") as tmp:
        base_dir = Path(tmp)
        os.chmod(base_dir, 0o777)
        if os.geteuid() == 0:
            shutil.chown(base_dir, "postgres")
        cluster, web_port = Cluster(base_dir), free_port()
        env = site_env(cluster, base_dir / "static", web_port)
        cluster.init()
        cluster.start()
        server = None
        try:
            manage = [sys.executable, str(ROOT / "manage.py")]
            for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
                subprocess.run([*manage, *command, "-v", "0"], env=env, cwd=ROOT, check=True)
            gunicorn = str(Path(sys.executable).parent / "gunicorn")
            bind = f"127.0.0.1:{web_port}"
            server = subprocess.Popen(
                [gunicorn, "jobcenter_site.wsgi", "-w", "1", "-b", bind, "--log-level", "error"],
                env=env,
                cwd=ROOT,
            )
            base = f"http://{bind}"
            wait_for(f"{base}/healthz")
            warm = check_up(base)
            cluster.stop()
            check_down(base, warm)
            cluster.start()
            check_back(base)
        finally:
            if server:
                server.terminate()
                server.wait(10)
            try:
                cluster.stop()
            except subprocess.CalledProcessError:
                pass
    failed = [what for ok, what in results if not ok]
    print(f"\n{len(results) - len(failed)}/{len(results)} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
