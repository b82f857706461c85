"""A journalist opens the series, reads Part 1 and follows the series navigation."""

import pytest

from .axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIES = "/de/presse/serien/das-jobcenter-im-kreis-borken-stellt-sich-vor/"


def test_series_part_one_and_back_without_axe_violations(page, live_server, demo_data):
    page.goto(f"{live_server.url}{SERIES}")
    assert page.locator("h1").inner_text() == "Das Jobcenter im Kreis Borken stellt sich vor"
    # August 2019 is over: the page says what the archive holds and promises nothing
    assert "weitere Teile sind geplant" not in page.content()
    assert "In diesem Archiv enthalten: Teil 1." in page.content()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Das Jobcenter – wer, wie, was?").click()
    assert page.locator("h1").inner_text() == "Das Jobcenter – wer, wie, was?"
    assert page.get_by_text("Teil 1 von 7").is_visible()
    assert page.locator('a[href="tel:+492861821249"]').count() == 1
    assert_no_axe_violations(page)

    page.get_by_role("navigation", name="Weitere Teile der Serie").get_by_role(
        "link", name="Alle Teile der Serie"
    ).click()
    assert page.url.endswith(SERIES)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_part_one_in_other_languages_without_axe_violations(page, live_server, lang, demo_data):
    page.goto(f"{live_server.url}/{lang}/presse/2019/das-jobcenter-wer-wie-was/")
    assert_no_axe_violations(page)


def test_prose_editor_starts_in_the_admin_under_the_csp(page, live_server, django_user_model):
    # A press-office editor. The
    # group from the data migration is gone after earlier transactional tests.
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user(
        "chefin", "c@example.invalid", "pw-geheim-123", is_staff=True
    )
    editor.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="pressroom",
            codename__in=["add_pressrelease", "change_pressrelease"],
        )
    )
    violations = []
    page.on(
        "console", lambda msg: violations.append(msg.text) if "script-src" in msg.text else None
    )
    # Every staff account gives a second factor (issue 15): a recovery code here.
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device = StaticDevice.objects.create(user=editor, name="Codes", confirmed=True)
    StaticToken.objects.create(device=device, token="anmeldung1")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/pressroom/pressrelease/add/")
    page.fill("#id_username", "chefin")
    page.fill("#id_password", "pw-geheim-123")
    page.fill("#id_otp_token", "anmeldung1")
    page.click("input[type=submit]")
    # the editor's module (loaded through the nonce'd import map) replaced the textarea
    page.wait_for_selector(".prose-editor .prose-menubar", timeout=10_000)
    assert not violations, violations
