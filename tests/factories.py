"""Plain `make_*` factories: sensible defaults, every field overridable."""

import datetime
import io
from datetime import time, timedelta
from uuid import uuid4

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

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


def make_shared_closure(starts_on, ends_on=None, offices=(), **kw):
    """A county-wide closure; `offices` empty means all offices."""
    from locations.models import SharedClosure

    kw.setdefault("reason", "Heiligabend")
    entry = SharedClosure.objects.create(starts_on=starts_on, ends_on=ends_on or starts_on, **kw)
    entry.offices.set(offices)
    return entry


def make_service(channels=("in_person", "phone", "post", "online"), **kw):
    """A published service with county-wide channels of the given kinds."""
    from locations.models import Service, ServiceChannel

    kw.setdefault("slug", f"leistung-{uuid4().hex[:8]}")
    kw.setdefault("title_de", "Änderungen mitteilen")
    kw.setdefault("summary_de", "Teilen Sie Änderungen Ihrem örtlichen Jobcenter mit.")
    service = Service.objects.create(**kw)
    for order, kind in enumerate(channels):
        ServiceChannel.objects.create(service=service, kind=kind, order=order)
    return service


def make_contact(**kw) -> ContactPerson:
    kw.setdefault("role", "Sachbearbeitung")
    return ContactPerson.objects.create(**kw)


# --- pressroom -------------------------------------------------------------


def make_press_contact(**kw):
    from locations.models import ContactPerson

    kw.setdefault("name", "Erika Beispiel")
    kw.setdefault("role_de", "Pressesprecherin")
    kw.setdefault("phone", "02861 82-0000")
    kw.setdefault("email", "presse@example.invalid")
    return ContactPerson.objects.create(**kw)


def make_topic(**kw):
    from pressroom.models import Topic

    kw.setdefault("slug", f"thema-{uuid4().hex[:8]}")
    kw.setdefault("name_de", "Thema")
    return Topic.objects.create(**kw)


def make_series(**kw):
    from pressroom.models import Series

    kw.setdefault("slug", f"serie-{uuid4().hex[:8]}")
    kw.setdefault("title_de", "Eine Serie")
    kw.setdefault("planned_parts", 7)
    return Series.objects.create(**kw)


def make_release(contact=True, topics=(), municipalities=(), **kw):
    """A published release (yesterday) with German title, lead, body and one contact."""
    from pressroom.models import PressRelease, ReleaseContact

    kw.setdefault("slug", f"meldung-{uuid4().hex[:8]}")
    kw.setdefault("title_de", "Eine Meldung")
    kw.setdefault("lead_de", "Der Vorspann.")
    kw.setdefault("body_de", "<p>Der Text.</p>")
    kw.setdefault("status", PressRelease.Status.PUBLISHED)
    kw.setdefault("publish_at", timezone.now() - timedelta(days=1))
    release = PressRelease.objects.create(**kw)
    if contact:
        person = contact if contact is not True else make_press_contact()
        ReleaseContact.objects.create(release=release, contact=person, role="press")
    if topics:
        release.topics.set(topics)
    if municipalities:
        release.municipalities.set(municipalities)
    return release


def image_bytes(fmt="JPEG", size=(800, 600), color=(200, 30, 30), **save_kw) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and save_kw.pop("alpha", False) else "RGB"
    Image.new(mode, size, color).save(out, fmt, **save_kw)
    return out.getvalue()


def make_upload(name="bild.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data if data is not None else image_bytes(), content_type)


def make_media(release=None, upload=None, **kw):
    """A processed media asset (re-encoded, with renditions); needs the media_root fixture."""
    from pressroom import imaging
    from pressroom.models import MediaAsset, ReleaseMedia

    clean = imaging.clean_upload(upload or make_upload())
    kw.setdefault("title_de", "Ein Foto")
    kw.setdefault("alt_text_de", "Ein rotes Rechteck")
    kw.setdefault("credit", "Kreis Borken")
    asset = MediaAsset.objects.create(
        image=clean.file, width=clean.width, height=clean.height, **kw
    )
    if release is not None:
        ReleaseMedia.objects.create(release=release, asset=asset)
    return asset


# --- subscriptions (issue 9) ------------------------------------------------------


def make_subscription(email=None, confirmed=True, **kw):
    """A subscription; confirmed (an hour ago) unless confirmed=False."""
    from subscriptions.models import Subscription

    now = timezone.now()
    kw.setdefault("scope", Subscription.Scope.ALL)
    kw.setdefault("language", "de")
    kw.setdefault("requested_at", now - timedelta(hours=2))
    if confirmed:
        kw.setdefault("state", Subscription.State.CONFIRMED)
        kw.setdefault("confirmed_at", now - timedelta(hours=1))
    email = email or f"leser-{uuid4().hex[:8]}@example.invalid"
    return Subscription.objects.create(email=email, **kw)


def make_press_office(**kw):
    """The publisher block as the demo data has it (Kreis Borken, Pressestelle, 2019)."""
    from pressroom.models import PressOffice

    kw.setdefault("organisation", "Kreis Borken")
    kw.setdefault("department", "Pressestelle")
    kw.setdefault("email", "pressestelle@kreis-borken.de")
    kw.setdefault(
        "reuse_note_de",
        "Die Pressemitteilungen des Kreises Borken sind zur Veröffentlichung frei, "
        "wenn die Quelle genannt wird.",
    )
    kw.setdefault(
        "reuse_note_en",
        "The press releases of the district of Borken are free to publish, "
        "provided the source is named.",
    )
    office = PressOffice(**kw)
    office.save()
    return office
