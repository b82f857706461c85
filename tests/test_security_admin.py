"""The admin login: brute-force limits, two factors, sessions, the security log."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter_site.staff import two_factor

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def make_user(django_user_model, name="sachbearbeitung", superuser=False, **kw):
    return django_user_model.objects.create_user(
        name,
        f"{name}@example.invalid",
        "richtig-geheim",
        is_staff=True,
        is_superuser=superuser,
        **kw,
    )


def login(client, name, password="richtig-geheim", ip="203.0.113.7", token=None):
    data = {"username": name, "password": password, "next": "/admin/"}
    if token is not None:
        data["otp_token"] = token
    return client.post(LOGIN, data, REMOTE_ADDR=ip)


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def enrolled(user):
    return TOTPDevice.objects.create(user=user, name="App", confirmed=True)


# Brute force ----------------------------------------------------------------


def test_five_failures_lock_that_user_from_that_client_only(client, django_user_model):
    make_user(django_user_model)
    for _ in range(4):
        assert login(client, "sachbearbeitung", "falsch").status_code == 200
    assert login(client, "sachbearbeitung", "falsch").status_code == 429  # the fifth locks
    locked = login(client, "sachbearbeitung")  # even the right password
    assert locked.status_code == 429
    assert "vorübergehend gesperrt" in locked.content.decode()
    # Another client (another office PC behind another address) is not locked out.
    assert login(client, "sachbearbeitung", ip="198.51.100.9").status_code == 302


def test_lockout_does_not_block_other_users_behind_the_same_address(client, django_user_model):
    make_user(django_user_model)
    make_user(django_user_model, "pressestelle")
    for _ in range(5):
        login(client, "sachbearbeitung", "falsch")
    assert login(client, "pressestelle").status_code == 302


def test_lockout_ends_after_the_cool_off(client, django_user_model):
    make_user(django_user_model)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(5):
            login(client, "sachbearbeitung", "falsch")
        assert login(client, "sachbearbeitung").status_code == 429
        traveller.shift(timedelta(minutes=16))
        assert login(client, "sachbearbeitung").status_code == 302


def test_behind_the_proxy_the_last_forwarded_address_counts(settings, rf):
    from core.ratelimit import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == "10.0.0.1"
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "203.0.113.7"  # the forged first entry is ignored


def test_client_login_in_tests_and_the_shell_still_works(client, django_user_model):
    make_user(django_user_model, "chefin", superuser=True)
    assert client.login(username="chefin", password="richtig-geheim")
    assert client.get("/admin/").status_code == 200  # conftest adds the second factor


def test_a_ceiling_on_login_posts_per_address_across_user_names(
    client, django_user_model, settings, caplog
):
    """Password spraying: one try per user name passes axes' per-(user, address) lock."""
    from django.core.cache import cache

    cache.clear()
    settings.ADMIN_LOGIN_POSTS_PER_ADDRESS = 10
    make_user(django_user_model)
    for n in range(10):
        assert login(client, f"name{n}", "Sommer2026!").status_code == 200
    sprayed = login(client, "name10", "Sommer2026!")
    assert sprayed.status_code == 429
    assert "sehr viele Anmeldeversuche" in sprayed.content.decode()
    assert login(client, "sachbearbeitung").status_code == 429  # from that address, for a while
    assert login(client, "sachbearbeitung", ip="198.51.100.9").status_code == 302  # others: fine
    assert any("login ceiling reached ip=203.0.113.0" in r.getMessage() for r in caplog.records)
    cache.clear()


def test_the_login_ceiling_is_generous_by_default():
    from jobcenter_site import settings as defaults  # conftest raises it for the suite

    assert defaults.ADMIN_LOGIN_POSTS_PER_ADDRESS >= 100  # a shared NAT for the county's staff


# The security log -------------------------------------------------------------


def test_logins_failures_lockouts_and_logouts_are_logged_with_short_addresses(
    client, django_user_model, caplog
):
    make_user(django_user_model)
    caplog.set_level(logging.INFO, logger="jobcenter.security")
    login(client, "sachbearbeitung")
    client.post("/admin/logout/", REMOTE_ADDR="203.0.113.7")
    for _ in range(6):
        login(client, "sachbearbeitung", "falsch", ip="2001:db8:1:2::99")
    lines = [r.getMessage() for r in caplog.records if r.name == "jobcenter.security"]
    assert "login user=sachbearbeitung ip=203.0.113.0" in lines
    assert "logout user=sachbearbeitung ip=203.0.113.0" in lines
    assert "login failed user=sachbearbeitung ip=2001:db8:1::" in lines
    assert "lockout user=sachbearbeitung ip=2001:db8:1::" in lines
    assert not any("203.0.113.7" in line or "::99" in line for line in lines)


def test_a_wrong_second_factor_is_logged_and_counted_like_a_wrong_password(
    client, django_user_model, caplog
):
    device = enrolled(make_user(django_user_model))
    wrong = "000000" if code_for(device) != "000000" else "111111"
    caplog.set_level(logging.INFO, logger="jobcenter.security")
    assert login(client, "sachbearbeitung", token=wrong).status_code == 200
    lines = [r.getMessage() for r in caplog.records if r.name == "jobcenter.security"]
    assert "second factor failed user=sachbearbeitung ip=203.0.113.0" in lines
    for _ in range(3):
        login(client, "sachbearbeitung", token=wrong)
    assert login(client, "sachbearbeitung", token=wrong).status_code == 429  # the fifth locks
    assert login(client, "sachbearbeitung", token=code_for(device)).status_code == 429


# Two factors ------------------------------------------------------------------


def test_superuser_without_a_device_is_sent_to_the_setup(client, django_user_model):
    make_user(django_user_model, "chefin", superuser=True)
    login(client, "chefin")
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/admin/zwei-faktor/"
    html = response.content.decode()
    assert "<svg" in html and "Code aus der App" in html
    assert client.get("/admin/auth/user/").status_code == 302


def test_setup_confirms_the_app_and_shows_recovery_codes_once(client, django_user_model):
    user = make_user(django_user_model, "chefin", superuser=True)
    login(client, "chefin")
    client.get("/admin/zwei-faktor/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        wrong = "000000" if code_for(device) != "000000" else "111111"
        response = client.post("/admin/zwei-faktor/", {"token": wrong})
        assert "Der Code passt nicht" in response.content.decode()
        traveller.shift(timedelta(seconds=5))  # django-otp throttles after a failure
        response = client.post("/admin/zwei-faktor/", {"token": code_for(device)})
    assert response.status_code == 200
    codes = StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_enrolled_staff_needs_the_code_to_log_in(client, django_user_model):
    user = make_user(django_user_model)
    device = enrolled(user)
    response = login(client, "sachbearbeitung")
    assert response.status_code == 200
    assert "Bitte geben Sie den Einmalcode ein" in response.content.decode()
    assert 'value="richtig-geheim"' not in response.content.decode()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        wrong = "123456" if code_for(device) != "123456" else "654321"
        assert login(client, "sachbearbeitung", token=wrong).status_code == 200
        traveller.shift(timedelta(seconds=5))  # django-otp throttles after a failure
        code = code_for(device)
        assert login(client, "sachbearbeitung", token=f"{code[:3]} {code[3:]}").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, django_user_model):
    user = make_user(django_user_model, "chefin", superuser=True)
    enrolled(user)
    code = two_factor.new_codes(user)[0]
    assert login(client, "chefin", token=code).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    assert login(client, "chefin", token=code).status_code == 200


def test_staff_without_a_device_must_enrol_before_any_admin_page(client, django_user_model):
    """Issue 15: a password alone opens nothing, for editors and publishers too."""
    make_user(django_user_model)
    assert login(client, "sachbearbeitung").status_code == 302
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/pressroom/pressrelease/").status_code == 302
    assert client.get("/admin/login/")["Location"] == "/admin/zwei-faktor/"
    assert client.get("/admin/zwei-faktor/").status_code == 200
    assert client.post("/admin/logout/").status_code == 200  # leaving still works


def test_staff_rule_can_be_limited_to_superusers_for_development(
    client, django_user_model, settings
):
    settings.OTP_REQUIRED_FOR_STAFF = False
    make_user(django_user_model)
    assert login(client, "sachbearbeitung").status_code == 302
    page = client.get("/admin/")
    assert page.status_code == 200
    assert '<a href="/admin/zwei-faktor/">Zwei-Faktor-Anmeldung</a>' in page.content.decode()


def test_the_password_alone_cannot_enrol_a_second_device(client, django_user_model):
    user = make_user(django_user_model, "chefin", superuser=True)
    enrolled(user)
    from django.contrib.auth import SESSION_KEY
    from django.test import Client

    # A session with the password step only (as if the code step were skipped).
    session_client = Client()
    session = session_client.session
    session[SESSION_KEY] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.save()
    assert session_client.get("/admin/zwei-faktor/").status_code == 302
    assert session_client.get("/admin/").status_code == 302
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_enrol_command_prints_qr_and_codes(django_user_model):
    from io import StringIO

    from django.core.management import call_command

    user = make_user(django_user_model, "chefin", superuser=True)
    out = StringIO()
    call_command("otp_enrol", "chefin", stdout=out)
    text = out.getvalue()
    assert "otpauth://totp/" in text
    assert TOTPDevice.objects.get(user=user).confirmed
    assert all(t.token in text for t in StaticToken.objects.filter(device__user=user))


# Sessions ---------------------------------------------------------------------


def test_staff_sessions_expire_after_thirty_idle_minutes(settings, superuser_client):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        superuser_client.get("/admin/")
        traveller.shift(timedelta(minutes=20))
        assert superuser_client.get("/admin/").status_code == 200  # renews the session
        traveller.shift(timedelta(minutes=20))
        assert superuser_client.get("/admin/").status_code == 200
        traveller.shift(timedelta(minutes=31))
        assert superuser_client.get("/admin/").status_code == 302


def test_public_pages_leave_a_staff_session_alone(superuser_client):
    response = superuser_client.get("/de/")
    assert not response.cookies


def test_logout_deletes_the_session(superuser_client):
    key = superuser_client.session.session_key
    superuser_client.post("/admin/logout/")
    assert not Session.objects.filter(session_key=key).exists()


def test_deactivating_a_user_ends_their_sessions(superuser_client, superuser):
    from django.test import Client

    Client().force_login(make_user(superuser.__class__))
    superuser.is_active = False
    superuser.save()
    assert Session.objects.count() == 1  # only the other user's
    assert superuser_client.get("/admin/").status_code == 302


def test_login_and_logout_fallback_urls_lead_somewhere(superuser_client, settings):
    from django.shortcuts import resolve_url
    from django.test import Client

    anonymous = Client()
    assert anonymous.get(resolve_url(settings.LOGIN_URL)).status_code == 200
    assert superuser_client.get(resolve_url(settings.LOGIN_REDIRECT_URL)).status_code == 200
    typed = superuser_client.get("/admin/logout/")  # a GET does not log out, and is no 405
    assert typed.status_code == 302 and typed["Location"] == "/admin/"
    assert superuser_client.get("/admin/").status_code == 200  # still logged in
    assert superuser_client.post("/admin/logout/").status_code in (200, 302)
    assert superuser_client.get("/admin/").status_code == 302  # logged out by the POST
