"""Press widgets for other pages ({% load pressroom %}) and two small filters."""

import re

from django import template
from django.db.models import Exists, OuterRef

from ..models import PressRelease, Series

register = template.Library()


@register.inclusion_tag("pressroom/includes/latest_releases.html")
def latest_releases(count: int = 3):
    """The newest published releases (one query)."""
    releases = PressRelease.objects.published().for_list()[: int(count)]
    return {"releases": releases}


@register.inclusion_tag("pressroom/includes/series_teaser.html")
def series_teaser():
    """The newest series that has a published part, with its published parts (two queries)."""
    published = PressRelease.objects.published()
    # EXISTS per series in the order of Series' index (release_series_idx
    # answers each probe), so the newest matching series is found without
    # reading every release.
    has_part = Exists(published.filter(series=OuterRef("pk")))
    series = Series.objects.filter(has_part).first()
    parts = []
    if series is not None:
        parts = list(published.for_list().filter(series=series).order_by("part_number"))
    return {"series": series, "parts": parts}


@register.filter
def tel_href(number: str) -> str:
    """'02861 82-1249' -> 'tel:+492861821249' (German numbers as the site writes them)."""
    digits = re.sub(r"[^\d+]", "", number or "")
    if digits.startswith("0") and not digits.startswith("00"):
        digits = "+49" + digits[1:]
    return f"tel:{digits}"
