"""Office pages: list with map, detail, notice for printing, vCards and the finder.

Public views answer GET/HEAD only, read no session and set no cookie.
"""

from datetime import timedelta

from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import display, ical, jsonld, opening, qr, vcard
from .finder import BA_OFFICE_SEARCH_URL, FinderForm, find, suggest
from .models import Closure, ContactPerson, Office


def _today():
    return timezone.now().astimezone(opening.BERLIN).date()


def _county_office():
    """The fallback contact when a local office's data is missing."""
    return Office.objects.active().filter(kind=Office.Kind.COUNTY).first()


@require_safe
def office_list(request):
    now = timezone.now()
    offices = list(
        Office.objects.active()
        .select_related("municipality")
        .order_by("-kind", "municipality__name")  # citizens look for their town
        .prefetch_related(
            "hours", Prefetch("closures", Closure.objects.filter(ends_on__gte=_today()))
        )
    )
    display.with_status(offices, now)
    ctx = {
        "offices": offices,
        "county_offices": [o for o in offices if o.is_county],
        "local_offices": [o for o in offices if not o.is_county],
        "map_points": display.map_points(offices),
        "map_width": display.MAP_WIDTH,
        "map_height": display.MAP_HEIGHT,
    }
    return render(request, "locations/office_list.html", ctx)


def _office_context(request, slug: str) -> dict:
    today = _today()
    queryset = (
        Office.objects.active()
        .select_related("municipality")
        .order_by("-kind", "municipality__name")  # citizens look for their town
        .prefetch_related(
            "hours",
            Prefetch("closures", Closure.objects.filter(ends_on__gte=today)),
            Prefetch("contacts", ContactPerson.objects.active()),
            "municipality__postcodes",
            "municipality__districts",
        )
    )
    office = get_object_or_404(queryset, slug=slug)
    hours, closures = list(office.hours.all()), list(office.closures.all())
    holidays = display.upcoming_holidays(hours, closures, today)
    url = request.build_absolute_uri(office.get_absolute_url())
    display.with_status([office], timezone.now())
    return {
        "office": office,
        "town": office.municipality,
        "week": display.week_table(hours, today),
        "closures": closures,
        "holidays": holidays,
        "contacts": list(office.contacts.all()),
        "county_office": office if office.is_county else _county_office(),
        "verified": display.verified_label(office),
        "accessibility": display.accessibility(office),
        "missing": display.missing_facts(office),
        "jsonld": jsonld.script_tag(
            jsonld.government_office(office, url, hours, closures, holidays)
        ),
    }


@require_safe
def office_detail(request, slug):
    ctx = _office_context(request, slug)
    # "Save the contact": the phone's camera opens the vCard.
    vcard_url = request.build_absolute_uri(reverse("locations:vcard", args=[slug]))
    ctx.update(vcard_url=vcard_url, qr_svg=qr.svg(vcard_url))
    return render(request, "locations/office_detail.html", ctx)


@require_safe
def office_notice(request, slug):
    """The "Aushang": one A4 page to print and put up at the door, with a QR code to the page."""
    ctx = _office_context(request, slug)
    url = request.build_absolute_uri(ctx["office"].get_absolute_url())
    return render(request, "locations/office_notice.html", {**ctx, "qr_svg": qr.svg(url)})


def _vcard_response(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{vcard.filename(name)}"'
    return response


@require_safe
def office_vcard(request, slug):
    office = get_object_or_404(Office.objects.active(), slug=slug)
    url = request.build_absolute_uri(office.get_absolute_url())
    return _vcard_response(vcard.office_vcard(office, url), office.name)


@require_safe
def contact_vcard(request, pk):
    contact = get_object_or_404(ContactPerson.objects.active().select_related("office"), pk=pk)
    office = contact.office
    url = request.build_absolute_uri(office.get_absolute_url() if office else "/")
    return _vcard_response(vcard.contact_vcard(contact, url), contact.name or contact.role)


@require_safe
def closures_calendar(request, slug):
    """Closures and special hours of one office as iCalendar (past 90 days and future)."""
    office = get_object_or_404(Office.objects.active(), slug=slug)
    closures = office.closures.filter(ends_on__gte=_today() - timedelta(days=90))
    url = request.build_absolute_uri(office.get_absolute_url())
    calendar = ical.new_calendar(_("%(office)s: Schließungen") % {"office": office.name})
    for item in ical.closure_events(office, closures, url):
        calendar.add_component(item)
    return ical.response(calendar, f"{office.slug}-schliessungen")


@require_safe
def finder(request):
    """?q= a postcode, town or district → the responsible office, or a clear "not us"."""
    form = FinderForm(request.GET if "q" in request.GET else None)
    answer = find(form.cleaned_data["q"]) if form.is_valid() else None
    if form.is_valid() and answer is None:
        form.add_error("q", FinderForm.not_found_message(form.cleaned_data["q"]))
    ctx = {"form": form, "answer": answer, "ba_url": BA_OFFICE_SEARCH_URL}
    return render(request, "locations/finder.html", ctx)


@require_safe
def finder_suggestions(request):
    """JSON for the optional combobox; the finder works without it."""
    return JsonResponse({"suggestions": suggest(request.GET.get("q", ""))})
