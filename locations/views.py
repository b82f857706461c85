"""Office pages: list with map, detail, notice for printing, vCards and the finder.

Public views answer GET/HEAD only, read no session and set no cookie.
"""

import copy
from datetime import timedelta

from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import ical, memo, qr
from core.jsonld import script_tag
from core.memo import per_generation
from core.robots import mark_noindex
from core.tz import BERLIN

from . import closure_calendar, display, jsonld, vcard
from .finder import find, suggest
from .finder_form import FinderForm
from .models import Closure, ContactPerson, Office
from .page_languages import office_parts, page_languages
from .service_views import office_services
from .shared_closures import attach_closures

HOLIDAYS_AHEAD = 400  # days of public holidays in the closures calendar


def _today():
    return timezone.now().astimezone(BERLIN).date()


@per_generation
def _county_office():
    """The fallback contact when a local office's data is missing (memoised: core.memo)."""
    return Office.objects.active().filter(kind=Office.Kind.COUNTY).first()


@per_generation
def _offices(today) -> list[Office]:
    """Active offices with hours and closures from today on (memoised: core.memo)."""
    offices = list(
        Office.objects.active()
        .select_related("municipality")
        .order_by("-kind", "municipality__name")  # citizens look for their town
        .prefetch_related("hours", Prefetch("closures", Closure.objects.filter(ends_on__gte=today)))
    )
    return attach_closures(offices, today)


@per_generation
def _office_list_context(today) -> dict:
    """The office list's context (memoised: core.memo), open-now badges included:
    a memo ends at the next opening or closing of any office (next_status_change)."""
    # Copies: the badges belong to this memo, not to the office rows (shared with the finder).
    offices = [copy.copy(office) for office in _offices(today)]
    display.with_status(offices, timezone.now())
    return {
        "offices": offices,
        "county_offices": [o for o in offices if o.is_county],
        "local_offices": [o for o in offices if not o.is_county],
        "map_points": display.map_points(offices),
        "map_width": display.MAP_WIDTH,
        "map_height": display.MAP_HEIGHT,
    }


@require_safe
def office_list(request):
    return render(request, "locations/office_list.html", _office_list_context(_today()))


@per_generation
def _office(slug: str, today) -> Office:
    """One active office with all its page shows (memoised: core.memo); 404 if none."""
    queryset = (
        Office.objects.active()
        .select_related("municipality")
        .prefetch_related(
            "hours",
            Prefetch("closures", Closure.objects.filter(ends_on__gte=today)),
            Prefetch("contacts", ContactPerson.objects.active()),
            "municipality__postcodes",
            "municipality__districts",
        )
    )
    office = get_object_or_404(queryset, slug=slug)
    return attach_closures([office], today)[0]


def _office_context(request, slug: str, with_services: bool = False) -> dict:
    today = _today()
    office = copy.copy(_office(slug, today))  # the status below is this request's
    hours, closures = list(office.hours.all()), office.effective_closures
    holidays = display.upcoming_holidays(hours, closures, today)
    url = request.build_absolute_uri(office.get_absolute_url())
    display.with_status([office], timezone.now())
    county_office = office if office.is_county else _county_office()
    contacts = list(office.contacts.all())
    # The service section shows the services' texts too: their states count for the page.
    services = _office_services(office, today) if with_services else []
    shown = [part for service, channels in services for part in (service, *channels)]
    parts = office_parts(office, hours, closures, contacts, shown)
    return {
        "office_services": services,
        "translation_parts": parts,
        "page_languages": page_languages(parts),
        "office": office,
        "town": office.municipality,
        "week": display.week_table(hours, today),
        "closures": closures,
        "holidays": holidays,
        "contacts": contacts,
        "county_office": county_office,
        "verified": display.verified_label(office),
        "accessibility": display.accessibility(office),
        "missing": display.missing_facts(office),
        "jsonld": script_tag(
            jsonld.government_office(office, url, hours, closures, holidays, county_office)
        ),
    }


def _office_services(office, today) -> list:
    """The service catalogue's section of an office page (memoised: core.memo)."""
    key = ("office-services", get_language(), office.pk, today)
    return memo.get_or_compute(key, lambda: office_services(office))


def _office_page_context(request, slug: str, vcard_url: str) -> dict:
    ctx = _office_context(request, slug, with_services=True)
    # "Save the contact": the phone's camera opens the vCard.
    ctx.update(vcard_url=vcard_url, qr_svg=qr.public_svg(vcard_url))
    return ctx


@require_safe
def office_detail(request, slug):
    vcard_url = request.build_absolute_uri(reverse("locations:vcard", args=[slug]))
    # Memoised with its badge and week table: a memo ends at the next opening,
    # closing or midnight (core.memo); the URLs carry the host, so they key it.
    key = ("office-page", get_language(), slug, vcard_url, _today())
    ctx = memo.get_or_compute(key, lambda: _office_page_context(request, slug, vcard_url))
    return render(request, "locations/office_detail.html", ctx)


@require_safe
def office_notice(request, slug):
    """The "Aushang": one A4 page to print and put up at the door, with a QR code to the page."""
    ctx = _office_context(request, slug)
    url = request.build_absolute_uri(ctx["office"].get_absolute_url())
    return render(request, "locations/office_notice.html", {**ctx, "qr_svg": qr.public_svg(url)})


def _vcard_response(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{vcard.filename(name)}"'
    return response


@require_safe
def office_vcard(request, slug):
    office = get_object_or_404(Office.objects.active(), slug=slug)
    url = request.build_absolute_uri(office.get_absolute_url())
    fallback = None if office.is_county else _county_office()
    return _vcard_response(vcard.office_vcard(office, url, fallback), office.name)


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
    since = _today() - timedelta(days=90)
    attach_closures([office], since)
    url = request.build_absolute_uri(office.get_absolute_url())
    calendar = ical.new_calendar(_("%(office)s: Schließungen") % {"office": office.name})
    events = closure_calendar.closure_events(office, office.effective_closures, url)
    until = _today() + timedelta(days=HOLIDAYS_AHEAD)
    events += closure_calendar.holiday_events(office, since, until, url)
    for item in events:
        calendar.add_component(item)
    return ical.response(calendar, f"{office.slug}-schliessungen")


@require_safe
def finder(request):
    """?q= a postcode, town or district → the responsible office, or a clear "not us"."""
    form = FinderForm(request.GET if "q" in request.GET else None)
    answer = find(form.cleaned_data["q"]) if form.is_valid() else None
    if answer is not None and answer.kind == "unknown":
        form.add_error("q", FinderForm.not_found_message(form.cleaned_data["q"]))
    ctx = {"form": form, "answer": answer}
    if answer is not None and answer.found:
        ctx.update(_answer_context(answer))
    response = render(request, "locations/finder.html", ctx)
    # A result page is an answer to one visitor's query, not a page for search engines.
    return mark_noindex(response) if form.is_bound else response


def _answer_context(answer) -> dict:
    office = answer.office.pk if answer.office is not None else None
    return _answer_context_for(office, _today())


@per_generation
def _answer_context_for(office_pk: int | None, today) -> dict:
    """What a person needs to act: the office with today's hours and state, and the fallback.

    Memoised per office and day (core.memo), the open-now badge included: a
    memo ends at the next opening or closing (next_status_change)."""
    now, office = timezone.now(), None
    if office_pk is not None:
        # The office list's memoised rows (hours, closures from today): an answer costs no query.
        office = next((o for o in _offices(today) if o.pk == office_pk), None)
        if office is not None:  # None only if the two memos disagree: the county fallback
            office = copy.copy(office)  # the status below is this memo's
            display.with_status([office], now)
    county = _county_office()
    return {
        "office": office,
        "today": display.today(office, now) if office else None,
        "county_office": county,
        "needs_fallback": office is None or not (office.phone and office.email),
    }


@require_safe
def finder_suggestions(request):
    """JSON for the optional combobox; the finder works without it."""
    return JsonResponse({"suggestions": suggest(request.GET.get("q", ""))})
