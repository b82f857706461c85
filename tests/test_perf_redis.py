"""The Redis cache backend the site uses when REDIS_URL is set (needs a Redis)."""

import os
import socket

import pytest

from jobcenter_site.pagecache.redis_backend import RedisCache

# CI runs two suites at once: each names its own database (.ci/run).
REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")


def redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.2).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not redis_running(), reason="no Redis on 127.0.0.1:6379")


@pytest.fixture
def redis_cache():
    cache = RedisCache(REDIS, {"KEY_PREFIX": "jctest"})
    yield cache
    cache.clear()


def test_values_round_trip(redis_cache):
    redis_cache.set("a", {"page": b"<html>"}, 30)
    assert redis_cache.get_many(["a", "missing"]) == {"a": {"page": b"<html>"}}


def test_the_client_object_is_reused(redis_cache):
    client = redis_cache._cache.get_client("a")
    assert redis_cache._cache.get_client("b") is client
    assert redis_cache._cache.get_client("c", write=True) is client  # one server: one pool
