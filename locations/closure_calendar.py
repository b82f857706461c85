"""The offices' closures as iCalendar events (schliessungen.ics)."""

from datetime import date, timedelta

from django.utils.translation import gettext as _

from core import ical


def closure_events(office, closures, url: str) -> list:
    """All-day events for closures; timed events per day for special hours."""
    events = []
    for closure in closures:
        # Own and county-wide closures have distinct UIDs; a county-wide one is an event
        # in every office's calendar, so the office is part of its UID there.
        uid = (
            closure.uid
            if getattr(closure, "office_id", None) == office.pk
            else f"{closure.uid}-{office.slug}"
        )
        names = {"office": office.name, "reason": closure.reason}
        if not closure.has_special_hours:
            end = closure.ends_on + timedelta(days=1)
            summary = _("%(office)s: geschlossen (%(reason)s)") % names
            events.append(ical.event(uid, summary, closure.starts_on, end, url))
            continue
        day = closure.starts_on
        while day <= closure.ends_on:
            start = ical.local(day, closure.special_opens)
            end = ical.local(day, closure.special_closes)
            summary = _("%(office)s: geänderte Öffnungszeit (%(reason)s)") % names
            events.append(ical.event(f"{uid}-{day:%Y%m%d}", summary, start, end, url))
            day += timedelta(days=1)
    return events


def holiday_events(office, start: date, end: date, url: str) -> list:
    """NRW public holidays from `start` to `end` (inclusive) as all-day "closed" events."""
    from .opening import nrw_holidays

    events = []
    for year in range(start.year, end.year + 1):
        for day, name in sorted(nrw_holidays(year).items()):
            if start <= day <= end:
                names = {"office": office.name, "reason": name}
                summary = _("%(office)s: geschlossen (%(reason)s, Feiertag in NRW)") % names
                uid = f"feiertag-{day:%Y%m%d}-{office.slug}"
                events.append(ical.event(uid, summary, day, day + timedelta(days=1), url))
    return events
