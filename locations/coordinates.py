"""Coordinates the county can have, typed the German way.

The bounding box comes from the real coordinates in fixtures/demo_locations.json
(the centres of all 17 towns and municipalities of the Kreis Borken: latitude
51.767–52.212, longitude 6.465–7.233) plus a margin of 0.1° (about 11 km
north–south, 7 km east–west), so an office near the county line still fits and
a typo (151.5, 686) does not.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LATITUDE_RANGE = (Decimal("51.66"), Decimal("52.32"))
LONGITUDE_RANGE = (Decimal("6.36"), Decimal("7.34"))


def parse_decimal(text) -> Decimal | None:
    """ "6,86" and "6.86" → Decimal("6.86"); a thousands separator is no coordinate."""
    if text in (None, ""):
        return None
    if isinstance(text, Decimal | int | float):
        return Decimal(str(text))
    value = str(text).strip().replace(" ", "")
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValidationError(_("Bitte eine Zahl eingeben, z. B. 51,84 oder 6,86.")) from None


def check_in_county(latitude, longitude) -> dict:
    """Field errors for coordinates outside the county (empty dict when fine)."""
    errors = {}
    for name, value, (low, high), label in (
        ("latitude", latitude, LATITUDE_RANGE, _("Breitengrad")),
        ("longitude", longitude, LONGITUDE_RANGE, _("Längengrad")),
    ):
        if value is not None and not low <= Decimal(value) <= high:
            errors[name] = _(
                "%(label)s %(value)s liegt nicht im Kreis Borken (erlaubt: %(low)s bis %(high)s). "
                "Breiten- und Längengrad vertauscht oder Komma vergessen?"
            ) % {
                "label": label,
                "value": str(value).replace(".", ","),
                "low": str(low).replace(".", ","),
                "high": str(high).replace(".", ","),
            }
    return errors


class CoordinateField(forms.DecimalField):
    """A decimal field that takes "6,86" as well as "6.86" (never 686)."""

    def to_python(self, value):
        value = parse_decimal(value)
        return super().to_python(value)
