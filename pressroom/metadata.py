"""Machine-readable metadata for a release page: JSON-LD NewsArticle."""

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from locations.jsonld import json_for_script


def release_json_ld(request, release) -> SafeString:
    url = settings.SITE_URL + release.get_absolute_url()
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.title,
        "description": strip_tags(release.lead or ""),
        "inLanguage": get_language(),
        "mainEntityOfPage": url,
        "url": url,
        "datePublished": release.public_since,
        "dateModified": release.updated_at,
        "publisher": {"@type": "GovernmentOrganization", "name": "Kreis Borken"},
    }
    if release.series_id:
        data["isPartOf"] = {
            "@type": "CreativeWorkSeries",
            "name": release.series.title,
            "url": settings.SITE_URL + release.series.get_absolute_url(),
        }
        if release.part_number:
            data["position"] = release.part_number
    return json_for_script(data)
