"""The county's time zone: opening hours, calendars and datelines are local to it."""

from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
