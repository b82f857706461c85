"""schema.org GovernmentOffice as JSON-LD, for search engines and assistants."""

from .phone import e164

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


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


def government_office(office, url: str, hours, closures, holidays, fallback=None) -> dict:
    """`fallback`: the county office, named as the contact point when the phone is unknown."""
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
    elif fallback is not None and fallback.phone and fallback != office:
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "name": fallback.name,
            "telephone": e164(fallback.phone),
            "description": "Die Telefonnummer dieses Standorts ist nicht bekannt.",
        }
    if office.fax:
        data["faxNumber"] = e164(office.fax)
    if office.email:
        data["email"] = office.email
    if hours:
        data["openingHoursSpecification"] = _hours(hours)
    if special := _special(closures, holidays):
        data["specialOpeningHoursSpecification"] = special
    return data


def government_service(service, channels, url: str, county_office=None) -> dict:
    """schema.org GovernmentService with one ServiceChannel per way to use it."""
    provider = {"@type": "GovernmentOrganization", "name": "Jobcenter im Kreis Borken"}
    if county_office is not None and county_office.phone:
        provider["telephone"] = e164(county_office.phone)
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": str(service.title),
        "description": str(service.summary),
        "url": url,
        "serviceType": "Grundsicherung für Arbeitsuchende (SGB II)",
        "provider": provider,
        "areaServed": {"@type": "AdministrativeArea", "name": "Kreis Borken"},
    }
    items = []
    for channel in channels:
        item = {"@type": "ServiceChannel", "name": str(channel.get_kind_display())}
        if channel.description:
            item["description"] = str(channel.description)
        if channel.url:
            item["serviceUrl"] = channel.url
        items.append(item)
    if items:
        data["availableChannel"] = items
    return data
