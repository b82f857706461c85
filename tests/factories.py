"""Plain make_* factories: sensible defaults, any field overridable."""

from datetime import time
from uuid import uuid4

from locations.models import (
    Closure,
    ContactPerson,
    District,
    Municipality,
    Office,
    OpeningHours,
    Postcode,
)


def make_municipality(**kw) -> Municipality:
    kw.setdefault("name", f"Ort {uuid4().hex[:6]}")
    kw.setdefault("slug", f"ort-{uuid4().hex[:8]}")
    kw.setdefault("kind", Municipality.Kind.GEMEINDE)
    kw.setdefault("ags", f"{uuid4().int % 10**8:08d}")
    postcodes = kw.pop("postcodes", [])
    districts = kw.pop("districts", [])
    town = Municipality.objects.create(**kw)
    for code in postcodes:
        Postcode.objects.create(code=code, municipality=town)
    for name in districts:
        District.objects.create(name=name, municipality=town)
    return town


def make_office(**kw) -> Office:
    kw.setdefault("slug", f"office-{uuid4().hex[:8]}")
    kw.setdefault("name", "Jobcenter der Gemeinde Musterort")
    kw.setdefault("kind", Office.Kind.LOCAL)
    return Office.objects.create(**kw)


def make_hours(office, weekday=0, opens=time(9), closes=time(12), **kw) -> OpeningHours:
    return OpeningHours.objects.create(
        office=office, weekday=weekday, opens=opens, closes=closes, **kw
    )


def make_closure(office, starts_on, ends_on=None, **kw) -> Closure:
    kw.setdefault("reason", "Betriebsausflug")
    return Closure.objects.create(
        office=office, starts_on=starts_on, ends_on=ends_on or starts_on, **kw
    )


def make_contact(**kw) -> ContactPerson:
    kw.setdefault("role", "Sachbearbeitung")
    return ContactPerson.objects.create(**kw)
