"""German admin for offices and contacts.

Local office staff (group "Standort-Redaktion", linked to offices by an
"Zuordnung") see only their own offices and may change only their hours,
closures, contacts and notes. Everyone else, e.g. county and press office
staff, has their ordinary model permissions; "Darf alle Standorte bearbeiten"
lifts the limit for a member of the group.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from core.admin import OutdatedTranslationFilter, TranslationStateAdminMixin
from core.edit_lock import EditLockAdminMixin
from core.reversion_admin import NOT_YOURS, ContentAdmin, RevertRefused

from .coordinates import CoordinateField
from .models import (
    Closure,
    ContactPerson,
    District,
    Municipality,
    Office,
    OfficeAssignment,
    OpeningHours,
    Postcode,
    Service,
    ServiceChannel,
    SharedClosure,
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
class OfficeAdmin(TranslationStateAdminMixin, EditLockAdminMixin, ContentAdmin):
    list_display = ["name", "kind", "municipality", "phone", "data_verified_on", "is_active"]
    list_filter = [IncompleteDataFilter, "kind", "is_active", OutdatedTranslationFilter]
    readonly_fields = ["translation_states"]
    list_select_related = ["municipality"]
    search_fields = ["name", "city", "street"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [OpeningHoursInline, ClosureInline, ContactPersonInline]
    # "6,86" is 6.86 (never 686); the range check is Office.clean().
    formfield_overrides = {
        models.DecimalField: {
            "form_class": CoordinateField,
            "widget": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
    }
    fieldsets = [
        (None, {"fields": ["kind", "municipality", "name", "slug", "is_active"]}),
        (_("Übersetzungen"), {"fields": ["translation_states"], "classes": ["collapse"]}),
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
        return [n for n in names if not n.startswith(STAFF_EDITABLE_PREFIXES)] + [
            "translation_states"
        ]

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if can_edit_all(request.user) else {}

    def has_add_permission(self, request):
        return can_edit_all(request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return can_edit_all(request.user) and super().has_delete_permission(request, obj)


@admin.register(ContactPerson)
class ContactPersonAdmin(ContentAdmin):
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
            raise RevertRefused(NOT_YOURS)

    def may_see_version(self, request, version):
        if can_edit_all(request.user):
            return True
        office_id = version.field_dict.get("office_id")
        return Office.objects.editable_by(request.user).filter(pk=office_id).exists()


class PostcodeInline(admin.TabularInline):
    model = Postcode
    extra = 0


class DistrictInline(admin.StackedInline):
    model = District
    extra = 0
    fields = [("name", "kind", "postcodes"), "alt_forms", ("confidence", "source")]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "kind", "confidence"]
    list_filter = ["municipality", "kind"]
    list_select_related = ["municipality"]
    search_fields = ["name", "alt_forms"]


# Templates for the days offices usually close although they are no public
# holidays: staff enter them each year (nothing is assumed without their word).
SHARED_CLOSURE_TEMPLATES = {
    "heiligabend": (12, 24, "Heiligabend"),
    "silvester": (12, 31, "Silvester"),
}


class SharedClosureForm(forms.ModelForm):
    class Meta:
        model = SharedClosure
        fields = ["starts_on", "ends_on", "reason", "offices"]

    def clean(self):
        """A county-wide closure may not swallow a special opening already entered."""
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if not (starts and ends):
            return cleaned
        special = Closure.objects.filter(
            special_opens__isnull=False, starts_on__lte=ends, ends_on__gte=starts
        ).select_related("office")
        if chosen := cleaned.get("offices"):
            special = special.filter(office__in=chosen)
        if found := list(special[:5]):
            names = "; ".join(
                f"{c.office.name}, {c.starts_on:%d.%m.%Y} ({c.reason})" for c in found
            )
            raise forms.ValidationError(
                _("In diesem Zeitraum ist eine Sonderöffnung eingetragen: %(list)s.")
                % {"list": names}
            )
        return cleaned


@admin.register(SharedClosure)
class SharedClosureAdmin(ContentAdmin):
    form = SharedClosureForm
    list_display = ["__str__", "starts_on", "ends_on", "office_list"]
    date_hierarchy = "starts_on"
    filter_horizontal = ["offices"]
    fields = ["starts_on", "ends_on", "reason", "offices"]
    change_list_template = "admin/locations/sharedclosure/change_list.html"

    @admin.display(description=_("betroffene Standorte"))
    def office_list(self, obj):
        names = [office.name for office in obj.offices.all()]
        return ", ".join(names) if names else _("alle Standorte")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("offices")

    def get_changeform_initial_data(self, request):
        """?vorlage=heiligabend: the date and reason of a usual closing day, this year."""
        from datetime import date

        initial = super().get_changeform_initial_data(request)
        if template := SHARED_CLOSURE_TEMPLATES.get(request.GET.get("vorlage", "")):
            month, day, reason = template
            today = date.today()
            year = today.year if (today.month, today.day) <= (month, day) else today.year + 1
            initial.update(starts_on=date(year, month, day), ends_on=date(year, month, day))
            initial["reason_de"] = reason
        return initial


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


class ServiceChannelInline(TranslationTabularInline):
    model = ServiceChannel
    extra = 0
    fields = ["kind", "office", "is_offered", "description", "url", "order"]
    autocomplete_fields = ["office"]


@admin.register(Service)
class ServiceAdmin(TranslationStateAdminMixin, ContentAdmin):
    """County staff keep the catalogue; a channel with an office overrides the county-wide one."""

    list_display = ["title", "order", "is_published", "updated_at"]
    list_editable = ["order"]
    list_filter = ["is_published", OutdatedTranslationFilter]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ("title",)}
    inlines = [ServiceChannelInline]
    fields = ["title", "slug", "summary", "what_to_bring", "order", "is_published"]
    fields += ["translation_states"]
    readonly_fields = ["translation_states"]
