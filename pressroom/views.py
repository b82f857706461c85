"""Public press pages. Every queryset starts from ``PressRelease.objects.published()``.

Preview and embargo pages show a release that is not public yet; they are
never cached and carry ``noindex``.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .metadata import release_json_ld
from .models import (
    EmbargoAccess,
    EmbargoLink,
    MediaAsset,
    PressOffice,
    PressRelease,
    ReleaseContact,
    Series,
    Topic,
)

PAGE_SIZE = 10
# Numbered pages reach the newest MAX_PAGES * PAGE_SIZE releases of a list;
# older ones are in the year archives (linked beside every list). The cap
# keeps both the count and the deepest OFFSET bounded, so a list page costs
# the same at 100 and at 100,000 releases (bench/README.md, flat cost).
MAX_PAGES = 100
DETAIL_TEMPLATE = "pressroom/pressrelease_detail.html"


def _page(request, queryset):
    """The requested page; a page number that is no number or out of range is a 404."""
    capped = queryset[: MAX_PAGES * PAGE_SIZE]  # COUNT(*) over at most this many rows
    try:
        return Paginator(capped, PAGE_SIZE).page(request.GET.get("seite") or 1)
    except InvalidPage:
        raise Http404 from None


def _with_details(queryset):
    """Everything the release page shows, in a fixed number of queries."""
    contacts = ReleaseContact.objects.select_related("contact")
    return queryset.select_related("series").prefetch_related(
        Prefetch("release_contacts", queryset=contacts),
        "release_media__asset",
        "corrections",
        "topics",
    )


@require_safe
def release_list(request, year=None, slug=None):
    releases = PressRelease.objects.published().for_list()
    topic = None
    if year is not None:
        releases = releases.filter(publish_at__year=year)
    if slug is not None:
        topic = get_object_or_404(Topic, slug=slug)
        releases = releases.filter(topics=topic)
    page = _page(request, releases)
    if year is not None and not page.object_list:
        raise Http404
    ctx = {
        "page_obj": page,
        "releases": page.object_list,
        "capped": page.paginator.count == MAX_PAGES * PAGE_SIZE,
        "year": year,
        "topic": topic,
        "years": PressRelease.objects.published().years(),
        "topics": Topic.objects.with_published_releases(),
    }
    return render(request, "pressroom/pressrelease_list.html", ctx)


def _series_neighbours(release):
    """Previous and next *published* part of the release's series (one query)."""
    if not release.series_id or not release.part_number:
        return None, None
    parts = list(
        PressRelease.objects.published()
        .filter(series_id=release.series_id)
        .exclude(pk=release.pk)
        .only("title", "slug", "publish_at", "part_number")
        .order_by("part_number")
    )
    before = [p for p in parts if p.part_number < release.part_number]
    after = [p for p in parts if p.part_number > release.part_number]
    return (before[-1] if before else None), (after[0] if after else None)


def _detail_context(request, release, **extra):
    previous_part, next_part = _series_neighbours(release)
    return {
        "release": release,
        "previous_part": previous_part,
        "next_part": next_part,
        "press_office": PressOffice.load(),
        "page_languages": release.languages(),
        "json_ld": release_json_ld(request, release),
        **extra,
    }


@require_safe
def release_detail(request, year, slug):
    queryset = _with_details(PressRelease.objects.published())
    release = get_object_or_404(queryset, publish_at__year=year, slug=slug)
    return render(request, DETAIL_TEMPLATE, _detail_context(request, release))


@require_safe
@never_cache
def release_preview(request, pk):
    # The admin's own rule (admin.site is the two-factor site, see
    # JobcenterAdminConfig), not just is_staff: a password alone must not
    # show drafts when the admin would ask for the second factor.
    if not admin.site.has_permission(request):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not request.user.has_perm("pressroom.change_pressrelease"):
        raise Http404
    release = get_object_or_404(_with_details(PressRelease.objects.all()), pk=pk)
    ctx = _detail_context(request, release, preview=True, noindex=True)
    response = render(request, DETAIL_TEMPLATE, ctx)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
@never_cache
def embargo(request, token):
    """A journalist's link to an embargoed release; logged, expiring, revocable."""
    link = EmbargoLink.from_token(token)
    if link is None or not link.is_valid():
        raise Http404
    if link.release.is_published():
        return redirect(link.release.get_absolute_url())
    if link.release.status != PressRelease.Status.PUBLISHED:
        raise Http404  # approved and waiting for its time only; "ready" is not approved
    EmbargoAccess.objects.create(link=link, user_agent=request.headers.get("user-agent", "")[:300])
    release = _with_details(PressRelease.objects.all()).get(pk=link.release_id)
    for item in release.release_media.all():  # its images carry the grant (media_files.py)
        item.asset.embargo_token = token
    ctx = _detail_context(request, release, embargo_link=link, noindex=True)
    response = render(request, DETAIL_TEMPLATE, ctx)
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True)
    return response


@require_safe
def series_detail(request, slug):
    series = get_object_or_404(Series.objects.public(), slug=slug)
    parts = list(
        PressRelease.objects.published()
        .for_list()
        .filter(series=series)
        .order_by("part_number", "publish_at")
    )
    ctx = {
        "series": series,
        "parts": parts,
        "parts_to_come": max(series.planned_parts - len(parts), 0),
    }
    return render(request, "pressroom/series_detail.html", ctx)


@require_safe
def media_detail(request, pk):
    asset = get_object_or_404(MediaAsset.objects.public(), pk=pk)
    releases = PressRelease.objects.published().filter(release_media__asset=asset).for_list()
    return render(
        request, "pressroom/mediaasset_detail.html", {"asset": asset, "releases": releases}
    )
