"""The security log for the admin, and ending a deactivated user's sessions.

Every login, logout, failed login and lockout is written to the
``jobcenter.security`` logger with the user name and a shortened client
address (IPv4 /24, IPv6 /48): enough to see an attack, not a personal
profile. Connected in ``JobcenterSiteConfig.ready()``.
"""

import logging

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from core.ratelimit import client_ip

from ..security import shorten_ip

logger = logging.getLogger("jobcenter.security")


def _where(request) -> str:
    return shorten_ip(client_ip(request)) if request is not None else "-"


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    logger.info("login user=%s ip=%s", user.get_username(), _where(request))


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    name = user.get_username() if user else "-"
    logger.info("logout user=%s ip=%s", name, _where(request))


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs):
    # `credentials` has the password already masked by Django; log the name only.
    what = "second factor failed" if credentials.get("second_factor") else "login failed"
    logger.warning("%s user=%s ip=%s", what, credentials.get("username", "-"), _where(request))


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    logger.warning("lockout user=%s ip=%s", username, shorten_ip(ip_address or ""))


def end_sessions_of(user_id: int) -> int:
    """Delete every live database session that belongs to ``user_id``."""
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id)
    ]
    Session.objects.filter(pk__in=doomed).delete()
    return len(doomed)


@receiver(post_save, sender=get_user_model())
def end_sessions_of_deactivated_user(sender, instance, created, **kwargs):
    if not created and not instance.is_active:
        if count := end_sessions_of(instance.pk):
            logger.info("deactivated user=%s sessions ended=%d", instance.get_username(), count)
