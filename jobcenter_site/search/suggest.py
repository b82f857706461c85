"""„Meinten Sie …?“: near misses from the vocabulary of the indexed text.

Words the vocabulary does not know are compared with known words of the same
first letter and a similar length (rapidfuzz, the same on both databases:
one behaviour, and no pg_trgm extension to install). The suggestion is only
offered, never searched in place of the query, and only when searching for
it finds something public (engine.py checks that).
"""

import re

from rapidfuzz import fuzz, process

from ..models import SearchWord
from .words import WORD, fold, stem

MIN_LENGTH = 4
MAX_WORDS = 3
MIN_SCORE = 82  # „Bochold“ → „Bocholt“ is 86; „Arbeitslosengeld“ → „Arbeitslosenquote“ 79


def _closest(key: str) -> str | None:
    first = key[0]
    known = dict(
        SearchWord.objects.filter(
            key__gte=first,
            key__lt=chr(ord(first) + 1),
            length__gte=len(key) - 2,
            length__lte=len(key) + 2,
        ).values_list("key", "word")
    )
    best = process.extractOne(key, list(known), scorer=fuzz.ratio, score_cutoff=MIN_SCORE)
    return known[best[0]] if best else None


def suggestion(text: str) -> str | None:
    """The text with unknown words replaced by their closest known ones, or None."""
    words = [m.group() for m in WORD.finditer(text)]
    keys = {fold(w) for w in words if len(w) >= MIN_LENGTH and not any(c.isdigit() for c in w)}
    if not keys:
        return None
    known = set(SearchWord.objects.filter(key__in=keys).values_list("key", flat=True))
    unknown = sorted(keys - known)[:MAX_WORDS]
    replacements = {}
    for key in unknown:
        closest = _closest(key)
        if closest and stem(closest) != stem(key):
            replacements[key] = closest
    if not replacements:
        return None
    return re.sub(r"\w+", lambda m: replacements.get(fold(m.group()), m.group()), text)
