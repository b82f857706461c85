"""Review and freshness of translated content, one row per object, language and field.

One small table for every app (keyed by content type), so a translated field
needs no extra columns: a press release, an information page and a figure
share the same states, admin list and public notice. The rules live in
``core.translation_state``.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class TranslationState(models.Model):
    class Status(models.TextChoices):
        UNCHECKED = "unchecked", _("ungeprüft")
        CHECKED = "checked", _("geprüft")
        OUTDATED = "outdated", _("veraltet")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("Sprache"), max_length=10, choices=settings.LANGUAGES)
    field = models.CharField(_("Feld"), max_length=60)
    status = models.CharField(
        _("Stand"), max_length=10, choices=Status.choices, default=Status.UNCHECKED
    )
    translated_at = models.DateTimeField(_("übersetzt am"), null=True, blank=True)
    source_changed_at = models.DateTimeField(
        _("deutsche Fassung geändert am"),
        null=True,
        blank=True,
        help_text=_("Gesetzt, wenn sich der deutsche Text nach der Übersetzung geändert hat."),
    )
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geprüft von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Übersetzungsstand")
        verbose_name_plural = _("Übersetzungsstände")
        ordering = ["content_type", "object_id", "language", "field"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language", "field"],
                name="one_state_per_translated_field",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.content_type.name} {self.object_id} · {self.field} · {self.language}"

    def describe(self) -> str:
        """„geprüft am 1. Dezember 2026 von mmuster“, „ungeprüft“, „veraltet seit …“."""
        if self.status == self.Status.OUTDATED and self.source_changed_at:
            when = date_format(self.source_changed_at, "DATE_FORMAT")
            return str(_("veraltet: deutsche Fassung geändert am %(date)s") % {"date": when})
        if self.status == self.Status.CHECKED and self.reviewed_at:
            who = self.reviewed_by.get_username() if self.reviewed_by else "–"
            when = date_format(self.reviewed_at, "DATE_FORMAT")
            return str(_("geprüft am %(date)s von %(user)s") % {"date": when, "user": who})
        return str(self.Status.UNCHECKED.label)
