"""Which office is mine? From a postcode, a town or a district to the responsible office.

Tolerant of case, spaces, punctuation and the spellings of umlauts
("Südlohn", "Suedlohn", "Sudlohn"): names and queries are folded alike.
A postcode or a qualified name outside the county ("34582", "Borken (Hessen)")
gets a clear "not responsible" answer; anything else unknown is a form message.
"""

import re
import unicodedata
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Municipality

# The Federal Employment Agency's office search (Jobcenter and Agenturen für Arbeit).
BA_OFFICE_SEARCH_URL = "https://web.arbeitsagentur.de/portal/metasuche/suche/dienststellen"
MAX_QUERY_LENGTH = 100
POSTCODE = re.compile(r"\b(\d{5})\b")
# "Gronau (Westf.)", "Gronau/Westf.", "Borken, Hessen": a name and a qualifier.
QUALIFIED = re.compile(r"^(?P<base>[^(/,]+?)\s*[(/,]\s*(?P<qualifier>[^)]*)\)?\s*$")
# Qualifiers that still mean this region ("Borken (Westf.)", "Reken NRW").
REGIONAL_QUALIFIERS = {"westf", "westfalen", "nrw", "nordrheinwestfalen", "kreisborken"}
PREFIXES = re.compile(r"^(stadt|gemeinde|ortsteil)\s+", re.IGNORECASE)
UMLAUTS = {"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ae": "a", "oe": "o", "ue": "u"}


def fold(text: str) -> str:
    """A comparison key: "Südlohn", "Suedlohn", "SUDLOHN" and "Süd-lohn" fold alike."""
    text = text.casefold()
    for umlaut, plain in UMLAUTS.items():
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum() and ch.isascii())


class FinderForm(forms.Form):
    q = forms.CharField(
        label=_("Postleitzahl, Stadt, Gemeinde oder Ortsteil"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Bitte geben Sie eine Postleitzahl oder einen Ort ein."),
            "max_length": _("Bitte geben Sie nur eine Postleitzahl oder einen Ortsnamen ein."),
        },
    )

    def clean_q(self) -> str:
        q = " ".join(self.cleaned_data["q"].split())
        if not fold(q):
            raise forms.ValidationError(
                _("Bitte geben Sie eine Postleitzahl oder einen Ortsnamen ein.")
            )
        if q.isdigit() and len(q) != 5:
            raise forms.ValidationError(_("Eine Postleitzahl hat fünf Ziffern."))
        return q

    @staticmethod
    def not_found_message(query: str) -> str:
        return _(
            "Zu „%(query)s“ haben wir keine Postleitzahl, keine Stadt und keinen Ortsteil "
            "im Kreis Borken gefunden. Bitte prüfen Sie die Schreibweise oder geben Sie "
            "Ihre Postleitzahl ein."
        ) % {"query": query}


@dataclass
class Answer:
    """What the finder says: a municipality in the county, or outside, or not found."""

    query: str
    municipality: Municipality | None = None
    matched: str = ""  # the postcode or district that matched, if not the town itself
    outside: bool = False

    @property
    def office(self):
        office = getattr(self.municipality, "office", None) if self.municipality else None
        return office if office is not None and office.is_active else None

    @property
    def found(self) -> bool:
        return self.municipality is not None


def _index(municipalities) -> tuple[dict, dict]:
    """Two lookups: postcode → (municipality, code) and folded name → (municipality, name)."""
    by_code, by_name = {}, {}
    for town in municipalities:
        for postcode in town.postcodes.all():
            by_code[postcode.code] = (town, postcode.code)
        by_name[fold(town.name)] = (town, "")
        if base := QUALIFIED.match(town.name):
            by_name.setdefault(fold(base["base"]), (town, ""))
        for district in town.districts.all():
            by_name.setdefault(fold(district.name), (town, district.name))
    return by_code, by_name


def _plausible_postcode(code: str) -> bool:
    return "01001" <= code <= "99998"


def find(query: str, municipalities=None) -> Answer | None:
    """The answer for a cleaned query; None means "not recognised" (a form message)."""
    if municipalities is None:
        municipalities = Municipality.objects.select_related("office").prefetch_related(
            "postcodes", "districts"
        )
    by_code, by_name = _index(municipalities)
    if code := POSTCODE.search(query):
        code = code[1]
        if code in by_code:
            town, matched = by_code[code]
            return Answer(query, town, matched)
        return Answer(query, outside=True) if _plausible_postcode(code) else None
    name = PREFIXES.sub("", query)
    if fold(name) in by_name:
        town, matched = by_name[fold(name)]
        return Answer(query, town, matched)
    qualified = QUALIFIED.match(name)
    if qualified and fold(qualified["base"]) in by_name:
        town, matched = by_name[fold(qualified["base"])]
        if fold(qualified["qualifier"]) in REGIONAL_QUALIFIERS:
            return Answer(query, town, matched)
        # Same name, another region: Borken (Hessen), Gronau (Leine), Rhede (Ems).
        return Answer(query, outside=True)
    return None


def suggest(query: str, limit: int = 8) -> list[dict]:
    """Towns, districts and postcodes starting with the query, for the combobox."""
    key = fold(query)
    if not key or len(query) > MAX_QUERY_LENGTH:
        return []
    towns = Municipality.objects.prefetch_related("postcodes", "districts")
    found = []
    for town in towns:
        codes = [p.code for p in town.postcodes.all()]
        if fold(town.name).startswith(key) or any(c.startswith(key) for c in codes):
            found.append({"value": town.name, "label": f"{town.name} ({', '.join(codes)})"})
        for district in town.districts.all():
            if fold(district.name).startswith(key):
                found.append({"value": district.name, "label": f"{district.name} ({town.name})"})
    return sorted(found, key=lambda s: fold(s["value"]))[:limit]
