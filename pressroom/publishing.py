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
