"""Issue 15: wrong data gets a German form error; the list says what the public sees."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from locations.models import Office
from pressroom.models import PressOffice, PressRelease, ReleaseContact
from pressroom.publishing import public_state

from .adminforms import form_data
from .factories import make_media, make_office, make_release

pytestmark = pytest.mark.django_db

RELEASE_ADD = "/admin/pressroom/pressrelease/add/"


def change(obj):
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"


def errors_of(response) -> str:
    form = response.context["adminform"].form
    text = " ".join(str(e) for errs in form.errors.values() for e in errs)
    for inline in response.context["inline_admin_formsets"]:
        text += " ".join(str(e) for e in inline.formset.non_form_errors())
    return text


def test_coordinates_take_german_commas_and_stay_in_the_county(superuser_client):
    office = make_office()
    data = form_data(superuser_client.get(change(office)))
    data.update(latitude="51,84", longitude="6,86")
    assert superuser_client.post(change(office), data).status_code == 302
    office.refresh_from_db()
    assert (office.latitude, office.longitude) == (Decimal("51.84"), Decimal("6.86"))

    data = form_data(superuser_client.get(change(office)))
    data["latitude"] = "151,5"
    refused = superuser_client.post(change(office), data)
    assert refused.status_code == 200
    assert "Breitengrad 151,5 liegt nicht im Kreis Borken" in errors_of(refused)
    data["latitude"], data["longitude"] = "51,84", "686"
    assert "Längengrad 686 liegt nicht im Kreis Borken" in errors_of(
        superuser_client.post(change(office), data)
    )
    office.refresh_from_db()
    assert office.longitude == Decimal("6.86")


def test_every_known_coordinate_of_the_county_lies_in_the_box():
    from django.core.management import call_command

    from locations.coordinates import check_in_county
    from locations.models import Municipality

    call_command("loaddata", "demo_locations", verbosity=0)
    places = [*Municipality.objects.exclude(latitude=None), *Office.objects.exclude(latitude=None)]
    assert len(places) >= 17
    for place in places:
        assert check_in_county(place.latitude, place.longitude) == {}, place


def test_publisher_block_phone_numbers_must_be_numbers_one_per_line(superuser_client):
    office = PressOffice.objects.create(organisation="Kreis Borken")
    data = form_data(superuser_client.get(change(office)))
    data["phone"] = "(0 28 61) 82 21 - 11\nTelefon bitte"
    refused = superuser_client.post(change(office), data)
    assert "Bitte je Zeile eine Telefonnummer mit Vorwahl" in errors_of(refused)
    data["phone"] = "(0 28 61) 82 21 - 11\n(0 28 61) 82 21 - 13"
    assert superuser_client.post(change(office), data).status_code == 302
    office.refresh_from_db()
    assert [number for _shown, number in office.phone_numbers()] == [
        "+492861822111",
        "+492861822113",
    ]


def test_embargo_must_lie_in_the_future_when_set(superuser_client):
    release = make_release(status=PressRelease.Status.DRAFT)
    data = form_data(superuser_client.get(change(release)))
    past = timezone.localtime() - timedelta(hours=1)
    data["embargo_until_0"], data["embargo_until_1"] = past.strftime("%d.%m.%Y"), "08:00:00"
    data["embargo_until_0"] = (timezone.localtime() - timedelta(days=1)).strftime("%d.%m.%Y")
    refused = superuser_client.post(change(release), data)
    assert "Eine Sperrfrist muss in der Zukunft liegen" in errors_of(refused)
    future = timezone.localtime() + timedelta(days=2)
    data["embargo_until_0"] = future.strftime("%d.%m.%Y")
    assert superuser_client.post(change(release), data).status_code == 302


def test_publishing_without_a_contact_is_one_clear_refusal(superuser_client):
    release = make_release(status=PressRelease.Status.READY)
    ReleaseContact.objects.filter(release=release).delete()
    data = form_data(superuser_client.get(change(release)))
    data["status"] = "published"
    response = superuser_client.post(change(release), data)
    assert response.status_code == 200  # the form again, nothing saved
    assert "Nicht veröffentlicht: Es fehlt mindestens eine Ansprechperson." in errors_of(response)
    assert not list(response.context["messages"])  # no green "saved" beside it
    release.refresh_from_db()
    assert release.status == "ready"


def test_long_titles_get_a_form_error_not_a_silent_cut(superuser_client):
    release = make_release(status=PressRelease.Status.DRAFT)
    page = superuser_client.get(change(release)).content.decode()
    assert 'maxlength="250"' not in page and 'data-max-chars="250"' in page
    assert 'spellcheck="true"' in page
    data = form_data(superuser_client.get(change(release)))
    data["title_de"] = "Ü" * 260
    refused = superuser_client.post(change(release), data)
    assert "höchstens 250 Zeichen" in errors_of(refused)


def test_arabic_inputs_are_right_to_left_and_labelled_by_language_name(superuser_client):
    page = superuser_client.get(RELEASE_ADD).content.decode()
    assert 'name="title_ar"' in page
    assert 'dir="rtl"' in page and 'lang="ar"' in page
    form = superuser_client.get(RELEASE_ADD).context["adminform"].form
    assert form.fields["title_ar"].label == "Überschrift (Arabisch)"
    assert form.fields["title_ar"].widget.attrs["dir"] == "rtl"
    assert "dir" not in form.fields["title_en"].widget.attrs


def test_background_title_prefix_is_not_typed_twice(superuser_client):
    release = make_release(status=PressRelease.Status.DRAFT)
    data = form_data(superuser_client.get(change(release)))
    data["background_title_de"] = "Zum Hintergrund: Zahlen 2025"
    superuser_client.post(change(release), data)
    release.refresh_from_db()
    assert release.background_title_de == "Zahlen 2025"


@time_machine.travel(datetime(2026, 12, 1, 9, 0, tzinfo=UTC), tick=False)
def test_status_labels_say_what_the_public_sees(superuser_client):
    now = timezone.now()
    scheduled = make_release(publish_at=now + timedelta(hours=3))
    embargoed = make_release(embargo_until=now + timedelta(days=1))
    live = make_release(publish_at=now - timedelta(days=1))
    assert public_state(scheduled, now) == ("scheduled", "geplant für 01.12.2026, 13:00 Uhr")
    assert public_state(embargoed, now) == ("embargo", "Sperrfrist bis 02.12.2026, 10:00 Uhr")
    assert public_state(live, now) == ("live", "öffentlich seit 30.11.2026, 10:00 Uhr")
    listing = superuser_client.get("/admin/pressroom/pressrelease/").content.decode()
    assert "geplant für 01.12.2026, 13:00 Uhr" in listing
    assert "Sperrfrist bis 02.12.2026, 10:00 Uhr" in listing


def test_view_on_site_opens_the_preview_until_public(superuser_client):
    scheduled = make_release(publish_at=timezone.now() + timedelta(hours=3))
    page = superuser_client.get(change(scheduled)).content.decode()
    assert f"/presse/vorschau/{scheduled.pk}/" in page or f"vorschau/{scheduled.pk}" in page
    live = make_release()
    assert superuser_client.get(f"/admin/r/{_ct(live)}/{live.pk}/").status_code == 302


def _ct(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def test_media_form_current_file_link_works_and_caption_is_shown(superuser_client, media_root):
    release = make_release()
    asset = make_media(release=release, caption_de="Die Geschäftsführung im Gespräch")
    page = superuser_client.get(change(asset)).content.decode()
    url = asset.file_url("original")
    assert f'href="{url}"' in page
    assert superuser_client.get(url).status_code == 200
    detail = superuser_client.get(release.get_absolute_url()).content.decode()
    assert "Die Geschäftsführung im Gespräch" in detail


@pytest.mark.django_db
def test_the_publishers_postcode_has_five_digits():
    """QA 4: "4632X" was accepted for the publisher block under every release."""
    from django.core.exceptions import ValidationError

    from pressroom.models import PressOffice

    office = PressOffice(organisation="Kreis Borken", postcode="4632X")
    with pytest.raises(ValidationError) as refused:
        office.full_clean()
    assert "Eine Postleitzahl hat fünf Ziffern." in str(refused.value)
