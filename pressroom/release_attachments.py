"""What is attached to a release as rows of its own: contacts, media, public corrections."""

from django.db import models
from django.utils import timezone
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


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(withdrawn_at__isnull=True)


class Correction(models.Model):
    """A public, dated note that corrects a published release (never a silent edit)."""

    release = models.ForeignKey(
        "pressroom.PressRelease", on_delete=models.CASCADE, related_name="corrections"
    )
    date = models.DateField(_("Datum"))
    text = models.TextField(_("Korrektur"))
    # Append-only: a correction is never edited or deleted; withdrawing it is an
    # action of its own (a publisher, with a reason, in the admin's log).
    withdrawn_at = models.DateTimeField(
        _("zurückgezogen am"), null=True, blank=True, editable=False
    )
    withdrawn_reason = models.CharField(
        _("Grund des Zurückziehens"), max_length=500, blank=True, editable=False
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("Korrektur")
        verbose_name_plural = _("Korrekturen")

    def __str__(self):
        return f"{self.date:%d.%m.%Y}"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding:  # a correction is always a public update (public_changes.py)
            from .public_changes import mark_material_change

            mark_material_change(self.release, timezone.now())
