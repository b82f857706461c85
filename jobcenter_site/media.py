"""Uploaded media in development, with the headers nginx sets in production.

An upload is never trusted to be what its name says: ``nosniff`` stops the
browser from guessing a type, ``Content-Security-Policy: sandbox`` keeps an
HTML or SVG file that slipped through from running script on our origin, and
anything that is not an image, video or audio file is a download. The same
rules are in the nginx snippet in docs/security.md.
"""

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

MEDIA_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
INLINE_TYPES = ("image/", "video/", "audio/")
PROTECTED_PREFIXES = ("presse/",)


def protect(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    content_type = response.get("Content-Type", "")
    if not content_type.startswith(INLINE_TYPES) or content_type.startswith("image/svg"):
        response["Content-Disposition"] = "attachment"
    return response


@require_safe
def media(request, path):
    # Press media only through pressroom.media_files, which checks publication.
    if path.lstrip("/").startswith(PROTECTED_PREFIXES):
        raise Http404
    return protect(serve(request, path, document_root=settings.MEDIA_ROOT))
