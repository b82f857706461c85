"""schema.org GovernmentOffice as JSON-LD, for search engines and assistants."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .phone import e164

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# json_script's escapes: nothing in the data can close the <script> element.
ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _hours(hours) -> list[dict]:
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{DAYS[h.weekday]}",
            "opens": f"{h.opens:%H:%M}",
            "closes": f"{h.closes:%H:%M}",
            **({"description": "nur mit Termin"} if h.by_appointment_only else {}),
        }
        for h in hours
    ]


def _special(closures, holidays) -> list[dict]:
    """Closures and holidays; closed all day is opens = closes = 00:00 (schema.org's convention)."""
    specs = []
    for closure in closures:
        opens = f"{closure.special_opens:%H:%M}" if closure.has_special_hours else "00:00"
        closes = f"{closure.special_closes:%H:%M}" if closure.has_special_hours else "00:00"
        specs.append(_day_spec(closure.starts_on, closure.ends_on, opens, closes, closure.reason))
    for holiday in holidays:
        specs.append(_day_spec(holiday.day, holiday.day, "00:00", "00:00", holiday.reason))
    return specs


def _day_spec(starts, ends, opens, closes, reason) -> dict:
    return {
        "@type": "OpeningHoursSpecification",
        "validFrom": starts.isoformat(),
        "validThrough": ends.isoformat(),
        "opens": opens,
        "closes": closes,
        "description": str(reason),
    }


def government_office(office, url: str, hours, closures, holidays) -> dict:
    data = {"@context": "https://schema.org", "@type": "GovernmentOffice"}
    data.update(name=office.name, url=url)
    if office.street or office.city:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": office.street,
            "postalCode": office.postcode,
            "addressLocality": office.city,
            "addressCountry": "DE",
        }
    if office.phone:
        data["telephone"] = e164(office.phone)
    if office.fax:
        data["faxNumber"] = e164(office.fax)
    if office.email:
        data["email"] = office.email
    if hours:
        data["openingHoursSpecification"] = _hours(hours)
    if special := _special(closures, holidays):
        data["specialOpeningHoursSpecification"] = special
    return data


def json_for_script(data: dict) -> SafeString:
    """JSON safe inside <script> (dates as ISO 8601); the one escaper of the site."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(ESCAPES))


def script_tag(data: dict):
    return format_html('<script type="application/ld+json">{}</script>', json_for_script(data))
