"""Redis refused or hung (SIGSTOP) under the running site: forms keep every
submission, pages answer within a bound, a circuit breaker stops asking, and
the site recovers by itself. Each test uses its own redis-server on a free
port (tests/faultservers.py), never the machine's."""

import logging
import time

import pytest
from django.core import mail
from django.core.cache import caches

from jobcenter_site.models import Feedback
from jobcenter_site.pagecache import redis_backend as redis_cache
from subscriptions.models import Subscription

from .factories import make_release
from .faultservers import RedisServer, free_port

TIMEOUT = 0.2  # the sockets' timeout in these tests (production: 0.5 s)
BREAKER = 1.0  # seconds the breaker stays open in these tests
FEEDBACK = "/de/barrierefreiheit/feedback/"
SUBSCRIBE = "/de/presse/abonnieren/"


@pytest.fixture(scope="module")
def redis_server():
    server = RedisServer()
    yield server
    server.stop()


def reset_breaker():
    redis_cache.TolerantRedisCache._last_report = 0.0
    getattr(redis_cache.TolerantRedisCache, "_open_until", {}).clear()


def use_redis(settings, url: str):
    settings.CACHES = {
        "default": {
            "BACKEND": "jobcenter_site.pagecache.redis_backend.TolerantRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"t{free_port()}",  # a fresh namespace per test
            "OPTIONS": {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT},
        }
    }
    settings.REDIS_BREAKER_SECONDS = BREAKER
    reset_breaker()
    return caches["default"]


@pytest.fixture
def live_redis(settings, redis_server, page_cache):
    cache = use_redis(settings, redis_server.url)
    yield redis_server
    reset_breaker()
    cache.clear()


@pytest.fixture
def refused_redis(settings):
    use_redis(settings, f"redis://127.0.0.1:{free_port()}/0")
    yield
    reset_breaker()


def feedback_data(**extra):
    return {"page_url": "/de/", "description": "Der Kontrast ist zu schwach.", **extra}


def subscribe_data(email):
    return {"email": email, "language": "de", "website": ""}


# Forms: save first, limit second ------------------------------------------------


@pytest.mark.django_db
def test_feedback_is_saved_when_redis_refuses(refused_redis, client, caplog):
    caplog.set_level(logging.WARNING, logger="jobcenter.faults")
    response = client.post(FEEDBACK, feedback_data())
    assert response.status_code == 302
    assert Feedback.objects.count() == 1
    assert len(mail.outbox) == 1
    assert any("rate limit" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_subscription_is_saved_when_redis_refuses(refused_redis, client):
    response = client.post(SUBSCRIBE, subscribe_data("presse@example.invalid"))
    assert response.status_code == 302
    assert Subscription.objects.filter(email="presse@example.invalid").exists()
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_forms_are_saved_while_redis_hangs(live_redis, client):
    with live_redis.paused():
        started = time.monotonic()
        for n in range(3):
            assert client.post(FEEDBACK, feedback_data()).status_code == 302
            response = client.post(SUBSCRIBE, subscribe_data(f"p{n}@example.invalid"))
            assert response.status_code == 302
        elapsed = time.monotonic() - started
    assert Feedback.objects.count() == 3
    assert Subscription.objects.count() == 3
    # The breaker: at most a few socket timeouts in all, not several per request.
    assert elapsed < 6 * TIMEOUT, f"{elapsed:.2f} s for 6 form posts"


# Pages: bounded while hung, breaker, recovery ------------------------------------


def get(client, path="/de/"):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def uncached(client) -> float:
    from jobcenter_site.pagecache.policy import bump_generation

    bump_generation()
    response, elapsed = get(client)
    assert response["X-Cache"] == "MISS"
    return elapsed


@pytest.mark.django_db(transaction=True)
def test_pages_answer_within_a_bound_while_redis_hangs(live_redis, client, caplog):
    make_release(title="Sprechtage im Kreishaus")
    caplog.set_level(logging.WARNING, logger="jobcenter.faults")
    assert client.get("/de/").status_code == 200  # warm the code paths
    baseline = max(uncached(client) for _ in range(3)) * 1.5
    with live_redis.paused():
        times = []
        for _ in range(10):
            response, elapsed = get(client)
            assert response.status_code == 200
            times.append(elapsed)
    # One request may wait for one socket timeout; then the breaker is open.
    assert sum(times) < 10 * baseline + 2 * TIMEOUT, [f"{t:.3f}" for t in times]
    assert sorted(times)[-2] < baseline + TIMEOUT / 2, [f"{t:.3f}" for t in times]
    warnings = [r for r in caplog.records if "Redis unavailable" in r.getMessage()]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]


@pytest.mark.django_db(transaction=True)
def test_the_site_uses_redis_again_after_the_breaker_closes(live_redis, client):
    with live_redis.paused():
        assert client.get("/de/").status_code == 200
    time.sleep(BREAKER + 0.1)
    assert client.get("/de/")["X-Cache"] == "MISS"
    assert client.get("/de/")["X-Cache"] == "HIT"  # stored in Redis again: no restart


def commands(server) -> int:
    """Data commands Redis processed (connection handshakes left out)."""
    import redis

    info = redis.Redis(port=server.port).info("commandstats")
    return sum(
        stats["calls"]
        for name, stats in info.items()
        if name.split("_", 1)[1].split("|")[0] not in ("client", "hello", "info", "config", "ping")
    )


def reset_stats(server) -> None:
    import redis

    redis.Redis(port=server.port).config_resetstat()


@pytest.mark.django_db(transaction=True)
def test_round_trips_per_request_are_minimal(live_redis, client):
    client.get("/de/standorte/")  # creates the generation token
    reset_stats(live_redis)
    assert client.get("/de/")["X-Cache"] == "MISS"
    miss = commands(live_redis)
    reset_stats(live_redis)
    assert client.get("/de/")["X-Cache"] == "HIT"
    hit = commands(live_redis)
    assert hit == 1  # one MGET: generation and page together
    # The go-live memo is still valid: MGET (generation, page, memo) + SET page.
    assert miss == 2, f"miss: {miss} commands"
