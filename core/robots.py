"""Pages that must not appear in search engines (private links, previews, results)."""

from functools import wraps

NOINDEX = "noindex, nofollow"


def mark_noindex(response):
    response["X-Robots-Tag"] = NOINDEX
    return response


def noindex(view):
    """Every response of `view` carries ``X-Robots-Tag: noindex, nofollow``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return mark_noindex(view(request, *args, **kwargs))

    return wrapper
