"""What is searched: one `Source` per kind of result.

A source names its public rows (`queryset`: the one `published()` or
`active()` rule), the rows that may enter the SQLite index (`indexable`),
its weighted fields and the derived fields (`annotations`, e.g. an office's
districts and postcodes) that both engines read the same way.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Prefetch, StringAgg, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from locations.models import Closure, ContactPerson, District, Office, Postcode, Service
from pressroom.models import PressRelease

from ..models import Page

WEIGHTS = ("A", "B", "C", "D")


@dataclass(frozen=True)
class Source:
    kind: str  # in URLs (?art=) and in the SQLite index
    label: str  # the group heading
    queryset: Callable[[], models.QuerySet]  # what the public may see
    fields: tuple[tuple[str, str], ...]  # (field or annotation, weight A–D)
    snippet_fields: tuple[str, ...]
    indexable: Callable[[], models.QuerySet] | None = None  # default: queryset
    annotations: Callable[[], dict] = field(default=dict)
    newest: str | None = None  # many rows: only the newest CANDIDATES matches are ranked
    dated: bool = False  # has a year (the year filter applies)
    title_field: str = "title"

    @cached_property
    def model(self):
        return self.queryset().model

    def index_rows(self) -> models.QuerySet:
        rows = self.indexable() if self.indexable else self.queryset()
        return rows.annotate(**self.annotations()).order_by("pk")

    def translated(self, name: str) -> bool:
        return name in _translated_fields(self.model)


@cache
def _translated_fields(model) -> frozenset[str]:
    try:
        return frozenset(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return frozenset()


def _joined(queryset, column: str):
    """The values of a related table joined by commas, as a subquery."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .values("municipality")
            .annotate(joined=StringAgg(column, Value(", ")))
            .values("joined")
        ),
        Value(""),
        output_field=models.TextField(),
    )


# The headings every office page shows: "Öffnungszeiten Ahaus" finds the office.
OFFICE_PAGE_WORDS = "Öffnungszeiten Adresse Anschrift Telefon E-Mail Anfahrt Barrierefreiheit"


def _office_places() -> dict:
    """Town, districts and postcodes: "Epe" and "46325" find the office in Gronau."""
    same_town = {"municipality": OuterRef("municipality")}
    return {
        "page_words": Value(OFFICE_PAGE_WORDS, output_field=models.TextField()),
        "places": Concat(
            Coalesce(F("municipality__name"), Value(""), output_field=models.TextField()),
            Value(": "),
            _joined(District.objects.filter(**same_town), "name"),
            Value(" – "),
            _joined(Postcode.objects.filter(**same_town), "code"),
            output_field=models.TextField(),
        ),
    }


def _contact_places() -> dict:
    return {
        "office_place": Concat(
            Coalesce(F("office__city"), Value(""), output_field=models.TextField()),
            Value(" "),
            Coalesce("office__postcode", Value(""), output_field=models.TextField()),
            output_field=models.TextField(),
        )
    }


def _offices():
    today = timezone.localdate()
    return (
        Office.objects.active()
        .select_related("municipality")
        .prefetch_related("hours", Prefetch("closures", Closure.objects.filter(ends_on__gte=today)))
    )


PAGES = Source(
    "seiten",
    _("Seiten"),
    Page.objects.all,
    (("title", "A"), ("intro", "B"), ("body", "C")),
    ("intro", "body"),
)
OFFICES = Source(
    "standorte",
    _("Standorte"),
    _offices,
    (
        ("name", "A"),
        ("places", "B"),
        ("city", "B"),
        ("street", "C"),
        ("postcode", "C"),
        ("services", "C"),
        ("hours_note", "D"),
        ("page_words", "D"),
    ),
    ("places", "services", "street"),
    indexable=lambda: Office.objects.active(),
    annotations=_office_places,
    title_field="name",
)
CONTACTS = Source(
    "ansprechpersonen",
    _("Ansprechpersonen"),
    lambda: ContactPerson.objects.active().select_related("office"),
    (
        ("name", "A"),
        ("role", "A"),
        ("organisation", "B"),
        ("responsibilities", "C"),
        ("office_place", "D"),
    ),
    ("responsibilities", "organisation"),
    indexable=lambda: ContactPerson.objects.active(),
    annotations=_contact_places,
    title_field="role",
)
SERVICES = Source(
    "leistungen",
    _("Leistungen"),
    lambda: Service.objects.published(),
    (("title", "A"), ("summary", "B"), ("what_to_bring", "C")),
    ("summary", "what_to_bring"),
)
RELEASES = Source(
    "pressemitteilungen",
    _("Pressemitteilungen"),
    lambda: PressRelease.objects.published(),
    (
        ("title", "A"),
        ("kicker", "A"),
        ("lead", "B"),
        ("body", "C"),
        ("background_title", "C"),
        ("background_text", "C"),
        ("editors_note", "D"),
    ),
    ("lead", "body", "background_text", "editors_note", "kicker"),
    # Approved releases, scheduled ones too: the index learns of a go-live
    # without a save because every search filters through published().
    # Drafts, releases awaiting approval and withdrawn ones never enter it.
    indexable=lambda: PressRelease.objects.filter(status=PressRelease.Status.PUBLISHED),
    newest="-publish_at",
    dated=True,
)
# In the order the results page shows them: where to go and what to do first,
# then what to read.
SOURCES = [OFFICES, SERVICES, PAGES, CONTACTS, RELEASES]
BY_KIND = {source.kind: source for source in SOURCES}
BY_MODEL = {}  # filled lazily: model class → source


def source_for(model) -> Source | None:
    if not BY_MODEL:
        BY_MODEL.update({source.model: source for source in SOURCES})
    return BY_MODEL.get(model)


def text_in(source: Source, obj, name: str, lang: str) -> tuple[str, str]:
    """(text, its language) of a field as the reader sees it: theirs, else German."""
    german = settings.LANGUAGE_CODE
    if not source.translated(name):
        return str(getattr(obj, name, "") or ""), german
    own = getattr(obj, f"{name}_{lang}", "") or ""
    if own:
        return own, lang
    return getattr(obj, f"{name}_{german}", "") or "", german


def only_shown(source: Source, rows: models.QuerySet, lang: str) -> models.QuerySet:
    """Only the columns a hit shows (title, snippets in lang and German; link; year).

    A release row has 61 columns, most of them other languages: loading 100
    candidates in full cost a search more than its ranking (bench/README.md).
    """
    german = settings.LANGUAGE_CODE
    names = ["slug", "publish_at"]
    for name in (source.title_field, *source.snippet_fields):
        names += [f"{name}_{lang}", f"{name}_{german}"] if source.translated(name) else [name]
    return rows.only(*dict.fromkeys(names))


def own_languages(source: Source, obj) -> list[str]:
    """The languages besides German in which obj has any text of its own."""
    german = settings.LANGUAGE_CODE
    names = [name for name, _weight in source.fields if source.translated(name)]
    return [
        code
        for code, _label in settings.LANGUAGES
        if code != german and any(getattr(obj, f"{name}_{code}", "") for name in names)
    ]
