"""Headers, methods and hosts: what every response promises (issue 7, headers)."""

import re

import pytest
from django.utils.csp import CSP

from jobcenter_site.security import PERMISSIONS_POLICY

from .public_urls import post_form_actions, public_paths

PUBLIC_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; media-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


@pytest.mark.django_db
def test_public_page_carries_the_full_header_set(client):
    response = client.get("/de/")
    assert response[CSP.HEADER_ENFORCE] == PUBLIC_CSP
    assert "unsafe" not in response[CSP.HEADER_ENFORCE]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "camera=()" in PERMISSIONS_POLICY and "geolocation=()" in PERMISSIONS_POLICY


@pytest.mark.django_db
def test_public_pages_get_no_nonce_so_the_header_never_changes(client):
    first, second = client.get("/de/"), client.get("/de/")
    assert "nonce-" not in first[CSP.HEADER_ENFORCE]
    assert first[CSP.HEADER_ENFORCE] == second[CSP.HEADER_ENFORCE]


def test_static_files_pass_through_the_header_middleware():
    """WhiteNoise answers static files itself: our middleware must wrap it."""
    from django.conf import settings

    order = settings.MIDDLEWARE
    assert order.index("jobcenter_site.security.SecurityHeadersMiddleware") < order.index(
        "whitenoise.middleware.WhiteNoiseMiddleware"
    )
    assert order.index("django.middleware.csp.ContentSecurityPolicyMiddleware") < order.index(
        "jobcenter_site.security.SecurityHeadersMiddleware"
    )


@pytest.mark.django_db
def test_admin_pages_use_a_nonce_that_matches_their_markup(superuser_client):
    response = superuser_client.get("/admin/")
    assert response.status_code == 200
    policy = response[CSP.HEADER_ENFORCE]
    nonce = re.search(r"script-src 'self' 'nonce-([\w-]+)'", policy).group(1)
    assert f"style-src 'self' 'nonce-{nonce}'" in policy
    assert "unsafe-inline" not in policy
    assert f'nonce="{nonce}"' in response.content.decode()
    for directive in policy.split(";"):
        assert directive.count("'nonce-") <= 1, directive  # listed once, not twice


@pytest.mark.django_db
def test_admin_inline_style_carries_the_nonce(superuser_client):
    """The only inline <style> in Django 6.1's admin (change list without actions)."""
    from django.template import Context, Template

    html = Template("{% csp_nonce_attr %}").render(Context({"csp_nonce": "abc"}))
    assert html == 'nonce="abc"'
    response = superuser_client.get("/admin/auth/group/")
    content = response.content.decode()
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", content):
        if "application/json" in tag:
            continue  # data, never executed
        assert "nonce=" in tag or "src=" in tag, tag


@pytest.mark.django_db
def test_prose_editor_import_map_gets_the_nonce():
    """The rich-text widget's <script type="importmap"> is inline: it needs the nonce."""
    from django.template import Context, Template

    from core.richtext import RichTextField

    media = RichTextField().formfield().widget.media
    html = Template("{% csp_nonce_attr media %}").render(
        Context({"media": media, "csp_nonce": "n0nce"})
    )
    assert re.search(r'<script type="importmap"[^>]*nonce="n0nce"', html), html


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["trace", "put", "delete", "patch", "options"])
def test_public_urls_refuse_unsafe_methods(client, method):
    paths = public_paths()
    assert "/de/" in paths and "/healthz" in paths
    for path in paths:
        response = client.generic(method.upper(), path)
        assert response.status_code == 405, (method, path)


@pytest.mark.django_db
def test_public_pages_refuse_post_unless_they_hold_a_form(client):
    for path in public_paths():
        page = client.get(path)
        if path in post_form_actions(page.content.decode(errors="replace"), path):
            continue
        assert client.post(path).status_code == 405, path


@pytest.mark.django_db
def test_head_answers_like_get(client):
    for path in public_paths():
        assert client.head(path).status_code == client.get(path).status_code, path


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["evil.example", "jobcenter.kreis-borken.de.evil.example"])
def test_a_wrong_host_header_gets_400(client, host):
    assert client.get("/de/", headers={"host": host}).status_code == 400


def test_uploaded_image_is_served_sandboxed(client, media_root):
    (media_root / "bilder").mkdir(parents=True)
    (media_root / "bilder" / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    response = client.get("/media/bilder/foto.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].endswith("sandbox")
    assert not response.get("Content-Disposition", "").startswith("attachment")


@pytest.mark.parametrize("name", ["boese.html", "bild.svg", "dokument.pdf"])
def test_uploaded_active_content_is_a_sandboxed_download(client, media_root, name):
    media_root.mkdir(parents=True)
    (media_root / name).write_text("<script>alert(1)</script>")
    response = client.get(f"/media/{name}")
    assert response["Content-Disposition"] == "attachment"
    assert "sandbox" in response["Content-Security-Policy"]


def test_media_refuses_to_leave_media_root(client, media_root):
    media_root.mkdir(parents=True)
    (media_root.parent / "geheim.txt").write_text("secret")
    for path in ("/media/../geheim.txt", "/media/%2e%2e/geheim.txt", "/media/..%2fgeheim.txt"):
        response = client.get(path)
        assert response.status_code in (400, 404), path
        assert b"secret" not in response.content
