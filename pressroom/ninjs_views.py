"""ninjs endpoints: one item per release, the newest N, and the embargo link's item.

The public endpoints start from ``published()`` (plus releases withdrawn after
publication, as cancelled items); an embargoed release is reachable only
through its token (``embargo_ninjs``), never cached and never indexed.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.robots import noindex

from . import ninjs
from .embargo import EmbargoAccess, EmbargoLink
from .models import PressOffice, PressRelease
from .views import with_details

LIST_DEFAULT, LIST_MAX = 20, 100


def _json(data):
    return JsonResponse(
        data,
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )


@require_safe
def release_item(request, year, slug):
    office = PressOffice.load()
    found = {"publish_at__year": year, "slug": slug}
    release = with_details(PressRelease.objects.published()).filter(**found).first()
    if release is None:
        release = PressRelease.objects.withdrawn_after_publication().filter(**found).first()
    if release is None:
        raise Http404
    return _json(ninjs.item(release, office))


@require_safe
def newest_items(request):
    """The newest public releases (?anzahl=N, 1-100; default 20), newest first."""
    try:
        count = int(request.GET.get("anzahl", LIST_DEFAULT))
    except ValueError:
        return HttpResponseBadRequest("anzahl: eine Zahl von 1 bis 100")
    if not 1 <= count <= LIST_MAX:
        return HttpResponseBadRequest("anzahl: eine Zahl von 1 bis 100")
    office = PressOffice.load()
    releases = with_details(PressRelease.objects.published()).order_by("-publish_at", "-pk")
    items = [ninjs.item(release, office) for release in releases[:count]]
    return _json({"standard": ninjs.STANDARD, "items": items})


@noindex
@require_safe
@never_cache
def embargo_item(request, token):
    """The embargoed release for the holder of a valid link, with its embargoedUntil."""
    link = EmbargoLink.from_token(token)
    if link is None or not link.is_valid():
        raise Http404
    release = link.release
    if release.status != PressRelease.Status.PUBLISHED or release.is_published():
        raise Http404  # once public, the public item is the one to use
    EmbargoAccess.objects.create(link=link, user_agent=request.headers.get("user-agent", "")[:300])
    release = with_details(PressRelease.objects.all()).get(pk=release.pk)
    response = _json(ninjs.item(release, PressOffice.load(), embargo_token=token))
    patch_cache_control(response, private=True)
    return response
