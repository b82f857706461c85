"""Double opt-in: request, confirm, unsubscribe, each logged as proof of consent.

The public form gives the same answer whatever happens here, so nobody can
learn from it whether an address is subscribed.
"""

import logging

from django.db import transaction
from django.utils import timezone

from core import ratelimit

from . import mailing
from .models import Subscription, SubscriptionEvent

logger = logging.getLogger(__name__)
Kind = SubscriptionEvent.Kind
MAILS_PER_DAY = (3, 24 * 60 * 60)  # confirmation mails per address and day


def request(
    email: str,
    scope: str,
    language: str,
    series=None,
    topic=None,
    municipality=None,
    now=None,
    frequency: str = Subscription.Frequency.IMMEDIATE,
    send=True,
):
    """Record a request and mail the confirmation link (again, if asked again).

    ``send=False`` (a client over the form's rate limit) records it without a mail.
    """
    now = now or timezone.now()
    email_key = email.strip().lower()
    key = Subscription.make_scope_key(
        scope, series and series.pk, topic and topic.pk, municipality and municipality.pk
    )
    with transaction.atomic():
        subscription, created = Subscription.objects.select_for_update().get_or_create(
            email=email_key,
            scope_key=key,
            defaults={
                "scope": scope,
                "series": series,
                "topic": topic,
                "municipality": municipality,
                "language": language,
                "frequency": frequency,
                "requested_at": now,
            },
        )
        confirmed = subscription.state == Subscription.State.CONFIRMED
        if not created and not confirmed:
            # Expired, pending or unsubscribed: a fresh request with a fresh link.
            subscription.state = Subscription.State.PENDING
            subscription.requested_at, subscription.language = now, language
            subscription.frequency = frequency
            subscription.save()
        subscription.log(Kind.REQUESTED if created else Kind.REMINDED, now, language)
    # Many requests for one address (from many clients) must not flood its inbox.
    if send and not ratelimit.over_limit(
        f"subscribe-mail:{ratelimit.keyed_hash(email_key)}", *MAILS_PER_DAY
    ):
        _send(mailing.confirmation_message(subscription, already_confirmed=confirmed))
    return subscription


def _send(message) -> None:
    try:
        message.send()
    except Exception:  # the form answers the same; the request stays logged
        logger.exception("Confirmation mail to a subscriber could not be sent")


def confirm(subscription: Subscription, now=None) -> bool:
    """Confirm a pending request; False if it was not pending (nothing changes)."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = Subscription.objects.filter(
            pk=subscription.pk, state=Subscription.State.PENDING
        ).update(state=Subscription.State.CONFIRMED, confirmed_at=now, unsubscribed_at=None)
        if updated:
            subscription.log(Kind.CONFIRMED, now)
    subscription.refresh_from_db()
    return bool(updated)


def unsubscribe(subscription: Subscription, how: str, now=None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        updated = (
            Subscription.objects.filter(pk=subscription.pk)
            .exclude(state=Subscription.State.UNSUBSCRIBED)
            .update(state=Subscription.State.UNSUBSCRIBED, unsubscribed_at=now)
        )
        if updated:
            subscription.log(Kind.UNSUBSCRIBED, now, how)
    subscription.refresh_from_db()


def purge_expired(now=None) -> int:
    """Delete requests nobody confirmed in time (data minimisation; no consent exists)."""
    deleted, _ = Subscription.objects.expired_requests(now or timezone.now()).delete()
    return deleted
