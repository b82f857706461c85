"""Press media files, served only while the asset is public.

Originals and renditions live under ``presse/`` with random names, and the
generic media URL refuses that prefix (core/media_headers.py, nginx
snippet in docs/security.md), so this view is the one way in. An asset is
served when a published release uses it (``MediaAsset.objects.public()``),
to verified staff who may view media, or to the holder of a valid embargo
link for a release that uses it. Anything else is a 404, like the asset's page.

With ``MEDIA_ACCEL_REDIRECT`` on, nginx sends the file from an ``internal``
location after this check (``X-Accel-Redirect``); without it (development,
tests) Django streams it.
"""

import mimetypes
import posixpath

from django.conf import settings
from django.contrib import admin
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from core.media_headers import PROTECTED_PREFIX, protect
from core.robots import mark_noindex

from .embargo import EmbargoLink
from .media import EMBARGO_PARAM, MediaAsset

PUBLIC_MAX_AGE = 300  # seconds; a withdrawn release's images vanish from caches soon


def stored_name(asset: MediaAsset, variant: str) -> str | None:
    """Storage name of "original", "<rendition>" (fallback) or "<rendition>-webp"."""
    if variant == "original":
        return asset.image.name or None
    name, _, kind = variant.partition("-")
    item = (asset.renditions or {}).get(name) if name != "source" else None
    if not isinstance(item, dict) or kind not in ("", "webp"):
        return None
    return item.get(kind or "fallback")


def _staff_may_view(request) -> bool:
    user = request.user
    return admin.site.has_permission(request) and user.has_perm("pressroom.view_mediaasset")


def _embargo_grants(request, asset: MediaAsset) -> bool:
    token = request.GET.get(EMBARGO_PARAM, "")
    link = EmbargoLink.from_token(token) if token else None
    # Exactly the embargo page's rule: no photo of a draft, "ready" or withdrawn release.
    return bool(
        link and link.opens_release() and link.release.release_media.filter(asset=asset).exists()
    )


def _send(name: str):
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_LOCATION + name
        return response
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, content_type=content_type)


@require_safe
def media_file(request, pk, variant):
    asset = get_object_or_404(MediaAsset, pk=pk)
    name = stored_name(asset, variant)
    if not name or not name.startswith(PROTECTED_PREFIX):
        raise Http404
    # The session is touched only for assets that are not public (no Vary: Cookie otherwise).
    public = MediaAsset.objects.public().filter(pk=asset.pk).exists()
    if not (public or _embargo_grants(request, asset) or _staff_may_view(request)):
        raise Http404
    response = protect(_send(name))
    # One disposition, one filename: FileResponse sets its own, protect() may force attachment.
    kind = response.get("Content-Disposition", "inline").split(";")[0].strip() or "inline"
    response["Content-Disposition"] = f'{kind}; filename="{posixpath.basename(name)}"'
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
        mark_noindex(response)
    return response
