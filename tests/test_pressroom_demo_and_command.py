"""The real demo data renders on every page type; the synthetic generator stays synthetic."""

from django.conf import settings
from django.core.management import call_command

from pressroom.models import PressRelease

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def test_part_one_is_the_press_office_text(client, demo_data):
    html = client.get("/de/presse/2019/das-jobcenter-wer-wie-was/").content.decode()
    assert (
        "Aktionswoche der kommunalen Jobcenter / Teil 1: Das Jobcenter im Kreis Borken stellt sich vor"
        in html
    )
    assert "Mit diesen Daten bewegt sich der Kreis Borken auf einem sehr guten Niveau." in html
    assert 'href="tel:+492861821249"' in html and 'href="mailto:s.loekes@kreis-borken.de"' in html
    assert "Stand der Angaben: 23. August 2019" in html
    assert "Burloer Straße 93" in html
    release = PressRelease.objects.get(pk=1)
    # Part 1 is translated into every site language (issue 18)
    assert release.languages() == ["de", "en", "nl", "tr", "uk", "ar"]
    assert release.readiness_problems() == []


def test_synthetic_releases_are_marked_and_leave_demo_data_alone(demo_data, media_root):
    before = PressRelease.objects.get(pk=1).updated_at
    call_command(
        "generate_synthetic_releases", count=15, with_media=True, series_parts=True, verbosity=0
    )
    synthetic = PressRelease.objects.filter(slug__startswith="synth-")
    assert synthetic.count() == 15
    assert all(r.title.startswith("[SYNTHETISCH]") for r in synthetic)
    assert synthetic.filter(part_number=7).count() == 2
    assert all(r.media.count() == 1 for r in synthetic)
    assert PressRelease.objects.get(pk=1).updated_at == before
    assert PressRelease.objects.published().count() == 16
