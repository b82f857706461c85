"""Right-to-left isolation, locale number formats, language names, mail lang/dir."""

from decimal import Decimal

import pytest
from django.utils import translation

from core.bidi import isolate_html, isolate_text
from jobcenter_site.models import Figure
from pressroom.models import PressRelease
from subscriptions.mailing import confirmation_message, release_message
from subscriptions.models import Delivery

from .factories import make_subscription


def test_latin_runs_in_arabic_are_isolated_and_punctuation_stays_outside():
    out = isolate_text("الهاتف 02861/82-1249 أو s.loekes@kreis-borken.de.")
    assert out == (
        'الهاتف <bdi dir="ltr">02861/82-1249</bdi> أو '
        '<bdi dir="ltr">s.loekes@kreis-borken.de</bdi>.'
    )
    assert isolate_text("نسبة 2,0 % فقط") == 'نسبة <bdi dir="ltr">2,0 %</bdi> فقط'


def test_isolation_escapes_text_and_leaves_markup_alone():
    assert isolate_text("« < »") == "« &lt; »"
    out = isolate_html('<p><a href="/x">Kreis Borken</a> &amp; الدائرة</p>')
    assert (
        out == '<p><a href="/x"><bdi dir="ltr" lang="de">Kreis Borken</bdi></a> &amp; الدائرة</p>'
    )


def test_a_slogan_keeps_its_full_stop_inside_brackets():
    out = isolate_text("(Stark. Sozial. Vor Ort.)")
    assert out == '(<bdi dir="ltr" lang="de">Stark. Sozial. Vor Ort.</bdi>)'


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "2,0 %"), ("en", "2.0%"), ("tr", "%2,0"), ("uk", "2,0%"), ("ar", "2,0٪")],
)
def test_percent_is_written_as_the_locale_writes_it(language, expected):
    figure = Figure(value=Decimal("2.0"), unit=Figure.Unit.PERCENT)
    with translation.override(language):
        assert figure.display_short() == expected


@pytest.mark.django_db
def test_subscription_form_names_languages_in_their_own_language(client):
    html = client.get("/en/presse/abonnieren/").content.decode()
    assert '<option value="tr" lang="tr">Türkçe</option>' in html
    assert '<option value="uk" lang="uk">Українська</option>' in html
    assert "Turkish" not in html and "Türkisch" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "dir_"), [("tr", "ltr"), ("ar", "rtl"), ("uk", "ltr"), ("de", "ltr")]
)
def test_confirmation_mail_has_the_subscribers_lang_and_dir(language, dir_):
    subscription = make_subscription("a@example.org", confirmed=False, language=language)
    message = confirmation_message(subscription, already_confirmed=False)
    html = message.alternatives[0].content
    assert f'<html lang="{language}" dir="{dir_}">' in html


@pytest.mark.django_db
def test_arabic_release_mail_is_rtl_with_latin_isolated(demo_data):
    release = PressRelease.objects.get(pk=1)
    subscription = make_subscription("b@example.org", language="ar")
    delivery = Delivery.objects.create(
        subscription=subscription, release=release, email=subscription.email
    )
    html = release_message(delivery).alternatives[0].content
    assert '<html lang="ar" dir="rtl">' in html
    assert '<bdi dir="ltr" lang="de">SGB II</bdi>' in html
    assert '<bdi dir="ltr">s.loekes@kreis-borken.de</bdi>' in html  # the editors' note


@pytest.mark.django_db
def test_release_mail_in_german_when_the_release_lacks_the_language(demo_data):
    release = PressRelease.objects.get(pk=1)
    release.title_tr = release.lead_tr = ""
    release.save()
    subscription = make_subscription("c@example.org", language="tr")
    delivery = Delivery.objects.create(
        subscription=subscription, release=release, email=subscription.email
    )
    html = release_message(delivery).alternatives[0].content
    assert '<html lang="de" dir="ltr">' in html


@pytest.mark.parametrize(
    ("language", "persons", "percent"),
    [
        ("de", "15.200", "2,0 %"),
        ("en", "15,200", "2.0%"),
        # Django's ar formats: decimal comma, no digit grouping, Latin digits (no
        # NUMBER_GROUPING): the figures follow them rather than a house rule.
        ("ar", "15200", "2,0٪"),
    ],
)
def test_figures_are_written_as_the_locale_writes_numbers(language, persons, percent):
    with translation.override(language):
        assert Figure(value=Decimal("15200"), unit=Figure.Unit.PERSONS).display_short() == persons
        assert Figure(value=Decimal("2.0"), unit=Figure.Unit.PERCENT).display_short() == percent


def test_arabic_calls_the_jobcenter_by_one_name_everywhere(settings):
    """Office names and content say "مركز التوظيف"; the interface said "مركز العمل" in
    19 messages, so a reader met two words for the one place she has to go to."""
    from pathlib import Path

    sources = [Path(settings.BASE_DIR) / "locale/ar/LC_MESSAGES/django.po"]
    sources += sorted((Path(settings.BASE_DIR) / "fixtures").glob("*.json"))
    mixed = {p.name: p.read_text().count("مركز العمل") for p in sources}
    assert mixed == {p.name: 0 for p in sources}
    with translation.override("ar"):
        assert "مركز التوظيف" in translation.gettext(
            "Zuständig ist das Jobcenter an Ihrem Wohnort."
        )
