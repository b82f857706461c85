"""Page caching policy: which requests and responses may be cached, for how
long, and when every cached page becomes stale.

Invalidation is deliberately coarse. Every save, delete or many-to-many
change of any model in ``PAGE_CACHE_APPS`` replaces one *generation* token,
and a cached page is served only while it carries the current token. A
release appears on the home page, the list, its series, two feeds, the
sitemap and search, in six languages; an office on its page, the list, the
finder and search. Tracking those edges per page would be a second copy of
every template's logic, and a forgotten edge is a stale page. Edits are
rare (a few a day), reads are many, and one re-render per page after an
edit is cheap, so "everything refreshes" is both simple and correct.

Go-live: a page must not outlive the next instant at which a scheduled
publication, an embargo or an office's open/closed badge changes. The apps
report that instant through the functions named in
``PAGE_CACHE_NEXT_CHANGE_FUNCTIONS``, imported at start-up: a mistyped path
stops the site from starting instead of silently caching past a go-live.
"""

import hashlib
import logging
import re
import uuid
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import QueryDict
from django.utils.cache import get_max_age
from django.utils.http import split_header_value, urlencode
from django.utils.module_loading import import_string
from django.utils.translation import get_language_from_request

from core import memo

logger = logging.getLogger(__name__)

# Bump FORMAT when the stored Entry changes shape: during a rolling deploy
# old and new code then use separate keys instead of failing to unpickle
# each other's entries.
FORMAT = 2
GENERATION_KEY = f"pagecache:{FORMAT}:generation"
NEXT_CHANGE_KEY = f"pagecache:{FORMAT}:next-change"
# Cache-Control directives that mean "not for a shared cache".
PRIVATE_DIRECTIVES = {"private", "no-cache", "no-store"}
# Vary values a cached page may carry: the language is part of the key, and
# the body is stored uncompressed (nginx or a CDN compresses).
ALLOWED_VARY = {"accept-encoding", "accept-language"}


def get_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


# --- generation -------------------------------------------------------------


def new_generation() -> str:
    # A random token, not a counter: if the key is evicted or the cache
    # restarts, a fresh token can never coincide with one old pages carry.
    return uuid.uuid4().hex


def current_generation(value: str | None) -> str:
    """The token read from the cache, or a fresh one stored in its place."""
    if value is None:
        value = new_generation()
        get_cache().add(GENERATION_KEY, value, timeout=None)
        value = get_cache().get(GENERATION_KEY, value)
    return value


class LocalCopies:
    """Per-process copies of hot pages for PAGE_CACHE_LOCAL_SECONDS (0 = off).

    A hit from the shared cache costs a Redis round trip; under a traffic
    spike most requests ask for a handful of pages. Keeping those in the
    process for a second or two skips the round trip, at a price: after an
    edit made elsewhere (another worker or instance) this process may serve
    the old page until its copy ends. That is the same kind of window the
    HTTP max-age already grants every browser and CDN, only shorter; an edit
    in this process clears its copies at once, and no copy outlives the
    next scheduled change.
    """

    def __init__(self, size: int = 256):
        self.size = size
        self._items: OrderedDict = OrderedDict()

    def get(self, key: str, now: float):
        item = self._items.get(key)
        return item[0] if item and item[1] > now else None

    def put(self, key: str, entry, now: float) -> None:
        if settings.PAGE_CACHE_LOCAL_SECONDS <= 0:
            return
        self._items[key] = (entry, min(now + settings.PAGE_CACHE_LOCAL_SECONDS, entry.expires))
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()


local_copies = LocalCopies()


def bump_generation() -> bool:
    """Mark every cached page, in every language, as stale.

    A cache outage must not make the edit fail; an unreachable cache serves
    nothing, and Redis runs without persistence (docs/deploy.md), so it
    comes back empty.
    """
    local_copies.clear()
    memo.clear()
    try:
        stored = get_cache().set(GENERATION_KEY, new_generation(), timeout=None)
    except Exception:
        logger.error("page cache unreachable: generation not bumped", exc_info=True)
        return False
    return stored is not False  # the tolerant Redis backend answers False when down


def pages_changed(reason: str) -> bool:
    """For code that changes content without model signals: every page is stale.

    Restore (pg_restore, loaddata), ``QuerySet.update()``, ``bulk_create()``
    and raw SQL send no post_save; call this after them (docs/deploy.md).
    """
    done = bump_generation()
    log = logger.info if done else logger.error
    log("page cache %s after %s", "invalidated" if done else "NOT invalidated", reason)
    return done


def invalidate_pages(sender, **kwargs) -> None:
    """Receiver for post_save, post_delete and m2m_changed of the watched apps.

    Bumps now (so the same request or test sees fresh pages) and again after
    the transaction commits: a request that renders between the first bump
    and the commit still reads the old rows and would cache them under the
    new token; the second bump retires that entry.
    """
    meta = sender._meta
    if meta.app_label not in settings.PAGE_CACHE_APPS or meta.label_lower in _ignored():
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed fires before and after; the "post_" half suffices
    bump_generation()
    transaction.on_commit(bump_generation, using=kwargs.get("using"))


def _ignored() -> set[str]:
    return {label.lower() for label in settings.PAGE_CACHE_IGNORE_MODELS}


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    # Connected without a sender so models of any watched app, including
    # ones added later, are covered; the receiver filters by app label.
    from core.signals import bulk_changed

    for signal in (post_save, post_delete, m2m_changed, bulk_changed):
        signal.connect(invalidate_pages, dispatch_uid=f"pagecache-{id(signal)}")
    _next_change_functions(tuple(settings.PAGE_CACHE_NEXT_CHANGE_FUNCTIONS))
    # The render memos (core/memo.py) live exactly as long as a cached page.
    memo.configure(content_generation, memo_bound)


def content_generation() -> str:
    """The current generation: a cached page and a render memo are valid under it."""
    return current_generation(get_cache().get(GENERATION_KEY))


def memo_bound(generation: str, now: float) -> float | None:
    """The next scheduled change, as a timestamp (for core.memo)."""
    return next_change_timestamp(generation, datetime.fromtimestamp(now, tz=UTC))


# --- go-live bound ----------------------------------------------------------


@cache
def _next_change_functions(paths: tuple[str, ...]) -> list[Callable]:
    """Imported once; a mistyped path raises ImportError at start-up (connect_signals)."""
    return [import_string(path) for path in paths]


def compute_next_change(now: datetime) -> datetime | None:
    """The earliest instant any app reports that a page may change by itself."""
    instants = []
    for function in _next_change_functions(tuple(settings.PAGE_CACHE_NEXT_CHANGE_FUNCTIONS)):
        if (instant := function(now)) is not None:
            instants.append(instant)
    return min(instants, default=None)


_UNREAD = object()


def next_change_timestamp(generation: str, now: datetime, memo=_UNREAD) -> float | None:
    """compute_next_change, memoised in the cache until it passes or data changes.

    Any edit (which could schedule something new) replaces the generation,
    so a memo stored under the old one is ignored. The middleware passes the
    memo it fetched together with the page (one round trip instead of two).
    """
    if memo is _UNREAD:
        memo = get_cache().get(NEXT_CHANGE_KEY)
    now_ts = now.timestamp()
    if memo and memo[0] == generation and (memo[1] is None or memo[1] > now_ts):
        return memo[1]
    instant = compute_next_change(now)
    timestamp = instant.timestamp() if instant else None
    # Kept for the render memos too when the page cache is off (its timeout 0
    # would drop it at once, and each memo stored would compute it again).
    keep = max(settings.PAGE_CACHE_SECONDS, settings.RENDER_MEMO_SECONDS)
    get_cache().set(NEXT_CHANGE_KEY, (generation, timestamp), keep)
    return timestamp


# --- requests and responses -------------------------------------------------


@cache
def _language_prefix_re(codes: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(code) for code in codes)
    return re.compile(rf"^/({alternatives})/")


def is_cacheable_request(request) -> bool:
    """Anonymous GET/HEAD of a public page: language-prefixed or listed extra."""
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    if "HTTP_COOKIE" in request.META:  # most hits carry none: no cookie parsing then
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return False  # a session may mean a user; flash messages are per visitor
    path = request.path_info
    codes = tuple(code for code, _name in settings.LANGUAGES)
    if prefix := _language_prefix_re(codes).match(path):
        request._pagecache_language = prefix[1]  # for cache_key: the path names the language
        return True
    return path in settings.PAGE_CACHE_EXTRA_PATHS


def keep_known_parameters(request) -> bool:
    """Drop query parameters no view reads (PAGE_CACHE_QUERY_PARAMETERS); True if any were.

    ``?x=<random>`` must not make a new page: the view would render the
    same content, and storing it under a new key would let anyone fill the
    cache and bypass it at will. The view sees only the known parameters,
    so the page it renders *is* the canonical one and is served from, and
    stored under, the canonical entry.
    """
    if not request.META.get("QUERY_STRING"):
        return False
    query = request.GET
    known = settings.PAGE_CACHE_QUERY_PARAMETERS
    if all(name in known for name in query):
        return False
    kept = QueryDict(mutable=True)
    for name in query:
        if name in known:
            kept.setlist(name, query.getlist(name))
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()
    return True


def cache_key(request) -> str:
    """Method, negotiated language, scheme, host, path and the known parameters, sorted."""
    language = getattr(request, "_pagecache_language", None) or get_language_from_request(
        request, check_path=True
    )
    query = ""
    if request.META.get("QUERY_STRING"):
        query = urlencode(
            sorted(
                (name, value)
                for name in request.GET
                if name in settings.PAGE_CACHE_QUERY_PARAMETERS
                for value in request.GET.getlist(name)
            )
        )
    url = f"{request.scheme}://{request.get_host()}{request.path}"
    raw = f"{request.method}:{language}:{url}?{query}"
    return f"pagecache:{FORMAT}:page:" + hashlib.sha256(raw.encode()).hexdigest()


def is_cacheable_response(request, response) -> bool:
    if response.status_code not in settings.PAGE_CACHE_STATUSES or response.streaming:
        return False
    if response.status_code == 404 and request.GET:
        return False  # ?seite=<random>: each value would be a new entry
    if response.cookies:
        return False  # a CSRF token, a session, a message: per visitor
    if getattr(request, "_csp_nonce", None):
        return False  # the page used its CSP nonce: replaying it would defeat it
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    directives = {
        part.split("=")[0].strip().lower()
        for part in split_header_value(response.get("Cache-Control", ""))
    }
    if directives & PRIVATE_DIRECTIVES or get_max_age(response) == 0:
        return False
    vary = {value.lower() for value in split_header_value(response.get("Vary", ""))}
    return vary <= ALLOWED_VARY
