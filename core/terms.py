"""When the name of the SGB II benefit changed (the facts in docs: shared terminology).

1 Jan 2005 Arbeitslosengeld II / Sozialgeld ("Hartz IV"), 1 Jan 2023
Bürgergeld, 1 Jul 2026 Grundsicherungsgeld. A text published before a change
keeps the words of its day; pages say so instead of rewriting it.
"""

from datetime import date

TERM_CHANGES = [
    (date(2005, 1, 1), "Arbeitslosengeld II"),
    (date(2023, 1, 1), "Bürgergeld"),
    (date(2026, 7, 1), "Grundsicherungsgeld"),
]


def current_term() -> str:
    return TERM_CHANGES[-1][1]


def change_since(day: date) -> tuple[date, str] | None:
    """The latest change of terms after `day`, or None when its words are today's."""
    later = [(changed, term) for changed, term in TERM_CHANGES if changed > day]
    return later[-1] if later else None
