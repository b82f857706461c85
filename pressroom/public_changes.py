"""The public change model: when a release first went public, and when it last changed materially.

``first_published_at`` is kept forever once the release has been public:
rescheduling, withdrawing or restoring an old revision does not move it.
``public_updated_at`` moves only on a material change (the editor ticks
"wesentliche Änderung") or when a correction is added; fixing a typo moves
neither (``updated_at`` is the technical save time and stays internal).
Both are monotone, so a revert cannot roll them back. They drive Atom
``updated``, JSON-LD ``dateModified``, "aktualisiert am", the sitemap's
``lastmod`` and ninjs ``versionCreated`` — and, when a publisher asks for it,
an update mail to subscribers (``announce_update``; mailed_updates only counts up).
"""

from datetime import datetime

from django.db import models


def stamp(release, now: datetime) -> None:
    """Set the publication stamps of `release` before it is saved."""
    model = type(release)
    stored = (
        model.objects.filter(pk=release.pk)
        .values(
            "first_published_at",
            "public_updated_at",
            "status",
            "withdrawn_at",
            "mailed_updates",
            "update_mail_requested_at",
        )
        .first()
        if release.pk
        else None
    ) or {}
    first = stored.get("first_published_at")
    if first is not None and first <= now:
        release.first_published_at = first  # it has been public: that moment stays
    elif release.status == model.Status.PUBLISHED and release.public_since:
        release.first_published_at = release.public_since  # scheduled: moves with the plan
    else:
        release.first_published_at = None
    updates = [m for m in (stored.get("public_updated_at"), release.public_updated_at) if m]
    release.public_updated_at = max(updates) if updates else None
    # Mailed updates only count up: a restored old version must not reuse an edition.
    release.mailed_updates = max(stored.get("mailed_updates") or 0, release.mailed_updates or 0)
    asked = [
        m for m in (stored.get("update_mail_requested_at"), release.update_mail_requested_at) if m
    ]
    release.update_mail_requested_at = max(asked) if asked else None
    withdrawn = release.status == model.Status.WITHDRAWN
    if not withdrawn:
        release.withdrawn_at = None
    elif stored.get("status") != model.Status.WITHDRAWN or not stored.get("withdrawn_at"):
        release.withdrawn_at = now
    else:
        release.withdrawn_at = stored["withdrawn_at"]


def mark_material_change(release, now: datetime) -> bool:
    """Record a public update, if the release has been public; True when it counted."""
    first = release.first_published_at
    if first is None or first > now:
        return False  # nobody has seen it yet: nothing to announce as updated
    type(release).objects.filter(pk=release.pk).update(public_updated_at=now)
    release.public_updated_at = now
    return True


def announce_update(release, now: datetime) -> None:
    """Mail the current public update to subscribers (once per address; delivery.plan)."""
    model = type(release)
    model.objects.filter(pk=release.pk).update(
        mailed_updates=models.F("mailed_updates") + 1, update_mail_requested_at=now
    )
    release.refresh_from_db(fields=["mailed_updates", "update_mail_requested_at"])
