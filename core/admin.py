"""Translation states in the admin: one list for all content, and per-object parts.

- „Übersetzungsstände“: every translated field with its state, filterable by
  state, language and kind of content; the action „als geprüft markieren“
  records who checked it and when.
- ``TranslationStateAdminMixin`` adds a read-only „Übersetzungen“ summary to
  an object's change form and the ``OutdatedTranslationFilter`` to its list.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import TranslationState
from .signals import bulk_changed
from .translation_state import states_of


@admin.register(TranslationState)
class TranslationStateAdmin(admin.ModelAdmin):
    list_display = ["content_object_link", "field", "language", "status", "state_text"]
    list_filter = ["status", "language", "content_type"]
    list_select_related = ["content_type", "reviewed_by"]
    readonly_fields = [
        "content_type",
        "object_id",
        "language",
        "field",
        "status",
        "translated_at",
        "source_changed_at",
        "reviewed_at",
        "reviewed_by",
    ]
    actions = ["mark_checked"]

    def has_add_permission(self, request):
        return False  # states follow the content; they are never made by hand

    @admin.display(description=_("Inhalt"))
    def content_object_link(self, obj):
        return str(obj.content_object or f"{obj.content_type.name} {obj.object_id}")

    @admin.display(description=_("Stand"))
    def state_text(self, obj):
        return obj.describe()

    @admin.action(description=_("Als geprüft markieren (mit der aktuellen deutschen Fassung)"))
    def mark_checked(self, request, queryset):
        count = queryset.update(
            status=TranslationState.Status.CHECKED,
            reviewed_at=timezone.now(),
            reviewed_by=request.user,
            source_changed_at=None,
        )
        # An update() sends no save signal: pages (notices, hreflang) must still refresh.
        bulk_changed.send(sender=TranslationState)
        self.message_user(
            request, _("%(count)d Übersetzung(en) als geprüft markiert.") % {"count": count}
        )


class OutdatedTranslationFilter(admin.SimpleListFilter):
    title = _("Übersetzung")
    parameter_name = "uebersetzung"

    def lookups(self, request, model_admin):
        return [
            (TranslationState.Status.OUTDATED, _("veraltet")),
            (TranslationState.Status.UNCHECKED, _("ungeprüft")),
        ]

    def queryset(self, request, queryset):
        # "outdated" or "outdated-tr": the latter for one language (the press desk's rows)
        status, _sep, language = (self.value() or "").partition("-")
        if status not in {TranslationState.Status.OUTDATED, TranslationState.Status.UNCHECKED}:
            return queryset
        states = TranslationState.objects.filter(
            content_type=ContentType.objects.get_for_model(queryset.model), status=status
        )
        if language:
            states = states.filter(language=language)
        return queryset.filter(pk__in=states.values("object_id"))


def _label(obj, field: str) -> str:
    """The form's own label ("Überschrift"), not the field's code name ("title")."""
    try:
        return capfirst(obj._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:
        return field


class TranslationStateAdminMixin:
    """Add "translation_states" to readonly_fields/fields of the admin using it."""

    @admin.display(description=_("Übersetzungen"))
    def translation_states(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        rows = [
            (s.get_language_display(), _label(obj, s.field), s.describe()) for s in states_of(obj)
        ]
        if not rows:
            return _("noch keine Übersetzung")
        return format_html_join("\n", "<div>{} · {}: {}</div>", rows)
