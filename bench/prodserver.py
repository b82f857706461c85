"""A production-like server for the browser benchmarks (page weight, Lighthouse).

DEBUG=0, WhiteNoise's compressed manifest static files (collectstatic), gunicorn,
a throwaway SQLite database with the real demo data. HTTPS redirects and HSTS
are off because it serves plain HTTP on loopback; everything else is the
production configuration.
"""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so bench scripts can import tests.pages

from tests.pages import DEMO_PAGES, ERROR_PAGES, STATIC_PAGES  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def inventory() -> list[tuple[str, str, int]]:
    """(name, path without language, expected status) for every page type."""
    pages = [(name, path, 200) for name, path in STATIC_PAGES + DEMO_PAGES]
    return pages + [(name, path, 404) for name, path in ERROR_PAGES]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url} within {seconds} s")


@contextlib.contextmanager
def production_server() -> Iterator[str]:
    """Yield the base URL of a gunicorn serving the demo data with DEBUG=0."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="jc-bench-") as tmp:
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SITE_URL": f"http://127.0.0.1:{port}",
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "MEDIA_ROOT": f"{tmp}/media",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("REDIS_URL", None)
        for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [PYTHON, "manage.py", *command, "-v", "0"], cwd=ROOT, env=env, check=True
            )
        # No control socket: it lives at one fixed path per user, which two
        # benchmark servers on one machine would fight over.
        command = [GUNICORN, "jobcenter_site.wsgi", "--workers", "2", "--no-control-socket"]
        command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
        server = subprocess.Popen(command, cwd=ROOT, env=env)
        # A `timeout` around the script sends SIGTERM: leave through `finally`,
        # so gunicorn is stopped too instead of outliving us.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(f"{base}/healthz")
            yield base
        finally:
            server.terminate()
            server.wait(timeout=10)


def replace_section(readme: Path, title: str, body: str) -> None:
    """Replace (or append) the `## title` section of bench/README.md."""
    text = readme.read_text() if readme.exists() else "# Benchmarks\n"
    heading = f"## {title}\n"
    section = f"{heading}\n{body.strip()}\n"
    if heading in text:
        start = text.index(heading)
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + section + (text[end:] if end != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    readme.write_text(text)
