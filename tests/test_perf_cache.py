"""The page cache: what it keeps, what it never keeps, and when it lets go."""

from unittest import mock

import pytest
import reversion
from django.core.management import call_command
from django.db import DatabaseError
from reversion.models import Version

from jobcenter_site.pagecache import policy as caching
from locations.models import Office

from .pagecache import LANGUAGE_CODES, get, make_office, warm
from .pages import DEMO_PAGES, FORM_PAGES, STATIC_PAGES
from .querybudget import assert_flat_queries

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.perf_urls")]


# --- what is cached ---------------------------------------------------------


def test_second_anonymous_request_is_a_hit(client, page_cache):
    first = get(client, "/de/")
    second = get(client, "/de/")
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert second.content == first.content
    assert second.status_code == 200


def test_cached_page_has_shared_cache_headers(client, page_cache):
    get(client, "/de/")
    response = get(client, "/de/")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=60" in cache_control
    assert "stale-while-revalidate=30" in cache_control
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]


def test_cached_page_sets_no_cookie(client, page_cache):
    get(client, "/de/")
    response = get(client, "/de/")
    assert response["X-Cache"] == "HIT"
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_security_headers_are_on_cache_hits(client, page_cache):
    get(client, "/de/")
    response = get(client, "/de/")
    assert response["X-Cache"] == "HIT"
    assert "Content-Security-Policy" in response.headers
    assert response["X-Frame-Options"] == "DENY"


def test_languages_are_cached_separately(client, page_cache):
    get(client, "/de/")
    response = get(client, "/en/")
    assert response["X-Cache"] == "MISS"
    assert '<html lang="en"' in response.content.decode()


def test_parameters_a_view_reads_are_part_of_the_key(client, page_cache):
    get(client, "/de/suche/?q=Bocholt")
    assert get(client, "/de/suche/?q=Vreden")["X-Cache"] == "MISS"
    assert get(client, "/de/suche/?q=Bocholt")["X-Cache"] == "HIT"
    # …and nothing else (issue 16): an unknown parameter is the canonical page.
    assert get(client, "/de/suche/?q=Bocholt&utm_source=x")["X-Cache"] == "HIT"


def test_not_found_pages_are_cached_too(client, page_cache):
    get(client, "/de/gibt-es-nicht/")
    response = get(client, "/de/gibt-es-nicht/")
    assert (response.status_code, response["X-Cache"]) == (404, "HIT")


def test_if_none_match_gets_304(client, page_cache):
    etag = get(client, "/de/")["ETag"]
    response = get(client, "/de/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since_gets_304(client, page_cache):
    last_modified = get(client, "/de/")["Last-Modified"]
    response = get(client, "/de/", headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_changed_etag_gets_the_page(client, page_cache):
    get(client, "/de/")
    response = get(client, "/de/", headers={"if-none-match": '"something-else"'})
    assert response.status_code == 200


def test_disabled_cache_leaves_responses_alone(client, page_cache, settings):
    settings.PAGE_CACHE_SECONDS = 0
    get(client, "/de/")
    response = get(client, "/de/")
    assert "X-Cache" not in response.headers
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(("name", "path"), STATIC_PAGES)
def test_every_static_page_is_cacheable(client, page_cache, name, path):
    get(client, f"/de{path}")
    client.cookies.clear()
    expected = "PASS" if name in FORM_PAGES else "HIT"  # a form's CSRF cookie is personal
    assert get(client, f"/de{path}")["X-Cache"] == expected, name


@pytest.mark.parametrize(("name", "path"), DEMO_PAGES)
def test_every_demo_page_is_cacheable(client, page_cache, name, path, demo_data):
    get(client, f"/de{path}")
    client.cookies.clear()
    expected = "PASS" if name in FORM_PAGES else "HIT"  # a form's CSRF cookie is personal
    assert get(client, f"/de{path}")["X-Cache"] == expected, name


# --- what is never cached ---------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/de/perf/preview/", "/de/perf/form/", "/de/perf/private/", "/de/perf/cookie/"]
)
def test_private_no_cache_form_and_cookie_responses_are_never_cached(client, page_cache, path):
    first = get(client, path)
    client.cookies.clear()
    second = get(client, path)
    assert (first["X-Cache"], second["X-Cache"]) == ("PASS", "PASS")


def test_a_page_that_touches_the_session_is_not_cached(client, page_cache):
    response = get(client, "/de/perf/session/")
    assert response["X-Cache"] == "PASS"
    assert response.cookies  # the session cookie the cache must not share


def test_staff_bypass_the_cache_and_do_not_fill_it(superuser_client, client, page_cache):
    response = superuser_client.get("/de/")
    assert "X-Cache" not in response.headers
    superuser_client.logout()
    superuser_client.cookies.clear()
    assert get(client, "/de/")["X-Cache"] == "MISS"


def test_staff_do_not_get_the_anonymous_copy(superuser_client, page_cache, client):
    get(client, "/de/")
    assert "X-Cache" not in superuser_client.get("/de/").headers


def test_a_session_cookie_bypasses_the_cache(client, page_cache, settings):
    get(client, "/de/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "abc"
    assert "X-Cache" not in get(client, "/de/").headers


def test_post_is_never_cached(client, page_cache):
    get(client, "/de/")
    response = client.post("/de/")
    assert response.status_code == 405
    assert "X-Cache" not in response.headers


def test_admin_and_health_are_outside_the_cache(client, page_cache):
    assert "X-Cache" not in client.get("/admin/login/").headers
    assert "X-Cache" not in client.get("/healthz").headers


# --- faults ----------------------------------------------------------------


def test_cached_pages_are_served_while_the_database_is_down(client, page_cache):
    get(client, "/de/")
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError):
        response = get(client, "/de/")
    assert (response.status_code, response["X-Cache"]) == (200, "HIT")


def test_a_cache_outage_renders_pages_uncached(client, page_cache):
    with mock.patch.object(type(page_cache), "get_many", side_effect=ConnectionError):
        response = get(client, "/de/")
    assert response.status_code == 200
    assert "X-Cache" not in response.headers


def test_a_cache_outage_does_not_fail_an_edit(page_cache):
    with mock.patch.object(type(page_cache), "set", side_effect=ConnectionError):
        office = make_office()
    assert Office.objects.filter(pk=office.pk).exists()


# --- invalidation -----------------------------------------------------------


def test_saving_an_office_refreshes_every_language(client, page_cache):
    office = make_office(name="Gronau")
    paths = [f"/{code}{page}" for code in LANGUAGE_CODES for page in ("/", "/perf/offices/")]
    warm(client, *paths)
    office.name_de = "Gronau (Westf.)"  # German, the source every language falls back to
    office.save()
    for path in paths:
        assert get(client, path)["X-Cache"] == "MISS", path
    for code in LANGUAGE_CODES:
        assert "Gronau (Westf.)" in get(client, f"/{code}/perf/offices/").content.decode()


def test_deleting_an_office_refreshes_the_pages(client, page_cache):
    office = make_office(name="Vreden")
    warm(client, "/de/perf/offices/", "/en/perf/offices/")
    office.delete()
    for path in ("/de/perf/offices/", "/en/perf/offices/"):
        response = get(client, path)
        assert response["X-Cache"] == "MISS"
        assert "Vreden" not in response.content.decode()


def test_related_rows_invalidate_too(client, page_cache):
    office = make_office()
    warm(client, "/de/")
    office.hours.create(weekday=0, opens="08:00", closes="12:00")
    assert get(client, "/de/")["X-Cache"] == "MISS"


def test_models_of_other_apps_do_not_invalidate(client, page_cache, django_user_model):
    warm(client, "/de/")
    django_user_model.objects.create_user("someone")
    assert get(client, "/de/")["X-Cache"] == "HIT"


def test_ignored_models_do_not_invalidate(client, page_cache, settings):
    settings.PAGE_CACHE_IGNORE_MODELS = ["locations.Closure"]
    office = make_office()
    warm(client, "/de/")
    office.closures.create(starts_on="2026-12-24", ends_on="2026-12-24", reason="Heiligabend")
    assert get(client, "/de/")["X-Cache"] == "HIT"


def test_head_requests_are_cached(client, page_cache):
    client.head("/de/")
    response = client.head("/de/")
    assert (response.status_code, response["X-Cache"]) == (200, "HIT")


def test_fixture_loading_invalidates(client, page_cache, tmp_path):
    warm(client, "/de/")
    fixture = tmp_path / "office.json"
    fixture.write_text(
        '[{"model": "locations.office", "pk": 900, "fields": '
        '{"name": "Ahaus", "slug": "ahaus-test", "kind": "local", "updated_at": "2026-01-01T00:00:00Z"}}]'
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert get(client, "/de/")["X-Cache"] == "MISS"


def test_reverting_a_revision_invalidates(client, page_cache):
    registered_here = not reversion.is_registered(Office)
    if registered_here:
        reversion.register(Office)
    try:
        with reversion.create_revision():
            office = make_office(name="Borken")
        with reversion.create_revision():
            office.name = "Borken (neu)"
            office.save()
        warm(client, "/de/perf/offices/")
        Version.objects.get_for_object(office).last().revision.revert()
        response = get(client, "/de/perf/offices/")
        assert response["X-Cache"] == "MISS"
        assert "Borken (neu)" not in response.content.decode()
    finally:
        if registered_here:
            reversion.unregister(Office)


def test_generation_is_bumped_again_after_commit(page_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_office()
    during = page_cache.get(caching.GENERATION_KEY)
    assert during is not None and callbacks
    for callback in callbacks:
        callback()
    assert page_cache.get(caching.GENERATION_KEY) != during


def test_a_lost_generation_key_never_revives_old_pages(client, page_cache):
    warm(client, "/de/")
    page_cache.delete(caching.GENERATION_KEY)
    assert get(client, "/de/")["X-Cache"] == "MISS"


def test_deploy_check_names_a_per_process_page_cache(settings):
    from jobcenter_site.pagecache.checks import page_cache_is_shared

    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [message.id for message in page_cache_is_shared(None)] == ["jobcenter_site.I001"]
    settings.CACHES = {"default": {"BACKEND": "jobcenter_site.pagecache.redis_backend.RedisCache"}}
    assert page_cache_is_shared(None) == []


# --- query budget -----------------------------------------------------------


def make_offices(n):
    for _ in range(n):
        make_office()


def test_home_page_query_budget_is_flat(client):
    # 1 key figures, 2 latest releases, 3 series teaser (no series: no parts query);
    # the same three with 1 or 50 offices.
    assert assert_flat_queries(client, "/de/", make_offices, many=50) == 3


def test_query_budget_helper_catches_a_growing_page(client):
    with pytest.raises(AssertionError, match="queries with 1 rows"):
        assert_flat_queries(client, "/de/perf/offices-n-plus-one/", make_offices, many=3)
