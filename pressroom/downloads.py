"""Media kit (ZIP) and the series calendar (iCalendar). Public data only."""

import io
import zipfile
from datetime import timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import ical

from . import mediakit
from .models import PressRelease, Series


@require_safe
@never_cache  # megabytes of photos: rebuilt per download rather than stored in the page cache
def media_kit(request, year, slug):
    """The original images of a published release plus credits.txt; 404 for anything else."""
    release = get_object_or_404(
        PressRelease.objects.published().prefetch_related("release_media__asset"),
        publish_at__year=year,
        slug=slug,
    )
    assets = [link.asset for link in release.release_media.all()]
    if not assets:
        raise Http404
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        mediakit.write(archive, release, assets, request.build_absolute_uri)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{release.slug}-medien.zip"'
    return response


@require_safe
def series_calendar(request, slug):
    """Published parts with date and title; parts to come only as "due", never their data."""
    series = get_object_or_404(Series.objects.public(), slug=slug)
    parts = list(
        PressRelease.objects.published().filter(series=series).order_by("part_number", "publish_at")
    )
    calendar = ical.new_calendar(series.title)
    for part in parts:
        start = part.public_since
        summary = _("Teil %(n)s: %(title)s") % {"n": part.part_number or "–", "title": part.title}
        url = request.build_absolute_uri(part.get_absolute_url())
        calendar.add_component(
            ical.event(f"release-{part.pk}", summary, start, start + timedelta(minutes=30), url)
        )
    to_come = series.planned_parts - len(parts)
    if series.has_ended(timezone.now()):
        numbers = ", ".join(str(p.part_number) for p in parts if p.part_number) or "–"
        calendar.add("x-wr-caldesc", _ended_text(series, numbers))
    elif to_come > 0 and series.starts_on and series.ends_on:
        calendar.add_component(_due_parts_event(request, series, to_come))
    return ical.response(calendar, f"{series.slug}-kalender")


def _ended_text(series, numbers: str) -> str:
    return _("Die Serie endete am %(date)s. In diesem Archiv: Teil %(numbers)s.") % {
        "date": f"{series.ends_on:%d.%m.%Y}",
        "numbers": numbers,
    }


def _due_parts_event(request, series, to_come: int):
    """One all-day event over the Aktionswoche: only that parts are due, no titles or times."""
    summary = _("%(title)s: %(n)s weitere(r) Teil(e) erscheinen in diesem Zeitraum") % {
        "title": series.title,
        "n": to_come,
    }
    url = request.build_absolute_uri(series.get_absolute_url())
    end = series.ends_on + timedelta(days=1)
    return ical.event(f"series-{series.pk}-to-come", summary, series.starts_on, end, url)
