"""What a query means, before any database sees it.

A query is an AND of groups; a group is an OR of phrases; a phrase is a
tuple of words. "hartz iv beratung -gronau" becomes
    (("hartz", "iv") | ("bürgergeld",) | …) AND (("beratung",),) NOT gronau
Synonyms (synonyms.txt) and umlaut spellings are alternatives of a group;
"quoted words" are one phrase; -word excludes; stop words are dropped. Both
engines render this same structure (postgres.py, sqlite.py), so they agree
on what is asked, and the snippets mark the same words.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .words import spellings, stem, stopwords, tokens

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Query:
    groups: tuple[tuple[Phrase, ...], ...]
    excluded: tuple[Phrase, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def words(self) -> set[str]:
        """The words worth marking in a snippet (no stop words, nothing under 3 letters)."""
        every = {word for group in self.groups for phrase in group for word in phrase}
        return {word for word in every if len(word) > 2 and stem(word) not in _stop_stems()}


@cache
def _stop_stems() -> frozenset[str]:
    """Stop words as stems, so „fuer“ (a spelling of „für“) is one too."""
    return frozenset(stem(word) for word in stopwords())


def clean_query(raw: str) -> str:
    """Drop control characters (PostgreSQL rejects NUL) and squeeze whitespace."""
    text = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C" or ch in " \t")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@cache
def synonym_groups() -> tuple[tuple[Phrase, ...], ...]:
    """The groups of synonyms.txt, each term as its tuple of lower-case words."""
    lines = Path(__file__).with_name("synonyms.txt").read_text(encoding="utf-8").splitlines()
    groups = []
    for line in lines:
        if line.strip() and not line.startswith("#"):
            terms = [tuple(tokens(term.casefold())) for term in line.split(",")]
            groups.append(tuple(term for term in terms if term))
    return tuple(groups)


@cache
def _synonym_index() -> dict[tuple[str, ...], tuple[Phrase, ...]]:
    """Stemmed term → its whole group."""
    index = {}
    for group in synonym_groups():
        for term in group:
            index[tuple(stem(word) for word in term)] = group
    return index


def _longest_synonym(words: list[str], start: int):
    """(length, group) of the longest synonym term at words[start:], else (1, None)."""
    index = _synonym_index()
    longest = max((len(key) for key in index), default=1)
    for length in range(min(longest, len(words) - start), 0, -1):
        key = tuple(stem(word) for word in words[start : start + length])
        if key in index:
            return length, index[key]
    return 1, None


def _with_spellings(phrases) -> tuple[Phrase, ...]:
    """Each phrase, plus its variants with umlauts written out or put back."""
    out = []
    for phrase in phrases:
        variants = [()]
        for word in phrase:
            variants = [v + (s,) for v in variants for s in sorted(spellings(word))]
        out += [v for v in variants[:8] if v not in out]
    return tuple(out)


def _groups_of(words: list[str]) -> list[tuple[Phrase, ...]]:
    groups, i = [], 0
    while i < len(words):
        length, synonyms = _longest_synonym(words, i)
        if synonyms:
            groups.append(_with_spellings([tuple(words[i : i + length]), *synonyms]))
        elif words[i] not in stopwords():
            groups.append(_with_spellings([(words[i],)]))
        i += length
    return groups


QUOTED = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


def parse(text: str) -> Query:
    """The query for the text a person typed (cleaned, at most MAX_TERMS groups)."""
    groups, excluded, run = [], [], []
    for quote_sign, quoted, word_sign, bare in QUOTED.findall(clean_query(text)):
        words = tokens((quoted or bare).casefold())
        if quote_sign or word_sign:
            excluded += [tuple(words)] if words else []
        elif quoted:
            groups += _groups_of(run) + ([_with_spellings([tuple(words)])] if words else [])
            run = []
        else:
            run += words  # "Hartz IV": a synonym may span words typed apart
    groups += _groups_of(run)
    return Query(tuple(groups[:MAX_TERMS]), tuple(excluded[:MAX_TERMS]) if groups else ())


BENEFIT = ("grundsicherungsgeld",)


def names_the_benefit(query: Query) -> bool:
    """Whether the query asks for the SGB II benefit by any of its names (synonyms.txt)."""
    return any(BENEFIT in group for group in query.groups)
