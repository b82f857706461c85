"""send_release_mails: who gets a release, exactly once, with retries and after a crash."""

import email.policy
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone

from pressroom.models import PressRelease
from subscriptions import delivery
from subscriptions.models import Delivery

from .factories import make_release, make_series, make_subscription, make_topic
from .workers import run_in_parallel

pytestmark = pytest.mark.django_db


def _fresh_release(**kw):
    """Public since ten minutes: after the subscribers (confirmed an hour ago) consented."""
    kw.setdefault("publish_at", timezone.now() - timedelta(minutes=10))
    return make_release(**kw)


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_each_matching_subscriber_gets_a_new_release_once():
    series, topic, other = make_series(), make_topic(), make_topic()
    release = _fresh_release(series=series, topics=[topic])
    make_subscription("all@example.invalid")
    make_subscription("series@example.invalid", scope="series", series=series)
    make_subscription("topic@example.invalid", scope="topic", topic=topic)
    make_subscription("other@example.invalid", scope="topic", topic=other)
    make_subscription("pending@example.invalid", confirmed=False)
    make_subscription("gone@example.invalid", state="unsubscribed")
    assert delivery.run().sent == 3
    assert _recipients() == [
        "all@example.invalid",
        "series@example.invalid",
        "topic@example.invalid",
    ]
    assert delivery.run().sent == 0  # a second run (next minute) sends nothing
    assert len(mail.outbox) == 3
    assert Delivery.objects.filter(release=release, status="sent").count() == 3


def test_an_address_with_two_matching_subscriptions_gets_the_release_once():
    topic = make_topic()
    _fresh_release(topics=[topic])
    make_subscription("both@example.invalid")
    make_subscription("both@example.invalid", scope="topic", topic=topic)
    delivery.run()
    assert _recipients() == ["both@example.invalid"]


def test_releases_before_consent_or_too_old_are_not_mailed():
    make_release(publish_at=timezone.now() - timedelta(days=1))  # before the confirmation
    make_subscription()
    assert delivery.run().planned == 0
    assert mail.outbox == []


def test_embargo_passing_with_nobody_in_the_admin_triggers_the_mail():
    now = timezone.now()
    _fresh_release(embargo_until=now + timedelta(hours=1))
    make_subscription()
    assert delivery.run(now).planned == 0
    with time_machine.travel(now + timedelta(hours=1, minutes=1), tick=False):
        assert delivery.run().sent == 1


def test_withdrawn_before_sending_is_cancelled_not_mailed():
    release = _fresh_release()
    make_subscription()
    delivery.plan(timezone.now())
    PressRelease.objects.filter(pk=release.pk).update(status="withdrawn")
    assert delivery.run().cancelled == 1
    assert mail.outbox == []


def test_mail_has_one_click_unsubscribe_manage_link_and_no_images():
    _fresh_release(
        title_de="Neue Meldung", body_de='<p>Text <a href="https://example.org/">x</a></p>'
    )
    sub = make_subscription()
    delivery.run()
    message = mail.outbox[0]
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert (
        unsubscribe
        == f"<http://127.0.0.1:8000/de/presse/abonnement/{sub.manage_token()}/abmelden/>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # On the wire (SMTP policy) the URL stays one readable line, not RFC 2047 words.
    wire = message.message(policy=email.policy.SMTP).as_bytes().decode()
    assert f"List-Unsubscribe: {unsubscribe}\r\n" in wire
    row = Delivery.objects.get()
    assert message.extra_headers["Message-ID"] == row.message_id()
    html = message.alternatives[0].content
    assert "<img" not in html and "Neue Meldung" in html
    assert f"/de/presse/abonnement/{sub.manage_token()}/" in message.body


def test_mail_is_in_the_subscribers_language_where_the_release_has_it():
    _fresh_release(title_de="Deutsch", title_en="English", lead_en="Lead.", body_en="<p>Body</p>")
    make_subscription("en@example.invalid", language="en")
    make_subscription("tr@example.invalid", language="tr")
    delivery.run()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {"en@example.invalid": "English", "tr@example.invalid": "Deutsch"}
    english = next(m for m in mail.outbox if m.to == ["en@example.invalid"])
    assert "/en/presse/" in english.body


def test_two_workers_interleaved_claim_disjoint_rows():
    """Sequential interleaving (works on SQLite): B never gets what A holds."""
    _fresh_release()
    for _ in range(5):
        make_subscription()
    now = timezone.now()
    delivery.plan(now)
    delivery.plan(now)  # the second worker's plan adds nothing
    assert Delivery.objects.count() == 5
    worker_a = delivery.claim(now, limit=3)
    worker_b = delivery.claim(now)
    assert len(worker_a) == 3 and len(worker_b) == 2
    assert not set(worker_a) & set(worker_b)
    assert delivery.claim(now) == []  # all held
    for pk in worker_b + worker_a:
        delivery.send_one(pk, now)
    assert len(mail.outbox) == 5 and len(set(_recipients())) == 5


def test_transport_error_retries_with_backoff_then_gives_up(monkeypatch):
    _fresh_release()
    make_subscription()
    monkeypatch.setattr(EmailBackend, "send_messages", _raise(OSError("smtp down")))
    now = timezone.now()
    first = delivery.run(now)
    assert (first.failed, first.retried) == (0, 1)  # not given up yet
    row = Delivery.objects.get()
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "OSError: smtp down")
    assert row.next_attempt_at == now + timedelta(minutes=1)
    assert delivery.run(now + timedelta(seconds=30)).retried == 0  # not due yet
    results = [
        delivery.run(Delivery.objects.get().next_attempt_at)
        for _attempt in range(2, delivery.MAX_ATTEMPTS + 1)
    ]
    assert [(r.failed, r.retried) for r in results] == [(0, 1)] * (len(results) - 1) + [(1, 0)]
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", delivery.MAX_ATTEMPTS)
    assert row.next_attempt_at - now > timedelta(hours=2)  # 1+2+4+…+64 minutes of backoff


def test_release_deleted_after_the_claim_is_cancelled_and_the_batch_goes_on():
    doomed = _fresh_release(title_de="Gelöscht")
    _fresh_release(title_de="Bleibt")
    make_subscription()
    now = timezone.now()
    delivery.plan(now)
    ids = delivery.claim(now)
    assert len(ids) == 2
    doomed.delete()  # an editor deletes it while the worker holds the batch
    outcomes = [delivery.send_one(pk, now) for pk in ids]
    assert sorted(outcomes) == ["cancelled", "sent"]
    assert len(mail.outbox) == 1 and "Bleibt" in mail.outbox[0].subject


def _raise(error):
    def send_messages(self, messages):
        raise error

    return send_messages


class Crash(BaseException):
    """Stands for the process dying (kill -9, OOM): nothing catches it."""


def test_crash_mid_batch_then_rerun_sends_each_once_except_the_documented_window(monkeypatch):
    _fresh_release()
    for name in ("a", "b", "c"):
        make_subscription(f"{name}@example.invalid")
    original = EmailBackend.send_messages
    calls = []

    def accept_then_die_on_second(self, messages):
        calls.append(messages)
        sent = original(self, messages)  # the SMTP server has accepted it …
        if len(calls) == 2:
            raise Crash  # … and the worker dies before marking it sent
        return sent

    monkeypatch.setattr(EmailBackend, "send_messages", accept_then_die_on_second)
    now = timezone.now()
    with pytest.raises(Crash):
        delivery.run(now)
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    statuses = list(Delivery.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["sent", "sending", "sending"]
    # Rerun at once (the timer's next minute): the leases still hold, nothing is resent.
    assert delivery.run(now + timedelta(minutes=1)).sent == 0
    # After the lease the two unfinished rows go out; only the one in the window repeats.
    assert delivery.run(now + delivery.LEASE + timedelta(seconds=1)).sent == 2
    assert Delivery.objects.filter(status="sent").count() == 3
    assert _recipients() == [
        "a@example.invalid",
        "b@example.invalid",
        "b@example.invalid",
        "c@example.invalid",
    ]
    # The duplicate carries the same Message-ID, so mail clients can drop it.
    b_ids = {m.extra_headers["Message-ID"] for m in mail.outbox if m.to == ["b@example.invalid"]}
    assert len(b_ids) == 1


def test_command_reports_and_purges(monkeypatch):
    _fresh_release()
    make_subscription()
    make_subscription(confirmed=False, requested_at=timezone.now() - timedelta(days=8))
    out = StringIO()
    call_command("send_release_mails", stdout=out)
    assert "sent 1" in out.getvalue() and "expired requests deleted 1" in out.getvalue()
    call_command("send_release_mails", stdout=out)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_workers_send_each_release_exactly_once(settings, monkeypatch):
    """Two threads (two connections) run the whole command at once; PostgreSQL only,
    because SQLite serialises writers (covered by the interleaving test above)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections (PostgreSQL)")
    settings.MAILERS = {"default": {"BACKEND": "tests.workers.SlowBackend"}}
    monkeypatch.setattr(delivery, "BATCH", 3)  # many small claims, so the workers alternate
    _fresh_release()
    for _ in range(30):
        make_subscription()
    results = run_in_parallel(delivery.run)
    assert sum(r.sent for r in results) == 30
    assert all(r.sent > 0 for r in results)  # both really worked in parallel
    assert len(mail.outbox) == 30 and len(set(_recipients())) == 30
    assert Delivery.objects.filter(status="sent").count() == 30


def test_plain_text_part_keeps_paragraphs_and_link_targets():
    from subscriptions.mailing import plain_text

    rich = '<p>Eins &amp; zwei.</p><ul><li>Punkt</li></ul><p><a href="https://example.org/">Link</a></p>'
    assert plain_text(rich) == "Eins & zwei.\n\n- Punkt\n\nLink (https://example.org/)"
