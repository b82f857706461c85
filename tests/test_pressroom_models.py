"""The publishing rule itself, and the model helpers the other surfaces rely on."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from pressroom.models import PressRelease, next_scheduled_change

from .factories import make_media, make_release, make_series

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PUBLISHED = PressRelease.Status.PUBLISHED


def _states():
    """(name, fields, public at NOW?) for every state a release can be in."""
    hour = timedelta(hours=1)
    return [
        ("published", {"publish_at": NOW - hour}, True),
        ("draft", {"status": "draft", "publish_at": NOW - hour}, False),
        ("ready", {"status": "ready", "publish_at": NOW - hour}, False),
        ("withdrawn", {"status": "withdrawn", "publish_at": NOW - hour}, False),
        ("scheduled", {"publish_at": NOW + hour}, False),
        ("embargoed", {"publish_at": NOW - hour, "embargo_until": NOW + hour}, False),
        ("embargo passed", {"publish_at": NOW - 2 * hour, "embargo_until": NOW - hour}, True),
        ("no publish time", {"publish_at": None}, False),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "fields", "public"), _states(), ids=[s[0] for s in _states()])
def test_published_queryset_and_instance_agree(name, fields, public):
    release = make_release(**fields)
    with time_machine.travel(NOW, tick=False):
        assert PressRelease.objects.published().filter(pk=release.pk).exists() is public
        assert release.is_published() is public


@pytest.mark.django_db
def test_scheduled_release_goes_live_on_its_minute():
    go_live = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    release = make_release(publish_at=go_live)
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert not PressRelease.objects.published().filter(pk=release.pk).exists()
    with time_machine.travel(go_live, tick=False):
        assert PressRelease.objects.published().filter(pk=release.pk).exists()


@pytest.mark.django_db
def test_next_scheduled_change_is_the_earliest_future_publish_or_embargo():
    make_release(publish_at=NOW + timedelta(hours=5))
    make_release(publish_at=NOW - timedelta(hours=1), embargo_until=NOW + timedelta(hours=2))
    make_release(publish_at=NOW + timedelta(minutes=30), status="draft")  # drafts don't count
    assert next_scheduled_change(NOW) == NOW + timedelta(hours=2)
    assert next_scheduled_change(NOW + timedelta(hours=6)) is None


@pytest.mark.django_db
def test_readiness_needs_german_text_a_contact_and_alt_texts(media_root):
    release = make_release(contact=False, lead_de="", status="draft")
    problems = release.readiness_problems()
    assert any("Vorspann" in p for p in problems)
    assert any("Ansprechperson" in p for p in problems)
    ready = make_release()
    assert ready.readiness_problems() == []
    asset = make_media(release=ready)
    asset.alt_text_de = ""
    asset.save()
    assert any("Alternativtext" in p for p in ready.readiness_problems())


@pytest.mark.django_db
def test_languages_are_those_with_title_lead_and_body():
    release = make_release(title_en="Title", lead_en="Lead", body_en="")
    assert release.languages() == ["de"]
    release.body_en = "<p>Body</p>"
    assert release.languages() == ["de", "en"]


@pytest.mark.django_db
def test_part_number_cannot_exceed_planned_parts():
    from django.core.exceptions import ValidationError

    release = make_release(series=make_series(planned_parts=2), part_number=3)
    with pytest.raises(ValidationError):
        release.full_clean()
