"""Mailing public releases to subscribers: exactly once per address, crash-safe.

`run()` is what `manage.py send_release_mails` calls every minute:

1. plan: for every release that became public recently, one `Delivery` row
   per matching confirmed subscriber, inserted with ``ignore_conflicts`` on
   the unique constraints (subscription, release) and (release, email).
   Running it twice, or in two processes at once, adds nothing the second time.
2. claim: due rows are moved to "sending" with a lease, atomically, so two
   workers never hold the same row (``SELECT … FOR UPDATE SKIP LOCKED`` on
   PostgreSQL, a conditional UPDATE per row elsewhere).
3. send, then mark "sent" (only while our claim still holds). A transport
   error schedules a retry with exponential backoff.

Updates: when a publisher marks a material change of a live release and
ticks "Abonnentinnen und Abonnenten informieren", the release's
``mailed_updates`` counts up and the rows of that edition are planned the same
way (unique per subscription, release and edition): each address gets each
announced update once, marked as an update.

Digests: a subscriber who chose "daily" or "weekly" gets the same one row
per release, due at the next digest time (7:00 local, weekly on Mondays)
instead of now. A worker claims a digest subscriber's due rows all together
(it locks the subscription on PostgreSQL; elsewhere one UPDATE takes them all
or none), so they go out as one mail listing all their releases, marked sent
together: never two digests for one subscriber and time, never a release twice.

The one at-least-once window: a crash after the SMTP server accepted a mail
and before the row is marked sent. The row stays "sending" until its lease
expires, then it is sent again, with the same Message-ID, which mail
clients use to drop the duplicate.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from pressroom.models import PressRelease

from . import mailing
from .models import Delivery, Subscription

logger = logging.getLogger(__name__)

# Releases that became public longer ago are never mailed (a restored
# backup or an old import must not flood subscribers).
PLAN_WINDOW = timedelta(days=3)
LEASE = timedelta(minutes=10)
BATCH = 50
MAX_ATTEMPTS = 8
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)
Status = Delivery.Status
Frequency = Subscription.Frequency
DIGEST_HOUR = 7


@dataclass
class Result:
    planned: int = 0
    sent: int = 0
    failed: int = 0  # given up after MAX_ATTEMPTS
    retried: int = 0  # failed this time, due again later
    cancelled: int = 0


def plan(now: datetime) -> int:
    """Create the missing Delivery rows; return how many were new (idempotent)."""
    recent = PressRelease.objects.published(now).filter(
        Q(publish_at__gte=now - PLAN_WINDOW) | Q(embargo_until__gte=now - PLAN_WINDOW)
    )
    created = 0
    for release in recent.only("pk", "series_id", "publish_at", "embargo_until"):
        since = release.public_since
        if since >= now - PLAN_WINDOW:
            # Only subscribers who had consented when the release went public.
            created += _plan_edition(release, 0, since, now)
    # Public updates a publisher chose to mail (the admin's "Abonnenten informieren").
    updated = PressRelease.objects.published(now).filter(
        mailed_updates__gt=0, update_mail_requested_at__gte=now - PLAN_WINDOW
    )
    for release in updated.only("pk", "series_id", "mailed_updates", "update_mail_requested_at"):
        created += _plan_edition(
            release, release.mailed_updates, release.update_mail_requested_at, now
        )
    return created


def _plan_edition(release, edition: int, consented_by: datetime, now: datetime) -> int:
    """One row per matching address for this edition of the release."""
    subscribers = (
        Subscription.objects.confirmed()
        .matching(release)
        .filter(confirmed_at__lte=consented_by)
        .exclude(
            pk__in=Delivery.objects.filter(release=release, edition=edition).values("subscription")
        )
        .distinct()
        .order_by("scope", "pk")
    )
    rows, seen = [], set()
    for sub in subscribers.only("pk", "email", "frequency"):
        if sub.email not in seen:
            seen.add(sub.email)
            rows.append(
                Delivery(
                    subscription=sub,
                    release=release,
                    email=sub.email,
                    edition=edition,
                    next_attempt_at=digest_time(sub.frequency, now),
                )
            )
    existing = Delivery.objects.filter(release=release, edition=edition)
    before = existing.count()
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return existing.count() - before


def digest_time(frequency: str, now: datetime) -> datetime:
    """When a row for this frequency is due: now, or the next digest at 7:00 local time."""
    if frequency == Frequency.IMMEDIATE:
        return now
    local = timezone.localtime(now)
    slot = local.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if slot <= local:
        slot += timedelta(days=1)
    if frequency == Frequency.WEEKLY:
        slot += timedelta(days=(7 - slot.weekday()) % 7)  # Monday
    return slot


def _due(now: datetime):
    stale = Q(status=Status.SENDING, lease_until__lt=now)  # its worker died mid-send
    return Delivery.objects.filter(Q(status=Status.PENDING, next_attempt_at__lte=now) | stale)


def claim(now: datetime, limit: int | None = None) -> list[int]:
    """Take up to `limit` (BATCH) due rows for this worker; no other worker gets them.

    Digest rows are taken per subscriber, all of them or none, so a digest is
    always one mail: `limit` then counts subscribers."""
    limit = limit or BATCH
    ids = _claim_rows(_due(now).filter(subscription__frequency=Frequency.IMMEDIATE), now, limit)
    if len(ids) < limit:
        ids += _claim_digests(now, limit - len(ids))
    return ids


def _lease(now: datetime) -> dict:
    return {"status": Status.SENDING, "lease_until": now + LEASE, "attempts": F("attempts") + 1}


def _claim_rows(due, now: datetime, limit: int) -> list[int]:
    ordered = due.order_by("next_attempt_at", "subscription_id", "pk")
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            locked = ordered.select_for_update(skip_locked=True, of=("self",))
            ids = list(locked.values_list("pk", flat=True)[:limit])
            Delivery.objects.filter(pk__in=ids).update(**_lease(now))
        return ids
    ids = []
    for pk in ordered.values_list("pk", flat=True)[:limit]:
        # The same condition again in the UPDATE: whoever changes the row first wins.
        if due.filter(pk=pk).update(**_lease(now)):
            ids.append(pk)
    return ids


def _claim_digests(now: datetime, limit: int) -> list[int]:
    due = _due(now).exclude(subscription__frequency=Frequency.IMMEDIATE)
    if connection.features.has_select_for_update_skip_locked:
        for _try in range(3):
            with transaction.atomic():
                # Whoever locks the subscriber takes all its due rows (another worker
                # skips it and takes the next); digest rows are locked nowhere else.
                subscribers = Subscription.objects.filter(pk__in=due.values("subscription_id"))
                subscribers = subscribers.order_by("pk").select_for_update(skip_locked=True)
                mine = list(subscribers.values_list("pk", flat=True)[:limit])
                ids = list(due.filter(subscription_id__in=mine).values_list("pk", flat=True))
                Delivery.objects.filter(pk__in=ids).update(**_lease(now))
            # Locked, but nothing left: another worker claimed them just before our
            # lock (our first look was older). Look again rather than stop early.
            if ids or not mine:
                return ids
        return ids
    candidates = due.order_by("subscription_id").values_list("subscription_id", flat=True)
    ids = []
    for subscription_id in list(candidates.distinct()[:limit]):
        # One UPDATE per subscriber: all its rows or none.
        if due.filter(subscription_id=subscription_id).update(**_lease(now)):
            ids += _ours_of(subscription_id, now).values_list("pk", flat=True)
    return ids


def _ours_of(subscription_id: int, now: datetime):
    return Delivery.objects.filter(
        subscription_id=subscription_id, status=Status.SENDING, lease_until=now + LEASE
    )


def _ours(pk: int, now: datetime):
    """The row while our claim holds (status sending, the lease we set)."""
    return Delivery.objects.filter(pk=pk, status=Status.SENDING, lease_until=now + LEASE)


def send_one(pk: int, now: datetime) -> str:
    try:
        delivery = Delivery.objects.select_related("subscription", "release").get(pk=pk)
    except Delivery.DoesNotExist:  # release or subscription deleted after the claim
        _ours(pk, now).update(status=Status.CANCELLED, lease_until=None)
        return Status.CANCELLED
    still_wanted = (
        delivery.subscription.state == Subscription.State.CONFIRMED
        and delivery.release.is_published(timezone.now())
    )
    if not still_wanted:  # withdrawn release or unsubscribed meanwhile
        _ours(pk, now).update(status=Status.CANCELLED, lease_until=None)
        return Status.CANCELLED
    try:
        mailing.release_message(delivery).send()
    except Exception as error:  # any transport error: retry later
        return _retry(delivery, now, error)
    _ours(pk, now).update(status=Status.SENT, sent_at=timezone.now(), lease_until=None)
    return Status.SENT


def _retry(delivery: Delivery, now: datetime, error: Exception) -> str:
    attempts = delivery.attempts
    final = attempts >= MAX_ATTEMPTS
    wait = min(BACKOFF_BASE * 2 ** (attempts - 1), BACKOFF_CAP)
    _ours(delivery.pk, now).update(
        status=Status.FAILED if final else Status.PENDING,
        next_attempt_at=now + wait,
        lease_until=None,
        last_error=f"{type(error).__name__}: {error}"[:1000],
    )
    logger.warning("Delivery %s failed (attempt %s): %s", delivery.pk, attempts, error)
    return Status.FAILED if final else Status.PENDING


def run(now: datetime | None = None) -> Result:
    """Plan, then claim and send batches until nothing is due. `now` pins the clock (tests)."""
    clock = (lambda: now) if now else timezone.now
    result = Result(planned=plan(clock()))
    # A fresh time per claim: rows another worker planned a moment ago are due too.
    while ids := claim(at := clock()):
        digests = {}
        digest_rows = Delivery.objects.filter(pk__in=ids).exclude(
            subscription__frequency=Frequency.IMMEDIATE
        )
        for pk, subscription_id in digest_rows.values_list("pk", "subscription_id"):
            digests.setdefault(subscription_id, []).append(pk)
        in_digest = {pk for pks in digests.values() for pk in pks}
        outcomes = [send_one(pk, at) for pk in ids if pk not in in_digest]
        for pks in digests.values():
            outcomes += send_digest(pks, at)
        for outcome in outcomes:
            result.sent += outcome == Status.SENT
            result.failed += outcome == Status.FAILED
            result.retried += outcome == Status.PENDING
            result.cancelled += outcome == Status.CANCELLED
    return result


def send_digest(pks: list[int], now: datetime) -> list[str]:
    """One mail with every claimed release of one digest subscriber; one outcome per row."""
    rows = list(
        Delivery.objects.select_related("subscription", "release")
        .filter(pk__in=pks)
        .order_by("release__publish_at", "pk")
    )
    outcomes, wanted = [], []
    for row in rows:
        if row.subscription.state == Subscription.State.CONFIRMED and row.release.is_published(
            timezone.now()
        ):
            wanted.append(row)
        else:
            _ours(row.pk, now).update(status=Status.CANCELLED, lease_until=None)
            outcomes.append(Status.CANCELLED)
    outcomes += [Status.CANCELLED] * (len(pks) - len(rows))  # deleted after the claim
    if not wanted:
        return outcomes
    try:
        mailing.digest_message(wanted).send()
    except Exception as error:
        return outcomes + [_retry(row, now, error) for row in wanted]
    sent_at = timezone.now()
    for row in wanted:
        _ours(row.pk, now).update(status=Status.SENT, sent_at=sent_at, lease_until=None)
    return outcomes + [Status.SENT] * len(wanted)
