"""``/healthz``: does the database answer, decided within a second either way.

The request's own connection cannot be trusted for this: against a
PostgreSQL that hangs (not refusing, just silent) a query on it waits
without limit, and so would a load balancer's health check. The probe runs
on a fresh connection of its own, in a thread, and the answer is whatever
it found by the deadline. Only one probe runs at a time per process: while
one hangs, further checks answer "unavailable" at once instead of piling
up threads; a probe stuck longer than ``STUCK_AFTER`` no longer blocks new ones.
"""

import copy
import threading
import time

from django.db import connections
from django.db.utils import load_backend

DEADLINE = 0.8  # seconds; the answer (200 or 503) comes within a second
PROBE_CONNECT_TIMEOUT = 2  # libpq's smallest useful connect_timeout
STUCK_AFTER = 30.0

_lock = threading.Lock()
_probe_started: float | None = None


def _probe(alias: str, settings_dict: dict, result: dict) -> None:
    global _probe_started
    wrapper = None
    try:
        db = copy.deepcopy(settings_dict)
        if db["ENGINE"].endswith("postgresql"):
            db.setdefault("OPTIONS", {})["connect_timeout"] = PROBE_CONNECT_TIMEOUT
        wrapper = load_backend(db["ENGINE"]).DatabaseWrapper(db, alias)
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT 1")
            result["ok"] = cursor.fetchone() == (1,)
    except Exception as exc:  # any failure is "unavailable", reported by the caller
        result["error"] = exc
    finally:
        if wrapper is not None:
            try:
                wrapper.close()
            except Exception:
                pass
        with _lock:
            _probe_started = None


def database_answers(alias: str = "default", deadline: float = DEADLINE) -> bool:
    global _probe_started
    with _lock:
        now = time.monotonic()
        if _probe_started is not None and now - _probe_started < STUCK_AFTER:
            return False  # the previous probe still waits: the database hangs
        _probe_started = now
    result: dict = {}
    thread = threading.Thread(
        target=_probe, args=(alias, connections.settings[alias], result), daemon=True
    )
    thread.start()
    thread.join(deadline)
    return result.get("ok", False)
