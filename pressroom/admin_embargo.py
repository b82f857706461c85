"""Embargo links in the release admin: only publishers hand them out."""

import logging

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.reversion_admin import comparable

from .models import EmbargoLink
from .publishing import can_publish

logger = logging.getLogger("jobcenter.security")


class EmbargoLinkForm(forms.ModelForm):
    revoke = forms.BooleanField(
        label=_("Widerrufen"),
        required=False,
        help_text=_("Ankreuzen und sichern: Der Link gilt sofort nicht mehr."),
    )

    class Meta:
        model = EmbargoLink
        fields = ("recipient", "expires_at")

    def save(self, commit=True):
        link = super().save(commit=False)
        if self.cleaned_data.get("revoke") and link.revoked_at is None:
            link.revoked_at = timezone.now()
            logger.info("embargo link revoked link=%s release=%s", link.pk, link.release_id)
        if commit:
            link.save()
        return link


class EmbargoLinkInline(admin.TabularInline):
    model = EmbargoLink
    form = EmbargoLinkForm
    extra = 0
    fields = ("recipient", "expires_at", "link", "access_count", "revoked_at", "revoke")
    readonly_fields = ("link", "access_count", "revoked_at")

    # A link hands an unpublished release to a journalist: that is the
    # publishers' decision, like publishing itself.
    def get_fields(self, request, obj=None):
        # Read-only for editors: a "revoke" column there was a form field without a label.
        fields = super().get_fields(request, obj)
        return fields if can_publish(request.user) else [f for f in fields if f != "revoke"]

    def has_add_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_delete_permission(request, obj)

    @admin.display(description=_("Link"))
    def link(self, obj):
        if not obj.pk:
            return _("nach dem Speichern")
        url = obj.absolute_url()
        return format_html(
            '<input type="text" readonly value="{0}" id="embargo-url-{1}" class="jc-copy-source" '
            'aria-label="{2}"> <button type="button" class="button" data-copy="embargo-url-{1}" '
            'data-copied-label="{3}">{4}</button>',
            url,
            obj.pk,
            _("Sperrfrist-Link für %(recipient)s") % {"recipient": obj.recipient},
            _("Kopiert"),
            _("Link kopieren"),
        )

    @admin.display(description=_("Zugriffe"))
    def access_count(self, obj):
        return obj.accesses.count() if obj.pk else 0


LINK_FIELDS = ("recipient", "expires_at", "revoked_at")


def links_after_revert(version):
    """The embargo links a revert to ``version`` would leave (they are followed)."""
    links = version.revision.version_set.filter(
        content_type=ContentType.objects.get_for_model(EmbargoLink)
    )
    return {
        (int(v.object_id), *(comparable(v.field_dict[name]) for name in LINK_FIELDS)) for v in links
    }


def links_now(release):
    if release is None:
        return set()
    rows = release.embargo_links.values_list("pk", *LINK_FIELDS)
    return {(pk, *(comparable(value) for value in rest)) for pk, *rest in rows}
