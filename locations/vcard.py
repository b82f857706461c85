"""vCard 3.0 (RFC 2426/6350 escaping) for offices and contact persons.

Written by hand because it is small: escape backslash, comma, semicolon and
newlines in values, fold lines at 75 octets without splitting a UTF-8
character, and end every line with CRLF.
"""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .phone import e164


def escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold_line(line: str, limit: int = 75) -> str:
    """Fold a content line into chunks of at most `limit` octets (continuations start with a space)."""
    chunks, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            chunks.append(current)
            current, size = " ", 1
        current += char
        size += width
    chunks.append(current)
    return "\r\n".join(chunks)


def render(lines: list[tuple[str, str]]) -> str:
    """lines: (property with parameters, already escaped value)."""
    body = [("BEGIN", "VCARD"), ("VERSION", "3.0"), *lines, ("END", "VCARD")]
    return "".join(fold_line(f"{prop}:{value}") + "\r\n" for prop, value in body)


def _phones(phone: str, fax: str = "") -> list[tuple[str, str]]:
    lines = []
    if phone:
        lines.append(("TEL;TYPE=WORK,VOICE", e164(phone)))
    if fax:
        lines.append(("TEL;TYPE=WORK,FAX", e164(fax)))
    return lines


def office_vcard(office, url: str, fallback=None) -> str:
    """`fallback`: the county office, whose number stands in for a missing one (and says so)."""
    # N stays empty: an organisation's card (vCard 3.0 has no KIND property).
    lines = [("FN", escape(office.name)), ("N", ";;;;"), ("ORG", escape(office.name))]
    if office.street or office.postcode or office.city:
        adr = ";".join(["", "", escape(office.street), escape(office.city), "", office.postcode])
        lines.append(("ADR;TYPE=WORK", f"{adr};{escape('Deutschland')}"))
    lines += _phones(office.phone, office.fax)
    if office.email:
        lines.append(("EMAIL;TYPE=WORK", escape(office.email)))
    if not office.phone and fallback is not None and fallback.phone:
        lines.append(("TEL;TYPE=WORK,VOICE", e164(fallback.phone)))
        # In the card's language, like its names ("die des مركز …" mixed two).
        note = _(
            "Die Telefonnummer dieses Standorts ist nicht bekannt. Angegeben ist die "
            "Nummer von: %(name)s, %(phone)s."
        ) % {"name": fallback.name, "phone": fallback.phone}
        lines.append(("NOTE", escape(note)))
    lines.append(("URL", escape(url)))
    return render(lines)


def contact_vcard(contact, url: str) -> str:
    organisation = contact.organisation or (contact.office.name if contact.office else "")
    full_name = contact.name or contact.role
    lines = [("FN", escape(full_name))]
    if contact.name:
        given, _, family = contact.name.rpartition(" ")
        lines.append(("N", f"{escape(family)};{escape(given)};;;"))
    else:
        lines.append(("N", ";;;;"))
    lines.append(("TITLE", escape(contact.role)))
    if organisation:
        lines.append(("ORG", escape(organisation)))
    lines += _phones(contact.phone)
    if contact.email:
        lines.append(("EMAIL;TYPE=WORK", escape(contact.email)))
    lines.append(("URL", escape(url)))
    return render(lines)


def filename(name: str) -> str:
    return f"{slugify(name) or 'kontakt'}.vcf"
