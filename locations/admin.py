"""German admin for offices and contacts.

Local office staff (group "Standort-Redaktion", linked to offices by an
"Zuordnung") see only their own offices and may change only their hours,
closures, contacts and notes. Everyone else, e.g. county and press office
staff, has their ordinary model permissions; "Darf alle Standorte bearbeiten"
lifts the limit for a member of the group.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from reversion.admin import VersionAdmin

from .admin_mixins import SafeVersionAdminMixin
from .models import (
    Closure,
    ContactPerson,
    District,
    Municipality,
    Office,
    OfficeAssignment,
    OpeningHours,
    Postcode,
    is_local_office_staff,
)

# What local office staff may edit on their own office (all language variants).
STAFF_EDITABLE_PREFIXES = ("hours_note", "accessibility_note")


def can_edit_all(user) -> bool:
    return not is_local_office_staff(user)


class OpeningHoursFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """No two slots of one weekday may overlap."""
        super().clean()
        slots = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("opens")
            and form.cleaned_data.get("closes")
        ]
        slots.sort(key=lambda s: (s["weekday"], s["opens"]))
        for earlier, later in zip(slots, slots[1:], strict=False):
            if earlier["weekday"] == later["weekday"] and later["opens"] < earlier["closes"]:
                raise forms.ValidationError(
                    _("Zwei Öffnungszeiten am %(day)s überschneiden sich.")
                    % {"day": OpeningHours.Weekday(earlier["weekday"]).label}
                )


class OpeningHoursInline(TranslationTabularInline):
    model = OpeningHours
    formset = OpeningHoursFormSet
    extra = 0
    fields = ["weekday", "opens", "closes", "by_appointment_only", "note"]


class ClosureInline(TranslationTabularInline):
    model = Closure
    extra = 0
    fields = ["starts_on", "ends_on", "special_opens", "special_closes", "reason"]


class ContactPersonInline(TranslationTabularInline):
    model = ContactPerson
    extra = 0
    fields = ["name", "role", "surname_range", "phone", "email", "is_active", "order"]


class IncompleteDataFilter(admin.SimpleListFilter):
    title = _("Daten unvollständig")
    parameter_name = "unvollstaendig"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja: Anschrift, Telefon, Öffnungszeiten oder Prüfdatum fehlen"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.incomplete()
        return queryset


@admin.register(Office)
class OfficeAdmin(SafeVersionAdminMixin, VersionAdmin, TranslationAdmin):
    list_display = ["name", "kind", "municipality", "phone", "data_verified_on", "is_active"]
    list_filter = [IncompleteDataFilter, "kind", "is_active"]
    list_select_related = ["municipality"]
    search_fields = ["name", "city", "street"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [OpeningHoursInline, ClosureInline, ContactPersonInline]
    fieldsets = [
        (None, {"fields": ["kind", "municipality", "name", "slug", "is_active"]}),
        (
            _("Anschrift und Kontakt"),
            {
                "fields": [
                    "street",
                    "postcode",
                    "city",
                    "phone",
                    "phone_note",
                    "fax",
                    "email",
                    "website",
                    "latitude",
                    "longitude",
                ]
            },
        ),  # fmt: skip
        (_("Öffnungszeiten"), {"fields": ["hours_note"]}),
        (
            _("Barrierefreiheit"),
            {
                "fields": [
                    "step_free_entrance",
                    "lift",
                    "accessible_wc",
                    "disabled_parking",
                    "hearing_loop",
                    "accessibility_note",
                ]
            },
        ),  # fmt: skip
        (_("Leistungen"), {"fields": ["services"]}),
        (
            _("Herkunft der Angaben"),
            {
                "fields": ["data_verified_on", "data_verified_year_only", "source"],
            },
        ),  # fmt: skip
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)

    def get_readonly_fields(self, request, obj=None):
        if can_edit_all(request.user):
            return super().get_readonly_fields(request, obj)
        names = [f.name for f in Office._meta.get_fields() if f.concrete and not f.auto_created]
        return [n for n in names if not n.startswith(STAFF_EDITABLE_PREFIXES)]

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if can_edit_all(request.user) else {}

    def has_add_permission(self, request):
        return can_edit_all(request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return can_edit_all(request.user) and super().has_delete_permission(request, obj)


@admin.register(ContactPerson)
class ContactPersonAdmin(SafeVersionAdminMixin, VersionAdmin, TranslationAdmin):
    list_display = ["__str__", "role", "office", "organisation", "is_press_contact", "is_active"]
    list_filter = ["is_press_contact", "is_active", "office"]
    list_select_related = ["office"]
    search_fields = ["name", "role", "organisation", "email"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if can_edit_all(request.user):
            return queryset
        return queryset.filter(office__in=Office.objects.editable_by(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "office" and not can_edit_all(request.user):
            kwargs["queryset"] = Office.objects.editable_by(request.user)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def check_revert(self, request, current, version):
        """A restored contact must belong to an office this user may edit."""
        super().check_revert(request, current, version)
        if not self.may_see_version(request, version):
            raise PermissionDenied

    def may_see_version(self, request, version):
        if can_edit_all(request.user):
            return True
        office_id = version.field_dict.get("office_id")
        return Office.objects.editable_by(request.user).filter(pk=office_id).exists()


class PostcodeInline(admin.TabularInline):
    model = Postcode
    extra = 0


class DistrictInline(admin.TabularInline):
    model = District
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ags", "area_codes"]
    search_fields = ["name", "ags", "postcodes__code", "districts__name"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [PostcodeInline, DistrictInline]


@admin.register(OfficeAssignment)
class OfficeAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "office"]
    list_select_related = ["user", "office"]
    autocomplete_fields = ["user"]
    list_filter = ["office"]
