"""Media assets (images offered to journalists) and their renditions."""

from uuid import uuid4

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.media_headers import PROTECTED_PREFIX

from . import iim, imaging, xmp

# The query parameter that carries an embargo link's token to a file URL.
EMBARGO_PARAM = "zugang"


def original_path(instance, filename: str) -> str:
    """A random name: an unpublished release's file must not be guessable (media_views.py)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"{PROTECTED_PREFIX}original/{uuid4().hex}.{extension}"


def _write_renditions(made: dict, packet: bytes, iim_block: bytes) -> dict:
    """Store thumbnail and medium (WebP + fallback), each with the XMP packet (and IIM)."""
    stem = f"{PROTECTED_PREFIX}varianten/{uuid4().hex}"
    stored = {}
    for name, item in made.items():
        webp, fallback = (xmp.embed(item[key], packet, iim_block) for key in ("webp", "fallback"))
        stored[name] = {
            "width": item["width"],
            "height": item["height"],
            "webp": default_storage.save(f"{stem}-{name}.webp", ContentFile(webp)),
            "fallback": default_storage.save(
                f"{stem}-{name}.{item['fallback_ext']}", ContentFile(fallback)
            ),
        }
    return stored


def _rendition_files(renditions: dict) -> list[str]:
    return [
        item[key]
        for item in renditions.values()
        if isinstance(item, dict)
        for key in ("webp", "fallback")
        if item.get(key)
    ]


def _delete(names) -> None:
    for name in names:
        if name and name.startswith(PROTECTED_PREFIX):
            default_storage.delete(name)


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
    creator = models.CharField(
        _("Urheber/in"), max_length=200, blank=True, help_text=_("Wer das Foto gemacht hat.")
    )
    copyright_notice = models.CharField(
        _("Copyright-Vermerk"), max_length=200, blank=True, help_text=_("z. B. „© Kreis Borken“")
    )
    licence = models.CharField(_("Lizenz / Nutzungsbedingungen"), max_length=300, blank=True)
    licence_url = models.URLField(
        _("Lizenz (Adresse)"),
        blank=True,
        help_text=_("Die Seite mit den Nutzungsbedingungen, falls es eine gibt."),
    )
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
        if self.image:
            self.sync_files()

    def get_absolute_url(self):
        return reverse("pressroom:media", kwargs={"pk": self.pk})

    def file_url(self, variant: str = "original", embargo_token: str = "") -> str:
        """The checked URL of a file (media_views.py); an embargo token grants access early."""
        url = reverse("press_media_file", kwargs={"pk": self.pk, "variant": variant})
        return f"{url}?{EMBARGO_PARAM}={embargo_token}" if embargo_token else url

    @property
    def original_url(self) -> str:
        return self.file_url("original")

    def sync_files(self) -> None:
        """Rights inside every file, renditions derived from the original (xmp.py).

        When the original or any rights field (credit, creator, copyright,
        licence, title, caption, alt text) changed since the files were
        written, the original gets the new XMP packet spliced in (no
        re-encode) and the renditions are rebuilt from it; all under new
        random names, the old files are deleted once the row points away.
        """
        data = xmp.rights(self)
        stamp = xmp.fingerprint(data)
        stored = self.renditions or {}
        if stored.get("source") == self.image.name and stored.get("rights") == stamp:
            return
        packet, iim_block = xmp.packet(data), iim.block(data)
        self.image.open("rb")
        try:
            original = self.image.read()
        finally:
            self.image.close()
        stale = [self.image.name, *_rendition_files(stored)]
        # A fresh FieldFile: the old one keeps the file handle it opened above.
        self.image = default_storage.save(
            original_path(self, self.image.name),
            ContentFile(xmp.embed(original, packet, iim_block)),
        )
        self.renditions = {
            **_write_renditions(imaging.renditions(original), packet, iim_block),
            "source": self.image.name,
            "rights": stamp,
        }
        type(self).objects.filter(pk=self.pk).update(
            image=self.image.name, renditions=self.renditions
        )
        transaction.on_commit(lambda: _delete(stale))

    def rendition(self, name: str, embargo_token: str = "") -> dict | None:
        """{"width", "height", "webp_url", "fallback_url"} for a template, or None."""
        item = self.renditions.get(name) if self.renditions else None
        if not item:
            return None
        return {
            "width": item["width"],
            "height": item["height"],
            "webp_url": self.file_url(f"{name}-webp", embargo_token),
            "fallback_url": self.file_url(name, embargo_token),
        }

    @property
    def thumbnail(self):
        return self.rendition("thumbnail")

    @property
    def medium(self):
        return self.rendition("medium")
