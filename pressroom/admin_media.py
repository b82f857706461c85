from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from reversion.admin import VersionAdmin

from locations.admin_mixins import SafeVersionAdminMixin

from . import imaging
from .media import MediaAsset


class MediaAssetForm(forms.ModelForm):
    """Every upload is checked by content and re-encoded before it is stored."""

    class Meta:
        model = MediaAsset
        fields = ("image", "title_de", "alt_text_de", "caption_de", "credit", "licence")

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload is None or not hasattr(upload, "content_type"):
            return upload  # unchanged on edit
        clean = imaging.clean_upload(upload)
        self.instance.width, self.instance.height = clean.width, clean.height
        return clean.file


@admin.register(MediaAsset)
class MediaAssetAdmin(SafeVersionAdminMixin, VersionAdmin, TranslationAdmin):
    form = MediaAssetForm
    list_display = ("preview", "title", "credit", "width", "height", "created_at")
    search_fields = ("title_de", "caption_de", "credit")
    readonly_fields = ("width", "height", "preview")
    fieldsets = [
        (None, {"fields": ("image", "preview", "title", "alt_text", "caption")}),
        (_("Rechte"), {"fields": ("credit", "licence")}),
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
