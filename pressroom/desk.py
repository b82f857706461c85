"""„Pressestelle heute“: the press office's start page in the admin.

One screen with what is happening: what waits for approval, what goes live
when, what is under embargo until when, what is public now, what changed
after publishing, which translations are missing and which offices lack
data. Every section links to the filtered list behind it. Queries are
bounded (a few rows per section plus one count each).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.translation_state import outdated_object_ids
from locations.models import Office, OpeningHours

from .admin_filters import complete_in, scheduled, under_embargo
from .models import PressRelease
from .publishing import public_state

SHOWN = 8  # rows per section; the link leads to all of them


@dataclass
class Row:
    label: str
    url: str
    note: str = ""


@dataclass
class Section:
    key: str
    title: str
    empty: str
    list_url: str
    count: int = 0
    rows: list[Row] = field(default_factory=list)
    who: str = ""  # whom to ask, when the reader may not open the rows


def _release_rows(queryset, now, note=None):
    rows = []
    for release in queryset[:SHOWN]:
        url = reverse("admin:pressroom_pressrelease_change", args=[release.pk])
        rows.append(
            Row(str(release), url, note(release) if note else public_state(release, now)[1])
        )
    return rows


def _section(key, title, empty, queryset, query, now, note=None):
    changelist = reverse("admin:pressroom_pressrelease_changelist")
    return Section(
        key,
        title,
        empty,
        f"{changelist}?{query}",
        queryset.count(),
        _release_rows(queryset, now, note),
    )


def sections(now=None, user=None) -> list[Section]:
    now = now or timezone.now()
    releases = PressRelease.objects.all()
    result = [
        _section(
            "waiting",
            _("Warten auf Freigabe"),
            _("Nichts wartet auf Freigabe."),
            releases.filter(status=PressRelease.Status.READY).order_by("-updated_at"),
            "status__exact=ready",
            now,
            note=lambda r: (
                _("bereit seit %(when)s")
                % {"when": timezone.localtime(r.updated_at).strftime("%d.%m.%Y, %H:%M Uhr")}
            ),
        ),
        _section(
            "scheduled",
            _("Geplant"),
            _("Keine Meldung ist für später geplant."),
            scheduled(releases, now).order_by("publish_at"),
            "sichtbar=geplant",
            now,
        ),
        _section(
            "embargo",
            _("Unter Sperrfrist"),
            _("Keine Meldung ist unter Sperrfrist."),
            under_embargo(releases, now).order_by("embargo_until"),
            "sichtbar=sperrfrist",
            now,
        ),
        _section(
            "live",
            _("Jetzt öffentlich"),
            _("Noch keine Meldung ist öffentlich."),
            releases.published(now).order_by("-publish_at"),
            "sichtbar=oeffentlich",
            now,
        ),
        _section(
            "changed",
            _("Nach Veröffentlichung geändert (ohne Freigabe)"),
            _("Keine öffentliche Meldung wurde ohne Freigabe geändert."),
            releases.filter(changed_after_publication_at__isnull=False).order_by(
                "-changed_after_publication_at"
            ),
            "sichtbar=geaendert",
            now,
            note=lambda r: (
                _("geändert am %(when)s")
                % {
                    "when": timezone.localtime(r.changed_after_publication_at).strftime(
                        "%d.%m.%Y, %H:%M Uhr"
                    )
                }
            ),
        ),
        _translations(releases, now),
        _outdated_translations(),
        _offices(user),
    ]
    return result


def _translations(releases, now) -> Section:
    """Public releases not complete in a language: one row per language."""
    changelist = reverse("admin:pressroom_pressrelease_changelist")
    live = releases.published(now)
    section = Section(
        "translations",
        _("Übersetzungen fehlen (öffentliche Meldungen)"),
        _("Alle öffentlichen Meldungen sind in allen Sprachen vollständig."),
        f"{changelist}?sichtbar=oeffentlich",
    )
    for code, name in settings.LANGUAGES:
        if code == "de":
            continue
        missing = live.exclude(complete_in(code)).count()
        if missing:
            section.count += missing
            section.rows.append(
                Row(
                    str(name),
                    f"{changelist}?sichtbar=oeffentlich&vollstaendig=-{code}",
                    _("%(n)s ohne vollständige Übersetzung") % {"n": missing},
                )
            )
    return section


def _outdated_translations() -> Section:
    """Releases whose German text changed after a translation (core.translation_state)."""
    changelist = reverse("admin:pressroom_pressrelease_changelist")
    section = Section(
        "outdated_translations",
        _("Übersetzungen veraltet (deutsche Fassung geändert)"),
        _("Keine Übersetzung ist älter als ihre deutsche Fassung."),
        f"{changelist}?uebersetzung=outdated",
    )
    ids = outdated_object_ids(PressRelease)
    section.count = len(set().union(*ids.values()))  # releases, not release × language
    for code, name in settings.LANGUAGES:
        count = len(ids.get(code, ()))
        if count:
            section.rows.append(
                Row(
                    str(name),
                    f"{changelist}?uebersetzung=outdated-{code}",  # this language's releases
                    _("%(n)s mit veralteter Übersetzung") % {"n": count},
                )
            )
    return section


def _offices(user=None) -> Section:
    """Offices lacking data, with what they lack. Linked only for those who may open
    them (the press groups may not: the links answered 403); the others see whom to ask."""
    linked = user is None or user.has_perm("locations.view_office")
    changelist = reverse("admin:locations_office_changelist")
    offices = (
        Office.objects.filter(is_active=True)
        .incomplete()
        .annotate(has_hours=Exists(OpeningHours.objects.filter(office=OuterRef("pk"))))
        .order_by("name")
    )
    return Section(
        "offices",
        _("Standorte mit fehlenden Angaben"),
        _("Bei keinem Standort fehlen Angaben."),
        f"{changelist}?unvollstaendig=ja" if linked else "",
        offices.count(),
        [
            Row(
                str(o),
                reverse("admin:locations_office_change", args=[o.pk]) if linked else "",
                _missing(o),
            )
            for o in offices[:SHOWN]
        ],
        "" if linked else _("Standortdaten pflegt die Standort-Redaktion."),
    )


def _missing(office) -> str:
    lacking = [
        label
        for label, present in (
            (_("Anschrift"), office.street),
            (_("Telefon"), office.phone),
            (_("Öffnungszeiten"), office.has_hours),
            (_("Prüfdatum"), office.data_verified_on),
        )
        if not present
    ]
    return _("fehlt: %(what)s") % {"what": ", ".join(str(label) for label in lacking)}
