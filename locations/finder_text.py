"""Reading what people type around a place name: regions and street addresses.

Pure text helpers for finder.resolve(): "Bocholt, NRW, Deutschland" is
Bocholt, and "Markt 1, Borken" names Borken; the finder still decides
what a candidate means.
"""

import re

from .place_index import place_key

# Qualifiers that still mean this region ("Borken (Westf.)", "Reken NRW").
REGIONAL_QUALIFIERS = {
    "westf",
    "westfalen",
    "munsterland",
    "westmunsterland",
    "nrw",
    "nordrheinwestfalen",
    "kreisborken",
    "krborken",
    "krsborken",
    "landkreisborken",
    "bei",  # "Oeding bei Südlohn", "Epe b. Gronau": dropped, the rest is read as usual
    "b",
    "kreisbor",
    "deutschland",
    "de",
    "d",
    "germany",
    "iw",  # "Ahaus i. W.", "Borken in Westfalen"
    "iwestf",
    "inwestf",
    "inwestfalen",
    "stadt",  # "Bocholt Stadt", "Heek, Gemeinde": the town itself
    "gemeinde",
}
# The county itself, typed alone: the finder asks which of its towns.
COUNTY_NAMES = {"kreisborken", "krborken", "krsborken", "landkreisborken"}
# "Borken (Kreis)", "Borken, Kr.": the county, but only so qualified ("Kreis Borken" alone is no town).
COUNTY_WORDS = {"kreis", "kr", "krs", "landkreis"}
# The middle of the town named before them ("Borken (Zentrum)", "Ahaus Innenstadt"):
# every part of a town has that town's office, so this is the town itself.
TOWN_CENTRE_WORDS = {
    place_key(word)
    for word in """Zentrum Stadtzentrum Ortszentrum Innenstadt Stadtmitte Ortsmitte Mitte
    Ortskern Stadtkern Kernstadt Kernort Altstadt City Centrum Center Centre""".split()
}
# After a comma only these name another region ("Borken, Sachsen"); anything else
# ("Bocholt, Nord") is a part of the town we cannot place: ask.
OTHER_REGIONS = {
    place_key(name)
    for name in """Baden-Württemberg Bayern Berlin Brandenburg Bremen Hamburg Hessen
    Mecklenburg-Vorpommern Niedersachsen Rheinland-Pfalz Saarland Sachsen Sachsen-Anhalt
    Schleswig-Holstein Thüringen Österreich Schweiz Belgien Niederlande Nederland NL BE CH AT
    Frankreich Polen""".split()
}
WORD = re.compile(r"[^\s,;()/]+")
# A house number ("1", "12a", "3-5"); a postcode (five digits) is read before this.
HOUSE_NUMBER = re.compile(r"(?<!\d)\d{1,4}\s?[a-zA-Z]?(?:\s?[-–/]\s?\d{1,4}[a-zA-Z]?)?(?![\d\w])")


def without_region(name: str, regional: set[str]) -> str:
    """The name without words that only say where the county is ("NRW", "Kreis Borken").

    Windows of up to three words ("i. W.", "Kreis Borken", "in Westfalen") are
    folded and dropped when regional; the name comes back as it was if nothing,
    or everything, would be dropped.
    """
    words = WORD.findall(name)
    kept, i = [], 0
    while i < len(words):
        for n in (3, 2, 1):
            if i + n <= len(words) and place_key("".join(words[i : i + n])) in regional:
                i += n
                break
        else:
            kept.append(words[i])
            i += 1
    return " ".join(kept) if kept and len(kept) < len(words) else name


def address_candidates(name: str) -> list[str]:
    """Where the place may stand in a street address, most likely first.

    German addresses put the town after the house number ("Markt 1 Borken",
    "Hauptstraße 1, Oeding"); some write it first ("Oeding, Hauptstraße 1").
    """
    numbers = list(HOUSE_NUMBER.finditer(name))
    if not numbers:
        return []
    after = name[numbers[-1].end() :].strip(" ,;.").split()
    before = name[: numbers[0].start()].strip(" ,;.").split()
    candidates = [" ".join(after[i:]) for i in range(len(after))]
    candidates += [" ".join(before[:i]).strip(" ,;") for i in range(len(before), 0, -1)]
    return [c for c in candidates if place_key(c)]
