"""Press releases, their series and topics, and the press office's publisher block.

The publishing rule lives in one place: ``PressReleaseQuerySet.published()``.
Every public surface (pages, feeds, sitemap, template tags, media pages)
calls it; nothing else decides what the public sees.
"""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.edit_lock import EditVersioned
from core.richtext import RichTextField
from core.translation_state import current_languages
from core.translations import languages_with
from locations.models import postcode_validator

from . import public_changes
from .embargo import EmbargoAccess, EmbargoLink
from .media import MediaAsset
from .release_attachments import Correction, ReleaseContact, ReleaseMedia

__all__ = [
    "Correction",
    "EmbargoAccess",
    "EmbargoLink",
    "MediaAsset",
    "PressOffice",
    "PressRelease",
    "ReleaseContact",
    "ReleaseMedia",
    "Series",
    "Topic",
    "next_scheduled_change",
]

# Languages whose content counts as "really there" are decided per release;
# German is the source and must be complete before publishing.
SOURCE_LANGUAGE = "de"
REQUIRED_TEXT_FIELDS = ("title", "lead", "body")


class TopicQuerySet(models.QuerySet):
    def with_published_releases(self) -> "TopicQuerySet":
        """Topics with at least one public release: one EXISTS probe per topic,
        so the cost follows the number of topics, not of releases."""
        public = PressRelease.objects.published().filter(topics=OuterRef("pk"))
        return self.filter(Exists(public))


class Topic(models.Model):
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Kurzname (URL)"), unique=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pressroom:topic", kwargs={"slug": self.slug})


class SeriesQuerySet(models.QuerySet):
    def public(self, now: datetime | None = None) -> "SeriesQuerySet":
        """Series with at least one published part; a series announces nothing before that.

        EXISTS per series (release_series_idx answers each probe), so the
        newest public series is found without reading every release.
        """
        parts = PressRelease.objects.published(now).filter(series=models.OuterRef("pk"))
        return self.filter(models.Exists(parts))


class Series(models.Model):
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), unique=True)
    campaign = models.CharField(_("Kampagne"), max_length=200, blank=True)
    slogan = models.CharField(_("Motto"), max_length=200, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    planned_parts = models.PositiveSmallIntegerField(
        _("geplante Teile"), validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    starts_on = models.DateField(_("beginnt am"), null=True, blank=True)
    ends_on = models.DateField(_("endet am"), null=True, blank=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "title"]
        # The home page's teaser walks series in this order (pressroom tag).
        indexes = [models.Index(fields=["-starts_on"], name="series_newest_idx")]
        verbose_name = _("Serie")
        verbose_name_plural = _("Serien")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pressroom:series", kwargs={"slug": self.slug})

    def has_ended(self, now) -> bool:
        """After its end date (Berlin) a series is finished: its pages stop promising parts."""
        from core.tz import BERLIN

        return bool(self.ends_on) and self.ends_on < now.astimezone(BERLIN).date()


class PressReleaseQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None) -> "PressReleaseQuerySet":
        """THE definition of public: status published, publish_at passed, embargo passed."""
        now = now or timezone.now()
        return self.filter(
            Q(embargo_until__isnull=True) | Q(embargo_until__lte=now),
            status=PressRelease.Status.PUBLISHED,
            publish_at__lte=now,
        )

    def in_language(self, code: str) -> "PressReleaseQuerySet":
        """Releases whose title, lead and body exist in `code` (languages(), in SQL)."""
        if code == SOURCE_LANGUAGE:
            return self  # German is required for publishing
        complete = Q()
        for field in REQUIRED_TEXT_FIELDS:
            complete &= Q(**{f"{field}_{code}__isnull": False}) & ~Q(**{f"{field}_{code}": ""})
        return self.filter(complete)

    def withdrawn_after_publication(self, now: datetime | None = None) -> "PressReleaseQuerySet":
        """Withdrawn once they had been public: a 410 page and a cancelled ninjs item, not 404."""
        return self.filter(
            status=PressRelease.Status.WITHDRAWN, first_published_at__lte=now or timezone.now()
        )

    def for_list(self) -> "PressReleaseQuerySet":
        """What a list row shows: the series for "Teil n von m", nothing else."""
        return self.select_related("series")

    def years(self) -> list[date]:
        """1 January of each year (local time) with a row here, newest first.

        Two queries of index probes (the oldest and newest publish_at, then
        the first release of each year between them) instead of truncating every row's
        date: the cost follows the number of years, not of releases.
        """
        newest, oldest = self.order_by("-publish_at"), self.order_by("publish_at")
        bounds = (
            self.model.objects.annotate(
                newest=Subquery(newest.values("publish_at")[:1]),
                oldest=Subquery(oldest.values("publish_at")[:1]),
            )
            .values("newest", "oldest")
            .order_by("pk")  # any one row; the model's ordering would sort them all
            .first()
        )
        if not bounds or bounds["newest"] is None:
            return []
        last, first = (timezone.localtime(bounds[key]).year for key in ("newest", "oldest"))
        candidates = range(last, first - 1, -1)
        # The first publish_at of each year, not EXISTS: ordered by the indexed
        # column, the planner reads one index entry instead of scanning the
        # table in the hope that matches are spread evenly (they are not).
        probes = {
            f"y{year}": Subquery(oldest.filter(publish_at__year=year).values("publish_at")[:1])
            for year in candidates
        }
        found = self.model.objects.annotate(**probes).values(*probes).order_by("pk").first() or {}
        return [date(year, 1, 1) for year in candidates if found.get(f"y{year}") is not None]


class PressRelease(EditVersioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        READY = "ready", _("bereit zur Freigabe")
        PUBLISHED = "published", _("veröffentlicht")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    title = models.CharField(_("Überschrift"), max_length=250)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=120, unique=True)
    kicker = models.CharField(
        _("Dachzeile"), max_length=250, blank=True, help_text=_("Steht über der Überschrift.")
    )
    dateline = models.CharField(
        _("Ortsmarke"), max_length=100, blank=True, help_text=_("z. B. „Kreis Borken“")
    )
    lead = models.TextField(_("Vorspann"), blank=True)
    body = RichTextField(_("Text"), blank=True)
    background_title = models.CharField(
        _("Thema des Hintergrunds"),
        max_length=200,
        blank=True,
        help_text=_(
            "Die Seite schreibt „Zum Hintergrund:“ davor – bitte nur das Thema eintragen, "
            "z. B. „Zahlen aus dem Jahr 2025“."
        ),
    )
    background_text = models.TextField(_("Text „Zum Hintergrund“"), blank=True)
    editors_note = models.TextField(_("Hinweis an die Redaktionen"), blank=True)
    series = models.ForeignKey(
        Series,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="releases",
        verbose_name=_("Serie"),
    )
    part_number = models.PositiveSmallIntegerField(
        _("Teil"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="releases", verbose_name=_("Themen")
    )
    municipalities = models.ManyToManyField(
        "locations.Municipality",
        blank=True,
        related_name="press_releases",
        verbose_name=_("betrifft Städte und Gemeinden"),
        help_text=_(
            "Die Städte und Gemeinden, um die es geht: Die Meldung erscheint dann auch auf "
            "deren Ortsseite, im Orts-Feed und auf der Seite des örtlichen Jobcenters."
        ),
    )
    contacts = models.ManyToManyField(
        "locations.ContactPerson",
        through="ReleaseContact",
        blank=True,
        related_name="press_releases",
        verbose_name=_("Ansprechpersonen"),
    )
    media = models.ManyToManyField(
        MediaAsset,
        through="ReleaseMedia",
        blank=True,
        related_name="releases",
        verbose_name=_("Medien"),
    )
    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_(
            "Öffentlich ist eine Meldung, wenn ihr Status „veröffentlicht“ ist, "
            "der Veröffentlichungszeitpunkt erreicht ist und eine Sperrfrist (falls gesetzt) "
            "abgelaufen ist. Das wird bei jedem Aufruf geprüft."
        ),
    )
    publish_at = models.DateTimeField(_("veröffentlichen ab"), null=True, blank=True)
    embargo_until = models.DateTimeField(
        _("Sperrfrist bis"),
        null=True,
        blank=True,
        help_text=_("Vor Ablauf ist die Meldung nur über Sperrfrist-Links sichtbar."),
    )
    # Set when someone without the publishing permission changes the text of a
    # live release; a publisher marks it as checked (desk, list, history).
    changed_after_publication_at = models.DateTimeField(
        _("nach Veröffentlichung geändert am"), null=True, blank=True, editable=False
    )
    # The public change model (public_changes.py); set on save, never in a form.
    first_published_at = models.DateTimeField(
        _("erstmals veröffentlicht am"), null=True, blank=True, editable=False
    )
    public_updated_at = models.DateTimeField(
        _("öffentlich aktualisiert am"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Nur bei einer wesentlichen Änderung oder einer Korrektur."),
    )
    withdrawn_at = models.DateTimeField(
        _("zurückgezogen am"), null=True, blank=True, editable=False
    )
    # Update mails (subscriptions.delivery): how many public updates a publisher
    # chose to mail, and when the last was asked for.
    mailed_updates = models.PositiveSmallIntegerField(
        _("per E-Mail gemeldete Aktualisierungen"), default=0, editable=False
    )
    update_mail_requested_at = models.DateTimeField(
        _("Aktualisierung zuletzt per E-Mail gemeldet am"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("geändert von"),
    )

    objects = PressReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        get_latest_by = "publish_at"
        verbose_name = _("Pressemitteilung")
        verbose_name_plural = _("Pressemitteilungen")
        permissions = [("publish_pressrelease", _("Kann Pressemitteilungen veröffentlichen"))]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="release_public_idx"),
            # The next embargo end (next_scheduled_change), without a scan.
            models.Index(fields=["status", "embargo_until"], name="release_embargo_idx"),
            models.Index(fields=["series", "part_number"], name="release_series_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "part_number"], name="unique_part_per_series"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if not self.publish_at:
            return reverse("pressroom:preview", kwargs={"pk": self.pk})
        year = timezone.localtime(self.publish_at).year
        return reverse("pressroom:detail", kwargs={"year": year, "slug": self.slug})

    def preview_url(self):
        """The staff preview, in the active language (admin: one link per language)."""
        return reverse("pressroom:preview", kwargs={"pk": self.pk})

    def clean(self):
        if self.part_number and not self.series_id:
            raise ValidationError({"part_number": _("Ein Teil gehört immer zu einer Serie.")})
        if self.series_id and self.part_number and self.part_number > self.series.planned_parts:
            message = _("Die Serie hat nur %(n)s geplante Teile.") % {
                "n": self.series.planned_parts
            }
            raise ValidationError({"part_number": message})
        if self.status == self.Status.PUBLISHED and not self.publish_at:
            raise ValidationError(
                {"publish_at": _("Bitte geben Sie einen Veröffentlichungszeitpunkt an.")}
            )

    def is_published(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.embargo_until is None or self.embargo_until <= now)
        )

    is_published.boolean = True
    is_published.short_description = _("öffentlich")

    @property
    def public_since(self) -> datetime | None:
        """When the public could first read it: the later of publish time and embargo."""
        if self.publish_at and self.embargo_until:
            return max(self.publish_at, self.embargo_until)
        return self.publish_at

    @property
    def first_public(self) -> datetime | None:
        """The first publication, kept forever (public_changes.py)."""
        return self.first_published_at or self.public_since

    @property
    def last_public_change(self) -> datetime | None:
        """The last *material* change, or the first publication: what readers call "updated"."""
        return self.public_updated_at or self.first_public

    def languages(self) -> list[str]:
        """Codes of the languages in which title, lead and body are all filled in
        and no translation is outdated (core.translation_state)."""
        return current_languages(self, languages_with(self, REQUIRED_TEXT_FIELDS))

    def readiness_problems(self) -> list[str]:
        """What still stops publishing (German content, a contact, alt texts)."""
        labels = {"title": _("Überschrift"), "lead": _("Vorspann"), "body": _("Text")}
        problems = [
            _("%(field)s (Deutsch) fehlt.") % {"field": labels[field]}
            for field in REQUIRED_TEXT_FIELDS
            if not getattr(self, f"{field}_{SOURCE_LANGUAGE}", "")
        ]
        if self.pk is None or not self.release_contacts.exists():
            problems.append(str(_("Mindestens eine Ansprechperson fehlt.")))
        if self.pk is not None:
            for asset in self.media.filter(Q(alt_text_de="") | Q(alt_text_de__isnull=True)):
                problems.append(
                    str(_("Alternativtext (Deutsch) fehlt bei „%(title)s“.") % {"title": asset})
                )
        return [str(p) for p in problems]


class PressOffice(EditVersioned):
    """The publisher block under every release; one row, edited in the admin."""

    organisation = models.CharField(_("Herausgeber"), max_length=200)
    department = models.CharField(_("Abteilung"), max_length=200, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(
        _("Postleitzahl"), max_length=5, blank=True, validators=[postcode_validator]
    )
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    phone = models.TextField(
        _("Telefon"),
        blank=True,
        help_text=_(
            "Eine Nummer je Zeile, mit Vorwahl, wie sie angezeigt werden soll, z. B. "
            "„(0 28 61) 82 21 - 11“. Jede Nummer wird einzeln verlinkt."
        ),
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(
        _("Website des Herausgebers"),
        blank=True,
        help_text=_(
            "Für die strukturierten Daten (Herausgeber), z. B. die Startseite des Kreises."
        ),
    )
    reuse_note = models.TextField(_("Hinweis zur Weiterverwendung"), blank=True)
    data_as_of = models.DateField(_("Stand der Angaben"), null=True, blank=True)

    class Meta:
        verbose_name = _("Pressestelle (Herausgeber)")
        verbose_name_plural = _("Pressestelle (Herausgeber)")

    def __str__(self):
        return f"{self.organisation} {self.department}".strip()

    def clean(self):
        """Each phone line becomes a ``tel:`` link on every release page: real numbers only."""
        for _shown, number in self.phone_numbers():
            if not number.startswith("+") or not 8 <= len(number) <= 16:
                raise ValidationError(
                    {
                        "phone": _(
                            "Bitte je Zeile eine Telefonnummer mit Vorwahl, z. B. 02861 82-2111 "
                            "oder +49 2861 822111."
                        )
                    }
                )

    def phone_numbers(self) -> list[tuple[str, str]]:
        """[(as shown, E.164 for tel:)], one per line: "… 11 / 13" is two numbers, two lines."""
        from locations.phone import e164

        return [(line.strip(), e164(line)) for line in self.phone.splitlines() if line.strip()]

    def save(self, *args, **kwargs):
        self.pk = 1  # a single row: saving always updates it
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "PressOffice | None":
        return cls.objects.filter(pk=1).first()


def next_scheduled_change(now: datetime) -> datetime | None:
    """The earliest future publish_at/embargo_until among published releases.

    A page cache bounds its entries' lifetime with this, so a scheduled
    release appears on its minute even on cached pages.
    """
    scheduled = PressRelease.objects.filter(status=PressRelease.Status.PUBLISHED)

    def earliest(field: str) -> Subquery:
        # ORDER BY … LIMIT 1 on (status, field): one index probe. A filtered
        # MIN() aggregate scanned every published release (72 ms at 100,000).
        later = scheduled.filter(**{f"{field}__gt": now}).order_by(field)
        return Subquery(later.values(field)[:1])

    probes = {"publish": earliest("publish_at"), "embargo": earliest("embargo_until")}
    found = PressRelease.objects.annotate(**probes).values(*probes).order_by("pk").first() or {}
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments) if moments else None


@receiver(pre_save, sender=PressRelease)
def _stamp_public_changes(sender, instance, **kwargs):
    """On every save, also raw ones (a restored revision, loaddata): public_changes.py."""
    public_changes.stamp(instance, timezone.now())
