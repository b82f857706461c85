"""Every public URL the resolver knows, plus the page inventory (tests/pages.py).

Used by the method, header and fuzz tests, so pages that other apps add are
covered without touching these tests: parameterless routes are found by
walking the URL resolver, pages with a slug come from DEMO_PAGES.
"""

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from .pages import DEMO_PAGES, STATIC_PAGES

# Not public, or not pages: the admin has its own tests; media needs a file.
EXCLUDED_PREFIXES = ("/admin/", "/media/", "/static/")


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if isinstance(entry.pattern, LocalePrefixPattern):
                part = entry.pattern.language_prefix
            elif getattr(entry.pattern, "converters", None):
                continue
            else:
                part = str(entry.pattern)
            yield from _walk(entry.url_patterns, prefix + part)
        elif isinstance(entry, URLPattern) and not entry.pattern.converters:
            yield "/" + prefix + str(entry.pattern)


def resolver_paths(language: str = "de") -> list[str]:
    """Parameterless public routes (e.g. /de/, /healthz, /de/presse/)."""
    with translation.override(language):
        paths = sorted(set(_walk(get_resolver().url_patterns)))
    return [p for p in paths if not p.startswith(EXCLUDED_PREFIXES) and "^" not in p]


def inventory_paths(language: str = "de", demo: bool = False) -> list[str]:
    pages = STATIC_PAGES + (DEMO_PAGES if demo else [])
    return [f"/{language}{path}" for _name, path in pages]


def public_paths(language: str = "de", demo: bool = False) -> list[str]:
    return sorted(set(resolver_paths(language)) | set(inventory_paths(language, demo)))


def post_form_actions(html: str, page_path: str) -> list[str]:
    """Where the page's POST forms send to (the page itself when action is empty)."""
    import re

    actions = []
    for match in re.finditer(r"<form\b[^>]*>", html, flags=re.I):
        tag = match.group(0)
        if not re.search(r"method=[\"']?post", tag, flags=re.I):
            continue
        action = re.search(r"action=[\"']([^\"']*)[\"']", tag)
        actions.append(action.group(1) if action and action.group(1) else page_path)
    return actions
