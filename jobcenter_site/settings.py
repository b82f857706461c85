"""Settings for the Jobcenter im Kreis Borken website.

One module; every value that differs between a laptop and production comes
from the environment. A fresh clone runs with no variables set: DEBUG on,
SQLite, local-memory cache, mail to the console.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean; anything but the accepted spellings is an error."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "on"):
        return True
    if value.lower() in ("0", "false", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, on/off, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from None


def env_secret(name: str, default: str = "") -> str:
    """A secret from NAME or from the file NAME_FILE points at (Docker secrets)."""
    if path := os.environ.get(f"{name}_FILE"):
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_secret("SECRET_KEY", "dev-only-insecure-key" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")

# Everything host-related derives from SITE_URL.
# Default: the dev server's address, on PORT as `PORT=8080 make run` starts it.
SITE_URL = os.environ.get("SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT') or 8000}")
SITE_URL = SITE_URL.rstrip("/")
_site = urlsplit(SITE_URL)
if _site.scheme not in ("http", "https") or not _site.hostname:
    raise ImproperlyConfigured(f"SITE_URL must be an absolute http(s) URL, not {SITE_URL!r}")
ALLOWED_HOSTS = [_site.hostname]
if DEBUG:
    ALLOWED_HOSTS += ["localhost", "127.0.0.1", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = [f"{_site.scheme}://{_site.netloc}"]

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "jobcenter_site.apps.JobcenterAdminConfig",  # admin.site with two-factor login
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "reversion",
    "django_prose_editor",  # serves the rich-text editor's JS/CSS locally (no CDN)
    "jobcenter_site.staff.app_names.AxesConfig",  # django-axes, with a German name
    "django_otp",
    "jobcenter_site.staff.app_names.TOTPConfig",  # django_otp.plugins.otp_totp
    "jobcenter_site.staff.app_names.StaticConfig",  # django_otp.plugins.otp_static
    "core",  # translation states and other helpers every app may use
    "locations",
    "pressroom",
    "subscriptions",
    "jobcenter_site",
]

MIDDLEWARE = [
    # First: a hit skips every other middleware. An entry stores the headers
    # the stack below added (CSP, HSTS, X-Frame-Options …), so a hit carries
    # the same ones as a miss (pagecache/middleware.py).
    "jobcenter_site.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # After the CSP middleware: sets the admin's nonce policy, CORP and
    # Permissions-Policy, and answers TRACE/PUT/DELETE … with 405.
    "jobcenter_site.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "jobcenter_site.staff.middleware.GermanAdminMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "jobcenter_site.staff.middleware.AdminSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jobcenter_site.faults.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "jobcenter_site.urls"
WSGI_APPLICATION = "jobcenter_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "jobcenter_site.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections are a large throughput lever on PostgreSQL;
        # health checks drop a connection the server closed meanwhile.
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
# A PostgreSQL that hangs must not hold a worker without limit: a new
# connection gives up after DATABASE_CONNECT_TIMEOUT seconds (libpq: at
# least 2), a query after DATABASE_STATEMENT_TIMEOUT_MS milliseconds (0 =
# none; migrations and backups set their own in docs/deploy.md). A query on
# an already open connection to a *stopped* server is bounded only by
# gunicorn's --timeout (README); /healthz answers within a second anyway.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 3)
DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 15_000)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    if DATABASE_STATEMENT_TIMEOUT_MS > 0:
        _pg = f"{_options.get('options', '')} -c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
        _options["options"] = _pg.strip()

if REDIS_URL := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # A Redis outage is a cache miss (logged), not a 500.
            "BACKEND": "jobcenter_site.pagecache.redis_backend.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "jc"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # Local memory is per process: fine for one process (runserver, tests);
    # several gunicorn workers or instances need REDIS_URL so that an edit
    # invalidates the pages every one of them serves (docs/deploy.md).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# After a Redis failure a process stops asking it for this long (pagecache/redis_backend.py).
REDIS_BREAKER_SECONDS = env_int("REDIS_BREAKER_SECONDS", 5)

# Page cache for anonymous public pages (jobcenter_site/pagecache/policy.py).
# Seconds a page stays in the server-side cache; 0 disables the page cache.
# Off by default while developing, so template edits show at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 600)
# Lifetime for browsers and a CDN: short, as they learn of no edit.
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 30)
# Per-process copies of hot pages, skipping the Redis round trip; other
# processes see an edit up to this late (caching.LocalCopies). 0 = strict.
# Fractions count: 0.1 absorbs a spike on a hot page at a tenth of a second's delay.
# Without Redis the cache is the process's own, so its copies are exactly as
# fresh as the cache (an edit here clears both): kept unpickled, for as long.
PAGE_CACHE_LOCAL_SECONDS = env_float(
    "PAGE_CACHE_LOCAL_SECONDS", 0 if REDIS_URL else PAGE_CACHE_SECONDS
)
# Expensive page context (series teaser, year/topic links, press office) is
# memoised per process for one content generation, until the next scheduled
# change, and for at most this long (core/memo.py); 0 = off.
RENDER_MEMO_SECONDS = env_float("RENDER_MEMO_SECONDS", 60)
PAGE_CACHE_ALIAS = "default"
# A save, delete or m2m change of any model of these apps refreshes every page.
PAGE_CACHE_APPS = ["core", "pressroom", "locations", "jobcenter_site"]
# …except models no page shows that visitors write to: a sign-up or a
# feedback message must not flush the cache (nor let anyone flush it at will).
PAGE_CACHE_IGNORE_MODELS = [
    "pressroom.EmbargoAccess",
    "jobcenter_site.Feedback",
]
PAGE_CACHE_STATUSES = [200, 301, 404]
# The only query parameters a cacheable public view reads; others are dropped
# before the view runs, so they neither change the page nor make a new cache
# entry (pagecache/policy.py). tests/test_pagecache_busting.py finds every
# request.GET use in the code and fails when one is missing here.
PAGE_CACHE_QUERY_PARAMETERS = {
    "seite",  # page number of press lists (pressroom/views.py); page concerned (feedback)
    "page",  # page number of search results (jobcenter_site/views.py)
    "q",  # search, office finder and its suggestions
    "anzahl",  # how many items the ninjs list returns (pressroom/ninjs_views.py)
    "p",  # page of a sitemap child (core/sitemaps.py)
    "art",  # search filter: kind of result (jobcenter_site/views.py, issue 14)
    "jahr",  # search filter: year (jobcenter_site/views.py, issue 14)
}
PAGE_CACHE_EXTRA_PATHS = ["/sitemap.xml", "/robots.txt"]
# Each returns the next instant a page changes by itself (or None); missing ones are skipped.
PAGE_CACHE_NEXT_CHANGE_FUNCTIONS = [
    "pressroom.models.next_scheduled_change",
    "locations.models.next_status_change",
]

# bench/ measures every page against a plain HttpResponse on the same server;
# that view exists only while this is on (never in production URLs).
BENCH_TRIVIAL_VIEW = env_bool("BENCH_TRIVIAL_VIEW", default=False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Languages: German is the source; Arabic is right-to-left.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("Deutsch")),
    ("en", _("Englisch")),
    ("nl", _("Niederländisch")),
    ("tr", _("Türkisch")),
    ("uk", _("Ukrainisch")),
    ("ar", _("Arabisch")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Django serves uploads itself (with the headers of jobcenter_site/media.py)
# only in development; in production nginx does (docs/security.md).
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)
# Press media go through pressroom.media_views (published or staff only). With
# this on, nginx sends the file from its `internal` location (docs/security.md).
MEDIA_ACCEL_REDIRECT = env_bool("MEDIA_ACCEL_REDIRECT", default=False)
MEDIA_ACCEL_LOCATION = "/_geschuetzte-medien/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Mail: console locally, SMTP from the environment in production.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "jobcenter@kreis-borken.de")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
FEEDBACK_EMAIL = os.environ.get("FEEDBACK_EMAIL", "jobcenter@kreis-borken.de")
if _email_host := os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": env_int("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": env_secret("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Security. Public pages carry no inline script or style, so the policy
# needs neither 'unsafe-inline' nor nonces and stays cacheable.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    # NONCE appears in the header only on responses that used the nonce: the
    # admin's prose editor needs its inline <script type="importmap">. Public
    # pages use no nonce, so their policy stays 'self' (and cacheable).
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Cross-Origin-Resource-Policy and Permissions-Policy: jobcenter_site/security.py.
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Behind a reverse proxy: trust its X-Forwarded-Proto, and take the client
# address from its last X-Forwarded-For hop (feedback rate limit, axes).
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if SESSION_COOKIE_SECURE:
    # __Host- cookies are only accepted over HTTPS, with Path=/ and no Domain:
    # no subdomain can set or overwrite them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# Only staff have sessions. They end after 30 minutes without a request
# (the admin renews the session on each request: AdminSessionMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# The admin login: a password, then a one-time code (jobcenter_site/staff/site.py).
ADMIN_URL_PREFIX = "/admin/"
# Django's fallbacks (/accounts/login/, /accounts/profile/) do not exist here.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
# (Logout: the admin's own "logged out" page; a GET of /admin/logout/ goes to the admin.)
AUTHENTICATION_BACKENDS = [
    "jobcenter_site.security.LoginAttemptBackend",  # django-axes, first
    "django.contrib.auth.backends.ModelBackend",
]
OTP_REQUIRED_FOR_SUPERUSERS = True
# Issue 15: every staff account needs the second factor (editors and publishers too).
OTP_REQUIRED_FOR_STAFF = env_bool("OTP_REQUIRED_FOR_STAFF", True)
# How often the change forms autosave (static/js/admin-editing.js).
ADMIN_AUTOSAVE_SECONDS = env_int("ADMIN_AUTOSAVE_SECONDS", 15)
OTP_TOTP_ISSUER = "Jobcenter Kreis Borken"
# django-axes: 5 failures for one user name *from one client* lock that pair
# for 15 minutes. Not the user alone (anyone could lock the office out) and
# not the address alone (the county's staff share one NAT address).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
# On top of that, a ceiling on login POSTs per address across all user names
# (password spraying); generous, as the county's staff share a NAT address.
ADMIN_LOGIN_POSTS_PER_ADDRESS = env_int("ADMIN_LOGIN_POSTS_PER_ADDRESS", 100)
ADMIN_LOGIN_WINDOW_SECONDS = 15 * 60
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False  # jobcenter_site/audit.py logs with shortened addresses
AXES_DISABLE_ACCESS_LOG = True  # no table of every login with full addresses

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Logins, failures, lockouts (audit.py); keep 90 days, see docs/security.md.
        "jobcenter.security": {"level": "INFO"},
        "axes": {"level": "ERROR"},  # its own lines carry full addresses
    },
}
