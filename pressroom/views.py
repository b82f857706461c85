"""Public press pages. Every queryset starts from ``PressRelease.objects.published()``.

Preview and embargo pages show a release that is not public yet; they are
never cached and carry ``noindex``.
"""

import logging

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import memo
from core.memo import per_generation
from core.ratelimit import client_ip, shorten_ip
from core.robots import noindex
from locations.models import Municipality

from . import shared_context
from .metadata import media_json_ld, release_json_ld, series_json_ld
from .models import (
    Correction,
    EmbargoAccess,
    EmbargoLink,
    MediaAsset,
    PressRelease,
    ReleaseContact,
    Series,
    Topic,
)

security_log = logging.getLogger("jobcenter.security")
PAGE_SIZE = 10
# Numbered pages reach the newest MAX_PAGES * PAGE_SIZE releases of a list;
# older ones are in the year archives (linked beside every list). The cap
# keeps both the count and the deepest OFFSET bounded, so a list page costs
# the same at 100 and at 100,000 releases (bench/README.md, flat cost).
MAX_PAGES = 100
DETAIL_TEMPLATE = "pressroom/pressrelease_detail.html"


def _page(number, queryset):
    """The requested page; a page number that is no number or out of range is a 404."""
    capped = queryset[: MAX_PAGES * PAGE_SIZE]  # COUNT(*) over at most this many rows
    try:
        page = Paginator(capped, PAGE_SIZE).page(number)
    except InvalidPage:
        raise Http404 from None
    page.object_list = list(page.object_list)  # read once, then shared (memo below)
    return page


def _page_number(raw: str | None) -> int:
    """?seite= as a number: one memo per page, not per spelling ("01", "001" …); else 404."""
    if raw is None or raw == "":
        return 1
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 6:
        raise Http404
    return int(raw)


@per_generation
def _list_page(year: int | None, topic_slug: str | None, ags: str | None, number: int):
    """(topic, town, page) of the press list, by year, topic or town (memoised: core.memo).

    Unknown topics, towns, page numbers and empty years raise Http404."""
    releases = PressRelease.objects.published().for_list()
    topic = town = None
    if ags is not None:
        town = get_object_or_404(Municipality, ags=ags)
        releases = releases.filter(municipalities=town)
    if year is not None:
        releases = releases.filter(publish_at__year=year)
    if topic_slug is not None:
        topic = get_object_or_404(Topic, slug=topic_slug)
        releases = releases.filter(topics=topic)
    page = _page(number, releases)
    if year is not None and not page.object_list:
        raise Http404
    return topic, town, page


def with_details(queryset):
    """Everything the release page shows, in a fixed number of queries."""
    contacts = ReleaseContact.objects.select_related("contact")
    return queryset.select_related("series").prefetch_related(
        Prefetch("release_contacts", queryset=contacts),
        "release_media__asset",
        Prefetch("corrections", queryset=Correction.objects.public()),
        "topics",
    )


@require_safe
def release_list(request, year=None, slug=None, ags=None):
    topic, town, page = _list_page(year, slug, ags, _page_number(request.GET.get("seite")))
    ctx = {
        "page_obj": page,
        "releases": page.object_list,
        "capped": page.paginator.count == MAX_PAGES * PAGE_SIZE,
        "year": year,
        "topic": topic,
        "town": town,
        "years": shared_context.years(),
        "topics": shared_context.topics(),
    }
    return render(request, "pressroom/pressrelease_list.html", ctx)


def _series_neighbours(release):
    """Previous and next *published* part of the release's series."""
    return shared_context.series_neighbours(release.pk, release.series_id, release.part_number)


def _detail_context(request, release, **extra):
    previous_part, next_part = _series_neighbours(release)
    office = shared_context.press_office()
    return {
        "release": release,
        "previous_part": previous_part,
        "next_part": next_part,
        "press_office": office,
        "page_languages": release.languages(),
        # Built from the release and the press office only: once per generation (core.memo).
        "json_ld": memo.get_or_compute(
            ("release-json-ld", get_language(), release.pk),
            lambda: release_json_ld(release, office),
        ),
        **extra,
    }


@per_generation
def _public_release(year: int, slug: str) -> PressRelease | None:
    """The public release with all its page shows, or None (memoised: core.memo)."""
    queryset = with_details(PressRelease.objects.published())
    return queryset.filter(publish_at__year=year, slug=slug).first()


@require_safe
def release_detail(request, year, slug):
    release = _public_release(year, slug)
    if release is None:
        return _withdrawn_or_404(request, year, slug)
    return render(request, DETAIL_TEMPLATE, _detail_context(request, release))


def _withdrawn_or_404(request, year, slug):
    """410 Gone for a release withdrawn after publication: when, and whom to ask."""
    withdrawn = PressRelease.objects.withdrawn_after_publication().prefetch_related(
        Prefetch("release_contacts", queryset=ReleaseContact.objects.select_related("contact"))
    )
    release = withdrawn.filter(publish_at__year=year, slug=slug).first()
    if release is None:
        raise Http404
    ctx = {"release": release, "press_office": shared_context.press_office(), "noindex": True}
    return render(request, "pressroom/release_withdrawn.html", ctx, status=410)


@noindex
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
    release = get_object_or_404(with_details(PressRelease.objects.all()), pk=pk)
    ctx = _detail_context(request, release, preview=True, noindex=True)
    return render(request, DETAIL_TEMPLATE, ctx)


@noindex
@require_safe
@never_cache
def embargo(request, token):
    """A journalist's link to an embargoed release; logged, expiring, revocable."""
    link = EmbargoLink.from_token(token)
    if link is None or not link.is_valid():
        return embargo_refused(request, link)
    if link.release.is_published():
        return redirect(link.release.get_absolute_url())
    if not link.opens_release():  # the rule its media files apply too (media_views.py)
        raise Http404  # approved and waiting for its time only; "ready" is not approved
    EmbargoAccess.objects.create(link=link, user_agent=request.headers.get("user-agent", "")[:300])
    release = with_details(PressRelease.objects.all()).get(pk=link.release_id)
    # Its images carry the grant (media_views.py checks it per file).
    ctx = _detail_context(request, release, embargo_link=link, embargo_token=token, noindex=True)
    response = render(request, DETAIL_TEMPLATE, ctx)
    patch_cache_control(response, private=True)
    return response


def embargo_refused(request, link):
    """A friendly page naming the press office; every refusal is logged."""
    reason = "forged" if link is None else ("revoked" if link.revoked_at else "expired")
    security_log.warning(
        "embargo link refused reason=%s link=%s ip=%s",
        reason,
        link.pk if link else "-",
        shorten_ip(client_ip(request)),
    )
    context = {"press_office": shared_context.press_office(), "reason": reason, "noindex": True}
    status = 404 if link is None else 410
    return render(request, "pressroom/embargo_refused.html", context, status=status)


@per_generation
def _public_series(slug: str) -> tuple[Series | None, list[PressRelease]]:
    """A series with a public part, and its public parts (memoised: core.memo)."""
    series = Series.objects.public().filter(slug=slug).first()
    if series is None:
        return None, []
    parts = PressRelease.objects.published().for_list().filter(series=series)
    return series, list(parts.order_by("part_number", "publish_at"))


@require_safe
def series_detail(request, slug):
    series, parts = _public_series(slug)
    if series is None:
        raise Http404
    finished = series.has_ended(timezone.now())  # this request's verdict, not the memo's
    ctx = {
        "series": series,
        "parts": parts,
        "finished": finished,
        # A finished series promises nothing: it says which parts the archive holds.
        "parts_to_come": 0 if finished else max(series.planned_parts - len(parts), 0),
        "archived_parts": ", ".join(str(p.part_number) for p in parts if p.part_number),
        "json_ld": memo.get_or_compute(
            ("series-json-ld", get_language(), series.pk), lambda: series_json_ld(series, parts)
        ),
    }
    return render(request, "pressroom/series_detail.html", ctx)


@require_safe
def media_detail(request, pk):
    asset = get_object_or_404(MediaAsset.objects.public(), pk=pk)
    releases = PressRelease.objects.published().filter(release_media__asset=asset).for_list()
    ctx = {"asset": asset, "releases": releases, "json_ld": media_json_ld(asset)}
    return render(request, "pressroom/mediaasset_detail.html", ctx)


@require_safe
def press_service(request):
    """Who gets the releases, the reuse terms, photo credits, how to reach the office."""
    return render(
        request, "pressroom/press_service.html", {"press_office": shared_context.press_office()}
    )
