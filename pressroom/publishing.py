"""Publishing and withdrawing releases: the permission and the readiness check.

Used by the admin actions; kept apart so tests and other callers get the
same rule.
"""

from datetime import datetime

import reversion

from .models import PressRelease

PUBLISH_PERMISSION = "pressroom.publish_pressrelease"


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


# The texts whose change on a live release is marked for the publishers.
TEXT_FIELDS = ("title", "kicker", "lead", "body", "background_title", "background_text")


def text_changed_on_live(form, user) -> bool:
    """A non-publisher changed the public text of a release that is live."""
    if can_publish(user) or not form.instance.pk:
        return False
    stored = PressRelease.objects.filter(pk=form.instance.pk).first()
    if stored is None or not stored.is_published():
        return False
    return any(name.rsplit("_", 1)[0] in TEXT_FIELDS for name in form.changed_data)


def publish(releases, user, now: datetime):
    """Publish every ready release; return (published, [(release, problems), ...])."""
    published, refused = [], []
    for release in releases:
        problems = release.readiness_problems()
        if problems:
            refused.append((release, problems))
            continue
        release.status = PressRelease.Status.PUBLISHED
        release.publish_at = release.publish_at or now
        release.updated_by = user
        with reversion.create_revision():
            release.save()
            reversion.set_user(user)
            reversion.set_comment("Veröffentlicht")
        published.append(release)
    return published, refused


def withdraw(queryset, user) -> int:
    count = 0
    for release in queryset.filter(status=PressRelease.Status.PUBLISHED):
        release.status = PressRelease.Status.WITHDRAWN
        release.updated_by = user
        with reversion.create_revision():
            release.save()
            reversion.set_user(user)
            reversion.set_comment("Zurückgezogen")
        count += 1
    return count


def _when(moment: datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%d.%m.%Y, %H:%M Uhr")


def public_state(release, now: datetime) -> tuple[str, str]:
    """(key, German label) of what the public sees of ``release`` at ``now``.

    "veröffentlicht" alone meant three things; the desk and the list say which.
    """
    from django.utils.translation import gettext as _

    if release.status != PressRelease.Status.PUBLISHED:
        return release.status, str(release.get_status_display())
    if release.publish_at is None or release.publish_at > now:
        when = _when(release.publish_at) if release.publish_at else "–"
        return "scheduled", _("geplant für %(when)s") % {"when": when}
    if release.embargo_until and release.embargo_until > now:
        return "embargo", _("Sperrfrist bis %(when)s") % {"when": _when(release.embargo_until)}
    return "live", _("öffentlich seit %(when)s") % {"when": _when(release.public_since)}
