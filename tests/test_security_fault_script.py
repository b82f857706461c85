"""Runs bench/db_fault.py (a real PostgreSQL stopped under a running site) in CI.

Only in the PostgreSQL pass of .ci/run (DATABASE_URL=postgres://…), where
PostgreSQL's server binaries are installed; it starts its own throwaway
cluster on a free port and never touches the test database. ~15 s.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HAVE_PG_SERVER = any(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="fault test runs in the PostgreSQL pass only",
    ),
    pytest.mark.skipif(not HAVE_PG_SERVER, reason="PostgreSQL server binaries not installed"),
]


def test_site_survives_the_database_going_away_and_coming_back():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "db_fault.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert "PASS  database down: /admin/ friendly 503" in result.stdout
    assert "PASS  database back: /healthz 200" in result.stdout
