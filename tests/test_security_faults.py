"""Faults survived: a dead database gives a friendly 503, a dead Redis is a cache miss."""

import logging
import socket
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import InterfaceError, OperationalError
from django.utils import translation

from jobcenter_site import faults
from jobcenter_site.pagecache import redis_backend as redis_cache

DB_DOWN = OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def database_down():
    return mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection", side_effect=DB_DOWN
    )


def assert_friendly_503(response):
    assert response.status_code == 503
    html = response.content.decode()
    assert "Vorübergehend nicht erreichbar" in html
    assert "Traceback" not in html and "OperationalError" not in html and "5432" not in html
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]  # a cache must not keep the outage


@pytest.mark.django_db
def test_a_view_that_loses_the_database_answers_503(superuser_client):
    with database_down():
        response = superuser_client.get("/admin/")
    assert_friendly_503(response)


@pytest.mark.django_db
def test_a_middleware_that_loses_the_database_answers_503(rf):
    request = rf.get("/de/")
    for error in (DB_DOWN, InterfaceError("connection already closed")):
        try:
            raise error
        except Exception:
            response = faults.server_error(request)
        assert_friendly_503(response)


def test_other_errors_stay_the_500_page(rf):
    try:
        raise ValueError("boom")
    except ValueError:
        response = faults.server_error(rf.get("/de/"))
    assert response.status_code == 500


@pytest.mark.django_db
def test_the_503_page_follows_the_language():
    with translation.override("ar"):
        html = faults.database_unavailable().content.decode()
    assert '<html lang="ar" dir="rtl">' in html


@pytest.mark.django_db
def test_healthz_503_and_public_pages_keep_working_without_database(client):
    with database_down():
        assert client.get("/healthz").status_code == 503
        assert client.get("/de/").status_code in (200, 503)


@pytest.mark.django_db
def test_recovery_needs_no_restart(superuser_client):
    with database_down():
        assert superuser_client.get("/admin/").status_code == 503
    assert superuser_client.get("/admin/").status_code == 200
    assert superuser_client.get("/healthz").status_code == 200


# Redis ------------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def dead_redis(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "jobcenter_site.pagecache.redis_backend.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    redis_cache.TolerantRedisCache._last_report = 0.0
    yield caches["default"]
    caches["default"].close()


def test_a_dead_redis_is_a_cache_miss(dead_redis, caplog):
    caplog.set_level(logging.WARNING, logger="jobcenter.faults")
    assert dead_redis.get("seite", "fallback") == "fallback"
    assert dead_redis.get("seite") is None
    assert dead_redis.set("seite", "x") is False
    assert dead_redis.add("seite", "x") is False
    assert dead_redis.get_many(["a", "b"]) == {}
    assert dead_redis.set_many({"a": 1}) == ["a"]
    assert dead_redis.delete("seite") is False
    assert dead_redis.get_or_set("seite", "berechnet") == "berechnet"
    warnings = [r for r in caplog.records if "Redis unavailable" in r.getMessage()]
    assert len(warnings) == 1  # one line per minute, not one per call


@pytest.mark.django_db
def test_the_site_serves_while_redis_is_down(dead_redis, client):
    assert client.get("/de/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_production_settings_use_the_tolerant_backend(monkeypatch):
    import importlib

    from jobcenter_site import settings as site_settings

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        reloaded = importlib.reload(site_settings)
        assert (
            reloaded.CACHES["default"]["BACKEND"]
            == "jobcenter_site.pagecache.redis_backend.TolerantRedisCache"
        )
        assert reloaded.CACHES["default"]["OPTIONS"]["socket_timeout"] <= 1
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(site_settings)
