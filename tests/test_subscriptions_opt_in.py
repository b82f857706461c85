"""Double opt-in: request, confirm, expiry, resubscribe, one-click unsubscribe, manage link."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from subscriptions.models import Subscription, SubscriptionEvent
from subscriptions.opt_in import purge_expired

from .factories import make_release, make_series, make_subscription, make_topic

pytestmark = pytest.mark.django_db
URL = "/de/presse/abonnieren/"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def _subscribe(client, email="anna@example.invalid", url=URL, **extra):
    return client.post(url, {"email": email, "language": "de", "website": "", **extra})


def _link(message, name):
    """The first link to the named view in a mail's text."""
    path = reverse(f"subscriptions:{name}", kwargs={"token": "TOKEN"}).split("TOKEN")[0]
    match = re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s/]+/)", message.body)
    return match.group(1)


def test_form_page_has_csrf_cookie_and_honeypot(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert 'name="website"' in response.content.decode()


def test_request_logs_and_mails_a_confirmation_link(client):
    response = _subscribe(client, "Anna@Example.invalid")
    assert response.status_code == 302
    assert response["Location"] == reverse("subscriptions:subscribe_sent")
    sub = Subscription.objects.get()
    assert (sub.email, sub.state, sub.confirmed_at) == ("anna@example.invalid", "pending", None)
    assert list(sub.events.values_list("kind", flat=True)) == ["requested"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.invalid"]
    assert "/de/presse/abonnement/bestaetigen/" in mail.outbox[0].body


def test_confirm_link_get_asks_post_confirms_and_logs(client):
    _subscribe(client)
    link = _link(mail.outbox[0], "confirm")
    assert client.get(link).status_code == 200
    assert Subscription.objects.get().state == "pending"  # a link scanner subscribes nobody
    with time_machine.travel(timezone.now() + timedelta(hours=3), tick=False):
        response = client.post(link)
    sub = Subscription.objects.get()
    assert response.status_code == 200 and not response.cookies
    assert sub.state == "confirmed"
    assert sub.confirmed_at > sub.requested_at
    assert list(sub.events.values_list("kind", flat=True)) == ["requested", "confirmed"]


def test_confirmation_link_expires_after_seven_days(client):
    _subscribe(client)
    link = _link(mail.outbox[0], "confirm")
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = client.post(link)
    assert response.status_code == 410
    assert Subscription.objects.get().state == "pending"


def test_expired_requests_are_deleted_confirmed_ones_kept():
    old = timezone.now() - timedelta(days=8)
    make_subscription(confirmed=False, requested_at=old)
    kept = make_subscription(requested_at=old, confirmed_at=old + timedelta(hours=1))
    assert purge_expired() == 1  # the request (its events cascade)
    assert list(Subscription.objects.all()) == [kept]


def test_subscribing_again_resends_the_confirmation(client):
    _subscribe(client)
    _subscribe(client)
    assert Subscription.objects.count() == 1
    assert len(mail.outbox) == 2
    assert "bestaetigen" in mail.outbox[1].body
    kinds = list(SubscriptionEvent.objects.values_list("kind", flat=True))
    assert kinds == ["requested", "reminded"]


def test_an_older_confirm_link_does_not_confirm_a_later_request(client):
    """The token carries its request's time; a newer request retires the old link."""
    with time_machine.travel(timezone.now() - timedelta(hours=2)):
        _subscribe(client)
    _subscribe(client)
    old_link, new_link = _link(mail.outbox[0], "confirm"), _link(mail.outbox[1], "confirm")
    assert old_link != new_link
    assert client.post(old_link).status_code == 410  # "expired: please request again"
    assert Subscription.objects.get().state == "pending"
    client.post(new_link)
    assert Subscription.objects.get().state == "confirmed"


def test_answer_is_identical_for_new_and_confirmed_addresses(client):
    make_subscription("known@example.invalid")
    new = _subscribe(client, "new@example.invalid")
    known = _subscribe(client, "known@example.invalid")
    assert (new.status_code, new["Location"]) == (known.status_code, known["Location"])
    # The confirmed owner gets a note with the manage link, not a new opt-in.
    assert Subscription.objects.get(email="known@example.invalid").state == "confirmed"
    assert "/de/presse/abonnement/" in mail.outbox[1].body
    assert "bestaetigen" not in mail.outbox[1].body


def test_honeypot_pretends_success_but_stores_and_sends_nothing(client):
    response = _subscribe(client, website="http://spam.example")
    assert response.status_code == 302
    assert not Subscription.objects.exists() and not mail.outbox


def test_rate_limit_per_client(client):
    for n in range(5):
        assert _subscribe(client, f"a{n}@example.invalid").status_code == 302
    assert _subscribe(client, "a6@example.invalid").status_code == 429
    # Save first, limit second: the request is recorded, but no mail goes out.
    assert Subscription.objects.count() == 6
    assert len(mail.outbox) == 5


def test_invalid_address_is_a_form_message(client):
    response = _subscribe(client, "not an address")
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()


def test_series_and_topic_scopes(client):
    series, topic = make_series(slug="s"), make_topic(slug="t")
    make_release(series=series, part_number=1)  # a series is public from its first part on
    _subscribe(client, url="/de/presse/serien/s/abonnieren/")
    _subscribe(client, url="/de/presse/themen/t/abonnieren/")
    assert {(s.scope, s.series, s.topic) for s in Subscription.objects.all()} == {
        ("series", series, None),
        ("topic", None, topic),
    }
    assert client.get("/de/presse/serien/gibt-es-nicht/abonnieren/").status_code == 404


def test_one_click_unsubscribe_rfc8058_without_csrf(client):
    client = type(client)(enforce_csrf_checks=True)
    sub = make_subscription()
    url = reverse("subscriptions:unsubscribe", kwargs={"token": sub.manage_token()})
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    sub.refresh_from_db()
    assert response.status_code == 200
    assert sub.state == "unsubscribed" and sub.unsubscribed_at
    assert sub.events.get(kind="unsubscribed").detail == "one-click"


def test_unsubscribe_get_only_asks(client):
    sub = make_subscription()
    client.get(reverse("subscriptions:unsubscribe", kwargs={"token": sub.manage_token()}))
    sub.refresh_from_db()
    assert sub.state == "confirmed"


def test_manage_link_shows_the_subscription_without_cookie(client):
    sub = make_subscription("leser@example.invalid")
    response = client.get(reverse("subscriptions:manage", kwargs={"token": sub.manage_token()}))
    assert response.status_code == 200 and not response.cookies
    assert "leser@example.invalid" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("view", ["manage", "unsubscribe", "confirm"])
def test_tampered_tokens_are_404(client, view):
    sub = make_subscription()
    token = sub.manage_token()
    forged = token.replace(token.split(":")[0], str(sub.pk + 1), 1)
    for bad in (forged, token[:-2] + "xx", "garbage"):
        url = reverse(f"subscriptions:{view}", kwargs={"token": bad})
        send = client.get if view == "manage" else client.post
        assert send(url).status_code == 404
    sub.refresh_from_db()
    assert sub.state == "confirmed"


def test_manage_token_does_not_confirm(client):
    """The two kinds of token are signed with different salts."""
    sub = make_subscription(confirmed=False)
    client.post(reverse("subscriptions:confirm", kwargs={"token": sub.manage_token()}))
    sub.refresh_from_db()
    assert sub.state == "pending"


def test_old_confirm_link_does_not_resubscribe_after_unsubscribe(client):
    _subscribe(client)
    link = _link(mail.outbox[0], "confirm")
    client.post(link)
    sub = Subscription.objects.get()
    client.post(reverse("subscriptions:unsubscribe", kwargs={"token": sub.manage_token()}))
    assert client.post(link).status_code == 404
    sub.refresh_from_db()
    assert sub.state == "unsubscribed"


def test_admin_exports_proof_of_consent_for_one_address(superuser_client):
    sub = make_subscription("leser@example.invalid")
    sub.log(SubscriptionEvent.Kind.REQUESTED, sub.requested_at)
    sub.log(SubscriptionEvent.Kind.CONFIRMED, sub.confirmed_at)
    make_subscription("other@example.invalid")
    response = superuser_client.post(
        reverse("admin:subscriptions_subscription_changelist"),
        {"action": "export_consent", "_selected_action": [sub.pk]},
    )
    data = json.loads(response.content)
    assert data["email"] == "leser@example.invalid"
    assert [e["ereignis"] for e in data["abonnements"][0]["verlauf"]] == ["requested", "confirmed"]


def test_admin_lists_subscriptions_and_send_log(superuser_client):
    make_subscription()
    assert (
        superuser_client.get(reverse("admin:subscriptions_subscription_changelist")).status_code
        == 200
    )
    assert (
        superuser_client.get(reverse("admin:subscriptions_delivery_changelist")).status_code == 200
    )


def test_old_confirm_link_page_is_404_after_unsubscribe(client):
    sub = make_subscription(state="unsubscribed")
    assert (
        client.get(
            reverse("subscriptions:confirm", kwargs={"token": sub.confirm_token()})
        ).status_code
        == 404
    )


def test_confirmation_mails_per_address_are_capped_whatever_the_client(client):
    data = {"email": "victim@example.invalid", "language": "de", "website": ""}
    for n in range(7):  # more than one client's rate limit allows
        assert client.post(URL, data, REMOTE_ADDR=f"10.0.0.{n}").status_code == 302
    assert len(mail.outbox) == 3
    assert SubscriptionEvent.objects.count() == 7  # every request is still logged
