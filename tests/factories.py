"""Plain `make_*` factories: sensible defaults, every field overridable."""

import datetime
from uuid import uuid4

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
