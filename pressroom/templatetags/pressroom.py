"""Press widgets for other pages ({% load pressroom %})."""

from django import template

from .. import shared_context

register = template.Library()


@register.inclusion_tag("pressroom/includes/latest_releases.html")
def latest_releases(count: int = 3):
    """The newest published releases (one query, memoised per content generation)."""
    return {"releases": shared_context.latest_releases(int(count))}


@register.inclusion_tag("pressroom/includes/town_releases.html")
def town_releases(municipality, count: int = 3):
    """The newest published releases about one town (one query, memoised), for its office page."""
    releases = shared_context.town_releases(municipality.pk, int(count))
    return {"releases": releases, "town": municipality}


@register.inclusion_tag("pressroom/includes/series_teaser.html")
def series_teaser():
    """The newest series that has a published part, with its published parts."""
    series, parts = shared_context.series_teaser()
    return {"series": series, "parts": parts}


@register.simple_tag
def rendition(asset, name: str, embargo_token: str = ""):
    """A rendition's URLs and size; an embargo page passes its token so the files load."""
    return asset.rendition(name, embargo_token)


@register.inclusion_tag("pressroom/includes/older_terms_note.html")
def older_terms_note(release):
    """A release older than the last change of terms says its words are those of its day."""
    from core.terms import change_since
    from core.tz import BERLIN

    if not release.public_since:
        return {"change": None}
    published = release.public_since.astimezone(BERLIN).date()
    change = change_since(published)
    return {"change": change, "published": published}
