"""What can I do where? Services of the Jobcenter and the channels to use them.

A channel without an office is the county-wide default; a channel with an
office overrides the default of the same kind for that office (or, with
"angeboten" off, says it is not offered there). Offline channels always stand
beside online ones: every kind is shown with equal weight.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ServiceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Service(models.Model):
    title = models.CharField(_("Titel"), max_length=200, help_text=_("z. B. „Erstantrag stellen“"))
    slug = models.SlugField(_("Kurzname (URL)"), unique=True)
    summary = models.TextField(_("Kurzbeschreibung"), help_text=_("In einfachen Worten."))
    what_to_bring = models.TextField(
        _("Was Sie mitbringen oder beilegen"),
        blank=True,
        help_text=_(
            "Leer lassen, wenn es nicht bekannt ist: Die Seite verweist dann an das örtliche Jobcenter."
        ),
    )
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    is_published = models.BooleanField(_("veröffentlicht"), default=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("Leistung (Was kann ich wo erledigen?)")
        verbose_name_plural = _("Leistungen (Was kann ich wo erledigen?)")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("services:detail", kwargs={"slug": self.slug})


class ServiceChannel(models.Model):
    class Kind(models.TextChoices):
        IN_PERSON = "in_person", _("persönlich")
        PHONE = "phone", _("telefonisch")
        POST = "post", _("per Post")
        PAPER_FORM = "paper_form", _("Papierformular")
        ONLINE = "online", _("online")

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="channels", verbose_name=_("Leistung")
    )
    office = models.ForeignKey(
        "locations.Office",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="service_channels",
        verbose_name=_("nur für Standort"),
        help_text=_(
            "Leer: gilt kreisweit. Mit Standort: ersetzt dort den kreisweiten Weg derselben Art."
        ),
    )
    kind = models.CharField(_("Weg"), max_length=12, choices=Kind.choices)
    is_offered = models.BooleanField(
        _("angeboten"),
        default=True,
        help_text=_("Aus: Dieser Weg wird an dem Standort nicht angeboten."),
    )
    description = models.TextField(_("So geht es"), blank=True)
    url = models.URLField(
        _("Adresse (Link)"),
        blank=True,
        help_text=_(
            "Nur eintragen, wenn sie sicher bekannt ist; sonst nennt die Seite, wen man fragt."
        ),
    )
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["order", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "office", "kind"], name="unique_service_channel_per_office"
            ),
            models.UniqueConstraint(
                fields=["service", "kind"],
                condition=models.Q(office=None),
                name="unique_county_wide_service_channel",
            ),
        ]
        verbose_name = _("Weg")
        verbose_name_plural = _("Wege")

    def __str__(self):
        where = self.office.name if self.office_id else _("kreisweit")
        return f"{self.service}: {self.get_kind_display()} ({where})"


KIND_ORDER = [kind.value for kind in ServiceChannel.Kind]


def channels_for(service, office=None) -> list:
    """The service's channels at an office: the county-wide defaults, replaced by the
    office's own of the same kind; channels not offered there are left out."""
    channels = list(service.channels.all())
    by_kind = {c.kind: c for c in channels if c.office_id is None}
    if office is not None:
        by_kind.update({c.kind: c for c in channels if c.office_id == office.pk})
    offered = [c for c in by_kind.values() if c.is_offered]
    return sorted(offered, key=lambda c: (c.order, KIND_ORDER.index(c.kind)))


def overrides(service) -> list:
    """Office-specific channels, for the service page's "at some offices" list."""
    return [c for c in service.channels.all() if c.office_id is not None]
