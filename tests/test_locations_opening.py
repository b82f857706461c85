"""Open now: computed in Europe/Berlin, with NRW holidays, closures and DST."""

from datetime import UTC, date, datetime, time
from types import SimpleNamespace as Row
from zoneinfo import ZoneInfo

import pytest

from locations import opening
from locations.opening import State

BERLIN = ZoneInfo("Europe/Berlin")
# Heek's real hours: Thursday 9:00–12:00 and 14:30–18:00.
HEEK = [
    Row(weekday=3, opens=time(9), closes=time(12), by_appointment_only=False),
    Row(weekday=3, opens=time(14, 30), closes=time(18), by_appointment_only=False),
]
WEEKDAYS_9_TO_12 = [
    Row(weekday=d, opens=time(9), closes=time(12), by_appointment_only=False) for d in range(5)
]


def berlin(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def closure(starts_on, ends_on=None, special_opens=None, special_closes=None):
    return Row(
        starts_on=starts_on,
        ends_on=ends_on or starts_on,
        special_opens=special_opens,
        special_closes=special_closes,
    )


def label(now, hours, closures=()):
    return opening.status_label(now, opening.status(now, hours, closures))


def test_open_on_a_normal_thursday_morning():
    now = berlin(2026, 11, 26, 10, 0)  # a Thursday
    status = opening.status(now, HEEK, [])
    assert status.state == State.OPEN
    assert label(now, HEEK) == "jetzt geöffnet bis 12:00"


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (8, 59, "geschlossen – öffnet wieder Do 9:00"),
        (9, 0, "jetzt geöffnet bis 12:00"),
        (12, 0, "geschlossen – öffnet wieder Do 14:30"),
        (17, 59, "jetzt geöffnet bis 18:00"),
    ],
)
def test_before_between_and_at_the_edges_of_the_hours(hour, minute, expected):
    assert label(berlin(2026, 11, 26, hour, minute), HEEK) == expected


def test_after_hours_the_next_opening_a_week_later_carries_the_date():
    now = berlin(2026, 11, 26, 18, 0)
    assert label(now, HEEK) == "geschlossen – öffnet wieder Do 03.12. 9:00"


def test_next_opening_names_the_weekday():
    now = berlin(2026, 11, 27, 15, 0)  # Friday afternoon
    assert label(now, WEEKDAYS_9_TO_12) == "geschlossen – öffnet wieder Mo 9:00"


def test_by_appointment_slot_says_so():
    hours = [Row(weekday=3, opens=time(14), closes=time(16), by_appointment_only=True)]
    now = berlin(2026, 11, 26, 15, 0)
    assert opening.status(now, hours, []).state == State.BY_APPOINTMENT
    assert label(now, hours) == "jetzt nur mit Termin (bis 16:00)"
    assert label(berlin(2026, 11, 26, 9, 0), hours).endswith("Do 14:00 (nur mit Termin)")


def test_a_closure_closes_the_office_and_moves_the_next_opening():
    closures = [closure(date(2026, 11, 26))]
    now = berlin(2026, 11, 26, 10, 0)
    assert opening.status(now, HEEK, closures).state == State.CLOSED
    assert label(now, HEEK, closures) == "geschlossen – öffnet wieder Do 03.12. 9:00"


def test_special_hours_replace_the_regular_ones_even_on_a_holiday():
    closures = [closure(date(2025, 10, 3), special_opens=time(10), special_closes=time(11))]
    assert label(berlin(2025, 10, 3, 10, 30), WEEKDAYS_9_TO_12, closures) == (
        "jetzt geöffnet bis 11:00"
    )
    assert opening.status(berlin(2025, 10, 3, 9, 30), WEEKDAYS_9_TO_12, closures).state == (
        State.CLOSED
    )


def test_tag_der_deutschen_einheit_is_closed():
    now = berlin(2025, 10, 3, 10, 0)  # a Friday
    assert label(now, WEEKDAYS_9_TO_12) == "geschlossen – öffnet wieder Mo 9:00"


def test_corpus_christi_is_a_holiday_in_nrw():
    now = berlin(2026, 6, 4, 10, 0)  # Fronleichnam, a Thursday
    assert opening.is_holiday(date(2026, 6, 4))
    assert label(now, HEEK) == "geschlossen – öffnet wieder Do 11.06. 9:00"


def test_no_hours_means_no_badge():
    status = opening.status(berlin(2026, 11, 26, 10, 0), [], [])
    assert status.state == State.UNKNOWN
    assert not status.is_known
    assert opening.status_label(berlin(2026, 11, 26, 10, 0), status) == ""


def test_midnight_belongs_to_the_new_day():
    now = berlin(2026, 11, 26, 0, 0)
    assert label(now, HEEK) == "geschlossen – öffnet wieder Do 9:00"
    assert opening.next_change(now, HEEK, []) == datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def test_the_server_zone_does_not_matter_only_the_instant():
    now = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)  # 10:30 in Berlin
    assert label(now, HEEK) == "jetzt geöffnet bis 12:00"


NIGHT = [Row(weekday=6, opens=time(1), closes=time(4), by_appointment_only=False)]


def test_spring_forward_night_uses_summer_time_after_two():
    # 29 March 2026: 02:00 CET jumps to 03:00 CEST.
    now = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # 01:30 CET
    status = opening.status(now, NIGHT, [])
    assert status.state == State.OPEN
    assert status.until == datetime(2026, 3, 29, 2, 0, tzinfo=UTC)  # 04:00 CEST
    assert opening.status_label(now, status) == "jetzt geöffnet bis 4:00"


def test_spring_forward_next_opening_on_monday_is_in_summer_time():
    now = datetime(2026, 3, 29, 0, 59, tzinfo=UTC)  # 01:59 CET, Sunday
    assert opening.next_change(now, WEEKDAYS_9_TO_12, []) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert label(now, WEEKDAYS_9_TO_12) == "geschlossen – öffnet wieder Mo 9:00"


def test_fall_back_night_counts_the_repeated_hour():
    # 25 October 2026: 03:00 CEST falls back to 02:00 CET; 04:00 CET is 03:00 UTC.
    first_half_past_two = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    second_half_past_two = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET
    for now in (first_half_past_two, second_half_past_two):
        status = opening.status(now, NIGHT, [])
        assert status.state == State.OPEN
        assert status.until == datetime(2026, 10, 25, 3, 0, tzinfo=UTC)
    after = datetime(2026, 10, 25, 3, 0, tzinfo=UTC)
    assert opening.status(after, NIGHT, []).state == State.CLOSED


def test_fall_back_next_opening_on_monday_is_in_winter_time():
    now = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert opening.next_change(now, WEEKDAYS_9_TO_12, []) == datetime(
        2026, 10, 26, 8, 0, tzinfo=UTC
    )


def test_next_change_while_open_is_the_closing_time():
    now = berlin(2026, 11, 26, 10, 0)
    assert opening.next_change(now, HEEK, []) == berlin(2026, 11, 26, 12, 0).astimezone(UTC)


def test_a_long_closure_leaves_no_next_opening_within_the_lookahead():
    closures = [closure(date(2026, 11, 1), date(2027, 6, 1))]
    now = berlin(2026, 11, 26, 10, 0)
    assert label(now, HEEK, closures) == "geschlossen"
    assert opening.next_change(now, HEEK, closures) is None
