"""Daily and weekly digests: one mail with N releases, still exactly once per release and address."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from subscriptions import delivery
from subscriptions.models import Delivery

from .factories import make_municipality, make_release, make_subscription
from .workers import run_in_parallel

pytestmark = pytest.mark.django_db
# Tuesday 3 December 2024, 10:00 in Borken (CET): the next daily digest is Wednesday 7:00,
# the next weekly one Monday 9 December 7:00.
TUESDAY = datetime(2024, 12, 3, 9, 0, tzinfo=UTC)
WEDNESDAY_7 = datetime(2024, 12, 4, 6, 0, tzinfo=UTC)
MONDAY_7 = datetime(2024, 12, 9, 6, 0, tzinfo=UTC)


@pytest.fixture
def three_releases():
    with time_machine.travel(TUESDAY - timedelta(hours=3), tick=False):
        daily = make_subscription("taeglich@example.invalid", frequency="daily")
        weekly = make_subscription("woechentlich@example.invalid", frequency="weekly")
        now = make_subscription("sofort@example.invalid")
    with time_machine.travel(TUESDAY, tick=False):
        releases = [
            make_release(
                slug=f"m{n}", title_de=f"Meldung {n}", publish_at=TUESDAY - timedelta(minutes=n + 1)
            )
            for n in range(3)
        ]
    return daily, weekly, now, releases


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_digest_rows_wait_for_their_time_then_go_out_as_one_mail(three_releases):
    daily, weekly, _now, _releases = three_releases
    delivery.run(TUESDAY)
    assert len(_to("sofort@example.invalid")) == 3  # immediate: one mail per release
    assert not _to("taeglich@example.invalid") and not _to("woechentlich@example.invalid")
    due = set(Delivery.objects.filter(subscription=daily).values_list("next_attempt_at", flat=True))
    assert due == {WEDNESDAY_7}
    due = set(
        Delivery.objects.filter(subscription=weekly).values_list("next_attempt_at", flat=True)
    )
    assert due == {MONDAY_7}
    delivery.run(WEDNESDAY_7)
    [digest] = _to("taeglich@example.invalid")
    assert digest.subject == "Pressemitteilungen des Jobcenters im Kreis Borken: 3 neue"
    assert [line for line in digest.body.splitlines() if line[:2] in ("1.", "2.", "3.")] == [
        "1. Meldung 2",
        "2. Meldung 1",
        "3. Meldung 0",
    ]
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not _to("woechentlich@example.invalid")
    delivery.run(MONDAY_7)
    delivery.run(MONDAY_7 + timedelta(days=1))
    assert len(_to("woechentlich@example.invalid")) == 1
    assert len(_to("taeglich@example.invalid")) == 1  # nothing twice
    assert Delivery.objects.exclude(status="sent").count() == 0


def test_two_workers_never_split_a_digest_and_never_send_a_release_twice(three_releases):
    """A claim cut a subscriber's three digest rows into two (2 + 1), so the
    subscriber got two digests at 7:00; a subscriber's rows now go together."""
    daily, weekly, _now, releases = three_releases
    delivery.run(TUESDAY)  # the immediate mails go out; the digest rows wait
    assert delivery.plan(TUESDAY) == 0  # a second worker's plan adds nothing
    worker_a = delivery.claim(WEDNESDAY_7, limit=1)  # one subscriber: all three rows …
    worker_b = delivery.claim(WEDNESDAY_7)  # … and nothing of them, at the same moment
    rows = dict(Delivery.objects.values_list("pk", "subscription_id"))
    assert sorted(rows[pk] for pk in worker_a) == [daily.pk] * 3
    assert not set(worker_a) & set(worker_b)
    assert delivery.claim(WEDNESDAY_7) == []  # all held
    for worker in (worker_b, worker_a):  # interleaved: B sends first
        mine = [pk for pk in worker if rows[pk] == daily.pk]
        if mine:
            delivery.send_digest(mine, WEDNESDAY_7)
    [digest] = _to("taeglich@example.invalid")
    titles = [line for line in digest.body.splitlines() if line[1:3] == ". "]
    assert sorted(t.split(". ", 1)[1] for t in titles) == ["Meldung 0", "Meldung 1", "Meldung 2"]
    sent = Delivery.objects.filter(subscription=daily, status="sent")
    assert sorted(sent.values_list("release_id", flat=True)) == sorted(r.pk for r in releases)
    delivery.run(WEDNESDAY_7 + timedelta(minutes=1))  # a later run finds nothing left
    assert len(_to("taeglich@example.invalid")) == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_workers_send_each_digest_subscriber_one_mail(settings, monkeypatch):
    """Two threads (two connections) run the command at 7:00 with one-subscriber batches;
    PostgreSQL only, because SQLite serialises writers (covered above)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections (PostgreSQL)")
    settings.MAILERS = {"default": {"BACKEND": "tests.workers.SlowBackend"}}
    monkeypatch.setattr(delivery, "BATCH", 1)
    with time_machine.travel(TUESDAY - timedelta(hours=3), tick=False):
        for n in range(30):
            make_subscription(f"leser{n}@example.invalid", frequency="daily")
    with time_machine.travel(TUESDAY, tick=False):
        for n in range(3):
            make_release(slug=f"d{n}", publish_at=TUESDAY - timedelta(minutes=n + 1))
    delivery.run(TUESDAY)
    results = run_in_parallel(lambda: delivery.run(WEDNESDAY_7))
    assert sum(r.sent for r in results) == 90 and all(r.sent > 0 for r in results)
    per_address = sorted(len(_to(f"leser{n}@example.invalid")) for n in range(30))
    assert per_address == [1] * 30
    assert all(m.subject.endswith(": 3 neue") for m in mail.outbox)


def test_a_release_withdrawn_before_the_digest_is_left_out(three_releases):
    daily, _weekly, _now, releases = three_releases
    delivery.run(TUESDAY)
    releases[0].status = "withdrawn"
    releases[0].save()
    delivery.run(WEDNESDAY_7)
    [digest] = _to("taeglich@example.invalid")
    assert "Meldung 0" not in digest.body and "2 neue" in digest.subject
    assert Delivery.objects.get(subscription=daily, release=releases[0]).status == "cancelled"


def test_a_town_digest_subscriber_gets_only_that_towns_releases(three_releases):
    town = make_municipality(name="Heek", ags="05554024")
    with time_machine.travel(TUESDAY - timedelta(hours=3), tick=False):
        make_subscription(
            "heek@example.invalid", scope="town", municipality=town, frequency="daily"
        )
    _daily, _weekly, _now, releases = three_releases
    releases[1].municipalities.set([town])
    delivery.run(TUESDAY)
    delivery.run(WEDNESDAY_7)
    [digest] = _to("heek@example.invalid")
    assert "1 neue" in digest.subject and "Meldung 1" in digest.body
