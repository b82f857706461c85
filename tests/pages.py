"""The page inventory: one URL per public page type, in one place.

Each entry is (name, path-without-language-prefix). Tests request them under
every language prefix. Pages whose URL depends on data add themselves through
fixtures in the tests that need them.
"""

STATIC_PAGES = [
    ("home", "/"),
]
