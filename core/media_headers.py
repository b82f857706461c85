"""Headers for uploaded files, and the development media view that sets them.

An upload is never trusted to be what its name says: ``nosniff`` stops the
browser from guessing a type, ``Content-Security-Policy: sandbox`` keeps an
HTML or SVG file that slipped through from running script on our origin, and
anything that is not an image, video or audio file is a download. The same
rules are in the nginx snippet in docs/security.md.

Press media live under PROTECTED_PREFIX and are served only through the
pressroom's publication check, so the generic media URL refuses that prefix.
"""

import posixpath
from urllib.parse import unquote

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

MEDIA_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
INLINE_TYPES = ("image/", "video/", "audio/")
PROTECTED_PREFIX = "presse/"


def protect(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    content_type = response.get("Content-Type", "")
    if not content_type.startswith(INLINE_TYPES) or content_type.startswith("image/svg"):
        response["Content-Disposition"] = "attachment"
    return response


def is_protected(path: str) -> bool:
    """True for any spelling of a press file: ``./presse/``, ``x/../presse/``, ``%2e/presse/``.

    The check runs on the path as serve() will resolve it (percent-decoded,
    normalised), not on the string that came in.
    """
    name = posixpath.normpath(unquote(path).replace("\\", "/")).lstrip("/")
    return name == PROTECTED_PREFIX.rstrip("/") or name.startswith(PROTECTED_PREFIX)


@require_safe
def media(request, path):
    if is_protected(path):
        raise Http404
    return protect(serve(request, path, document_root=settings.MEDIA_ROOT))
