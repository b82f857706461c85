"""The page inventory: one URL per public page type, in one place.

Paths are without the language prefix; tests request them under /de/, /en/, …
- STATIC_PAGES exist with an empty database.
- DEMO_PAGES exist after `manage.py load_demo` (the real demo data).
- FORM_PAGES (names) carry a POST form: they set the CSRF cookie and are
  never served from the page cache.
Add a new page type here and every guard, browser and fuzz test covers it.
"""

STATIC_PAGES = [
    ("home", "/"),
    ("search", "/suche/"),
    ("feedback", "/barrierefreiheit/feedback/"),
    ("feedback_done", "/barrierefreiheit/feedback/danke/"),
    ("finder", "/standorte/finden/"),
    ("glossary", "/begriffe/"),
    ("services", "/was-kann-ich-wo-erledigen/"),
    ("subscribe", "/presse/abonnieren/"),
    ("subscribe_sent", "/presse/abonnieren/danke/"),
]

DEMO_PAGES = [
    ("page_about", "/das-jobcenter/"),
    ("page_figures", "/zahlen-und-fakten/"),
    ("page_imprint", "/impressum/"),
    ("page_privacy", "/datenschutz/"),
    ("page_accessibility", "/barrierefreiheit/"),
    ("page_easy_language", "/leichte-sprache/"),
    ("page_sign_language", "/gebaerdensprache/"),
    ("search_results", "/suche/?q=Jobcenter"),
    ("offices", "/standorte/"),
    ("office", "/standorte/heek/"),
    ("office notice", "/standorte/heek/aushang/"),
    ("finder result", "/standorte/finden/?q=46397"),
    ("finder error", "/standorte/finden/?q=xyz"),
    ("finder near miss", "/standorte/finden/?q=Bochold"),
    ("finder ambiguous", "/standorte/finden/?q=Gemen"),
    ("finder outside", "/standorte/finden/?q=Winterswijk"),
    ("finder fallback", "/standorte/finden/?q=Oeding%20%28S%C3%BCdlohn%29"),
    ("service", "/was-kann-ich-wo-erledigen/grundsicherungsgeld-beantragen/"),
    ("press list", "/presse/"),
    ("release", "/presse/2019/das-jobcenter-wer-wie-was/"),
    ("series", "/presse/serien/das-jobcenter-im-kreis-borken-stellt-sich-vor/"),
    ("press service", "/presse/pressedienst/"),
    (
        "subscribe series",
        "/presse/serien/das-jobcenter-im-kreis-borken-stellt-sich-vor/abonnieren/",
    ),
    # no "media" page: the demo release offers no medium we own a file for
]

# Pages with a POST form: the only ones allowed to set a (CSRF) cookie, and
# never served from the page cache.
FORM_PAGES = {"feedback", "subscribe", "subscribe series"}

# Expected to answer 404 (the friendly error page).
ERROR_PAGES = [
    ("404", "/gibt-es-nicht/"),
]
