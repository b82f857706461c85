"""Media assets (images offered to journalists) and their renditions."""

from uuid import uuid4

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import imaging


def original_path(instance, filename: str) -> str:
    """A random name: an unpublished release's file must not be guessable (media_files.py)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"presse/original/{uuid4().hex}.{extension}"


class MediaAssetQuerySet(models.QuerySet):
    def public(self) -> "MediaAssetQuerySet":
        """Assets attached to at least one published release (the publishing rule)."""
        from .models import PressRelease

        return self.filter(pk__in=PressRelease.objects.published().values("release_media__asset"))


class MediaAsset(models.Model):
    image = models.FileField(
        _("Bild (Original)"),
        upload_to=original_path,
        help_text=_(
            "JPEG, PNG oder WebP, höchstens 15 MB und 40 Megapixel. Das Bild wird neu "
            "gespeichert; Metadaten wie GPS-Koordinaten werden entfernt."
        ),
    )
    title = models.CharField(_("Titel"), max_length=200)
    caption = models.TextField(_("Bildunterschrift"), blank=True)
    alt_text = models.CharField(
        _("Alternativtext"),
        max_length=300,
        help_text=_("Beschreibt, was auf dem Bild zu sehen ist (für Screenreader)."),
    )
    credit = models.CharField(_("Bildnachweis"), max_length=200, blank=True)
    licence = models.CharField(_("Lizenz / Nutzungsbedingungen"), max_length=300, blank=True)
    width = models.PositiveIntegerField(_("Breite (px)"), default=0, editable=False)
    height = models.PositiveIntegerField(_("Höhe (px)"), default=0, editable=False)
    renditions = models.JSONField(_("Varianten"), default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = MediaAssetQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Medium")
        verbose_name_plural = _("Medien")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Renditions are derived from the stored original; rebuild when it changes.
        if self.image and (self.renditions or {}).get("source") != self.image.name:
            self.build_renditions()
            type(self).objects.filter(pk=self.pk).update(renditions=self.renditions)

    def get_absolute_url(self):
        return reverse("pressroom:media", kwargs={"pk": self.pk})

    def file_url(self, variant: str = "original") -> str:
        """The checked URL of a file (media_files.py); carries an embargo grant if set."""
        from .media_files import file_url

        return file_url(self, variant, getattr(self, "embargo_token", ""))

    @property
    def original_url(self) -> str:
        return self.file_url("original")

    def build_renditions(self) -> None:
        """Write thumbnail and medium (WebP + fallback) under random names; store paths."""
        self.image.open("rb")
        try:
            made = imaging.renditions(self.image.read())
        finally:
            self.image.close()
        stem = f"presse/varianten/{uuid4().hex}"
        stored = {"source": self.image.name}
        for name, item in made.items():
            webp = default_storage.save(f"{stem}-{name}.webp", ContentFile(item["webp"]))
            fallback = default_storage.save(
                f"{stem}-{name}.{item['fallback_ext']}", ContentFile(item["fallback"])
            )
            stored[name] = {
                "width": item["width"],
                "height": item["height"],
                "webp": webp,
                "fallback": fallback,
            }
        self.renditions = stored

    def rendition(self, name: str) -> dict | None:
        """{"width", "height", "webp_url", "fallback_url"} for a template, or None."""
        item = self.renditions.get(name) if self.renditions else None
        if not item:
            return None
        return {
            "width": item["width"],
            "height": item["height"],
            "webp_url": self.file_url(f"{name}-webp"),
            "fallback_url": self.file_url(name),
        }

    @property
    def thumbnail(self):
        return self.rendition("thumbnail")

    @property
    def medium(self):
        return self.rendition("medium")
