"""Approval: "bereit zur Freigabe" tells the publishers; a publisher can send it back.

Mails go through Django's mail (the MAILERS setting) after the transaction
commits, one per recipient (colleagues' addresses are not shared), with a link
to the release in the admin. A failed mail never loses the save: it is logged
and the admin says so.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from .publishing import PUBLISH_PERMISSION

logger = logging.getLogger("jobcenter.pressroom")


def publishers():
    """Active staff who hold the publishing permission (group, own, or superuser)."""
    app_label, codename = PUBLISH_PERMISSION.split(".")
    perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    return users.filter(
        Q(is_superuser=True) | Q(groups__permissions__in=perm) | Q(user_permissions__in=perm)
    ).distinct()


def admin_link(release) -> str:
    return settings.SITE_URL + reverse("admin:pressroom_pressrelease_change", args=[release.pk])


def _send(to: list[str], subject: str, body: str) -> int:
    sent = 0
    for address in to:
        try:
            sent += EmailMessage(subject=subject, body=body, to=[address]).send()
        except Exception:  # the SMTP server is down: the save stays, the log says it
            logger.exception("approval mail to %s failed", address)
    return sent


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else _("jemand")


def notify_ready(release, by) -> int:
    """Mail every publisher (except the one who set the status) that ``release`` waits."""
    to = [u.email for u in publishers() if u != by]
    subject = _("Zur Freigabe: %(title)s") % {"title": release.title_de}
    body = _(
        "%(who)s hat die Pressemitteilung „%(title)s“ als „bereit zur Freigabe“ markiert.\n\n"
        "Prüfen und freigeben oder mit einem Kommentar zurückgeben:\n%(link)s\n"
    ) % {"who": _name(by), "title": release.title_de, "link": admin_link(release)}
    return _send(to, subject, body)


def notify_sent_back(release, by, comment: str) -> int:
    """Mail the authors (creator and last editor) the publisher's comment."""
    authors = {u for u in (release.created_by, release.updated_by) if u and u != by and u.email}
    subject = _("Zurückgegeben: %(title)s") % {"title": release.title_de}
    body = _(
        "%(who)s hat die Pressemitteilung „%(title)s“ zurückgegeben:\n\n%(comment)s\n\n%(link)s\n"
    ) % {
        "who": _name(by),
        "title": release.title_de,
        "comment": comment,
        "link": admin_link(release),
    }
    return _send([u.email for u in authors], subject, body)
