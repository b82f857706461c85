"""Translation states of service and office pages (locations.page_languages).

The same rules as information pages (core.translation_state): a German change
marks the translations outdated, the page says so in the reader's language, and
an outdated language leaves the page's hreflang alternates and the sitemap.
"""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from core.models import TranslationState

from .factories import (
    make_closure,
    make_contact,
    make_office,
    make_service,
    make_shared_closure,
)
from .sitemaps import all_sitemaps
from .test_locations_views import make_heek

pytestmark = pytest.mark.django_db

OUTDATED = TranslationState.Status.OUTDATED
NOTICE = {
    "ar": "لم تتم مراجعة هذه الترجمة بعد.",
    "tr": "Bu çeviri henüz kontrol edilmedi.",
    "uk": "Цей переклад ще не перевірено.",
}
THURSDAY_10 = "2026-12-03 10:00 +01:00"


def _service(**kw):
    service = make_service(
        slug="grundsicherungsgeld-beantragen",
        title_de="Grundsicherungsgeld beantragen",
        summary_de="Den ersten Antrag stellen Sie beim örtlichen Jobcenter.",
        title_tr="Grundsicherungsgeld başvurusu",
        summary_tr="İlk başvurunuzu yerel Jobcenter'a yaparsınız.",
        title_uk="Подати заяву на Grundsicherungsgeld",
        summary_uk="Першу заяву ви подаєте до місцевого Jobcenter.",
        title_ar="طلب Grundsicherungsgeld",
        summary_ar="تقدّم طلبك الأول لدى مركز التوظيف المحلي.",
        **kw,
    )
    return service


def _states(obj, **filters):
    return TranslationState.objects.filter(object_id=obj.pk, **filters)


def _alternates(html: str) -> set[str]:
    import re

    return set(re.findall(r'<link rel="alternate" hreflang="([a-z-]+)"', html))


def test_every_translated_field_of_a_service_and_its_channel_has_a_state():
    service = _service()
    channel = service.channels.get(kind="online")
    channel.description_de = "Melden Sie sich mit der BundID an."
    channel.description_ar = "سجّل الدخول باستخدام BundID."
    channel.save()
    assert set(_states(service).values_list("language", "field")) >= {
        ("tr", "title"),
        ("uk", "summary"),
        ("ar", "summary"),
    }
    assert _states(channel, language="ar", field="description").exists()


def test_a_german_change_of_a_service_marks_its_translations_outdated():
    service = _service()
    service.summary_de = "Den ersten Antrag stellen Sie beim Jobcenter Ihrer Gemeinde."
    service.save()
    assert set(_states(service, field="summary").values_list("status", flat=True)) == {OUTDATED}
    assert not _states(service, field="title", status=OUTDATED).exists()


def test_a_german_change_of_an_office_name_marks_it_outdated():
    office = make_office(
        name_de="Jobcenter der Gemeinde Heek", name_tr="Heek Belediyesi Jobcenter'ı"
    )
    office.name_de = "Jobcenter der Gemeinde Heek (Rathaus)"
    office.save()
    assert _states(office, language="tr", field="name").get().status == OUTDATED


@pytest.mark.parametrize("language", ["ar", "tr", "uk"])
def test_the_service_page_says_the_translation_is_unchecked(client, language):
    service = _service()
    html = client.get(f"/{language}{service.get_absolute_url()[3:]}").content.decode()
    assert NOTICE[language] in html
    assert 'class="translation-notice"' in html
    assert 'hreflang="de" lang="de">Deutsch</a>' in html


@pytest.mark.parametrize("language", ["ar", "tr", "uk"])
def test_the_service_list_says_the_translation_is_unchecked(client, language):
    _service()
    html = client.get(f"/{language}/was-kann-ich-wo-erledigen/").content.decode()
    assert NOTICE[language] in html


def test_a_german_change_of_a_channel_is_shown_on_the_service_page(client):
    service = _service()
    channel = service.channels.get(kind="online")
    channel.description_de, channel.description_ar = "Mit der BundID.", "باستخدام BundID."
    channel.save()
    channel.description_de = "Mit der BundID; das Servicekonto.NRW gibt es nicht mehr."
    channel.save()
    html = client.get(f"/ar{service.get_absolute_url()[3:]}").content.decode()
    assert "تغيّرت النسخة الألمانية في <bdi>" in html
    assert "ar" not in _alternates(html)  # outdated: out of the page's alternates
    assert {"de", "tr", "uk", "en"} <= _alternates(html)
    # the Turkish page is not outdated and keeps its alternates
    turkish = client.get(f"/tr{service.get_absolute_url()[3:]}").content.decode()
    assert "tr" in _alternates(turkish) and "ar" not in _alternates(turkish)


def test_the_german_service_page_has_no_notice(client):
    service = _service()
    html = client.get(service.get_absolute_url()).content.decode()
    assert 'class="translation-notice"' not in html


def test_an_outdated_service_language_leaves_the_sitemap():
    service = _service()
    service.title_de = "Grundsicherungsgeld zum ersten Mal beantragen"
    service.save()
    xml = all_sitemaps_text()
    path = service.get_absolute_url()[3:]
    assert f"/tr{path}" not in xml and f"/uk{path}" not in xml
    assert f"/de{path}" in xml and f"/en{path}" in xml


def all_sitemaps_text() -> str:
    from django.test import Client

    return all_sitemaps(Client()).decode()


@time_machine.travel(THURSDAY_10, tick=False)
def test_the_office_page_shows_the_notice_and_the_official_german_name(client):
    make_office(kind="county", slug="kreis")
    office = make_heek()
    office.name_uk = "Jobcenter громади Heek"
    office.save()
    html = client.get(f"/uk{office.get_absolute_url()[3:]}").content.decode()
    assert "<h1>Jobcenter громади Heek</h1>" in html
    assert f'<span lang="de" dir="ltr">{office.name_de}</span>' in html
    assert NOTICE["uk"] in html
    german = client.get(f"/de{office.get_absolute_url()[3:]}").content.decode()
    assert 'class="official-name"' not in german and 'class="translation-notice"' not in german


@time_machine.travel(THURSDAY_10, tick=False)
def test_an_outdated_contact_or_closure_drops_the_language_from_the_office_page(client):
    make_office(kind="county", slug="kreis")
    office = make_heek()
    contact = make_contact(office=office, role_de="Leistung", role_ar="الإعانة")
    closure = make_closure(office, date(2026, 12, 10), reason_de="Ausflug", reason_tr="Gezi")
    contact.role_de = "Leistungsabteilung"
    contact.save()
    closure.reason_de = "Betriebsausflug"
    closure.save()
    html = client.get(f"/ar{office.get_absolute_url()[3:]}").content.decode()
    assert {"ar", "tr"}.isdisjoint(_alternates(html))
    assert {"de", "en", "nl", "uk"} <= _alternates(html)
    xml = all_sitemaps_text()
    path = office.get_absolute_url()[3:]
    assert f"/ar{path}" not in xml and f"/tr{path}" not in xml and f"/uk{path}" in xml


@time_machine.travel(THURSDAY_10, tick=False)
def test_an_outdated_service_is_outdated_on_every_office_page_that_shows_it(client):
    """The office page shows each service's summary in its service section: an outdated
    Arabic summary there had no notice and kept "ar" in the alternates and the sitemap."""
    make_office(kind="county", slug="kreis")
    office = make_heek()
    service = _service()
    service.summary_de = "Den ersten Antrag stellen Sie beim Jobcenter Ihrer Gemeinde."
    service.save()
    path = office.get_absolute_url()[3:]
    html = client.get(f"/ar{path}").content.decode()
    assert "تغيّرت النسخة الألمانية في <bdi>" in html
    assert {"ar", "tr", "uk"}.isdisjoint(_alternates(html))
    assert {"de", "en", "nl"} <= _alternates(html)
    xml = all_sitemaps_text()
    assert f"/ar{path}" not in xml and f"/de{path}" in xml and f"/en{path}" in xml


@time_machine.travel(THURSDAY_10, tick=False)
def test_an_office_own_outdated_channel_leaves_only_that_office(client):
    make_office(kind="county", slug="kreis")
    heek, legden = make_heek(), make_office(slug="legden", name="Jobcenter Legden")
    service = _service()
    channel = service.channels.create(
        kind="phone", office=heek, description_de="Rufen Sie an.", description_ar="اتصل بنا."
    )
    channel.description_de = "Rufen Sie vormittags an."
    channel.save()
    assert "ar" not in _alternates(client.get(f"/ar{heek.get_absolute_url()[3:]}").content.decode())
    legden_html = client.get(f"/ar{legden.get_absolute_url()[3:]}").content.decode()
    assert "ar" in _alternates(legden_html)
    xml = all_sitemaps_text()
    assert f"/ar{heek.get_absolute_url()[3:]}" not in xml
    assert f"/ar{legden.get_absolute_url()[3:]}" in xml


@time_machine.travel(THURSDAY_10, tick=False)
def test_translation_states_cost_one_query_for_the_whole_office_page(
    client, django_assert_num_queries
):
    make_office(kind="county", slug="kreis")
    office = make_heek()
    office.name_tr = "Heek Belediyesi Jobcenter'ı"
    office.save()
    for i in range(5):
        make_contact(office=office, name=f"Person {i}", role_de="Rolle", role_tr="Görev")
    make_closure(office, date(2026, 12, 10), reason_de="Ausflug", reason_tr="Gezi")
    make_shared_closure(date(2026, 12, 24), reason_de="Heiligabend", reason_tr="Noel arifesi")
    make_service()
    make_service()
    url = f"/tr{office.get_absolute_url()[3:]}"
    # the German page's 12 queries (test_locations_views) and one for all states
    with django_assert_num_queries(13):
        client.get(url)


def test_the_admin_state_list_shows_services(superuser_client):
    _service()
    response = superuser_client.get(reverse("admin:core_translationstate_changelist"))
    assert response.status_code == 200
    assert "Leistung (Was kann ich wo erledigen?)" in response.content.decode()
