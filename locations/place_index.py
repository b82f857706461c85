"""One index of every place name the finder and the suggestion list know.

Built from the database (towns, postcodes, districts with their alternative
forms) and from data/places_outside.csv, once per process and data
generation: a save or delete of a town, postcode or district replaces the
generation token in the default cache, and every process rebuilds on its next
request. MAX_AGE bounds the lifetime where the cache is per process (no Redis).
"""

import csv
import re
import time
import unicodedata
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache

from .districts_data import DATA_DIR

OUTSIDE_CSV = DATA_DIR / "places_outside.csv"
GENERATION_KEY = "locations:place-index:generation"
MAX_AGE = 600  # seconds
UMLAUTS = {"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ae": "a", "oe": "o", "ue": "u"}
# Postcodes for PO boxes only: no street has them, but letters and forms do
# (facts/README.md: "Südlohn's 46350 is PO boxes"). Never shown as a town's postcode.
PO_BOX_POSTCODES = {"46350": "suedlohn"}
BRACKETED = re.compile(r"^(?P<base>.+?)\s*\((?P<inner>.*)\)\s*$")


def place_key(text: str) -> str:
    """A place name's lookup key: "Südlohn", "Suedlohn", "SUDLOHN" and "Süd-lohn" match."""
    text = text.casefold()
    for umlaut, plain in UMLAUTS.items():
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum() and ch.isascii())


def short_name(name: str) -> str:
    """ "Gronau (Westf.)" → "Gronau"."""
    match = BRACKETED.match(name)
    return match["base"] if match else name


@dataclass(frozen=True)
class Place:
    """A place inside the county: a town, or one of its districts."""

    municipality_id: int
    municipality: str
    district: str = ""  # "" for the town itself

    @property
    def label(self) -> str:
        if not self.district:
            return self.municipality
        return f"{short_name(self.district)} ({short_name(self.municipality)})"


@dataclass(frozen=True)
class OutsidePlace:
    name: str
    country: str  # DE, NL, BE, CH
    region: str
    mistaken_for: str = ""  # an in-county name it is easily confused with

    @property
    def display_name(self) -> str:
        """ "Dorsten (incl. Lembeck, Rhade, Wulfen)" → "Dorsten"."""
        match = BRACKETED.match(self.name)
        return match["base"] if match and match["inner"].startswith("incl.") else self.name

    @property
    def region_text(self) -> str:
        """ "Hessen (Schwalm-Eder-Kreis)" → "Hessen, Schwalm-Eder-Kreis": no brackets in brackets."""
        base, bracket, rest = self.region.partition(" (")
        return f"{base}, {rest.removesuffix(')')}" if bracket else self.region

    @property
    def is_dutch(self) -> bool:
        return self.country == "NL"


@dataclass(frozen=True)
class Suggestion:
    value: str
    label: str
    keys: tuple[str, ...]  # every folded form and postcode that finds it
    name_key: str = ""  # the folded name itself: ranks before other forms
    is_town: bool = False


@dataclass
class PlaceIndex:
    by_code: dict[str, Place] = field(default_factory=dict)
    by_key: dict[str, list[Place]] = field(default_factory=dict)
    # folded names of a town, its districts and their forms: qualifiers that
    # confirm the town ("Oeding (Südlohn)", "Heek/Nienborg")
    town_keys: dict[int, set[str]] = field(default_factory=dict)
    outside: dict[str, OutsidePlace] = field(default_factory=dict)
    # "Epe", "Heiden": outside places whose bare name is also a place here
    namesakes: dict[str, list[OutsidePlace]] = field(default_factory=dict)
    suggestions: list[Suggestion] = field(default_factory=list)
    # folded key → the label a "Meinten Sie …?" link shows
    fuzzy_labels: dict[str, str] = field(default_factory=dict)
    town_names: dict[str, str] = field(default_factory=dict)  # folded → "Rhede"

    def add(self, text: str, place: Place) -> None:
        key = place_key(text)
        if not key:
            return
        targets = self.by_key.setdefault(key, [])
        if place not in targets:
            targets.append(place)
        self.town_keys.setdefault(place.municipality_id, set()).add(key)
        self.fuzzy_labels.setdefault(key, place.label)


def build(municipalities=None, outside_rows=None) -> PlaceIndex:
    if municipalities is None:
        from .models import Municipality

        municipalities = Municipality.objects.prefetch_related("postcodes", "districts")
    index = PlaceIndex()
    district_names: dict[str, int] = {}
    towns = list(municipalities)
    for town in towns:
        for district in town.districts.all():
            district_names[place_key(district.name)] = (
                district_names.get(place_key(district.name), 0) + 1
            )
    for town in towns:
        _add_town(index, town, district_names)
    for code, slug in PO_BOX_POSTCODES.items():
        for town in towns:
            if town.slug == slug and code not in index.by_code:
                index.by_code[code] = Place(town.pk, town.name)
    for row in outside_rows if outside_rows is not None else read_outside():
        _add_outside(index, row, {t.slug: t for t in towns})
    index.suggestions.sort(key=lambda s: place_key(s.value))
    return index


def _add_town(index: PlaceIndex, town, district_names: dict[str, int]) -> None:
    place = Place(town.pk, town.name)
    index.town_names[place_key(town.name)] = town.name
    codes = [p.code for p in town.postcodes.all()]
    for code in codes:
        index.by_code[code] = place
    label = f"{town.name} ({', '.join(codes)})" if codes else town.name
    for text in (town.name, short_name(town.name), label):
        index.add(text, place)
    keys = (place_key(town.name), place_key(short_name(town.name)), *codes)
    index.suggestions.append(Suggestion(town.name, label, keys, place_key(town.name), is_town=True))
    for district in town.districts.all():
        # The core town listed as its own district ("Bocholt"): the town answers.
        if place_key(district.name) in (place_key(town.name), place_key(short_name(town.name))):
            for form in district.forms:
                index.add(form, place)
            continue
        spot = Place(town.pk, town.name, district.name)
        forms = [district.name, *district.forms, spot.label]
        for form in forms:
            index.add(form, spot)
        # A name twice in the county: the value names the town, so it is unambiguous.
        unique = district_names.get(place_key(district.name), 0) == 1
        value = district.name if unique else spot.label
        keys = tuple(dict.fromkeys(place_key(f) for f in forms))
        index.suggestions.append(Suggestion(value, spot.label, keys, place_key(district.name)))


def read_outside() -> list[dict]:
    with OUTSIDE_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _add_outside(index: PlaceIndex, row: dict, towns_by_slug: dict) -> None:
    place = OutsidePlace(row["name"], row["country"], row["state_or_country"], row["mistaken_for"])
    forms = [row["name"], *(f for f in row["forms"].split(";") if f)]
    for form in forms:
        key = place_key(form)
        if key and key not in index.by_key:
            index.outside.setdefault(key, place)
            index.fuzzy_labels.setdefault(key, form)
    base = place_key(short_name(row["name"]))
    if town := towns_by_slug.get(row["also_inside"]):
        # e.g. "Glanerbrücke": also the name of the Gronau side of the border
        index.add(row["inside_name"], Place(town.pk, town.name))
        index.namesakes.setdefault(place_key(row["inside_name"]), []).append(place)
    index.namesakes.setdefault(base, []).append(place)


# --- one index per process and data generation ---------------------------------

_current: dict = {"generation": None, "built_at": 0.0, "index": None}


def current() -> PlaceIndex:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    fresh = time.monotonic() - _current["built_at"] < MAX_AGE
    if _current["index"] is None or _current["generation"] != generation or not fresh:
        _current.update(index=build(), generation=generation, built_at=time.monotonic())
    return _current["index"]


def forget(*args, **kwargs) -> None:
    """Drop the index everywhere (signal receiver for town, postcode and district changes)."""
    _current["index"] = None
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from .models import District, Municipality, Postcode

    for model in (Municipality, Postcode, District):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"place-index-{model.__name__}")


def _changed(sender, **kwargs) -> None:
    from django.db import transaction

    forget()  # this process, at once (also inside a transaction)
    transaction.on_commit(forget, using=kwargs.get("using"))  # the others, once visible
