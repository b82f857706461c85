"""Admin for the Pressestelle (German UI).

Publishing needs the separate permission ``publish_pressrelease`` and passes
a readiness check; a published release is withdrawn, never deleted.
Revisions come from django-reversion (VersionAdmin): every save is kept,
older versions can be compared and restored, deleted releases recovered.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from reversion.admin import VersionAdmin

from locations.admin_mixins import SafeVersionAdminMixin

from . import admin_media, admin_subscriptions  # noqa: F401  (register their admins)
from .admin_embargo import EmbargoLinkInline, links_after_revert, links_now
from .admin_filters import LanguageCompleteFilter, YearFilter
from .models import (
    Correction,
    EmbargoAccess,
    EmbargoLink,
    PressOffice,
    PressRelease,
    ReleaseContact,
    ReleaseMedia,
    Series,
    Topic,
)
from .publishing import can_publish, publish, withdraw

PUBLISHED = PressRelease.Status.PUBLISHED
# What decides whether and when a release is public: only publishers change it
# once a release is published (and only they restore it from an old version).
PUBLICATION_FIELDS = ("status", "publish_at", "embargo_until")


class ReleaseContactInline(admin.TabularInline):
    model = ReleaseContact
    extra = 0
    fields = ("contact", "role", "order")


class ReleaseMediaInline(admin.TabularInline):
    model = ReleaseMedia
    extra = 0
    fields = ("asset", "order")


class CorrectionInline(TranslationTabularInline):
    model = Correction
    extra = 0


class PressReleaseForm(forms.ModelForm):
    can_publish = False  # set per request in get_form()

    def clean(self):
        cleaned = super().clean()
        # self.instance still holds the stored row here (it is updated after clean()).
        was_published = bool(self.instance.pk) and self.instance.status == PUBLISHED
        now_published = cleaned.get("status", self.instance.status) == PUBLISHED
        if was_published != now_published and not self.can_publish:
            raise forms.ValidationError(
                _("Veröffentlichen und Zurückziehen darf nur, wer die Freigabe-Berechtigung hat.")
            )
        if was_published and not self.can_publish:
            self._refuse_publication_changes(cleaned)
        if now_published:
            missing = [
                self.fields[f"{name}_de"].label
                for name in ("title", "lead", "body")
                if not cleaned.get(f"{name}_de")
            ]
            if missing:
                raise forms.ValidationError(
                    _("Vor dem Veröffentlichen fehlt noch (Deutsch): %(fields)s")
                    % {"fields": ", ".join(str(label) for label in missing)}
                )
        return cleaned

    def _refuse_publication_changes(self, cleaned):
        """Defence in depth: these fields are read-only for non-publishers anyway."""
        for name in PUBLICATION_FIELDS:
            if name in cleaned and cleaned[name] != getattr(self.instance, name):
                raise forms.ValidationError(
                    _(
                        "Status, Veröffentlichungszeitpunkt und Sperrfrist einer veröffentlichten "
                        "Pressemitteilung ändert nur, wer die Freigabe-Berechtigung hat."
                    )
                )


@admin.register(PressRelease)
class PressReleaseAdmin(SafeVersionAdminMixin, VersionAdmin, TranslationAdmin):
    form = PressReleaseForm
    list_display = (
        "title",
        "status",
        "publish_at",
        "series",
        "part_number",
        "is_published",
        "complete_languages",
    )
    list_filter = ("status", "series", "topics", YearFilter, LanguageCompleteFilter)
    list_select_related = ("series",)
    search_fields = ("title_de", "title_en", "lead_de", "slug")
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ("title_de",)}
    filter_horizontal = ("topics",)
    readonly_fields = ("readiness", "preview_link", "created_at", "created_by", "updated_at")
    readonly_fields += ("updated_by",)
    fieldsets = [
        (None, {"fields": ("kicker", "title", "slug", "dateline", "lead", "body")}),
        (_("Zum Hintergrund"), {"fields": ("background_title", "background_text")}),
        (_("Hinweis an die Redaktionen"), {"fields": ("editors_note",)}),
        (_("Serie und Themen"), {"fields": ("series", "part_number", "topics")}),
        (
            _("Veröffentlichung"),
            {"fields": ("readiness", "status", "publish_at", "embargo_until", "preview_link")},
        ),
        (
            _("Verlauf"),
            {
                "classes": ("collapse",),
                "fields": ("created_at", "created_by", "updated_at", "updated_by"),
            },
        ),
    ]
    inlines = [ReleaseContactInline, ReleaseMediaInline, CorrectionInline, EmbargoLinkInline]
    actions = ["publish_selected", "withdraw_selected"]

    @admin.display(description=_("vollständig in"))
    def complete_languages(self, obj):
        return ", ".join(code.upper() for code in obj.languages()) or "–"

    @admin.display(description=_("Bereit zur Veröffentlichung?"))
    def readiness(self, obj):
        problems = obj.readiness_problems() if obj else []
        if not problems:
            return _("Ja: Deutsch vollständig, Ansprechperson und Alternativtexte vorhanden.")
        items = format_html_join("", "<li>{}</li>", ((p,) for p in problems))
        return format_html("<ul>{}</ul>", items)

    @admin.display(description=_("Vorschau"))
    def preview_link(self, obj):
        if not obj or not obj.pk:
            return "–"
        url = (
            obj.get_absolute_url()
            if obj.is_published()
            else reverse("pressroom:preview", args=[obj.pk])
        )
        return format_html('<a href="{}">{}</a>', url, _("Seite ansehen"))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.can_publish = can_publish(request.user)
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.status == PUBLISHED and not can_publish(request.user):
            fields = (*fields, *PUBLICATION_FIELDS)
        return fields

    def revert_protected_fields(self, request, obj):
        """Restoring an old version must not publish, withdraw or reschedule."""
        fields = super().revert_protected_fields(request, obj)
        return fields if can_publish(request.user) else fields | set(PUBLICATION_FIELDS)

    def check_revert(self, request, current, version):
        super().check_revert(request, current, version)
        if can_publish(request.user):
            return
        if current is None and version.field_dict.get("status") == PUBLISHED:
            raise PermissionDenied  # recovering a published release publishes it
        if links_after_revert(version) != links_now(current):
            raise PermissionDenied  # would revive revoked or remove current links

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is EmbargoLink:
            for link in formset.save(commit=False):
                link.created_by = link.created_by or request.user
                link.save()
            for link in formset.deleted_objects:
                link.delete()
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        release = form.instance
        if release.status == PUBLISHED and (problems := release.readiness_problems()):
            PressRelease.objects.filter(pk=release.pk).update(status=PressRelease.Status.READY)
            messages.error(
                request,
                _("Nicht veröffentlicht, Status „bereit“: %(problems)s")
                % {"problems": " ".join(problems)},
            )

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == PUBLISHED:
            return False  # withdraw instead
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset.exclude(status=PUBLISHED))

    def has_publish_permission(self, request):
        return can_publish(request.user)

    @admin.action(description=_("Ausgewählte veröffentlichen"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        """First a page with the readiness of each release; publishing after confirmation."""
        releases = list(queryset.order_by("pk"))
        if request.POST.get("confirm") != "yes":
            rows = [(release, release.readiness_problems()) for release in releases]
            ctx = {
                **self.admin_site.each_context(request),
                "title": _("Veröffentlichen: Prüfung"),
                "rows": rows,
                "opts": self.model._meta,
            }
            return TemplateResponse(request, "admin/pressroom/publish_confirm.html", ctx)
        published, refused = publish(releases, request.user, timezone.now())
        if published:
            messages.success(request, _("Veröffentlicht: %(n)s") % {"n": len(published)})
        for release, problems in refused:
            messages.error(request, f"{release}: {' '.join(problems)}")
        return None

    @admin.action(description=_("Ausgewählte zurückziehen"), permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        count = withdraw(queryset, request.user)
        messages.success(request, _("Zurückgezogen: %(n)s") % {"n": count})


@admin.register(Series)
class SeriesAdmin(SafeVersionAdminMixin, VersionAdmin, TranslationAdmin):
    list_display = ("title", "planned_parts", "starts_on", "ends_on")
    prepopulated_fields = {"slug": ("title_de",)}
    search_fields = ("title_de",)


@admin.register(Topic)
class TopicAdmin(SafeVersionAdminMixin, VersionAdmin, TranslationAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name_de",)}
    search_fields = ("name_de",)


@admin.register(PressOffice)
class PressOfficeAdmin(SafeVersionAdminMixin, VersionAdmin, TranslationAdmin):
    list_display = ("__str__", "email", "data_as_of")

    def has_add_permission(self, request):
        return not PressOffice.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EmbargoAccess)
class EmbargoAccessAdmin(admin.ModelAdmin):
    """The access log: read only, for everyone."""

    list_display = ("link", "accessed_at", "user_agent")
    list_select_related = ("link__release",)
    date_hierarchy = "accessed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
