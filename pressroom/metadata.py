"""Structured data (schema.org JSON-LD) for the press pages.

NewsArticle on a release page, CreativeWorkSeries on a series page,
ImageObject on a media page. Dates follow the public change model
(public_changes.py); ``inLanguage`` is the language of the text actually
shown, so a German text on /tr/ says "de". Empty values are dropped by
``core.jsonld.prune`` (inside ``script_tag``).
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import get_language

from core.jsonld import script_tag

from .models import SOURCE_LANGUAGE

LOGO = ("img/logo-512.png", 512, 512)  # rasterised from favicon.svg (bench/make_icons.py)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def shown_language(obj) -> str:
    """The language of the content on the page: the request's, or German as the fallback."""
    language = get_language()
    return language if language in obj.languages() else SOURCE_LANGUAGE


def press_office(office) -> dict:
    """The press office as the publishing GovernmentOrganization, with the site's logo."""
    path, width, height = LOGO
    return {
        "@type": "GovernmentOrganization",
        "name": office.organisation if office else "Kreis Borken",
        "department": (
            {"@type": "Organization", "name": office.department}
            if office and office.department
            else None
        ),
        "url": (office.website if office else "") or absolute(reverse("pressroom:list")),
        "email": office.email if office else None,
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static(path)),
            "width": width,
            "height": height,
        },
    }


def image_object(asset, rendition=None) -> dict:
    """An image with its rights (credit, copyright, licence, creator)."""
    size = rendition or asset.medium or {}
    url = size.get("fallback_url") or asset.original_url
    return {
        "@type": "ImageObject",
        "contentUrl": absolute(url),
        "url": absolute(url),
        "width": size.get("width") or asset.width,
        "height": size.get("height") or asset.height,
        "name": asset.title,
        "caption": asset.caption,
        "description": asset.alt_text,
        "creditText": asset.credit,
        "copyrightNotice": asset.copyright_notice,
        "license": asset.licence_url,
        "usageInfo": asset.licence,
        "acquireLicensePage": absolute(reverse("pressroom:service")),
        "creator": {"@type": "Person", "name": asset.creator} if asset.creator else None,
    }


def release_json_ld(release, office):
    url = absolute(release.get_absolute_url())
    contacts = [
        {"@type": "Person", "name": item.contact.name, "jobTitle": item.contact.role}
        for item in release.release_contacts.all()
        if item.role == item.Role.PRESS
    ]
    first = next(iter(release.release_media.all()), None)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.title,
        "alternativeHeadline": release.kicker,
        "description": strip_tags(release.lead or ""),
        "inLanguage": shown_language(release),
        "mainEntityOfPage": url,
        "url": url,
        "datePublished": release.first_public,
        "dateModified": release.last_public_change,
        "author": [press_office(office), *contacts],
        "publisher": press_office(office),
        "image": image_object(first.asset) if first else None,
        "dateline": release.dateline,
    }
    if release.series_id:
        data["isPartOf"] = {
            "@type": "CreativeWorkSeries",
            "name": release.series.title,
            "url": absolute(release.series.get_absolute_url()),
        }
        data["position"] = release.part_number
    return script_tag(data)


def series_json_ld(series, parts):
    return script_tag(
        {
            "@context": "https://schema.org",
            "@type": "CreativeWorkSeries",
            "name": series.title,
            "alternateName": series.campaign,
            "description": series.description,
            "url": absolute(series.get_absolute_url()),
            "startDate": series.starts_on,
            "endDate": series.ends_on,
            "hasPart": [
                {
                    "@type": "NewsArticle",
                    "headline": part.title,
                    "url": absolute(part.get_absolute_url()),
                    "datePublished": part.first_public,
                    "position": part.part_number,
                }
                for part in parts
            ],
        }
    )


def media_json_ld(asset):
    return script_tag({"@context": "https://schema.org", **image_object(asset)})
