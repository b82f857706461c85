"""Office closures as iCalendar, and the "save contact" QR code on the office page."""

from datetime import date, time, timedelta

import pytest
import time_machine
from icalendar import Calendar

from core import qr

from .factories import make_closure, make_office, make_shared_closure

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-03-20 10:00 +01:00", tick=False)
def test_closures_calendar_has_closures_and_special_hours_in_berlin_time(client):
    office = make_office(slug="heek", name="Jobcenter Heek")
    make_closure(office, date(2026, 3, 23), date(2026, 3, 24), reason="Umzug")
    make_closure(
        office,
        date(2026, 3, 30),
        special_opens=time(8),
        special_closes=time(12),
        reason="Personalversammlung",
    )
    make_closure(office, date(2025, 1, 2), reason="lange her")  # older than 90 days
    response = client.get("/de/standorte/heek/schliessungen.ics")
    assert response.status_code == 200 and not response.cookies
    calendar = Calendar.from_ical(response.content)
    events = [e for e in calendar.walk("VEVENT") if "Feiertag" not in str(e["summary"])]
    assert [str(e["summary"]) for e in events] == [
        "Jobcenter Heek: geschlossen (Umzug)",
        "Jobcenter Heek: geänderte Öffnungszeit (Personalversammlung)",
    ]
    closed, special = events
    assert (closed["dtstart"].dt, closed["dtend"].dt) == (date(2026, 3, 23), date(2026, 3, 25))
    # 30 March 2026 is after the switch to summer time: 08:00 local is 06:00 UTC.
    assert special["dtstart"].params["TZID"] == "Europe/Berlin"
    assert special["dtstart"].dt.hour == 8
    assert special["dtstart"].dt.utcoffset() == timedelta(hours=2)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert all("UID" in e and "DTSTAMP" in e for e in events)


def test_closures_calendar_of_unknown_or_inactive_office_is_404(client):
    make_office(slug="alt", is_active=False)
    assert client.get("/de/standorte/alt/schliessungen.ics").status_code == 404
    assert client.get("/de/standorte/nein/schliessungen.ics").status_code == 404


def test_office_page_shows_a_qr_code_encoding_its_vcard_url(client):
    make_office(slug="heek")
    html = client.get("/de/standorte/heek/").content.decode()
    url = "http://testserver/de/standorte/heek/vcard/"
    # No QR decoder is installed: the same payload gives the same matrix, so the page
    # must carry exactly the code segno makes for the vCard URL.
    assert qr.svg(url) in html
    assert qr.svg("http://testserver/de/standorte/heek/") not in html
    assert qr.make(url).designator  # a real QR code (not micro)
    assert 'href="/de/standorte/heek/schliessungen.ics"' in html


def test_qr_payload_is_the_url_byte_for_byte():
    code = qr.make("https://example.org/de/standorte/heek/vcard/")
    other = qr.make("https://example.org/de/standorte/heek/vcard/x")
    assert code.matrix != other.matrix
    assert code.mode == "byte"


def test_notice_still_has_its_qr_code_to_the_page(client):
    make_office(slug="heek")
    html = client.get("/de/standorte/heek/aushang/").content.decode()
    assert qr.svg("http://testserver/de/standorte/heek/") in html


@pytest.mark.parametrize("closures", [1, 4])
def test_closures_calendar_query_budget(client, django_assert_num_queries, closures):
    office = make_office(slug="heek")
    for n in range(closures):
        make_closure(office, date(2030, 1, 1 + n))
    make_shared_closure(date(2030, 12, 24))
    # 1 office, 2 its closures, 3 county-wide closures, 4 their chosen offices
    with django_assert_num_queries(4):
        client.get("/de/standorte/heek/schliessungen.ics")


@time_machine.travel("2026-12-01 10:00 +01:00", tick=False)
def test_closures_calendar_lists_nrw_holidays_and_county_wide_closures(client):
    heek = make_office(slug="heek", name="Jobcenter Heek")
    make_office(slug="velen", name="Jobcenter Velen")
    make_shared_closure(date(2026, 12, 24), reason="Heiligabend")
    make_shared_closure(date(2026, 12, 31), reason="Silvester", offices=[heek])
    for slug, expected in (("heek", 2), ("velen", 1)):
        calendar = Calendar.from_ical(client.get(f"/de/standorte/{slug}/schliessungen.ics").content)
        events = {e["dtstart"].dt: str(e["summary"]) for e in calendar.walk("VEVENT")}
        assert "geschlossen (Erster Weihnachtstag, Feiertag in NRW)" in events[date(2026, 12, 25)]
        assert "Neujahr" in events[date(2027, 1, 1)]
        assert "Fronleichnam" in " ".join(events.values())  # NRW, not every state
        shared = [s for s in events.values() if "Heiligabend" in s or "Silvester" in s]
        assert len(shared) == expected
        uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
        assert len(uids) == len(set(uids))


def test_a_county_wide_closure_has_a_distinct_uid_in_each_offices_calendar(client):
    """QA 13: Heek's and Velen's calendars both had UID kreisweite-schliessung-1, with
    different summaries: a calendar app subscribed to both kept only one of them."""
    make_office(slug="heek", name="Jobcenter Heek")
    make_office(slug="velen", name="Jobcenter Velen")
    make_shared_closure(date(2030, 12, 24), reason="Heiligabend")
    uids = []
    for slug in ("heek", "velen"):
        calendar = Calendar.from_ical(client.get(f"/de/standorte/{slug}/schliessungen.ics").content)
        uids += [str(e["uid"]) for e in calendar.walk("VEVENT") if e["dtstart"].dt.year == 2030]
    assert len(uids) == 2 and len(set(uids)) == 2


def test_vtimezone_is_two_rules_valid_beyond_2038():
    from datetime import datetime

    from core.ical import berlin_timezone

    zone = berlin_timezone()
    text = zone.to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text and "RDATE" not in text
    tz = (
        Calendar.from_ical(b"BEGIN:VCALENDAR\r\n" + zone.to_ical() + b"END:VCALENDAR\r\n")
        .walk("VTIMEZONE")[0]
        .to_tz()
    )
    assert datetime(2040, 7, 1, 12, tzinfo=tz).utcoffset() == timedelta(hours=2)
    assert datetime(2040, 1, 1, 12, tzinfo=tz).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 3, 29, 3, tzinfo=tz).utcoffset() == timedelta(hours=2)
