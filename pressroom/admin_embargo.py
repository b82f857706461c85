"""Embargo links in the release admin: only publishers hand them out."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from locations.admin_mixins import comparable

from .models import EmbargoLink
from .publishing import can_publish


class EmbargoLinkInline(admin.TabularInline):
    model = EmbargoLink
    extra = 0
    fields = ("recipient", "expires_at", "revoked_at", "link", "access_count")
    readonly_fields = ("link", "access_count")

    # A link hands an unpublished release to a journalist: that is the
    # publishers' decision, like publishing itself.
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
        return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url())

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
