"""The admin site: password plus a one-time code, and 2FA required for superusers.

It replaces ``admin.site`` (see ``JobcenterAdminConfig``), so every app's
``@admin.register`` lands here without knowing about it.

- Staff may enrol an authenticator app (TOTP) and then must give its code at
  every login; recovery codes (django-otp static tokens) work in the same field.
- Superusers must: until they have enrolled and verified a device, every
  admin page sends them to the German setup page (``two_factor.py``).
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor


class OTPLoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    """Password first; the code is only asked of users who have a device."""

    otp_token = forms.CharField(
        label=_("Einmalcode"),
        required=False,
        help_text=_(
            "Sechsstelliger Code aus der Authenticator-App oder ein Wiederherstellungscode."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": _("Bitte geben Sie den Einmalcode ein."),
        "invalid_token": _("Der Einmalcode ist falsch oder abgelaufen."),
        "device_required": _("Der Einmalcode ist falsch oder abgelaufen."),
    }

    def clean_otp_token(self):
        return "".join(self.cleaned_data["otp_token"].split())

    def _chosen_device(self, user):
        # One field for both kinds of code: digits come from the app,
        # letters are a recovery code.
        token = self.cleaned_data.get("otp_token", "")
        model = TOTPDevice if token.isdigit() else StaticDevice
        return model.objects.devices_for_user(user).select_for_update().first()

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user):
            self.clean_otp(user)
        return cleaned

    def _update_form(self, user):
        # django-otp would re-render the password into the page; we don't.
        pass


def needs_enrolment(user) -> bool:
    return (
        settings.OTP_REQUIRED_FOR_SUPERUSERS
        and user.is_active
        and user.is_superuser
        and not user_has_device(user)
    )


class JobcenterAdminSite(admin.AdminSite):
    site_header = _("Jobcenter im Kreis Borken – Verwaltung")
    site_title = _("Jobcenter-Verwaltung")
    index_title = _("Inhalte pflegen")
    login_form = OTPLoginForm
    login_template = "admin/otp_login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        user = request.user
        if user.is_verified():
            return True
        # Unverified: fine for staff without a device, never for superusers.
        return not (
            (settings.OTP_REQUIRED_FOR_SUPERUSERS and user.is_superuser) or user_has_device(user)
        )

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_staff and needs_enrolment(user):
            return redirect("admin:two_factor_setup")
        return super().login(request, extra_context)

    def get_urls(self):
        setup = two_factor.staff_only(two_factor.setup)
        codes = two_factor.staff_only(two_factor.new_recovery_codes)
        return [
            path("zwei-faktor/", setup, name="two_factor_setup"),
            path("zwei-faktor/codes/", codes, name="two_factor_codes"),
            *super().get_urls(),
        ]

    def each_context(self, request):
        context = super().each_context(request)
        context["two_factor_url"] = reverse("admin:two_factor_setup", current_app=self.name)
        return context
