"""Model rules: active(), the page-cache bound next_status_change, the demo data."""

from datetime import UTC, date, datetime, time

import pytest
from django.core.management import call_command

from locations.models import ContactPerson, Office, next_status_change

from .factories import make_closure, make_contact, make_hours, make_office

pytestmark = pytest.mark.django_db


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_next_status_change_is_none_without_offices():
    assert next_status_change(utc(2026, 11, 26, 9)) is None


def test_next_status_change_is_the_earliest_opening_or_closing():
    early = make_office()
    make_hours(early, weekday=3, opens=time(9), closes=time(12))
    late = make_office()
    make_hours(late, weekday=3, opens=time(10), closes=time(11))
    now = utc(2026, 11, 26, 8, 30)  # Thursday 9:30 in Berlin: early is open
    assert next_status_change(now) == utc(2026, 11, 26, 9, 0)  # late opens at 10:00


def test_next_status_change_is_bounded_by_midnight_in_berlin():
    office = make_office()
    make_hours(office, weekday=0)
    now = utc(2026, 11, 26, 20)  # Thursday 21:00; next opening is Monday
    assert next_status_change(now) == utc(2026, 11, 26, 23, 0)


def test_next_status_change_ignores_inactive_offices():
    office = make_office(is_active=False)
    make_hours(office, weekday=3, opens=time(22), closes=time(23))
    assert next_status_change(utc(2026, 11, 26, 8)) is None


def test_next_status_change_respects_closures():
    office = make_office()
    make_hours(office, weekday=3, opens=time(9), closes=time(12))
    make_closure(office, date(2026, 11, 26))
    assert next_status_change(utc(2026, 11, 26, 7)) == utc(2026, 11, 26, 23, 0)


def test_active_querysets():
    make_office(is_active=False)
    shown = make_office()
    make_contact(is_active=False)
    contact = make_contact()
    assert list(Office.objects.active()) == [shown]
    assert list(ContactPerson.objects.active()) == [contact]


def test_demo_data_has_the_county_office_and_17_local_offices():  # the locations fixture alone
    call_command("loaddata", "demo_locations", verbosity=0)
    assert Office.objects.filter(kind="local").count() == 17
    county = Office.objects.get(kind="county")
    assert (county.street, county.postcode, county.phone) == (
        "Burloer Straße 93",
        "46325",
        "02861 681-100",
    )
    heek = Office.objects.get(slug="heek")
    assert [(h.weekday, h.opens, h.closes) for h in heek.hours.all()] == [
        (3, time(9), time(12)),
        (3, time(14, 30), time(18)),
    ]
    assert heek.data_verified_on is None  # the source is undated
    assert Office.objects.get(slug="legden").phone == "02566 910-254"
    assert not ContactPerson.objects.filter(pk__in=[901, 902]).exists()  # kept for pressroom
    for office in Office.objects.exclude(data_verified_on=None):
        assert office.data_verified_year_only
        assert (office.data_verified_on.month, office.data_verified_on.day) == (1, 1)
