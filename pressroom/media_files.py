"""Press media files, served only while the asset is public.

Originals and renditions live under ``presse/`` with random names, and the
generic media URL refuses that prefix (jobcenter_site/media.py, nginx
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
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from jobcenter_site.media import protect

from .embargo import EmbargoLink
from .media import MediaAsset

PREFIX = "presse/"
PUBLIC_MAX_AGE = 300  # seconds; a withdrawn release's images vanish from caches soon
EMBARGO_PARAM = "zugang"


def stored_name(asset: MediaAsset, variant: str) -> str | None:
    """Storage name of "original", "<rendition>" (fallback) or "<rendition>-webp"."""
    if variant == "original":
        return asset.image.name or None
    name, _, kind = variant.partition("-")
    item = (asset.renditions or {}).get(name) if name != "source" else None
    if not isinstance(item, dict) or kind not in ("", "webp"):
        return None
    return item.get(kind or "fallback")


def file_url(asset: MediaAsset, variant: str, embargo_token: str = "") -> str:
    url = reverse("press_media_file", kwargs={"pk": asset.pk, "variant": variant})
    return f"{url}?{EMBARGO_PARAM}={embargo_token}" if embargo_token else url


def _staff_may_view(request) -> bool:
    user = request.user
    return admin.site.has_permission(request) and user.has_perm("pressroom.view_mediaasset")


def _embargo_grants(request, asset: MediaAsset) -> bool:
    token = request.GET.get(EMBARGO_PARAM, "")
    link = EmbargoLink.from_token(token) if token else None
    return bool(
        link and link.is_valid() and link.release.release_media.filter(asset=asset).exists()
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
    if not name or not name.startswith(PREFIX):
        raise Http404
    # The session is touched only for assets that are not public (no Vary: Cookie otherwise).
    public = MediaAsset.objects.public().filter(pk=asset.pk).exists()
    if not (public or _embargo_grants(request, asset) or _staff_may_view(request)):
        raise Http404
    response = protect(_send(name))
    disposition = response.get("Content-Disposition", "inline")  # protect() may force attachment
    response["Content-Disposition"] = f'{disposition}; filename="{posixpath.basename(name)}"'
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
