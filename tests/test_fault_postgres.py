"""PostgreSQL that hangs (SIGSTOP) under a running gunicorn: bounded connects and
queries, /healthz answers 503 within a second, recovery without restart. The
cluster is the test's own (initdb in a temp dir, pg_ctl on a free port,
tests/faultservers.py), never the machine's server or the test database."""

import importlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db.utils import load_backend

from .faultservers import PostgresCluster, free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cluster():
    server = PostgresCluster()
    yield server
    server.stop()


def reloaded_databases(monkeypatch, **env) -> dict:
    """DATABASES as settings.py computes them with these environment variables."""
    import copy

    from jobcenter_site import settings as site_settings

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        return copy.deepcopy(importlib.reload(site_settings).DATABASES)
    finally:
        for name in env:
            monkeypatch.delenv(name)
        importlib.reload(site_settings)


def test_connect_and_statement_timeouts_are_set_and_configurable(monkeypatch):
    url = "postgres://jc@127.0.0.1:5432/jobcenter"
    options = reloaded_databases(monkeypatch, DATABASE_URL=url)["default"]["OPTIONS"]
    assert options["connect_timeout"] == 3
    assert "-c statement_timeout=15000" in options["options"]
    custom = reloaded_databases(
        monkeypatch,
        DATABASE_URL=url,
        DATABASE_CONNECT_TIMEOUT="5",
        DATABASE_STATEMENT_TIMEOUT_MS="2500",
    )["default"]["OPTIONS"]
    assert custom["connect_timeout"] == 5
    assert "-c statement_timeout=2500" in custom["options"]


def test_a_slow_query_is_cancelled_by_the_statement_timeout(monkeypatch, cluster):
    databases = reloaded_databases(
        monkeypatch, DATABASE_URL=cluster.url, DATABASE_STATEMENT_TIMEOUT_MS="300"
    )
    db = {**databases["default"], "TIME_ZONE": None, "CONN_HEALTH_CHECKS": False}
    wrapper = load_backend(db["ENGINE"]).DatabaseWrapper(db, "slow")
    # The raw driver connection with Django's parameters (pytest-django
    # guards Django's own connections; this one is the throwaway cluster's).
    raw = wrapper.get_new_connection(wrapper.get_connection_params())
    started = time.monotonic()
    try:
        with pytest.raises(wrapper.Database.OperationalError), raw.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(3)")
    finally:
        raw.close()
    assert time.monotonic() - started < 1.5


def fetch(url: str, timeout: float = 8) -> tuple[int, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


@pytest.fixture
def site(cluster, tmp_path):
    """gunicorn with production settings against the throwaway cluster."""
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "fault-test-" + "x" * 50,
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": cluster.url,
        "DATABASE_CONNECT_TIMEOUT": "2",
        "CONN_MAX_AGE": "0",  # each request connects afresh: connect_timeout applies
        "STATIC_ROOT": str(tmp_path),
        "LOG_LEVEL": "CRITICAL",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True
    )
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "jobcenter_site.wsgi", "-w", "1", "--threads", "4", "--timeout", "30"]
        + ["-b", f"127.0.0.1:{port}", "--log-level", "critical"],
        env=env,
        cwd=ROOT,
    )
    try:
        wait_for_port(port, 30)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(10)


def test_healthz_answers_503_within_a_second_while_postgres_hangs(cluster, site):
    assert fetch(f"{site}/healthz")[0] == 200
    with cluster.paused():
        for _ in range(3):  # also while the first probe still hangs
            status, elapsed = fetch(f"{site}/healthz")
            assert status == 503
            assert elapsed < 1.0, f"/healthz took {elapsed:.2f} s"
        # A request that needs the database gives up after connect_timeout: the
        # friendly 503, not a worker blocked until gunicorn kills it.
        status, elapsed = fetch(f"{site}/de/standorte/")
        assert status == 503 and elapsed < 4, (status, elapsed)
    deadline = time.monotonic() + 5
    while (status := fetch(f"{site}/healthz")[0]) != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert status == 200  # recovered, same process


def test_the_documented_gunicorn_command_sets_its_timeout():
    readme = (ROOT / "README.md").read_text()
    command = next(line for line in readme.splitlines() if "bin/gunicorn" in line)
    assert "--timeout 30" in command
