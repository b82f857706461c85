"""IPTC ninjs 3.1 ("News in JSON") for news agencies' ingest: one item per release.

Validated against the IPTC schema in tests (tests/schemas/ninjs/). Mapping:
headline and kicker (``headlines`` main/sub), lead (``descriptions``
summary), lead and body as HTML, background as text (``bodies``), the language of the text
actually delivered, ``firstCreated``/``versionCreated`` from the public change
model (public_changes.py), ``pubStatus`` usable, or canceled for a withdrawn
release (then without its text), the press office as copyright holder and
info source with its reuse terms, the contacts as ``people``, topics as
``subjects``, and each photo as an associated picture item with its
renditions and rights. ``embargoedUntil`` appears only in the item served
on an embargo link: a public URL never returns a release before its time.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape, strip_tags

from core.richtext import with_speakers
from locations.phone import e164

from .metadata import shown_language

STANDARD = {
    "name": "ninjs",
    "version": "3.1",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
}
ROLE_NAMES = {"press": "press contact", "subject": "subject contact"}


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def tag_uri(kind: str, pk: int) -> str:
    """The same stable identifier as the feeds' guid (feeds.py)."""
    return f"tag:{urlsplit(settings.SITE_URL).hostname},2019:{kind}:{pk}"


def _contact_info(phone: str, email: str) -> list[dict]:
    info = []
    if phone and (number := e164(phone)):
        info.append({"type": "phone", "role": "office", "value": number})
    if email:
        info.append({"type": "email", "role": "office", "value": email})
    return info


def _office_source(office) -> list[dict]:
    if not office:
        return []
    source = {"name": str(office), "role": "originator"}
    if office.website:
        source["uri"] = office.website
    info = [
        {"type": "phone", "role": "office", "value": number}
        for _shown, number in office.phone_numbers()
    ]
    info += _contact_info("", office.email)
    if info:
        source["contactInfo"] = info
    return [source]


def _people(release) -> list[dict]:
    people = []
    for item in release.release_contacts.all():
        person = {"name": item.contact.name or item.contact.role, "rel": ROLE_NAMES[item.role]}
        if info := _contact_info(item.contact.phone, item.contact.email):
            person["contactInfo"] = info
        people.append(person)
    return people


def _picture(asset, token: str) -> dict:
    """A photo as an associated picture item: its renditions and its own rights."""
    renditions = [
        {
            "name": "original",
            "href": absolute(asset.file_url("original", token)),
            "contentType": _content_type(asset.image.name),
            "width": asset.width,
            "height": asset.height,
        }
    ]
    for name in ("thumbnail", "medium"):
        size = (asset.renditions or {}).get(name)
        if isinstance(size, dict):
            for variant, stored in ((name, size["fallback"]), (f"{name}-webp", size["webp"])):
                renditions.append(
                    {
                        "name": variant,
                        "href": absolute(asset.file_url(variant, token)),
                        "contentType": _content_type(stored),
                        "width": size["width"],
                        "height": size["height"],
                    }
                )
    picture = {
        "name": f"picture{asset.pk}",
        "rel": "illustration",
        "uri": tag_uri("medium", asset.pk),
        "type": "picture",
        "headlines": [{"role": "main", "value": asset.title}],
        "renditions": renditions,
    }
    descriptions = [("caption", asset.caption), ("alternative text", asset.alt_text)]
    if found := [{"role": role, "value": text} for role, text in descriptions if text]:
        picture["descriptions"] = found
    optional = {
        "by": asset.creator or asset.credit,
        "copyrightHolder": asset.credit,
        "copyrightNotice": asset.copyright_notice,
        "usageTerms": asset.licence,
    }
    picture.update({key: value for key, value in optional.items() if value})
    if asset.licence_url:
        picture["rightsInfo"] = {"linkedRights": asset.licence_url}
    return picture


def _content_type(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(
        extension, "application/octet-stream"
    )


def item(release, office, *, embargo_token: str = "") -> dict:
    """The ninjs item of `release` (published, withdrawn, or on an embargo link)."""
    url = absolute(release.get_absolute_url())
    withdrawn = release.status == release.Status.WITHDRAWN
    data = {
        "standard": STANDARD,
        "uri": tag_uri("pressemitteilung", release.pk),
        "type": "text",
        "representationType": "full",
        "firstCreated": release.first_public,
        "versionCreated": (release.withdrawn_at if withdrawn else None)
        or release.last_public_change,
        "pubStatus": "canceled" if withdrawn else "usable",
        "language": shown_language(release),
        "headlines": [{"role": "main", "value": release.title}],
        "altIds": [{"role": "url", "value": url}],
        "renditions": [{"name": "html", "href": url, "contentType": "text/html"}],
        "infoSources": _office_source(office),
    }
    if office:
        data["copyrightHolder"] = office.organisation
        if office.reuse_note:
            data["usageTerms"] = office.reuse_note
    data["rightsInfo"] = {"linkedRights": absolute(reverse("pressroom:service"))}
    if embargo_token and release.embargo_until:
        data["embargoedUntil"] = release.embargo_until
    if withdrawn:
        return data  # a cancelled item carries no text to publish
    if release.kicker:
        data["headlines"].append({"role": "sub", "value": release.kicker})
    if release.lead:
        data["descriptions"] = [{"role": "summary", "value": strip_tags(release.lead)}]
    # The whole text: the lead is its first paragraph (and also the summary above).
    lead = f"<p>{escape(strip_tags(release.lead))}</p>" if release.lead else ""
    body = with_speakers(release.body)
    data["bodies"] = [{"role": "main", "contentType": "text/html", "value": lead + body}]
    if release.background_text:
        title = release.background_title
        data["bodies"].append(
            {
                "role": "background",
                "contentType": "text/plain",
                "value": f"{title}\n\n{release.background_text}"
                if title
                else release.background_text,
            }
        )
    optional = {"located": release.dateline, "edNote": release.editors_note}
    data.update({key: value for key, value in optional.items() if value})
    if people := _people(release):
        data["people"] = people
    if subjects := [
        {"name": topic.name, "uri": absolute(topic.get_absolute_url())}
        for topic in release.topics.all()
    ]:
        data["subjects"] = subjects
    if pictures := [_picture(link.asset, embargo_token) for link in release.release_media.all()]:
        data["associations"] = pictures
    return data
