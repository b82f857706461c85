from functools import lru_cache

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


@lru_cache(maxsize=4096)
def _language_links(language: str, path: str) -> tuple[dict, ...]:
    # translate_url resolves and reverses the path once per language: about
    # a fifth of rendering a simple page. The result depends only on the
    # URLconf, the active language and the path, so it is memoised (bounded,
    # since paths with query strings are unbounded).
    return tuple(
        {**get_language_info(code), "url": translate_url(path, code)}
        for code, _name in settings.LANGUAGES
    )


def site(request):
    """Site-wide values: the site URL and the current page in every language.

    A view that knows which languages its content really has passes
    ``page_languages``; the templates then list only those.
    """
    links = _language_links(get_language(), request.get_full_path())
    return {"site_url": settings.SITE_URL, "language_links": [dict(link) for link in links]}
