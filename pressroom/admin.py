"""Admin for the Pressestelle (German UI).

Publishing needs the separate permission ``publish_pressrelease`` and passes
a readiness check; a published release is withdrawn, never deleted.
Revisions come from django-reversion (VersionAdmin): every save is kept,
older versions can be compared and restored, deleted releases recovered.
"""

from functools import partial

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import OutdatedTranslationFilter, TranslationStateAdminMixin
from core.edit_lock import EditLockAdminMixin
from core.reversion_admin import ContentAdmin, RevertRefused

from . import (
    admin_media,  # noqa: F401  (registers its admin)
    admin_views,
    approval,
)
from .admin_embargo import EmbargoLinkInline, links_after_revert, links_now
from .admin_filters import LanguageCompleteFilter, PublicStateFilter, YearFilter
from .admin_forms import (
    PUBLICATION_FIELDS,
    CorrectionInline,
    PressReleaseForm,
    ReleaseContactInline,
    ReleaseMediaInline,
)
from .models import (
    Correction,
    EmbargoAccess,
    EmbargoLink,
    PressOffice,
    PressRelease,
    Series,
    Topic,
)
from .public_changes import announce_update, mark_material_change
from .publishing import can_publish, public_state, publish, text_changed_on_live, withdraw

PUBLISHED = PressRelease.Status.PUBLISHED
READY = PressRelease.Status.READY
# Decision (issue 15) on text changes to a live release by someone without the
# publishing permission: they go live at once (a fix must not wait), and are
# marked for the publishers until one of them marks them as checked.
LIVE_EDIT_RULE = _(
    "Ist die Meldung schon öffentlich, gilt eine Textänderung sofort. Wer keine "
    "Freigabe-Berechtigung hat, dessen Änderung wird auf „Pressestelle heute“, in der "
    "Liste und im Verlauf als „nach Veröffentlichung geändert“ markiert, bis jemand "
    "mit Freigabe sie als geprüft markiert. „Bereit zur Freigabe“ benachrichtigt alle "
    "mit Freigabe-Berechtigung per E-Mail."
)


@admin.register(PressRelease)
class PressReleaseAdmin(TranslationStateAdminMixin, EditLockAdminMixin, ContentAdmin):
    form = PressReleaseForm
    list_display = ("title", "public_status", "series", "part_number", "complete_languages")
    list_filter = (
        PublicStateFilter,
        "status",
        "series",
        "topics",
        YearFilter,
        LanguageCompleteFilter,
        OutdatedTranslationFilter,
    )
    list_select_related = ("series",)
    search_fields = ("title_de", "title_en", "lead_de", "slug")
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ("title_de",)}
    filter_horizontal = ("topics", "municipalities")
    readonly_fields = ("readiness", "preview_link", "created_at", "created_by", "updated_at")
    readonly_fields += ("updated_by", "first_published_at", "public_updated_at", "mailed_updates")
    readonly_fields += ("translation_states",)
    fieldsets = [
        (
            None,
            {
                "fields": ("kicker", "title", "slug", "dateline", "lead", "body"),
                "description": LIVE_EDIT_RULE,
            },
        ),
        (_("Zum Hintergrund"), {"fields": ("background_title", "background_text")}),
        (_("Hinweis an die Redaktionen"), {"fields": ("editors_note",)}),
        (_("Übersetzungen"), {"fields": ("translation_states",)}),
        (
            _("Serie, Themen und Orte"),
            {"fields": ("series", "part_number", "topics", "municipalities")},
        ),
        (
            _("Veröffentlichung"),
            {"fields": ("readiness", "status", "publish_at", "embargo_until", "preview_link")},
        ),
        (
            _("Öffentliche Aktualisierung"),
            {
                "fields": (
                    "material_change",
                    "mail_update",
                    "first_published_at",
                    "public_updated_at",
                    "mailed_updates",
                )
            },
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
    actions = ["publish_selected", "withdraw_selected", "mark_checked"]

    @admin.display(description=_("Was die Öffentlichkeit sieht"), ordering="publish_at")
    def public_status(self, obj):
        key, label = public_state(obj, timezone.now())
        if obj.changed_after_publication_at:
            return format_html(
                '<span class="jc-status jc-status-{}">{}'
                '<span class="jc-status-changed">{}</span></span>',
                key,
                label,
                _("nach Veröffentlichung geändert"),
            )
        return format_html('<span class="jc-status jc-status-{}">{}</span>', key, label)

    def view_on_site(self, obj):
        """ "Auf der Website anzeigen": the preview until the release is public."""
        if obj.is_published():
            return obj.get_absolute_url()
        return obj.preview_url()

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
        """One link per language that has a title: the page as readers will see it."""
        if not obj or not obj.pk:
            return "–"
        links = []
        for code, name in settings.LANGUAGES:
            if code != "de" and not getattr(obj, f"title_{code}", ""):
                continue
            with translation.override(code):
                url = obj.get_absolute_url() if obj.is_published() else obj.preview_url()
            links.append((url, code, name))
        items = format_html_join(
            " · ", '<a href="{}" hreflang="{}">{}</a>', ((u, c, n) for u, c, n in links)
        )
        return format_html("{}: {}", _("Seite ansehen"), items)

    def reversion_register(self, model, **options):
        # Restoring a version reverts (and deletes rows of) every followed
        # relation. Corrections are append-only: a restore must leave them all.
        # Nor may a correction added with a change join that change's revision
        # (the admin adds every registered row saved during the request): the
        # revision would then hold a row restoring may not touch, and every
        # restore of it was refused with a bare 403.
        if model is Correction:
            return
        if model is PressRelease:
            options["follow"] = tuple(f for f in options.get("follow", ()) if f != "corrections")
        super().reversion_register(model, **options)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if can_publish(request.user):
            return fieldsets
        # Mailing subscribers is a publication act: not offered to editors.
        return [
            (name, {**opts, "fields": tuple(f for f in opts["fields"] if f != "mail_update")})
            for name, opts in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.can_publish = can_publish(request.user)
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # The stored status: after a refused POST obj holds the status that was asked for,
        # and a read-only "veröffentlicht" there left a form that could not be saved.
        if obj is not None and obj.pk and not can_publish(request.user):
            stored = type(obj).objects.filter(pk=obj.pk).values_list("status", flat=True)
            if stored.first() == PUBLISHED:
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
            raise RevertRefused(
                _(
                    "Diese Mitteilung war veröffentlicht: Wiederherstellen würde sie wieder "
                    "veröffentlichen. Das darf nur die Gruppe „Pressestelle – Freigabe“."
                )
            )
        if links_after_revert(version) != links_now(current):
            raise RevertRefused(
                _(
                    "Diese Fassung würde zurückgezogene Sperrfrist-Links wieder gültig machen "
                    "oder bestehende entfernen. Das darf nur die Gruppe „Pressestelle – Freigabe“."
                )
            )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        stored = PressRelease.objects.filter(pk=obj.pk).values_list("status", flat=True)
        obj.became_ready = obj.status == READY and (stored.first() if change else None) != READY
        if change and text_changed_on_live(form, request.user):
            # Decision (issue 15): no second approval round for a fix on a live
            # release, but it is marked for the publishers (desk, list, history).
            obj.changed_after_publication_at = timezone.now()
            obj.changed_live = True
        obj.update_before_request = obj.public_updated_at if change else None
        super().save_model(request, obj, form, change)
        if change and form.cleaned_data.get("material_change"):
            if not mark_material_change(obj, timezone.now()):
                messages.warning(
                    request,
                    _("Die Meldung war noch nicht öffentlich; es gibt nichts zu aktualisieren."),
                )

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if getattr(obj, "changed_live", False):  # the history says so, too
            note = _("Nach Veröffentlichung geändert (ohne Freigabe)")
            reversion.set_comment(f"{reversion.get_comment()} – {note}".strip(" –"))
        return entry

    def get_urls(self):
        def page(view):
            return self.admin_site.admin_view(partial(view, self))

        return [
            path("heute/", page(admin_views.desk_view), name="pressroom_desk"),
            path(
                "<int:object_id>/zurueckgeben/",
                page(admin_views.send_back_view),
                name="pressroom_pressrelease_send_back",
            ),
            path(
                "korrektur/<int:correction_id>/zurueckziehen/",
                page(admin_views.withdraw_correction_view),
                name="pressroom_correction_withdraw",
            ),
            *super().get_urls(),
        ]

    def response_change(self, request, obj):
        self._tell_publishers(request, obj)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        self._tell_publishers(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def _tell_publishers(self, request, obj):
        if getattr(obj, "became_ready", False):
            sent = approval.notify_ready(obj, request.user)
            messages.info(request, _("Benachrichtigt zur Freigabe: %(n)s") % {"n": sent})

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
        elif form.cleaned_data.get("mail_update"):
            self._mail_update(request, release)

    def _mail_update(self, request, release):
        """After the corrections are saved: did this request make a public update?"""
        release.refresh_from_db(fields=["public_updated_at"])
        moved = release.public_updated_at and release.public_updated_at != getattr(
            release, "update_before_request", None
        )
        if not moved:
            messages.warning(
                request,
                _(
                    "Keine E-Mail versandt: Es gab keine öffentliche Aktualisierung. Kreuzen "
                    "Sie „wesentliche Änderung“ an oder fügen Sie eine Korrektur hinzu."
                ),
            )
            return
        announce_update(release, timezone.now())
        messages.success(
            request,
            _("Die Aktualisierung geht an die Abonnentinnen und Abonnenten (einmal je Adresse)."),
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

    @admin.action(
        description=_("Änderungen nach Veröffentlichung geprüft"), permissions=["publish"]
    )
    def mark_checked(self, request, queryset):
        count = queryset.filter(changed_after_publication_at__isnull=False).update(
            changed_after_publication_at=None
        )
        messages.success(request, _("Als geprüft markiert: %(n)s") % {"n": count})

    @admin.action(description=_("Ausgewählte zurückziehen"), permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        count = withdraw(queryset, request.user)
        messages.success(request, _("Zurückgezogen: %(n)s") % {"n": count})


@admin.register(Series)
class SeriesAdmin(TranslationStateAdminMixin, ContentAdmin):
    list_display = ("title", "planned_parts", "starts_on", "ends_on")
    list_filter = (OutdatedTranslationFilter,)
    readonly_fields = ("translation_states",)
    prepopulated_fields = {"slug": ("title_de",)}
    search_fields = ("title_de",)


@admin.register(Topic)
class TopicAdmin(ContentAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name_de",)}
    search_fields = ("name_de",)


@admin.register(PressOffice)
class PressOfficeAdmin(EditLockAdminMixin, ContentAdmin):
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
