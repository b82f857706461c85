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
from django.db.models import Exists, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .embargo import EmbargoAccess, EmbargoLink
from .media import MediaAsset
from .release_parts import Correction, ReleaseContact, ReleaseMedia
from .richtext import RichTextField
from .subscriptions import Delivery, Subscription, SubscriptionEvent

__all__ = [
    "Correction",
    "Delivery",
    "EmbargoAccess",
    "EmbargoLink",
    "MediaAsset",
    "PressOffice",
    "PressRelease",
    "ReleaseContact",
    "ReleaseMedia",
    "Series",
    "Subscription",
    "SubscriptionEvent",
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


class PressReleaseQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None) -> "PressReleaseQuerySet":
        """THE definition of public: status published, publish_at passed, embargo passed."""
        now = now or timezone.now()
        return self.filter(
            Q(embargo_until__isnull=True) | Q(embargo_until__lte=now),
            status=PressRelease.Status.PUBLISHED,
            publish_at__lte=now,
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


class PressRelease(models.Model):
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
        _("Überschrift „Zum Hintergrund“"), max_length=200, blank=True
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

    def clean(self):
        if self.part_number and not self.series_id:
            raise ValidationError({"part_number": _("Ein Teil gehört immer zu einer Serie.")})
        if self.series_id and self.part_number and self.part_number > self.series.planned_parts:
            message = _("Die Serie hat nur %(n)s geplante Teile.") % {
                "n": self.series.planned_parts
            }
            raise ValidationError({"part_number": message})
        if self.status == self.Status.PUBLISHED and not self.publish_at:
            raise ValidationError({"publish_at": _("Bitte einen Veröffentlichungszeitpunkt.")})

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

    def languages(self) -> list[str]:
        """Codes of the languages in which title, lead and body are all filled in."""
        return [
            code
            for code, _name in settings.LANGUAGES
            if all(getattr(self, f"{field}_{code}", "") for field in REQUIRED_TEXT_FIELDS)
        ]

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


class PressOffice(models.Model):
    """The publisher block under every release; one row, edited in the admin."""

    organisation = models.CharField(_("Herausgeber"), max_length=200)
    department = models.CharField(_("Abteilung"), max_length=200, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    phone = models.CharField(_("Telefon (wie angezeigt)"), max_length=60, blank=True)
    phone_link = models.CharField(
        _("Telefon (für den Link)"),
        max_length=30,
        blank=True,
        help_text=_("International, nur Ziffern und „+“, z. B. +492861822111"),
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    reuse_note = models.TextField(_("Hinweis zur Weiterverwendung"), blank=True)
    data_as_of = models.DateField(_("Stand der Angaben"), null=True, blank=True)

    class Meta:
        verbose_name = _("Pressestelle (Herausgeber)")
        verbose_name_plural = _("Pressestelle (Herausgeber)")

    def __str__(self):
        return f"{self.organisation} {self.department}".strip()

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
    found = scheduled.aggregate(
        publish=Min("publish_at", filter=Q(publish_at__gt=now)),
        embargo=Min("embargo_until", filter=Q(embargo_until__gt=now)),
    )
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments) if moments else None
