"""Is an office open now? Pure functions over an office's hours and closures.

All wall-clock times are Europe/Berlin, whatever the server's zone. Instants
are compared in UTC, because two aware datetimes sharing one tzinfo compare
by wall time and would get the DST nights wrong.

A day's slots come from, in this order: a closure covering the day (no slots,
or its special hours), an NRW public holiday (no slots), the weekly hours.
"""

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.utils.translation import gettext, pgettext

from core.tz import BERLIN

# How far ahead to look for the next opening: a closure over the holidays
# plus a once-a-week office still fits.
LOOKAHEAD_DAYS = 60


class State(enum.StrEnum):
    OPEN = "open"
    BY_APPOINTMENT = "by_appointment"
    CLOSED = "closed"
    UNKNOWN = "unknown"  # no hours recorded: the page shows no badge


@dataclass(frozen=True)
class Slot:
    start: datetime  # aware, UTC
    end: datetime
    by_appointment_only: bool


@dataclass(frozen=True)
class Status:
    state: State
    until: datetime | None = None  # end of the current slot
    next_open: Slot | None = None  # when closed: the next slot, if any within the lookahead

    @property
    def is_known(self) -> bool:
        return self.state != State.UNKNOWN


@lru_cache(maxsize=32)
def nrw_holidays(year: int) -> holidays.HolidayBase:
    return holidays.Germany(subdiv="NW", years=year)


def is_holiday(day: date) -> bool:
    return day in nrw_holidays(day.year)


def _instant(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=BERLIN).astimezone(UTC)


def closure_on(day: date, closures) -> object | None:
    return next((c for c in closures if c.starts_on <= day <= c.ends_on), None)


def slots_on(day: date, hours, closures) -> list[Slot]:
    """The slots of one local day, as UTC instants, in order."""
    closure = closure_on(day, closures)
    if closure is not None:
        if closure.special_opens and closure.special_closes:
            opens, closes = closure.special_opens, closure.special_closes
            return [Slot(_instant(day, opens), _instant(day, closes), False)]
        return []
    if is_holiday(day):
        return []
    regular = sorted((h for h in hours if h.weekday == day.weekday()), key=lambda h: h.opens)
    return [
        Slot(_instant(day, h.opens), _instant(day, h.closes), h.by_appointment_only)
        for h in regular
    ]


def upcoming_slots(now: datetime, hours, closures, days: int = LOOKAHEAD_DAYS):
    """Slots that have not ended by `now`, day by day from today (local)."""
    today = now.astimezone(BERLIN).date()
    now_utc = now.astimezone(UTC)
    for offset in range(days + 1):
        for slot in slots_on(today + timedelta(days=offset), hours, closures):
            if slot.end > now_utc:
                yield slot


def has_data(hours) -> bool:
    """Only weekly hours let us say "closed"; without them the page shows no badge."""
    return bool(hours)


def status(now: datetime, hours, closures) -> Status:
    hours, closures = list(hours), list(closures)
    if not has_data(hours):
        return Status(State.UNKNOWN)
    now_utc = now.astimezone(UTC)
    for slot in upcoming_slots(now, hours, closures):
        if slot.start <= now_utc:
            state = State.BY_APPOINTMENT if slot.by_appointment_only else State.OPEN
            return Status(state, until=slot.end)
        return Status(State.CLOSED, next_open=slot)
    return Status(State.CLOSED)


def next_change(now: datetime, hours, closures) -> datetime | None:
    """The first instant after `now` at which this office's state changes."""
    hours, closures = list(hours), list(closures)
    if not has_data(hours):
        return None
    now_utc = now.astimezone(UTC)
    for slot in upcoming_slots(now, hours, closures):
        return slot.start if slot.start > now_utc else slot.end
    return None


WEEKDAY_ABBR = [
    lambda: pgettext("weekday", "Mo"),
    lambda: pgettext("weekday", "Di"),
    lambda: pgettext("weekday", "Mi"),
    lambda: pgettext("weekday", "Do"),
    lambda: pgettext("weekday", "Fr"),
    lambda: pgettext("weekday", "Sa"),
    lambda: pgettext("weekday", "So"),
]


def clock(instant: datetime) -> str:
    """ "9:00", "14:30": German style, no leading zero."""
    local = instant.astimezone(BERLIN)
    return f"{local.hour}:{local.minute:02d}"


def next_opening_text(now: datetime, slot: Slot) -> str:
    """ "öffnet wieder Do 9:00"; with the date when it is more than six days away.

    Weekday names rather than "heute"/"morgen", so a cached page stays right
    after midnight.
    """
    local = slot.start.astimezone(BERLIN)
    day = WEEKDAY_ABBR[local.weekday()]()
    if (local.date() - now.astimezone(BERLIN).date()).days > 6:
        day = f"{day} {local:%d.%m.}"
    if slot.by_appointment_only:
        return gettext("öffnet wieder %(day)s %(time)s (nur mit Termin)") % {
            "day": day,
            "time": clock(slot.start),
        }
    return gettext("öffnet wieder %(day)s %(time)s") % {"day": day, "time": clock(slot.start)}


def status_label(now: datetime, st: Status) -> str:
    """The badge text: "jetzt geöffnet bis 12:00", "geschlossen – öffnet wieder Do 9:00"."""
    if st.state == State.OPEN:
        return gettext("jetzt geöffnet bis %(time)s") % {"time": clock(st.until)}
    if st.state == State.BY_APPOINTMENT:
        return gettext("jetzt nur mit Termin (bis %(time)s)") % {"time": clock(st.until)}
    if st.state == State.CLOSED and st.next_open:
        return gettext("geschlossen – %(next)s") % {"next": next_opening_text(now, st.next_open)}
    if st.state == State.CLOSED:
        return gettext("geschlossen")
    return ""
