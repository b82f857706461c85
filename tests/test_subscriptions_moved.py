"""Subscriptions moved out of pressroom: a database of the old layout keeps working.

The database is migrated back to where `main` stood before the move
(subscriptions owned by pressroom), rows are written there with the models of
that time, and the move is applied again: the rows, their permissions and the
signed links already in people's inboxes must survive it.
"""

import pytest
from django.core import signing
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

BEFORE_MOVE = [("pressroom", "0005_series_newest_index"), ("subscriptions", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1]]).apps


@pytest.fixture
def old_layout_subscription(transactional_db):
    old_apps = migrate(BEFORE_MOVE)
    Subscription = old_apps.get_model("pressroom", "Subscription")
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    Permission = old_apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="pressroom", model="subscription")
    Permission.objects.get_or_create(
        content_type=content_type, codename="view_subscription", defaults={"name": "x"}
    )
    sub = Subscription.objects.create(
        email="leser@example.org",
        scope="all",
        scope_key="all",
        language="de",
        state="confirmed",
        requested_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    # The link as the old code signed it: the salt's exact string, the same primary key.
    token = signing.dumps(sub.pk, salt="pressroom.subscription.manage")
    yield sub.pk, token
    migrate(migrate_plan_leaves())


def migrate_plan_leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_the_move_keeps_rows_permissions_and_links(old_layout_subscription, client):
    pk, token = old_layout_subscription
    migrate(migrate_plan_leaves())

    from django.contrib.auth.models import Permission

    from subscriptions.models import Subscription

    sub = Subscription.objects.get(pk=pk)
    assert sub.email == "leser@example.org"
    assert Permission.objects.filter(
        content_type__app_label="subscriptions", codename="view_subscription"
    ).exists()
    assert not Permission.objects.filter(
        content_type__app_label="pressroom", codename="view_subscription"
    ).exists()

    url = reverse("subscriptions:unsubscribe", kwargs={"token": token})
    assert url == f"/de/presse/abonnement/{token}/abmelden/"  # the path in old mails
    assert client.get(url).status_code == 200
    client.post(url)
    sub.refresh_from_db()
    assert sub.state == Subscription.State.UNSUBSCRIBED


def test_an_old_backup_is_relabelled_for_the_new_app():
    from jobcenter_site.backup import relabel

    old = [
        {"model": "pressroom.subscription", "pk": 3, "fields": {"email": "a@example.org"}},
        {
            "model": "auth.group",
            "fields": {"permissions": [["view_delivery", "pressroom", "delivery"]]},
        },
        {"model": "pressroom.pressrelease", "pk": 1, "fields": {"title": "pressroom"}},
    ]
    new = relabel(old)
    assert new[0]["model"] == "subscriptions.subscription"
    assert new[1]["fields"]["permissions"] == [["view_delivery", "subscriptions", "delivery"]]
    assert new[2] == old[2]  # nothing else is touched
