"""Plain `make_*` factories: sensible defaults, every field overridable."""

import datetime
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

# --- jobcenter_site -----------------------------------------------------------


def make_page(**kw):
    from jobcenter_site.models import Page

    kw.setdefault("slug", f"seite-{uuid4().hex[:8]}")
    kw.setdefault("title_de", "Eine Informationsseite")
    kw.setdefault("intro_de", "Eine kurze Einleitung.")
    kw.setdefault("body_de", "<p>Der Text der Seite.</p>")
    return Page.objects.create(**kw)


def make_figure(**kw):
    from jobcenter_site.models import Figure

    kw.setdefault("value", 100)
    kw.setdefault("unit", Figure.Unit.PERSONS)
    kw.setdefault("label_de", "Eine Kennzahl")
    kw.setdefault("as_of", datetime.date(2019, 8, 1))
    kw.setdefault("source_de", "Eine Quelle")
    return Figure.objects.create(**kw)


def make_feedback(**kw):
    from jobcenter_site.models import Feedback

    kw.setdefault("page_url", "/de/")
    kw.setdefault("description", "Der Kontrast ist zu schwach.")
    return Feedback.objects.create(**kw)


def make_sign_language_video(**kw):
    from django.core.files.base import ContentFile

    from jobcenter_site.models import SignLanguageVideo

    kw.setdefault("title_de", "Die Website in Gebärdensprache")
    kw.setdefault("duration", datetime.timedelta(minutes=3, seconds=20))
    kw.setdefault("file", ContentFile(b"\x00" * 2048, name="website.mp4"))
    return SignLanguageVideo.objects.create(**kw)


# --- locations -----------------------------------------------------------------


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
