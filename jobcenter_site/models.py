"""The site's own content: information pages, figures, sign-language videos, feedback.

Pages are found by a stable slug (the footer and the home page link to them);
figures are data, not prose, so the chart and the table can never disagree.
"""

from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from core.edit_lock import EditVersioned
from core.richtext import RichTextField
from core.translation_state import current_languages
from core.translations import languages_with

from .staff.drafts import FormDraft

__all__ = ["Feedback", "Figure", "FormDraft", "Page", "SignLanguageVideo"]

# Marks a fact the county still has to supply; the admin counts these gaps.
GAP_MARKER = "[Bitte ergänzen"


class Page(EditVersioned):
    """An information or legal page. Slugs are fixed because links point at them."""

    # The slugs other code and templates rely on.
    ABOUT = "das-jobcenter"
    FIGURES = "zahlen-und-fakten"
    IMPRINT = "impressum"
    PRIVACY = "datenschutz"
    ACCESSIBILITY = "barrierefreiheit"
    EASY_LANGUAGE = "leichte-sprache"
    SIGN_LANGUAGE = "gebaerdensprache"

    slug = models.SlugField(
        _("Kurzname (URL)"),
        unique=True,
        help_text=_("Teil der Adresse, z. B. „impressum“. Nach dem Anlegen nicht mehr änderbar."),
    )
    title = models.CharField(_("Titel"), max_length=200)
    intro = models.TextField(_("Einleitung"), blank=True)
    body = RichTextField(_("Text"), blank=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("Informationsseite")
        verbose_name_plural = _("Informationsseiten")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("page", kwargs={"slug": self.slug})

    def gap_count(self) -> int:
        """How many „[Bitte ergänzen …]“ markers the German text still holds."""
        return sum(
            (getattr(self, f"{f}_de", "") or "").count(GAP_MARKER) for f in ("intro", "body")
        )

    def languages(self) -> list[str]:
        """Language codes this page's content really exists in (German always).

        A language counts when every field the German page fills is translated
        and no translation is outdated (core.translation_state).
        """
        filled = [f for f in ("title", "intro", "body") if getattr(self, f"{f}_de", "")]
        return current_languages(self, languages_with(self, filled))


class Figure(models.Model):
    """One published number with its date and source."""

    class Unit(models.TextChoices):
        PERSONS = "persons", _("Personen")
        PERSONS_PER_YEAR = "persons_per_year", _("Personen pro Jahr")
        HOUSEHOLDS = "households", _("Bedarfsgemeinschaften")
        PERCENT = "percent", _("Prozent")

    class Qualifier(models.TextChoices):
        EXACT = "", _("genau")
        ABOUT = "about", _("rund")
        MORE_THAN = "more_than", _("mehr als")

    value = models.DecimalField(_("Wert"), max_digits=12, decimal_places=1)
    qualifier = models.CharField(
        _("Genauigkeit"), max_length=10, choices=Qualifier.choices, blank=True, default=""
    )
    unit = models.CharField(_("Einheit"), max_length=20, choices=Unit.choices)
    label = models.CharField(_("Bezeichnung"), max_length=200)
    as_of = models.DateField(
        _("Stand"), help_text=_("Auf der Seite erscheinen Monat und Jahr, z. B. „August 2019“.")
    )
    source = models.CharField(_("Quelle"), max_length=300)
    source_url = models.URLField(_("Link zur Quelle"), blank=True)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    on_home = models.BooleanField(_("auf der Startseite zeigen"), default=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Kennzahl")
        verbose_name_plural = _("Kennzahlen")

    def __str__(self):
        return f"{self.label}: {self.display_value()} ({self.get_unit_display()})"

    def display_value(self) -> str:
        """„rund 15.200“, „2,0“: the number as the reader's locale writes it."""
        decimals = 1 if self.unit == self.Unit.PERCENT else 0
        number = number_format(self.value, decimal_pos=decimals, force_grouping=True)
        return f"{self.get_qualifier_display()} {number}" if self.qualifier else number

    def display_short(self) -> str:
        """The value with a unit sign where one exists, as the locale writes it:
        „2,0 %“ (de), „2.0%“ (en), „%2,0“ (tr), „2,0٪“ (ar)."""
        if self.unit != self.Unit.PERCENT:
            return self.display_value()
        return pgettext("Prozentwert", "%(number)s %%") % {"number": self.display_value()}


class SignLanguageVideo(models.Model):
    """A self-hosted video in German Sign Language (DGS) for the Gebärdensprache page."""

    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(
        _("Videodatei"),
        upload_to="gebaerdensprache/",
        validators=[FileExtensionValidator(["mp4", "webm"])],
        help_text=_("MP4 oder WebM, mindestens 320 × 240 Pixel und 25 Bilder pro Sekunde."),
    )
    captions = models.FileField(
        _("Untertitel (WebVTT)"),
        upload_to="gebaerdensprache/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"])],
    )
    transcript = models.TextField(_("Abschrift (Text des Videos)"), blank=True)
    duration = models.DurationField(_("Dauer"), help_text=_("z. B. „00:03:20“ für 3 Min. 20 Sek."))
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    is_active = models.BooleanField(_("auf der Seite zeigen"), default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Video in Gebärdensprache")
        verbose_name_plural = _("Videos in Gebärdensprache")

    def __str__(self):
        return self.title

    def duration_display(self) -> str:
        """„3:20“ (minutes:seconds) for the download link."""
        minutes, seconds = divmod(int(self.duration.total_seconds()), 60)
        return f"{minutes}:{seconds:02d}"

    def duration_iso(self) -> str:
        """„PT3M20S“ for <time datetime>."""
        minutes, seconds = divmod(int(self.duration.total_seconds()), 60)
        return f"PT{minutes}M{seconds}S"

    def file_size(self) -> int | None:
        """Size in bytes for the download link; None when the file is missing."""
        try:
            return self.file.size
        except (OSError, ValueError):
            return None


class Feedback(models.Model):
    """A barrier reported through the feedback form (BITVNRW § 5)."""

    class Status(models.TextChoices):
        NEW = "new", _("neu")
        ANSWERED = "answered", _("beantwortet")

    page_url = models.CharField(_("betroffene Seite"), max_length=500, blank=True)
    description = models.TextField(_("Beschreibung der Barriere"), max_length=5000)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    language = models.CharField(_("Sprache der Seite"), max_length=10, blank=True)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default="new")
    created_at = models.DateTimeField(_("eingegangen am"), auto_now_add=True)
    mailed_at = models.DateTimeField(
        _("weitergeleitet am"),
        null=True,
        blank=True,
        help_text=_("Leer, wenn die E-Mail an das Jobcenter nicht versandt werden konnte."),
    )
    note = models.TextField(_("interne Notiz"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldungen zur Barrierefreiheit")

    def __str__(self):
        return f"{self.created_at:%d.%m.%Y %H:%M} – {self.page_url or '–'}"


class SearchWord(models.Model):
    """A word of the searchable text, for „Meinten Sie …?“ (search/suggest.py).

    Filled by the search index (both databases) from published content and
    approved releases; it only grows between rebuilds (`rebuild_search_index`).
    A word is never shown unless searching for it finds something public.
    """

    key = models.CharField(max_length=64, unique=True)  # folded: „sudlohn“
    word = models.CharField(max_length=64)  # as first seen: „Südlohn“
    length = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("Suchwort")
        verbose_name_plural = _("Suchwörter")

    def __str__(self):
        return self.word
