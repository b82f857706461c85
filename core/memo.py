"""Per-process memos of expensive page context, valid for one content generation.

The series teaser, the year and topic links, the press office block: every
cold page computed them again, although they change only when an editor
saves something or a scheduled release goes live. A memo here is kept in
the process while

- the content generation it was computed under is still current (the site
  registers where that token lives: the page cache's generation, replaced
  by every save or delete of content, jobcenter_site/pagecache/policy.py),
- the next scheduled change has not passed (a release going live at 9:00
  changes the teaser at 9:00 without an edit), and
- at most ``RENDER_MEMO_SECONDS`` have passed (another process's edit
  reaches a per-process cache late; with Redis it reaches it at once).

The generation is read once per request (the page cache middleware hands
over the token it already read), so a memo costs no round trip of its own.
``RENDER_MEMO_SECONDS = 0`` turns every memo off (tests, and the check that
memoised and fresh pages are byte-identical).

Values are shared between requests: memoise only what templates read and
never change (model instances, lists, strings), not what a view annotates.
"""

import contextvars
import functools
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

# (generation_of(), bound_of(generation, now)): registered by the site at start-up.
_source: dict[str, Callable | None] = {"generation": None, "bound": None}
# None: outside a request (shell, workers): read the token on every use.
# UNREAD: a request started; the first use reads it and the rest reuse it.
UNREAD = ""
_request_generation: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "memo_generation", default=None
)
# Bounded: fragment keys include paths, and search paths are unbounded. Each
# memo name (a key's first part) gets at most MAX_PER_NAME entries, so a flood
# of one kind (headers of random search URLs) cannot evict the others.
MAX_ENTRIES = 2048
MAX_PER_NAME = 256
_memos: OrderedDict[tuple, tuple[str, float, Any]] = OrderedDict()
_by_name: dict[Any, OrderedDict[tuple, None]] = {}
_lock = threading.Lock()


def configure(generation: Callable[[], str], bound: Callable[[str, float], float | None]) -> None:
    """Where the content generation lives, and the next scheduled change under it."""
    _source.update(generation=generation, bound=bound)


def enabled() -> bool:
    return settings.RENDER_MEMO_SECONDS > 0 and _source["generation"] is not None


def set_request_generation(generation: str) -> None:
    """The page cache read the token already: the memos of this request use it."""
    _request_generation.set(generation)


def _request_started(**kwargs) -> None:
    _request_generation.set(UNREAD)


def _request_finished(**kwargs) -> None:
    _request_generation.set(None)


request_started.connect(_request_started, dispatch_uid="core-memo-request-started")
request_finished.connect(_request_finished, dispatch_uid="core-memo-request-finished")


def _generation() -> str:
    generation = _request_generation.get()
    if not generation:
        read = _source["generation"]()
        if generation == UNREAD:
            _request_generation.set(read)
        return read
    return generation


def clear() -> None:
    _memos.clear()
    _by_name.clear()


def _store(key: tuple, entry: tuple) -> None:
    """Insert as the newest entry; evict the oldest of its name, then of all (under _lock)."""
    _memos[key] = entry
    _memos.move_to_end(key)
    same_name = _by_name.setdefault(key[0], OrderedDict())
    same_name[key] = None
    same_name.move_to_end(key)
    if len(same_name) > MAX_PER_NAME:
        oldest, _none = same_name.popitem(last=False)
        _memos.pop(oldest, None)
    while len(_memos) > MAX_ENTRIES:
        oldest, _entry = _memos.popitem(last=False)
        _by_name.get(oldest[0], {}).pop(oldest, None)


def get_or_compute(key: tuple, compute: Callable[[], Any]) -> Any:
    """The memo for key under the current generation, computed if missing or stale."""
    if not enabled():
        return compute()
    try:
        generation = _generation()
    except Exception:  # the cache is away: correct before fast
        logger.warning("render memo: no content generation", exc_info=True)
        return compute()
    now = time.time()
    found = _memos.get(key)
    if found is not None and found[0] == generation and found[1] > now:
        with _lock:
            if key in _memos:
                _memos.move_to_end(key)
        return found[2]
    value = compute()
    expires = now + settings.RENDER_MEMO_SECONDS
    bound = _source["bound"](generation, now)
    if bound is not None:
        expires = min(expires, bound)
    with _lock:  # threaded servers (runserver) share the memos
        _store(key, (generation, expires, value))
    return value


def per_generation(function: Callable) -> Callable:
    """Decorator: memoise function(*args) (hashable args) per content generation.

    Keyed by the active language too: modeltranslation orders by the field
    of the active language (Topic by name, Series by title), so even a list
    of the same rows can come in another order.
    """
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def wrapper(*args):
        return get_or_compute((name, get_language(), *args), lambda: function(*args))

    wrapper.uncached = function
    return wrapper
