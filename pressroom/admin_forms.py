"""The release form and its inline rows: who may publish, and what publishing needs.

Readiness is checked on the formsets, before anything is saved, so a refused
publication is one clear message and the stored release stays as it was.
"""

import re

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from .models import (
    REQUIRED_TEXT_FIELDS,
    SOURCE_LANGUAGE,
    Correction,
    PressRelease,
    ReleaseContact,
    ReleaseMedia,
)

PUBLISHED = PressRelease.Status.PUBLISHED
# What decides whether and when a release is public: only publishers change it
# once a release is published (and only they restore it from an old version).
PUBLICATION_FIELDS = ("status", "publish_at", "embargo_until")


def _kept_rows(formset):
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _being_published(formset) -> bool:
    return formset.instance.status == PUBLISHED


class ReleaseContactFormSet(BaseInlineFormSet):
    """Publishing needs a contact: refused here, before anything is saved, with
    one message (not a saved release with a red and a green message)."""

    def clean(self):
        super().clean()
        if _being_published(self) and not any(r.get("contact") for r in _kept_rows(self)):
            raise forms.ValidationError(
                _("Nicht veröffentlicht: Es fehlt mindestens eine Ansprechperson.")
            )


class ReleaseMediaFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if not _being_published(self):
            return
        missing = [
            r["asset"] for r in _kept_rows(self) if r.get("asset") and not r["asset"].alt_text_de
        ]
        if missing:
            raise forms.ValidationError(
                _("Nicht veröffentlicht: Alternativtext (Deutsch) fehlt bei %(media)s.")
                % {"media": ", ".join(f"„{asset}“" for asset in missing)}
            )


class ReleaseContactInline(admin.TabularInline):
    model = ReleaseContact
    formset = ReleaseContactFormSet
    extra = 0
    fields = ("contact", "role", "order")


class ReleaseMediaInline(admin.TabularInline):
    model = ReleaseMedia
    formset = ReleaseMediaFormSet
    extra = 0
    fields = ("asset", "order")


class CorrectionInline(TranslationTabularInline):
    """Corrections are public notes: added, never silently edited or deleted
    (and never touched by restoring an old version, see reversion_register)."""

    model = Correction
    extra = 0
    readonly_fields = ("withdrawal",)

    @admin.display(description=_("Zurückziehen"))
    def withdrawal(self, obj):
        if not obj or not obj.pk:
            return "–"
        if obj.withdrawn_at:
            when = timezone.localtime(obj.withdrawn_at).strftime("%d.%m.%Y, %H:%M Uhr")
            return _("zurückgezogen am %(when)s: %(reason)s") % {
                "when": when,
                "reason": obj.withdrawn_reason,
            }
        url = reverse("admin:pressroom_correction_withdraw", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Korrektur zurückziehen …"))

    def has_change_permission(self, request, obj=None):
        return False  # stored rows are shown read-only; new ones can be added

    def has_delete_permission(self, request, obj=None):
        return False


class PressReleaseForm(forms.ModelForm):
    can_publish = False  # set per request in get_form()
    status_refused = False
    material_change = forms.BooleanField(
        label=_("wesentliche Änderung"),
        required=False,
        help_text=_(
            "Nur ankreuzen, wenn sich an einer veröffentlichten Meldung inhaltlich etwas "
            "Wesentliches ändert: Dann zeigt die Seite „aktualisiert am“, und Feeds, "
            "Suchmaschinen und Agenturen erhalten die Meldung als aktualisiert. Tippfehler "
            "und Formatierung nicht ankreuzen. Eine neue Korrektur zählt immer als Aktualisierung."
        ),
    )

    mail_update = forms.BooleanField(
        label=_("Abonnentinnen und Abonnenten per E-Mail über die Aktualisierung informieren"),
        required=False,
        help_text=_(
            "Nur zusammen mit „wesentliche Änderung“ oder einer neuen Korrektur, und nur mit "
            "Freigabe-Berechtigung. Jede Adresse erhält die Aktualisierung einmal, als "
            "„Aktualisiert“ gekennzeichnet (Sammelmail-Abonnements in der nächsten Sammelmail)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and not self.can_publish:
            # Only what this account may choose (and the stored state): "veröffentlicht"
            # and "zurückgezogen" belong to the Freigabe group.
            allowed = {PressRelease.Status.DRAFT, PressRelease.Status.READY, self.instance.status}
            status.choices = [c for c in status.choices if c[0] in allowed]
            if self.is_bound and self.data.get("status") not in allowed | {None}:
                # Asked for anyway: refused in clean(), and shown again as stored.
                self.data = self.data.copy()
                self.data["status"] = self.instance.status
                self.status_refused = True

    def clean_mail_update(self):
        wanted = self.cleaned_data.get("mail_update")
        if wanted and not self.can_publish:
            raise forms.ValidationError(
                _(
                    "Mails an Abonnentinnen und Abonnenten löst nur aus, wer die Freigabe-Berechtigung hat."
                )
            )
        return wanted

    def clean(self):
        cleaned = super().clean()
        # self.instance still holds the stored row here (it is updated after clean()).
        was_published = bool(self.instance.pk) and self.instance.status == PUBLISHED
        now_published = cleaned.get("status", self.instance.status) == PUBLISHED
        if self.status_refused or (was_published != now_published and not self.can_publish):
            raise forms.ValidationError(
                _("Veröffentlichen und Zurückziehen darf nur, wer die Freigabe-Berechtigung hat.")
            )
        if was_published and not self.can_publish:
            self._refuse_publication_changes(cleaned)
        embargo = cleaned.get("embargo_until")
        if embargo and "embargo_until" in self.changed_data and embargo <= timezone.now():
            self.add_error(
                "embargo_until",
                _("Eine Sperrfrist muss in der Zukunft liegen (oder leer bleiben)."),
            )
        if now_published:
            missing = [
                self.fields[f"{name}_{SOURCE_LANGUAGE}"].label
                for name in REQUIRED_TEXT_FIELDS
                if not cleaned.get(f"{name}_{SOURCE_LANGUAGE}")
            ]
            if missing:
                raise forms.ValidationError(
                    _("Vor dem Veröffentlichen fehlt noch (Deutsch): %(fields)s")
                    % {"fields": ", ".join(str(label) for label in missing)}
                )
        return cleaned

    def clean_background_title_de(self):
        """The page adds "Zum Hintergrund:" itself; typed again it would read twice."""
        value = self.cleaned_data.get("background_title_de") or ""
        return re.sub(r"^\s*zum hintergrund\s*[:–-]?\s*", "", value, flags=re.IGNORECASE)

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
