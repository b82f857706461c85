"""Plain make_* factories: sensible defaults via setdefault, every field overridable."""

import io
from datetime import timedelta
from uuid import uuid4

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

# --- pressroom -------------------------------------------------------------


def make_contact(**kw):
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


def make_release(contact=True, topics=(), **kw):
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
        person = contact if contact is not True else make_contact()
        ReleaseContact.objects.create(release=release, contact=person, role="press")
    if topics:
        release.topics.set(topics)
    return release


def image_bytes(fmt="JPEG", size=(800, 600), color=(200, 30, 30), **save_kw) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and save_kw.pop("alpha", False) else "RGB"
    Image.new(mode, size, color).save(out, fmt, **save_kw)
    return out.getvalue()


def make_upload(name="bild.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data if data is not None else image_bytes(), content_type)


def make_media(release=None, **kw):
    """A processed media asset (re-encoded, with renditions); needs the media_root fixture."""
    from pressroom import imaging
    from pressroom.models import MediaAsset, ReleaseMedia

    clean = imaging.clean_upload(make_upload())
    kw.setdefault("title_de", "Ein Foto")
    kw.setdefault("alt_text_de", "Ein rotes Rechteck")
    kw.setdefault("credit", "Kreis Borken")
    asset = MediaAsset.objects.create(
        image=clean.file, width=clean.width, height=clean.height, **kw
    )
    if release is not None:
        ReleaseMedia.objects.create(release=release, asset=asset)
    return asset
