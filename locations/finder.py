"""Which office is mine? From a postcode, a town or a district to the responsible office.

Tolerant of case, spaces, punctuation and the spellings of umlauts. A
qualifier in brackets or after a hyphen/slash ("Oeding (Südlohn)",
"Gronau-Epe", "Heek/Nienborg", "Ahaus (Münsterland)") is accepted when it
names the town, one of its districts or a region containing it; one naming
another region ("Borken (Hessen)") means "not ours". A name twice in the
county asks; a near miss offers "Meinten Sie …?"; nothing is guessed silently.
"""

import difflib
import enum
import re
from dataclasses import dataclass, field

from core.memo import per_generation

from . import place_index
from .finder_text import (
    COUNTY_NAMES,
    COUNTY_WORDS,
    OTHER_REGIONS,
    REGIONAL_QUALIFIERS,
    TOWN_CENTRE_WORDS,
    address_candidates,
    without_region,
)
from .place_index import OutsidePlace, Place, PlaceIndex, place_key

MAX_QUERY_LENGTH = 100
POSTCODE = re.compile(r"\b(\d{5})\b")
SPACED_POSTCODE = re.compile(r"\b(\d{2}) (\d{3})\b")  # "46 397"
# "7101 AB", also inside an address ("7101AB Winterswijk").
DUTCH_POSTCODE = re.compile(r"(?:^|[\s,])\d{4}\s?[A-Za-z]{2}(?:$|[\s,])")
BRACKETS = re.compile(r"^(?P<base>[^(]+?)\s*\((?P<qualifier>.*)\)\s*$")
PREFIXES = re.compile(r"^(stadt|gemeinde|ortsteil|ot|stadtteil|bauerschaft)\s+", re.IGNORECASE)
FUZZY_CUTOFF = 0.75
TOWN_CUTOFF = 0.8  # stricter for a place we know is outside: only a one-letter slip
MAX_SUGGESTIONS = 5


class Kind(enum.StrEnum):
    FOUND = "found"
    OUTSIDE = "outside"
    AMBIGUOUS = "ambiguous"  # the name exists twice in the county: ask
    CONFLICT = "conflict"  # the postcode and the place name belong to two towns: ask
    COUNTY = "county"  # the county itself ("Kreis Borken"): ask which of its 17 towns
    UNKNOWN = "unknown"  # a form message, with "Meinten Sie …?" if anything is close


@dataclass
class Answer:
    query: str
    kind: Kind
    place: Place | None = None
    outside_place: OutsidePlace | None = None  # when a known place outside matched
    choices: list[str] = field(default_factory=list)  # AMBIGUOUS: labels to pick from
    suggestions: list[str] = field(default_factory=list)  # "Meinten Sie …?"
    namesakes: list[OutsidePlace] = field(default_factory=list)  # same name elsewhere
    postcode: str = ""  # CONFLICT: the postcode typed
    municipality: object = None  # loaded by find()

    @property
    def found(self) -> bool:
        return self.kind == Kind.FOUND

    @property
    def outside(self) -> bool:
        return self.kind == Kind.OUTSIDE

    @property
    def ambiguous(self) -> bool:
        return self.kind in (Kind.AMBIGUOUS, Kind.COUNTY, Kind.CONFLICT)

    @property
    def conflict(self) -> bool:
        return self.kind == Kind.CONFLICT

    @property
    def whole_county(self) -> bool:
        return self.kind == Kind.COUNTY

    @property
    def matched(self) -> str:
        """The district that matched, if not the town itself."""
        return self.place.district if self.place else ""

    @property
    def office(self):
        office = getattr(self.municipality, "office", None) if self.municipality else None
        return office if office is not None and office.is_active else None


def _plausible_postcode(code: str) -> bool:
    return "01001" <= code <= "99998"


def _targets(query: str, places: list[Place], namesakes=()) -> Answer:
    """One town answers (a district of it if one matched); several towns: ask."""
    by_town: dict[int, Place] = {}
    for place in places:
        known = by_town.get(place.municipality_id)
        if known is None:
            by_town[place.municipality_id] = place
        elif known != place:  # "Kirchspiel Gemen": two districts of Borken, so Borken
            by_town[place.municipality_id] = Place(place.municipality_id, place.municipality)
    if len(by_town) == 1:
        (place,) = by_town.values()
        return Answer(query, Kind.FOUND, place=place, namesakes=list(namesakes))
    choices = sorted(p.label for p in by_town.values())
    return Answer(query, Kind.AMBIGUOUS, choices=choices, namesakes=list(namesakes))


def _splits(name: str):
    """(place, qualifier, strict) readings of a qualified name, most specific first.

    Brackets are strict: an unknown qualifier there names another region; after
    a comma only a German state or a country does ("Borken, Sachsen"). Hyphens,
    slashes and spaces are read both ways round ("Gronau-Epe", "Epe-Gronau") and
    are not strict ("Bocholt-Süd-Ost" is no other region).
    """
    if match := BRACKETS.match(name):
        yield match["base"], _county(match["qualifier"]), True
    if "," in name:
        base, _sep, qualifier = name.partition(",")
        yield base, _county(qualifier), place_key(qualifier) in OTHER_REGIONS
    for separator in ("/", "-", " "):
        parts = name.split(separator)
        for i in range(1, len(parts)):
            left, right = separator.join(parts[:i]), separator.join(parts[i:])
            yield left, right, False
            yield right, left, False


def _county(qualifier: str) -> str:
    return "Kreis Borken" if place_key(qualifier) in COUNTY_WORDS else qualifier


def resolve(query: str, index: PlaceIndex) -> Answer:
    """The answer for a cleaned query, from the index alone (no database access)."""
    if match := POSTCODE.search(SPACED_POSTCODE.sub(r"\1\2", query)):
        code = match[1]
        if code in index.by_code:
            return _postcode_and_name(query, index.by_code[code], match, index)
        if _plausible_postcode(code):
            return Answer(query, Kind.OUTSIDE)
        return Answer(query, Kind.UNKNOWN)
    if DUTCH_POSTCODE.search(query):
        return Answer(query, Kind.OUTSIDE, outside_place=OutsidePlace(query, "NL", ""))
    name = PREFIXES.sub("", query).strip()
    key = place_key(name)
    if key in index.by_key:
        return _targets(query, index.by_key[key], index.namesakes.get(key, ()))
    if key in COUNTY_NAMES:  # the county, not a town: every town is a choice
        return Answer(query, Kind.COUNTY, choices=sorted(set(index.town_names.values())))
    if key in index.outside:
        return _outside(query, index.outside[key], index)
    # "Bocholt, NRW, Deutschland" and "Markt 1, Borken": QA 3 saw "liegt nicht im
    # Kreis Borken" and "nicht gefunden"; only a reading that names a place counts.
    readings = [without_region(name, REGIONAL_QUALIFIERS)]
    readings = [r for r in readings if r != name] + address_candidates(name)
    for reading in readings:
        answer = resolve(reading, index)
        if answer.kind in (Kind.FOUND, Kind.AMBIGUOUS) or _known_outside(answer):
            answer.query = query
            return answer
    hints: list[str] = []
    other_region = None
    outside_base = None
    for base, qualifier, strict in _splits(name):
        places = index.by_key.get(place_key(base))
        if not places and outside_base is None:  # "Winterswijk NL", "Coesfeld (Westf.)"
            outside_base = index.outside.get(place_key(base))
        if not places or not place_key(qualifier):
            continue
        qualifier_key = place_key(PREFIXES.sub("", qualifier.strip()))
        if qualifier_key in REGIONAL_QUALIFIERS or qualifier_key in TOWN_CENTRE_WORDS:
            return _targets(query, places)
        if narrowed := _narrow(places, qualifier_key, index):
            return _targets(query, narrowed)
        hints += [p.label for p in places]
        if qualifier_key in index.by_key:  # "Epe (Ahaus)": two places that do not fit
            hints += [p.label for p in index.by_key[qualifier_key]]
        elif strict and other_region is None:
            other_region = index.outside.get(place_key(name))
            other_region = other_region or OutsidePlace(query, "", qualifier.strip())
    if other_region is not None:  # "Borken (Hessen)", "Rhede (Ems)"
        return Answer(query, Kind.OUTSIDE, outside_place=other_region, suggestions=_unique(hints))
    if outside_base is not None and not hints:
        return _outside(query, outside_base, index)
    close = _starting_with(key, index) + _close(key, index)
    return Answer(query, Kind.UNKNOWN, suggestions=_unique(hints + close))


def _postcode_and_name(query: str, by_code: Place, match, index: PlaceIndex) -> Answer:
    """A postcode with a place name: the name's district if both agree; if they name
    two towns ("46325 Bocholt": 46325 is Borken), ask rather than pick one."""
    rest = f"{match.string[: match.start()]} {match.string[match.end() :]}".strip(" ,;")
    named = resolve(rest, index) if place_key(rest) and not POSTCODE.search(rest) else None
    if named is None or not named.found:
        return Answer(query, Kind.FOUND, place=by_code)
    if named.place.municipality_id == by_code.municipality_id:  # "48599 Epe"
        return Answer(query, Kind.FOUND, place=named.place, namesakes=named.namesakes)
    choices = [by_code.label, named.place.label]
    return Answer(query, Kind.CONFLICT, place=by_code, choices=choices, postcode=match[1])


def _known_outside(answer: Answer) -> bool:
    """A place in our list of places outside, not just "some other region"."""
    return (
        answer.outside and answer.outside_place is not None and bool(answer.outside_place.country)
    )


def _narrow(places: list[Place], qualifier_key: str, index: PlaceIndex) -> list[Place]:
    """The places whose town the qualifier names (the town or one of its districts)."""
    narrowed = []
    for place in places:
        if qualifier_key not in index.town_keys.get(place.municipality_id, set()):
            continue
        if not place.district:  # "Gronau-Epe": the district named in the qualifier
            inner = [
                p
                for p in index.by_key.get(qualifier_key, [])
                if p.municipality_id == place.municipality_id and p.district
            ]
            place = inner[0] if len(inner) == 1 else place
        narrowed.append(place)
    return narrowed


def _outside(query: str, place: OutsidePlace, index: PlaceIndex) -> Answer:
    hints = []
    if place.mistaken_for:  # "Ahausen": perhaps Ahaus was meant
        hints = [p.label for p in index.by_key.get(place_key(place.mistaken_for), [])]
    # "Rhade" (Dorsten) is one letter from Rhede: offer the town, never a district.
    towns = index.town_names
    close = difflib.get_close_matches(place_key(query), towns, MAX_SUGGESTIONS, TOWN_CUTOFF)
    hints += [towns[k] for k in close if towns[k] not in hints]
    return Answer(query, Kind.OUTSIDE, outside_place=place, suggestions=hints[:MAX_SUGGESTIONS])


def _starting_with(key: str, index: PlaceIndex) -> list[str]:
    """A name cut short ("wes" → Weseke, Wessum): what the combobox offers, without JavaScript."""
    if len(key) < 3:
        return []
    hits = sorted(
        (s for s in index.suggestions if s.name_key.startswith(key)),
        key=lambda s: (not s.is_town, s.name_key),
    )
    return [s.value if s.is_town else s.label for s in hits]


def _close(key: str, index: PlaceIndex) -> list[str]:
    """Near misses ("Bochold" → Bocholt), by difflib's ratio on the folded names."""
    if len(key) < 3:
        return []
    keys = difflib.get_close_matches(key, index.fuzzy_labels, MAX_SUGGESTIONS, FUZZY_CUTOFF)
    return [index.fuzzy_labels[k] for k in keys if k != key]


def _unique(labels: list[str]) -> list[str]:
    return list(dict.fromkeys(labels))[:MAX_SUGGESTIONS]


@per_generation
def _municipality(pk: int):
    """A town with its office (memoised: core.memo; a few dozen towns, any number of queries)."""
    from .models import Municipality

    return Municipality.objects.select_related("office").filter(pk=pk).first()


def find(query: str) -> Answer:
    """The answer for a cleaned query, with the town (and its office) loaded when found."""
    answer = resolve(query, place_index.current())
    if answer.found:
        answer.municipality = _municipality(answer.place.municipality_id)
    return answer


def suggest(query: str, limit: int = 8) -> list[dict]:
    """Towns, districts and postcodes starting with the query, for the combobox."""
    key = place_key(query)
    if not key or len(query) > MAX_QUERY_LENGTH:
        return []
    ranked = []
    for suggestion in place_index.current().suggestions:
        # Towns named so first, then districts named so, then other forms and postcodes
        # ("Sued" is Südlohn before the "Südlohn-Brink" form of a Bauerschaft).
        if suggestion.name_key.startswith(key):
            tier = 0 if suggestion.is_town else 1
        elif any(k.startswith(key) for k in suggestion.keys):
            tier = 2
        else:
            continue
        ranked.append((tier, place_key(suggestion.value), suggestion))
    ranked.sort(key=lambda item: item[:2])
    return [{"value": s.value, "label": s.label} for _tier, _key, s in ranked[:limit]]
