"""Machine-readable metadata for a release page: JSON-LD NewsArticle."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# As Django's json_script: inside <script>, "<", ">" and "&" must not appear raw,
# or "</script>" in a title would end the data block.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(data: dict) -> SafeString:
    return mark_safe(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    )


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
