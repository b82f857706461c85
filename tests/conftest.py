import os
import shutil

import pytest
from django.core.management import call_command
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# calls from the same thread are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = os.path.exists(CHROMIUM)
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    """Browser tests skip without Chromium locally; under CI=true that is a failure."""
    if HAVE_CHROMIUM:
        return
    if IN_CI:
        raise pytest.UsageError(
            f"CI=true but no Chromium at {CHROMIUM}: install it (apt-get install chromium)"
        )
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (set CHROMIUM_PATH)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium, never a downloaded browser.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The page cache is off in tests (a rolled-back test fires no delete
    # signal, so a cached page would leak into the next test); tests of
    # caching turn it on with the `page_cache` fixture.
    settings.PAGE_CACHE_SECONDS = 0
    # The render memos likewise (core/memo.py): a rolled-back test leaves the
    # generation unchanged, so a memo of its rows would outlive them.
    settings.RENDER_MEMO_SECONDS = 0
    # The suite logs in from one address far more often than any office;
    # tests of the per-address login ceiling set their own.
    settings.ADMIN_LOGIN_POSTS_PER_ADDRESS = 100_000


@pytest.fixture(autouse=True)
def _fresh_place_index():
    """The finder's index lives per process; a rolled-back test fires no signal."""
    from locations import place_index

    place_index.forget()
    yield
    place_index.forget()


@pytest.fixture(autouse=True)
def _german(request):
    translation.activate("de")
    yield
    translation.deactivate()


@pytest.fixture
def page_cache(settings):
    """The page cache switched on, empty, with production lifetimes."""
    from django.core.cache import caches

    from jobcenter_site.pagecache.policy import local_copies

    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_MAX_AGE = 60
    settings.PAGE_CACHE_STALE_SECONDS = 30
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    caches[settings.PAGE_CACHE_ALIAS].clear()
    local_copies.clear()
    yield caches[settings.PAGE_CACHE_ALIAS]
    caches[settings.PAGE_CACHE_ALIAS].clear()
    local_copies.clear()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_user(
        "redaktion", "redaktion@example.invalid", "pw", is_staff=True, is_superuser=True
    )


@pytest.fixture
def superuser_client(client, superuser):
    """Logged in as a superuser: for what only an administrator may do."""
    client.force_login(superuser)
    return client


@pytest.fixture
def editor(django_user_model):
    """A press office editor as the project sets one up: staff, group "Pressestelle"."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "pressestelle", "pressestelle@example.invalid", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Pressestelle"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def heek(db):
    from .factories import make_office

    return make_office(slug="heek", name="Jobcenter Heek", street="Bahnhofstraße 60")


@pytest.fixture
def legden(db):
    from .factories import make_office

    return make_office(slug="legden", name="Jobcenter Legden")


@pytest.fixture(autouse=True)
def _test_logins_include_second_factor(monkeypatch):
    """`client.force_login(user)` / `client.login(…)` stand for a complete admin login.

    Superusers must have verified a second factor (jobcenter_site/admin_site.py);
    tests that only want "a logged-in editor" shouldn't have to care. Tests of
    the two-factor flow itself post the login form instead.
    """
    from django.test import Client

    original = Client._login

    def _login(self, user, backend=None):
        original(self, user, backend)
        if user.is_staff:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
            session = self.session
            session["otp_device_id"] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "_login", _login)


@pytest.fixture
def demo_data(request):
    """The real demo data (`manage.py load_demo`): the one demo fixture of the suite.

    Browser tests are transactional, so pytest-django flushes it after each
    test: load it once per test and check many pages in that test.
    """
    if not {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("db")
    call_command("load_demo", verbosity=0)
