from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import OutdatedTranslationFilter, TranslationStateAdminMixin
from core.edit_lock import EditLockAdminMixin
from core.reversion_admin import ContentAdmin

from .models import Feedback, Figure, Page, SignLanguageVideo


@admin.register(Page)
class PageAdmin(TranslationStateAdminMixin, EditLockAdminMixin, ContentAdmin):
    list_display = ["title", "slug", "gaps", "updated_at"]
    list_filter = [OutdatedTranslationFilter]
    search_fields = ["title", "intro"]
    fields = ["slug", "title", "intro", "body", "translation_states"]

    def get_readonly_fields(self, request, obj=None):
        # Links all over the site point at the slug; it stays as created.
        return ["slug", "translation_states"] if obj else ["translation_states"]

    @admin.display(description=_("offene Lücken"))
    def gaps(self, obj):
        return obj.gap_count() or "–"


@admin.register(Figure)
class FigureAdmin(TranslationStateAdminMixin, ContentAdmin):
    list_display = ["label", "qualifier", "value", "unit", "as_of", "on_home", "order"]
    list_editable = ["order", "on_home"]
    list_filter = ["unit", "as_of", "on_home", OutdatedTranslationFilter]
    readonly_fields = ["translation_states"]
    search_fields = ["label", "source"]


@admin.register(SignLanguageVideo)
class SignLanguageVideoAdmin(ContentAdmin):
    list_display = ["title", "duration", "is_active", "order"]
    list_filter = ["is_active"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "page_url", "short_description", "status", "mailed"]
    list_filter = ["status", "created_at"]
    search_fields = ["description", "page_url", "name", "email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "created_at",
        "mailed_at",
        "page_url",
        "description",
        "name",
        "email",
        "language",
    ]
    fields = [*readonly_fields, "status", "note"]
    actions = ["mark_answered"]

    def has_add_permission(self, request):
        return False  # feedback comes from the public form only

    @admin.display(description=_("Beschreibung"))
    def short_description(self, obj):
        return obj.description[:80]

    @admin.display(description=_("weitergeleitet"), boolean=True)
    def mailed(self, obj):
        return obj.mailed_at is not None

    @admin.action(description=_("Als beantwortet markieren"))
    def mark_answered(self, request, queryset):
        count = queryset.update(status=Feedback.Status.ANSWERED)
        self.message_user(
            request, _("%(count)d Rückmeldung(en) als beantwortet markiert.") % {"count": count}
        )
