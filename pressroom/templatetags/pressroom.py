"""Press widgets for other pages ({% load pressroom %})."""

from django import template

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
    series = Series.objects.public().first()
    parts = []
    if series is not None:
        parts = list(published.for_list().filter(series=series).order_by("part_number"))
    return {"series": series, "parts": parts}
