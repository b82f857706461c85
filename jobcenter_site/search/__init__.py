"""Site search: one behaviour, two engines (docs/search.md).

engine.py runs a search; query.py says what a query means; sources.py what
is searched; postgres.py and sqlite.py are the two engines; index.py keeps
the SQLite index and the vocabulary current; suggest.py offers near misses.
"""

from .engine import CANDIDATES, MAX_PER_SOURCE, Group, Hit, SearchResult, highlight, run_search
from .query import MAX_QUERY_LENGTH, clean_query, names_the_benefit, parse
from .sources import BY_KIND, SOURCES
from .words import fold, stem

__all__ = [
    "BY_KIND",
    "CANDIDATES",
    "MAX_PER_SOURCE",
    "MAX_QUERY_LENGTH",
    "SOURCES",
    "Group",
    "Hit",
    "SearchResult",
    "clean_query",
    "fold",
    "highlight",
    "names_the_benefit",
    "parse",
    "run_search",
    "stem",
]
