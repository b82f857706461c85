"""Admin for e-mail subscriptions, their proof of consent and the send log."""

import json

from django.contrib import admin, messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from .models import Delivery, Subscription, SubscriptionEvent


def consent_record(subscriptions) -> dict:
    """Everything we hold about one address, with its timeline of consent."""
    records = []
    for sub in subscriptions:
        events = [
            {
                "ereignis": e.kind,
                "beschreibung": str(e.get_kind_display()),
                "zeitpunkt": e.at,
                "einzelheiten": e.detail,
            }
            for e in sub.events.all()
        ]
        records.append(
            {
                "umfang": sub.scope_label(),
                "sprache": sub.language,
                "status": sub.state,
                "angefragt_am": sub.requested_at,
                "bestaetigt_am": sub.confirmed_at,
                "abgemeldet_am": sub.unsubscribed_at,
                "verlauf": events,
            }
        )
    return {"email": subscriptions[0].email, "abonnements": records}


class EventInline(admin.TabularInline):
    model = SubscriptionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "at", "detail"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "scope_label", "language", "state", "requested_at", "confirmed_at"]
    list_filter = ["state", "scope", "language"]
    search_fields = ["email"]
    date_hierarchy = "requested_at"
    list_select_related = ["series", "topic"]
    readonly_fields = [
        "email",
        "scope",
        "series",
        "topic",
        "language",
        "state",
        "requested_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    inlines = [EventInline]
    actions = ["export_consent"]

    @admin.display(description=_("Umfang"))
    def scope_label(self, obj):
        return obj.scope_label()

    def has_add_permission(self, request):
        return False  # only the owner of an address can subscribe it (double opt-in)

    @admin.action(description=_("Einwilligungsnachweis exportieren (JSON, eine Adresse)"))
    def export_consent(self, request, queryset):
        emails = set(queryset.values_list("email", flat=True))
        if len(emails) != 1:
            self.message_user(
                request, _("Bitte Abonnements genau einer Adresse auswählen."), messages.ERROR
            )
            return None
        email = emails.pop()
        subscriptions = list(
            Subscription.objects.filter(email=email)
            .select_related("series", "topic")
            .prefetch_related("events")
        )
        body = json.dumps(
            consent_record(subscriptions), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="einwilligungsnachweis.json"'
        return response


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "release",
        "edition",
        "email",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status", "edition"]
    search_fields = ["email", "release__title"]
    list_select_related = ["release"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "subscription",
        "release",
        "edition",
        "email",
        "status",
        "attempts",
        "next_attempt_at",
        "lease_until",
        "sent_at",
        "last_error",
        "created_at",
    ]

    # Addresses only for those who may see subscriptions (erasure requests);
    # the press office sees whether and when a release went out, and how often.
    PERSONAL = ("email", "subscription")

    def _sees_addresses(self, request):
        return request.user.has_perm("subscriptions.view_subscription")

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return shown if self._sees_addresses(request) else [f for f in shown if f != "email"]

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        return fields if self._sees_addresses(request) else ["release__title"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self._sees_addresses(request):
            return fields
        return [f for f in fields if f not in self.PERSONAL]

    def changelist_view(self, request, extra_context=None):
        confirmed = Subscription.objects.filter(state=Subscription.State.CONFIRMED)
        extra_context = {
            **(extra_context or {}),
            "subtitle": _("Bestätigte Abonnements: %(n)s") % {"n": confirmed.count()},
        }
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # the log is written by send_release_mails only

    def has_delete_permission(self, request, obj=None):
        # Append-only for everyone, superusers included: a deleted row would
        # make the next run send the release to that subscriber again.
        return False
