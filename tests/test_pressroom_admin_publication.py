"""Only publishers decide whether and when a release is public – also via revisions,
the change form of a published release, and embargo links."""

from datetime import timedelta

import pytest
import reversion
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from pressroom.models import PressRelease

from .adminforms import form_data
from .factories import make_release

pytestmark = pytest.mark.django_db
WITHDRAWN = PressRelease.Status.WITHDRAWN


@pytest.fixture
def editor(client, django_user_model):
    """Pressestelle without the publish permission, logged in."""
    user = django_user_model.objects.create_user("presse", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Pressestelle"))
    client.force_login(user)
    return user


@pytest.fixture
def publisher(editor):
    editor.groups.add(Group.objects.get(name="Pressestelle – Freigabe"))
    return editor


def saved(release, **changes):
    for name, value in changes.items():
        setattr(release, name, value)
    with reversion.create_revision():
        release.save()
    return release


def versions(release):
    return Version.objects.get_for_object(release).order_by("pk")


def revision_url(release, version):
    return reverse("admin:pressroom_pressrelease_revision", args=[release.pk, version.pk])


def change_url(release):
    return reverse("admin:pressroom_pressrelease_change", args=[release.pk])


def test_editor_cannot_republish_a_withdrawn_release_by_reverting(client, editor):
    release = saved(make_release())
    saved(release, status=WITHDRAWN)
    url = revision_url(release, versions(release).first())
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    release.refresh_from_db()
    assert release.status == WITHDRAWN


def test_editor_cannot_recover_a_published_release(client, editor):
    release = saved(make_release())
    version = versions(release).last()
    release.delete()  # not possible in the admin; a script or the shell could
    url = reverse("admin:pressroom_pressrelease_recover", args=[version.pk])
    assert client.post(url, {}).status_code == 403
    assert not PressRelease.objects.filter(pk=version.object_id).exists()


def test_editor_still_reverts_the_text_and_publishers_the_status(client, editor):
    release = saved(make_release(status=PressRelease.Status.DRAFT, title_de="Alt"))
    saved(release, title_de="Neu")
    url = revision_url(release, versions(release).first())
    assert client.post(url, form_data(client.get(url))).status_code == 302
    release.refresh_from_db()
    assert release.title_de == "Alt"

    published = saved(make_release())
    saved(published, status=WITHDRAWN)
    editor.groups.add(Group.objects.get(name="Pressestelle – Freigabe"))
    url = revision_url(published, versions(published).first())
    assert client.post(url, form_data(client.get(url))).status_code == 302
    published.refresh_from_db()
    assert published.status == PressRelease.Status.PUBLISHED


def test_editor_cannot_lift_the_embargo_or_reschedule_a_published_release(client, editor):
    embargo = timezone.now() + timedelta(days=2)
    release = make_release(embargo_until=embargo)
    page = client.get(change_url(release))
    assert {"status", "publish_at", "embargo_until"}.isdisjoint(
        page.context["adminform"].form.fields
    )
    data = form_data(page)
    data |= {"embargo_until_0": "", "embargo_until_1": ""}
    data |= {"publish_at_0": "01.01.2020", "publish_at_1": "10:00:00", "status": WITHDRAWN}
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.embargo_until == embargo
    assert release.status == PressRelease.Status.PUBLISHED
    assert not release.is_published()


def test_the_form_itself_refuses_publication_changes_of_a_published_release(editor):
    from django.contrib import admin
    from django.forms.models import model_to_dict
    from django.test import RequestFactory

    release = make_release(embargo_until=timezone.now() + timedelta(days=2))
    request = RequestFactory().get("/")
    request.user = editor
    model_admin = admin.site._registry[PressRelease]
    form_class = model_admin.get_form(request, None, fields=None)  # as if not read-only
    data = {k: v for k, v in model_to_dict(release).items() if v is not None}
    data.pop("embargo_until")
    data.update(publish_at_0="01.01.2020", publish_at_1="10:00:00", topics=[])
    form = form_class(data, instance=release)
    assert "embargo_until" in form.fields
    assert not form.is_valid()
    assert "Freigabe-Berechtigung" in str(form.errors)


def test_drafts_stay_editable_for_editors(client, editor):
    release = make_release(status=PressRelease.Status.DRAFT)
    page = client.get(change_url(release))
    assert {"status", "publish_at", "embargo_until"} <= set(page.context["adminform"].form.fields)
    data = form_data(page) | {"embargo_until_0": "01.12.2030", "embargo_until_1": "09:00:00"}
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.embargo_until is not None


def _with_new_link(data, prefix="embargo_links"):
    total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    return data | {
        f"{prefix}-TOTAL_FORMS": str(total + 1),
        f"{prefix}-INITIAL_FORMS": data.get(f"{prefix}-INITIAL_FORMS", "0"),
        f"{prefix}-{total}-recipient": "Redaktion Borkener Zeitung",
        f"{prefix}-{total}-expires_at_0": "01.12.2030",
        f"{prefix}-{total}-expires_at_1": "09:00:00",
    }


@pytest.mark.parametrize(("may_publish", "created"), [(False, 0), (True, 1)])
def test_only_publishers_hand_out_embargo_links(client, editor, may_publish, created):
    if may_publish:
        editor.groups.add(Group.objects.get(name="Pressestelle – Freigabe"))
    release = make_release(embargo_until=timezone.now() + timedelta(days=2))
    data = _with_new_link(form_data(client.get(change_url(release))))
    assert client.post(change_url(release), data).status_code == 302
    assert release.embargo_links.count() == created


def test_editor_cannot_revive_a_revoked_embargo_link_by_reverting(client, editor):
    release = make_release(status=PressRelease.Status.DRAFT)
    link = release.embargo_links.create(recipient="Redaktion")
    saved(release)
    link.revoked_at = timezone.now()
    link.save()
    saved(release)
    url = revision_url(release, versions(release).first())
    assert client.post(url, {}).status_code == 403
    link.refresh_from_db()
    assert link.revoked_at is not None
