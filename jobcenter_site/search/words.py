"""Words as search sees them, the same on every database.

`fold` is what a reader means by "the same letters": full Unicode case
folding (ß → ss, SÜDLOHN → südlohn) without accents. `stem` adds German
Snowball stemming (PyStemmer, the Snowball project's own C build: the
SQLite index is fed hundreds of thousands of words on a rebuild, where the
pure-Python `snowballstemmer` is about ten times slower). Snowball 3's German
stemmer also reads „ue“ as „ü“, so „Suedlohn“ and „Südlohn“ meet.
"""

import re
import unicodedata
from functools import cache, lru_cache
from html import unescape
from pathlib import Path

import Stemmer
from django.utils.html import strip_tags

WORD = re.compile(r"\w+")
# „ae/oe/ue“ for „ä/ö/ü“ (not in „Quelle“ or „neue“): the spelling of a keyboard
# without umlauts. PostgreSQL's older German stemmer does not know it, so the
# query carries both spellings (query.py).
UMLAUT_PAIRS = (("ae", "ä"), ("oe", "ö"), ("ue", "ü"))
DIGRAPH = re.compile(r"(?<![qe])(ae|oe|ue)")


def fold(text: str) -> str:
    """Lower case without accents: „Häuser“ → „hauser“, „Straße“ → „strasse“."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _stemmer():
    return Stemmer.Stemmer("german")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The German stem of one word, folded: „Jobcenters“ → „jobcent“."""
    return fold(_stemmer().stemWord(word.casefold()))


def tokens(text: str) -> list[str]:
    return WORD.findall(text)


def stems(text: str) -> str:
    """The text as the SQLite index stores it: stems separated by spaces."""
    return " ".join(stem(word) for word in tokens(text))


def plain(text: str) -> str:
    """Rich text as words: tags gone (block ends keep words apart), entities decoded."""
    spaced = re.sub(r"(<br\b|</(p|li|h[1-6]|div|td|th|dd|dt)>)", r" \1", text or "")
    return " ".join(unescape(strip_tags(spaced)).split())


def spellings(word: str) -> set[str]:
    """The word as typed, and with „ae/oe/ue“ turned into umlauts and back."""
    lower = word.casefold()
    found = {lower, DIGRAPH.sub(lambda m: dict(UMLAUT_PAIRS)[m.group(1)], lower)}
    for pair, umlaut in UMLAUT_PAIRS:
        found |= {variant.replace(umlaut, pair) for variant in list(found)}
    return found


@cache
def stopwords() -> frozenset[str]:
    path = Path(__file__).with_name("stopwords_de.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    words = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return frozenset(words | {fold(word) for word in words})
