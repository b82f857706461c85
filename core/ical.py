"""iCalendar (RFC 5545) helpers: calendars, events and a download response.

Times are local to Europe/Berlin with a VTIMEZONE, so calendar apps show
them right across DST changes.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from .tz import BERLIN

PRODID = "-//Jobcenter im Kreis Borken//Website//DE"


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    calendar.add_component(berlin_timezone())
    return calendar


def berlin_timezone() -> Timezone:
    """Europe/Berlin as two yearly rules (EU summer time), valid for any year.

    icalendar's Timezone.from_tzid() lists every transition up to 2038 instead.
    """
    zone = Timezone()
    zone.add("tzid", "Europe/Berlin")
    for kind, name, start, before, after, month in (
        (TimezoneDaylight, "CEST", datetime(1970, 3, 29, 2), "+0100", "+0200", 3),
        (TimezoneStandard, "CET", datetime(1970, 10, 25, 3), "+0200", "+0100", 10),
    ):
        rule = kind()
        rule.add("tzname", name)
        rule.add("dtstart", start)
        rule.add("tzoffsetfrom", timedelta(hours=int(before[:3])))
        rule.add("tzoffsetto", timedelta(hours=int(after[:3])))
        rule.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(rule)
    return zone


def event(uid: str, summary: str, start, end, url: str = "", description: str = "") -> Event:
    """start/end are dates (all-day, end exclusive) or aware datetimes (shown in Berlin)."""
    item = Event()
    domain = settings.SITE_URL.split("://", 1)[-1]
    item.add("uid", f"{uid}@{domain}")
    item.add("dtstamp", timezone.now())
    if isinstance(start, datetime):
        start, end = start.astimezone(BERLIN), end.astimezone(BERLIN)
    item.add("dtstart", start)
    item.add("dtend", end)
    item.add("summary", summary)
    if description:
        item.add("description", description)
    if url:
        item.add("url", url)
    return item


def response(calendar: Calendar, name: str) -> HttpResponse:
    result = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'inline; filename="{slugify(name) or "kalender"}.ics"'
    return result


def local(day: date, at) -> datetime:
    """A wall-clock time on a day in Berlin, as an aware datetime."""
    return datetime.combine(day, at, tzinfo=BERLIN)
