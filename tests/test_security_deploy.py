"""Production settings (DEBUG=0 …) in a subprocess: check --deploy and the headers served."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .faultservers import RedisServer

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "test-" + "k3y-" * 15,
    "SITE_URL": "https://jobcenter.kreis-borken.de",
    "EMAIL_HOST": "smtp.kreis-borken.de",
    # Production shares its page cache through Redis (a per-process cache is an info check);
    # REDIS_URL is the test's own redis-server, capped and evicting as docs/deploy.md asks.
}


@pytest.fixture(scope="module", autouse=True)
def production_redis():
    server = RedisServer("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru")
    PRODUCTION["REDIS_URL"] = server.url
    yield server
    server.stop()


SERVED = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings, setup_test_environment
mailer = settings.MAILERS["default"]["BACKEND"]  # before the test environment swaps it
setup_test_environment()
plain = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain, DATABASES=settings.DATABASES):
    client = Client(headers={"host": "jobcenter.kreis-borken.de"})
    http = client.get("/de/")
    page = client.get("/de/", secure=True)
    login = client.get("/admin/login/", secure=True)
print(json.dumps({
    "http_redirect": [http.status_code, http.get("Location")],
    "page": dict(page.headers),
    "page_cookies": list(page.cookies),
    "login_cookies": {k: dict(v) for k, v in login.cookies.items()},
    "mailer": mailer,
}))
"""


def run(args, **kw):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {**PRODUCTION, "DATABASE_URL": "sqlite:///:memory:"}
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, **kw)


def test_check_deploy_is_clean_with_production_settings():
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_serves_the_full_header_set_and_host_cookies():
    result = run([sys.executable, "-c", SERVED], timeout=120)
    assert result.returncode == 0, result.stderr
    served = json.loads(result.stdout.strip().splitlines()[-1])
    assert served["http_redirect"] == [301, "https://jobcenter.kreis-borken.de/de/"]
    headers = served["page"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert served["page_cookies"] == []
    csrf = served["login_cookies"]["__Host-csrftoken"]
    assert csrf["secure"] is True and csrf["samesite"] == "Lax" and csrf["path"] == "/"
    assert not csrf["domain"]
    assert served["mailer"] == "django.core.mail.backends.smtp.EmailBackend"


def test_check_deploy_warns_when_the_cache_redis_does_not_evict(settings):
    from jobcenter_site.pagecache.checks import page_cache_redis_evicts

    server = RedisServer()  # Redis' defaults: maxmemory 0, noeviction
    try:
        settings.PAGE_CACHE_SECONDS = 600
        settings.CACHES = {
            "default": {
                "BACKEND": "jobcenter_site.pagecache.redis_backend.TolerantRedisCache",
                "LOCATION": server.url,
            }
        }
        (warning,) = page_cache_redis_evicts(None)
        assert warning.id == "jobcenter_site.W001" and "maxmemory=0" in warning.msg
        import redis

        redis.Redis(port=server.port).config_set("maxmemory", "64mb")
        redis.Redis(port=server.port).config_set("maxmemory-policy", "allkeys-lru")
        assert page_cache_redis_evicts(None) == []
    finally:
        server.stop()
    settings.CACHES = {**settings.CACHES}  # a fresh connection for the next check
    (unreachable,) = page_cache_redis_evicts(None)
    assert unreachable.id == "jobcenter_site.W002"
