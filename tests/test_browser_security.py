"""What only a browser sees: CSP violations and header errors, admin two-factor login."""

from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .public_urls import public_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def collect_console_errors(page) -> list[str]:
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return errors


def admin_pages() -> list[str]:
    """Index, every registered model's list and add form, the two-factor page."""
    urls = [reverse("admin:index"), reverse("admin:two_factor_setup")]
    for model in admin.site._registry:
        opts = model._meta
        for view in ("changelist", "add"):
            try:
                urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}"))
            except NoReverseMatch:
                continue
    return urls


def test_public_pages_log_no_csp_or_header_errors(page, live_server):
    errors = collect_console_errors(page)
    for path in public_paths("de") + public_paths("ar"):
        if path.endswith((".xml", ".txt")) or path == "/healthz":
            continue
        page.goto(live_server.url + path)
    assert errors == []


def test_admin_two_factor_login_and_pages_without_csp_violations(
    page, live_server, django_user_model
):
    user = django_user_model.objects.create_superuser("chefin", "c@example.invalid", "geheim-123")
    device = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    errors = collect_console_errors(page)
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "chefin")
    page.fill("#id_password", "geheim-123")
    page.fill("#id_otp_token", f"{totp(device.bin_key):06d}")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    for url in admin_pages():
        response = page.goto(live_server.url + url)
        # Read-only admins (the axes logs) refuse their add form with 403.
        assert response.status < 400 or (url.endswith("/add/") and response.status == 403), url
    csp = [e for e in errors if "Content Security Policy" in e]
    assert csp == [], csp
    # The detector works: an inline style without the nonce is refused and reported.
    page.evaluate(
        "document.head.append(Object.assign(document.createElement('style'), {textContent: 'p{}'}))"
    )
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in e for e in errors)


@pytest.mark.urls("tests.prose_editor_urls")
def test_rich_text_editor_runs_under_the_admin_csp(
    page, live_server, django_user_model, client, settings
):
    import django_prose_editor

    # Its static files, until pressroom puts the app into INSTALLED_APPS.
    package_static = Path(django_prose_editor.__file__).parent / "static"
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, package_static]
    user = django_user_model.objects.create_superuser("chefin", "c@example.invalid", "pw")
    client.force_login(user)  # a complete login, second factor included (conftest)
    session = client.cookies["sessionid"]
    page.context.add_cookies(
        [{"name": "sessionid", "value": session.value, "url": live_server.url}]
    )
    errors = collect_console_errors(page)
    page.goto(f"{live_server.url}/admin/editor-test/")
    editor = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
    editor.wait_for(timeout=10_000)
    editor.click()
    page.keyboard.type("Hallo")
    assert "Hallo" in editor.text_content()
    white_space = page.evaluate(
        "getComputedStyle(document.querySelector('.prose-editor .ProseMirror')).whiteSpace"
    )
    assert white_space in ("break-spaces", "pre-wrap")  # Tiptap's rules, from our file
    csp = [e for e in errors if "Content Security Policy" in e]
    assert csp == [], csp
