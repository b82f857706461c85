"""Press media files: random names, served only while the asset is public."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pressroom.models import EmbargoLink, PressRelease

from .factories import make_media, make_release

pytestmark = pytest.mark.django_db


def _draft_asset():
    return make_media(make_release(status=PressRelease.Status.DRAFT))


def test_stored_names_are_random_not_the_uploaders(media_root):
    asset = make_media(make_release())
    names = [asset.image.name] + [
        asset.renditions[n][k] for n in ("thumbnail", "medium") for k in ("webp", "fallback")
    ]
    assert all("bild" not in name for name in names)
    assert asset.image.name.startswith("presse/original/") and len(asset.image.name) > 40


def test_draft_media_files_are_404_on_every_url(client, media_root, settings):
    settings.SERVE_MEDIA = True
    asset = _draft_asset()
    assert client.get(asset.get_absolute_url()).status_code == 404
    for variant in ("original", "thumbnail", "thumbnail-webp", "medium", "medium-webp"):
        assert client.get(asset.file_url(variant)).status_code == 404
    # and the generic media URL refuses press files even in development
    assert client.get(f"/media/{asset.image.name}").status_code == 404


@pytest.mark.parametrize(
    "spelling",
    [
        "./presse/",
        "x/../presse/",
        "%2e/presse/",
        "%252e/presse/",
        "presse/./",
        "/presse/",
        "./presse/../presse/",
    ],
)
def test_no_spelling_of_the_press_path_passes_the_dev_media_view(
    client, media_root, settings, spelling
):
    settings.SERVE_MEDIA = True
    asset = _draft_asset()
    name = asset.image.name.removeprefix("presse/")
    (media_root / "x").mkdir(exist_ok=True)
    assert client.get(f"/media/{spelling}{name}").status_code == 404


def test_public_media_file_is_served_with_protective_headers(client, media_root):
    asset = make_media(make_release())
    response = client.get(asset.original_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition.count("filename=") == 1, disposition
    assert disposition == f'inline; filename="{asset.image.name.rsplit("/", 1)[1]}"'
    assert "Set-Cookie" not in response and "Cookie" not in response.get("Vary", "")


def test_release_and_media_pages_link_the_checked_urls(client, media_root):
    release = make_release()
    asset = make_media(release)
    for url in (release.get_absolute_url(), asset.get_absolute_url()):
        html = client.get(url).content.decode()
        assert f"/presse-medien/{asset.pk}/" in html and "/media/presse/" not in html


def test_staff_may_fetch_unpublished_media_privately(superuser_client, media_root):
    asset = _draft_asset()
    response = superuser_client.get(asset.original_url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_embargo_link_grants_its_releases_media_only(client, media_root):
    now = timezone.now()
    release = make_release(
        publish_at=now - timedelta(hours=1), embargo_until=now + timedelta(hours=2)
    )
    asset = make_media(release)
    other = _draft_asset()
    link = EmbargoLink.objects.create(release=release, recipient="Redaktion")
    html = client.get(link.get_absolute_url()).content.decode()
    assert f"/presse-medien/{asset.pk}/thumbnail?zugang=" in html
    token = f"?zugang={link.token}"
    assert client.get(asset.file_url("thumbnail") + token).status_code == 200
    assert client.get(asset.file_url("thumbnail")).status_code == 404
    assert client.get(other.original_url + token).status_code == 404
    link.revoked_at = now
    link.save()
    assert client.get(asset.file_url("thumbnail") + token).status_code == 404


@pytest.mark.parametrize(
    "status",
    [PressRelease.Status.DRAFT, PressRelease.Status.READY, PressRelease.Status.WITHDRAWN],
)
def test_embargo_link_media_follow_the_embargo_pages_rule(client, media_root, status):
    """The page is 404 for a release that is not approved: so is every file of it."""
    now = timezone.now()
    release = make_release(
        status=status, publish_at=now + timedelta(hours=1), embargo_until=now + timedelta(hours=2)
    )
    asset = make_media(release)
    link = EmbargoLink.objects.create(release=release, recipient="Redaktion")
    assert client.get(link.get_absolute_url()).status_code == 404
    token = f"?zugang={link.token}"
    for variant in ("original", "thumbnail", "thumbnail-webp", "medium", "medium-webp"):
        assert client.get(asset.file_url(variant) + token).status_code == 404, variant


def test_embargo_link_media_of_an_approved_release_waiting_for_its_time(client, media_root):
    now = timezone.now()
    release = make_release(publish_at=now + timedelta(hours=1))
    asset = make_media(release)
    link = EmbargoLink.objects.create(release=release, recipient="Redaktion")
    assert client.get(link.get_absolute_url()).status_code == 200
    assert client.get(asset.file_url("original") + f"?zugang={link.token}").status_code == 200
    assert client.get(asset.file_url("original")).status_code == 404  # not without the link


def test_accel_redirect_hands_the_file_to_nginx(client, media_root, settings):
    settings.MEDIA_ACCEL_REDIRECT = True
    asset = make_media(make_release())
    response = client.get(asset.original_url)
    assert response["X-Accel-Redirect"] == f"/_geschuetzte-medien/{asset.image.name}"
    assert response.content == b"" and response["X-Content-Type-Options"] == "nosniff"
    assert client.get(_draft_asset().original_url).status_code == 404


def test_unknown_variant_is_404(client, media_root):
    asset = make_media(make_release())
    for variant in ("source", "thumbnail-png", "gross"):
        assert client.get(f"/presse-medien/{asset.pk}/{variant}").status_code == 404
    assert client.get("/presse-medien/999999/original").status_code == 404
