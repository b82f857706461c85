"""Admin permissions: publishing needs its own permission; published releases are not deleted."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from pressroom.models import PressRelease

from .factories import make_release

CHANGELIST = "/admin/pressroom/pressrelease/"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("presse", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Pressestelle"))
    return user


@pytest.fixture
def publisher(editor):
    editor.groups.add(Group.objects.get(name="Pressestelle – Freigabe"))
    return editor


def _publish_via_action(client, release):
    data = {"action": "publish_selected", "_selected_action": [release.pk], "confirm": "yes"}
    return client.post(CHANGELIST, data, follow=True)


@pytest.mark.django_db
def test_pressestelle_group_has_least_privilege():
    codenames = set(
        Group.objects.get(name="Pressestelle").permissions.values_list("codename", flat=True)
    )
    assert {
        "add_pressrelease",
        "change_pressrelease",
        "add_mediaasset",
        "change_series",
    } <= codenames
    assert "delete_pressrelease" not in codenames
    assert "publish_pressrelease" not in codenames


@pytest.mark.django_db
def test_editor_without_publish_permission_cannot_publish(client, editor):
    release = make_release(status="ready")
    client.force_login(editor)
    _publish_via_action(client, release)
    release.refresh_from_db()
    assert release.status == "ready"


def _status_form(user, release, status):
    from django.contrib import admin
    from django.forms.models import model_to_dict
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    model_admin = admin.site._registry[PressRelease]
    form_class = model_admin.get_form(request, release)
    data = {k: v for k, v in model_to_dict(release).items() if v is not None}
    data.update(status=status, publish_at_0="01.01.2020", publish_at_1="10:00:00", topics=[])
    return form_class(data, instance=release)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("groups", "valid"),
    [(["Pressestelle"], False), (["Pressestelle", "Pressestelle – Freigabe"], True)],
)
def test_status_published_in_the_form_needs_the_publish_permission(
    django_user_model, groups, valid
):
    user = django_user_model.objects.create_user("p", is_staff=True)
    user.groups.set(Group.objects.filter(name__in=groups))
    form = _status_form(user, make_release(status="ready"), "published")
    assert form.is_valid() is valid, form.errors
    if not valid:
        assert "Freigabe-Berechtigung" in str(form.errors)


@pytest.mark.django_db
def test_publisher_sees_readiness_then_publishes_ready_releases_only(client, publisher):
    ready = make_release(status="ready", publish_at=None)
    incomplete = make_release(status="ready", contact=False)
    client.force_login(publisher)
    page = client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [ready.pk, incomplete.pk]}
    )
    assert "Mindestens eine Ansprechperson fehlt." in page.content.decode()
    _publish_via_action(client, ready)
    _publish_via_action(client, incomplete)
    ready.refresh_from_db()
    incomplete.refresh_from_db()
    assert ready.status == "published" and ready.publish_at is not None
    assert incomplete.status == "ready"


@pytest.mark.django_db
def test_publisher_can_withdraw(client, publisher):
    release = make_release()
    client.force_login(publisher)
    client.post(CHANGELIST, {"action": "withdraw_selected", "_selected_action": [release.pk]})
    release.refresh_from_db()
    assert release.status == "withdrawn"


@pytest.mark.django_db
def test_nobody_deletes_a_published_release(superuser_client):
    release = make_release()
    url = reverse("admin:pressroom_pressrelease_delete", args=[release.pk])
    assert superuser_client.post(url, {"post": "yes"}).status_code == 403
    superuser_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [release.pk], "post": "yes"}
    )
    assert PressRelease.objects.filter(pk=release.pk).exists()


@pytest.mark.django_db
def test_a_draft_can_be_deleted_and_recovered(superuser_client):
    release = make_release(status="draft")
    superuser_client.post(
        reverse("admin:pressroom_pressrelease_change", args=[release.pk])
    )  # no-op
    import reversion

    with reversion.create_revision():
        release.save()
    superuser_client.post(
        reverse("admin:pressroom_pressrelease_delete", args=[release.pk]), {"post": "yes"}
    )
    assert not PressRelease.objects.filter(pk=release.pk).exists()
    assert (
        superuser_client.get(reverse("admin:pressroom_pressrelease_recoverlist")).status_code == 200
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        CHANGELIST,
        CHANGELIST + "add/",
        CHANGELIST + "?vollstaendig=-en",
        CHANGELIST + "?jahr=2019",
        "/admin/pressroom/mediaasset/add/",
    ],
)
def test_admin_pages_render(superuser_client, url):
    make_release(title_en="T", lead_en="L", body_en="<p>B</p>")
    assert superuser_client.get(url).status_code == 200


@pytest.mark.django_db
def test_prose_editor_assets_are_local(superuser_client):
    html = superuser_client.get(CHANGELIST + "add/").content.decode()
    assert "/static/django_prose_editor/" in html
    assert '<script type="importmap"' in html
    assert "https://" not in "".join(__import__("re").findall(r'(?:src|href)="([^"]+)"', html))


def test_the_editor_client_is_a_press_office_editor_not_a_superuser(editor_client, editor):
    assert not editor.is_superuser and editor.groups.filter(name="Pressestelle").exists()
    assert editor_client.get("/admin/pressroom/pressrelease/add/").status_code == 200
    assert editor_client.get("/admin/auth/user/").status_code == 403


@pytest.mark.django_db
def test_a_refused_publish_shows_the_form_again_with_the_stored_status(client, editor):
    """QA 4: after the refusal the status showed read-only as "veröffentlicht", and the
    next save failed with "Dieses Feld ist zwingend erforderlich." on it: stuck."""
    release = make_release(status="ready")
    client.force_login(editor)
    url = reverse("admin:pressroom_pressrelease_change", args=[release.pk])
    page = client.get(url).content.decode()
    assert 'value="published"' not in page and 'value="withdrawn"' not in page
    from .adminforms import form_data

    data = form_data(client.get(url))
    response = client.post(url, {**data, "status": "published"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Freigabe-Berechtigung" in html
    assert '<select name="status"' in html and 'value="ready" selected' in html
    release.refresh_from_db()
    assert release.status == "ready"
    # Saving that form again (as the editor would) works.
    again = client.post(url, form_data(response))
    assert again.status_code == 302, again.content.decode()[:300]
