from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.reversion_admin import ContentAdmin

from . import imaging
from .media import MediaAsset


class _CurrentFile:
    def __init__(self, url, name):
        self.url, self.name = url, name

    def __str__(self):
        return str(self.name)


class OriginalFileInput(forms.ClearableFileInput):
    """ "Derzeit" links to the checked file URL; the storage path is not served."""

    asset = None

    def format_value(self, value):
        value = super().format_value(value)
        if value and self.asset is not None and self.asset.pk:
            return _CurrentFile(self.asset.file_url("original"), _("Originaldatei ansehen"))
        return value


class MediaAssetForm(forms.ModelForm):
    """Every upload is checked by content and re-encoded before it is stored."""

    class Meta:
        model = MediaAsset
        fields = ("image", "title_de", "alt_text_de", "caption_de", "credit", "licence")
        fields += ("creator", "copyright_notice", "licence_url")
        widgets = {"image": OriginalFileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "image" in self.fields:
            self.fields["image"].widget.asset = self.instance

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload is None or not hasattr(upload, "content_type"):
            return upload  # unchanged on edit
        clean = imaging.clean_upload(upload)
        self.instance.width, self.instance.height = clean.width, clean.height
        return clean.file


@admin.register(MediaAsset)
class MediaAssetAdmin(ContentAdmin):
    form = MediaAssetForm
    list_display = ("preview", "title", "credit", "width", "height", "created_at")
    search_fields = ("title_de", "caption_de", "credit")
    readonly_fields = ("width", "height", "preview")
    fieldsets = [
        (None, {"fields": ("image", "preview", "title", "alt_text", "caption")}),
        (
            _("Rechte"),
            {"fields": ("credit", "creator", "copyright_notice", "licence", "licence_url")},
        ),
        (_("Maße"), {"fields": ("width", "height")}),
    ]

    @admin.display(description=_("Vorschau"))
    def preview(self, obj):
        thumb = obj.thumbnail if obj and obj.pk else None
        if not thumb:
            return "–"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" class="pressroom-thumb">',
            thumb["fallback_url"],
            min(thumb["width"], 120),
            round(min(thumb["width"], 120) * thumb["height"] / max(thumb["width"], 1)),
        )
