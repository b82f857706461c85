"""The accessibility feedback form (BITVNRW § 5)."""

import logging
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache

from jobcenter_site.feedback import RATE_LIMIT, same_site_path
from jobcenter_site.models import Feedback

URL = "/de/barrierefreiheit/feedback/"
DONE = "/de/barrierefreiheit/feedback/danke/"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def _valid(**kw):
    return {"page_url": "/de/standorte/", "description": "Der Button ist nicht erreichbar.", **kw}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/de/standorte/", "/de/standorte/"),
        ("http://testserver/de/presse/?jahr=2019", "/de/presse/?jahr=2019"),
        ("https://evil.example/de/", ""),
        ("//evil.example/de/", ""),
        ("javascript:alert(1)", ""),
        ("relative/path", ""),
        ("", ""),
    ],
)
def test_same_site_path_accepts_only_this_site(url, expected):
    assert same_site_path(url, "testserver") == expected


@pytest.mark.django_db
def test_page_is_prefilled_from_the_seite_parameter(client):
    html = client.get(URL, {"seite": "/de/impressum/"}).content.decode()
    assert 'value="/de/impressum/"' in html


@pytest.mark.django_db
def test_page_is_prefilled_from_the_referer(client):
    html = client.get(
        URL, headers={"referer": "http://testserver/en/datenschutz/"}
    ).content.decode()
    assert 'value="/en/datenschutz/"' in html


@pytest.mark.django_db
def test_a_foreign_referer_is_not_prefilled(client):
    html = client.get(URL, headers={"referer": "https://evil.example/phish"}).content.decode()
    assert "evil.example" not in html


@pytest.mark.django_db
def test_happy_path_stores_mails_and_redirects(client):
    response = client.post(URL, _valid(name="Erika Muster", email="erika@example.invalid"))
    assert response.status_code == 302
    assert response["Location"] == DONE
    report = Feedback.objects.get()
    assert report.status == Feedback.Status.NEW
    assert report.language == "de"
    assert report.mailed_at is not None
    [message] = mail.outbox
    assert message.to == ["jobcenter@kreis-borken.de"]
    assert message.reply_to == ["erika@example.invalid"]
    assert "Der Button ist nicht erreichbar." in message.body
    assert f"/admin/jobcenter_site/feedback/{report.pk}/change/" in message.body


@pytest.mark.django_db
def test_confirmation_page_renders(client):
    response = client.get(DONE)
    assert response.status_code == 200
    assert "Vielen Dank" in response.content.decode()


@pytest.mark.django_db
def test_the_form_goes_to_the_configured_address(client, settings):
    settings.FEEDBACK_EMAIL = "barrieren@example.invalid"
    client.post(URL, _valid())
    assert mail.outbox[0].to == ["barrieren@example.invalid"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"description": ""}, "description"),
        ({"email": "kein-at-zeichen"}, "email"),
        ({"page_url": "https://evil.example/"}, "page_url"),
        ({"description": "x" * 5001}, "description"),
    ],
)
def test_invalid_input_gets_form_messages(client, data, field):
    response = client.post(URL, _valid(**data))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_honeypot_pretends_success_but_stores_nothing(client):
    response = client.post(URL, _valid(website="http://spam.example"))
    assert response.status_code == 302
    assert not Feedback.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_rate_limit_per_client(client):
    for _ in range(RATE_LIMIT):
        assert client.post(URL, _valid()).status_code == 302
    response = client.post(URL, _valid())
    assert response.status_code == 429
    assert "Diese ist gespeichert" in response.content.decode()
    # Save first, limit second: the report over the limit is kept, only not mailed.
    assert Feedback.objects.count() == RATE_LIMIT + 1
    assert len(mail.outbox) == RATE_LIMIT
    assert Feedback.objects.filter(mailed_at__isnull=True).count() == 1
    # another client is not affected
    assert client.post(URL, _valid(), REMOTE_ADDR="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_the_limit_counts_the_forwarded_client(client, settings):
    settings.BEHIND_PROXY = True
    for _ in range(RATE_LIMIT):
        client.post(URL, _valid(), headers={"x-forwarded-for": "1.2.3.4, 10.0.0.9"})
    assert client.post(URL, _valid(), headers={"x-forwarded-for": "10.0.0.7"}).status_code == 302
    blocked = client.post(URL, _valid(), headers={"x-forwarded-for": "6.6.6.6, 10.0.0.9"})
    assert blocked.status_code == 429


@pytest.mark.django_db
def test_mail_failure_keeps_the_record_and_logs(client, caplog):
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")),
        caplog.at_level(logging.ERROR, logger="jobcenter_site.feedback"),
    ):
        response = client.post(URL, _valid())
    assert response.status_code == 302
    report = Feedback.objects.get()
    assert report.mailed_at is None
    assert f"Feedback {report.pk} could not be mailed" in caplog.text


@pytest.mark.django_db
def test_the_form_needs_a_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, _valid()).status_code == 403
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_other_methods_are_refused(client):
    assert client.put(URL).status_code == 405
    assert client.post(DONE).status_code == 405


@pytest.mark.django_db
def test_admin_lists_feedback_with_status_and_marks_answered(superuser_client):
    from .factories import make_feedback

    report = make_feedback()
    html = superuser_client.get("/admin/jobcenter_site/feedback/").content.decode()
    assert "Der Kontrast ist zu schwach." in html
    superuser_client.post(
        "/admin/jobcenter_site/feedback/",
        {"action": "mark_answered", "_selected_action": [report.pk]},
    )
    report.refresh_from_db()
    assert report.status == Feedback.Status.ANSWERED


@pytest.mark.django_db
def test_every_page_links_the_form_with_itself_as_the_page_concerned(client):
    html = client.get("/en/suche/").content.decode()
    assert 'href="/en/barrierefreiheit/feedback/?seite=/en/suche/"' in html
    form = client.get("/en/barrierefreiheit/feedback/", {"seite": "/en/suche/"}).content.decode()
    assert 'value="/en/suche/"' in form


@pytest.mark.django_db
def test_pending_reports_are_mailed_later():
    from django.core.management import call_command

    from .factories import make_feedback

    pending = make_feedback()
    make_feedback(mailed_at="2026-01-01T00:00:00Z")
    call_command("send_pending_feedback", stdout=None)
    assert len(mail.outbox) == 1
    pending.refresh_from_db()
    assert pending.mailed_at is not None


@pytest.mark.django_db
def test_purge_deletes_only_old_answered_reports():
    import datetime

    import time_machine
    from django.core.management import call_command

    from .factories import make_feedback

    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)):
        old_answered = make_feedback(status="answered")
        old_new = make_feedback(status="new")
    with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)):
        recent = make_feedback(status="answered")
        call_command("purge_feedback", "--days", "90", stdout=None)
    remaining = set(Feedback.objects.values_list("pk", flat=True))
    assert remaining == {old_new.pk, recent.pk}
    assert old_answered.pk not in remaining


@pytest.mark.django_db
def test_line_breaks_in_one_line_fields_cannot_forge_mail_lines(client):
    forged = "Anna\r\nE-Mail: chef@evil.example\nSeite: /admin/"
    response = client.post(URL, _valid(name=forged, description="Zeile eins\nZeile zwei"))
    assert response.status_code == 302
    report = Feedback.objects.get()
    assert "\n" not in report.name and "\r" not in report.name
    assert report.description == "Zeile eins\nZeile zwei"  # a textarea keeps its lines
    lines = mail.outbox[0].body.splitlines()
    assert "E-Mail: chef@evil.example" not in lines
    assert "Name: Anna E-Mail: chef@evil.example Seite: /admin/" in lines


def _database_down(*args, **kwargs):
    from django.db import OperationalError

    raise OperationalError("connection to server at 127.0.0.1 refused")


@pytest.mark.django_db
def test_database_down_the_report_is_mailed_instead_of_lost(client):
    """QA 3: with PostgreSQL stopped, sending the form gave the generic 503 page and
    the report was gone."""
    with mock.patch.object(Feedback, "save", _database_down):
        response = client.post(URL, _valid(email="erika@example.invalid"))
    assert response.status_code == 302
    assert response["Location"] == DONE
    [message] = mail.outbox
    assert "Der Button ist nicht erreichbar." in message.body
    assert "Nicht gespeichert" in message.body
    assert message.reply_to == ["erika@example.invalid"]


@pytest.mark.django_db
def test_database_and_mail_down_the_form_comes_back_with_the_text(client):
    with (
        mock.patch.object(Feedback, "save", _database_down),
        mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")),
    ):
        response = client.post(URL, _valid())
    assert response.status_code == 503
    html = response.content.decode()
    assert "nicht gespeichert werden" in html
    assert "jobcenter@kreis-borken.de" in html
    assert "Der Button ist nicht erreichbar." in html  # the text is still in the form
    assert "Bitte prüfen Sie Ihre Angaben" not in html
