"""The parts of a release that are rows of their own: contacts, media, corrections."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .media import MediaAsset


class ReleaseContact(models.Model):
    class Role(models.TextChoices):
        PRESS = "press", _("Pressekontakt")
        SUBJECT = "subject", _("Fachliche Ansprechperson")

    release = models.ForeignKey(
        "pressroom.PressRelease", on_delete=models.CASCADE, related_name="release_contacts"
    )
    contact = models.ForeignKey(
        "locations.ContactPerson",
        on_delete=models.PROTECT,
        related_name="release_roles",
        verbose_name=_("Ansprechperson"),
    )
    role = models.CharField(_("Rolle"), max_length=10, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Ansprechperson der Meldung")
        verbose_name_plural = _("Ansprechpersonen der Meldung")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "contact", "role"], name="unique_release_contact_role"
            )
        ]

    def __str__(self):
        return f"{self.contact} – {self.get_role_display()}"


class ReleaseMedia(models.Model):
    release = models.ForeignKey(
        "pressroom.PressRelease", on_delete=models.CASCADE, related_name="release_media"
    )
    asset = models.ForeignKey(
        MediaAsset, on_delete=models.PROTECT, related_name="release_links", verbose_name=_("Medium")
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Medium der Meldung")
        verbose_name_plural = _("Medien der Meldung")
        constraints = [
            models.UniqueConstraint(fields=["release", "asset"], name="unique_release_asset")
        ]

    def __str__(self):
        return str(self.asset)


class Correction(models.Model):
    """A public, dated note that corrects a published release (never a silent edit)."""

    release = models.ForeignKey(
        "pressroom.PressRelease", on_delete=models.CASCADE, related_name="corrections"
    )
    date = models.DateField(_("Datum"))
    text = models.TextField(_("Korrektur"))

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("Korrektur")
        verbose_name_plural = _("Korrekturen")

    def __str__(self):
        return f"{self.date:%d.%m.%Y}"
