"""django-reversion's views, checked like the change form.

``VersionAdmin`` looks a version up by its id alone, reverts the whole
revision before any object permission is asked, and keeps the revert when
the change form answers with any redirect – including the "object not
found" redirect. So a staff user limited to one office could revert other
offices, contacts or press releases through any history URL. Every
``VersionAdmin`` of the project therefore starts with this mixin.
"""

import datetime

from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import _get_options

from .field_diff import changes, row_state

READ_ONLY_FOR_YOU = _(
    "Diese Fassung würde Felder ändern, die für Ihr Konto schreibgeschützt sind: %(fields)s."
)
SAVED_WITH_OTHERS = _(
    "Diese Fassung wurde zusammen mit anderen Einträgen gespeichert (zum Beispiel einer "
    "Korrektur oder einem anderen Standort). Wiederherstellen würde auch diese ändern; das "
    "ist nicht möglich. Übernehmen Sie die gewünschten Texte von Hand aus der Tabelle."
)
NOT_YOURS = _("Diese Fassung gehört zu einem Eintrag, den Ihr Konto nicht bearbeiten darf.")


class RevertRefused(PermissionDenied):
    """A restore this user may not do; the message says why (shown on the 403 page)."""


def comparable(value):
    """Versions are stored as JSON, which keeps only milliseconds of a time."""
    if isinstance(value, datetime.datetime | datetime.time):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


class SafeVersionAdminMixin:
    """Put before ``VersionAdmin`` in the bases."""

    def history_view(self, request, object_id, extra_context=None):
        obj = self._visible_object(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self._visible_object(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        try:
            self._check_revision_scope(version, obj)
            self.check_revert(request, obj, version)
            return super().revision_view(request, object_id, version_id, extra_context)
        except RevertRefused as refusal:  # the revert, if any, is rolled back by now
            return self.refused(request, refusal, version, obj)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        # Only the last version of a deleted object of *this* model.
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        try:
            self._check_revision_scope(version, None)
            self.check_revert(request, None, version)
            return super().recover_view(request, version_id, extra_context)
        except RevertRefused as refusal:
            return self.refused(request, refusal, version, None)

    def refused(self, request, refusal, version, current):
        """A 403 that says why, and shows the old text so it can be copied by hand."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Diese Fassung kann nicht wiederhergestellt werden"),
            "reason": refusal.args[0] if refusal.args else NOT_YOURS,
            "object": current,
            "version": version,
            "version_changes": changes(
                self.model,
                row_state(current) if current else dict.fromkeys(version.field_dict),
                version.field_dict,
            ),
        }
        return TemplateResponse(request, "admin/revert_refused.html", context, status=403)

    def _reversion_order_version_queryset(self, request, queryset):
        # Used by the recover list (and the history): list only what this
        # user could recover, so deleted rows of other offices stay unnamed.
        versions = super()._reversion_order_version_queryset(request, queryset)
        return [version for version in versions if self.may_see_version(request, version)]

    def may_see_version(self, request, version):
        """Hook: whether a (deleted) object's version is this user's business."""
        return True

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Inside a revert (the revision is already applied, in a transaction):
        # the reverted object must still be one this user may change. Raising
        # here rolls the revert back; a redirect would have kept it.
        if (
            object_id
            and extra_context
            and ("revert" in extra_context or "recover" in extra_context)
        ):
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404
            if not self.has_change_permission(request, obj):
                raise RevertRefused(NOT_YOURS)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def check_revert(self, request, current, version):
        """Hook: raise PermissionDenied if this user may not restore ``version``.

        ``current`` is the stored row (None when recovering). By default a
        revert may not change a field the user sees read-only.
        """
        if current is None:
            return
        fields = self.revert_protected_fields(request, current)
        stored = version.field_dict
        touched = [
            str(field.verbose_name)
            for field in self.model._meta.concrete_fields
            if field.editable
            and field.name in fields
            and field.attname in stored
            and comparable(stored[field.attname]) != comparable(getattr(current, field.attname))
        ]
        if touched:
            raise RevertRefused(READ_ONLY_FOR_YOU % {"fields": ", ".join(touched)})

    def revert_protected_fields(self, request, obj):
        """Model fields a revert must leave as they are: by default those read-only
        for this user (not the ones read-only for everyone, such as image sizes)."""
        return set(self.get_readonly_fields(request, obj)) - set(self.readonly_fields)

    def _visible_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        return obj

    def _check_revision_scope(self, version, obj):
        """A revert restores the whole revision: it may hold only this object and
        the rows it follows (its inlines), never other offices or releases."""
        own_type = ContentType.objects.get_for_model(self.model)
        object_id = str(obj.pk) if obj is not None else version.object_id
        parent_links = {}
        for name in _get_options(self.model).follow:
            relation = self.model._meta.get_field(name)
            if relation.one_to_many:
                parent_links[relation.related_model] = relation.field.attname
        for other in version.revision.version_set.select_related("content_type"):
            if other.content_type_id == own_type.pk:
                if other.object_id != object_id:
                    raise RevertRefused(SAVED_WITH_OTHERS)
                continue
            model = other.content_type.model_class()
            link = parent_links.get(model)
            if link is None or str(other.field_dict.get(link)) != object_id:
                raise RevertRefused(SAVED_WITH_OTHERS)


class ContentAdmin(SafeVersionAdminMixin, VersionAdmin, TranslationAdmin):
    """The admin base of every translated, versioned content model of the site."""
