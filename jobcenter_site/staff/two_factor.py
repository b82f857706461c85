"""Setting up two-factor login: an authenticator app (TOTP) plus recovery codes.

The setup page shows the QR code as an SVG rendered on the server (segno),
so the secret never leaves our origin, and the secret in text for manual
entry. The device only counts once the user has typed a code it produced;
then ten single-use recovery codes are shown exactly once.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import qr

APP_DEVICE_NAME = "Authenticator-App"
RECOVERY_DEVICE_NAME = "Wiederherstellungscodes"
RECOVERY_CODE_COUNT = 10


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed app device, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def base32_groups(device: TOTPDevice) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def new_codes(user) -> list[str]:
    """Replace the user's recovery codes with fresh ones; returns them for showing once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def confirm(device: TOTPDevice) -> None:
    """Make ``device`` the user's only app device."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


class ConfirmForm(forms.Form):
    token = forms.CharField(
        label=_("Code aus der App"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def staff_only(view):
    """Logged-in staff, verified or not: the setup page is where verification starts."""

    @wraps(view)
    @staff_member_required(login_url="admin:login")
    @never_cache
    def wrapped(request, *args, **kwargs):
        user = request.user
        # Someone holding only the password of an enrolled account must not
        # be able to enrol a second device and so skip the code.
        if user_has_device(user) and not user.is_verified():
            return redirect("admin:login")
        return view(request, *args, **kwargs)

    return wrapped


@require_http_methods(["GET", "POST"])
def setup(request):
    device = pending_device(request.user)
    form = ConfirmForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            confirm(device)
            otp_login(request, device)
            return _show_codes(request, new_codes(request.user))
        form.add_error("token", _("Der Code passt nicht. Bitte den aktuellen Code eingeben."))
    context = {
        **admin_context(request),
        "title": _("Zwei-Faktor-Anmeldung einrichten"),
        "form": form,
        "qr": qr.svg(device.config_url, scale=5, border=4, title=str(_("QR-Code"))),
        "secret": base32_groups(device),
        "enrolled": user_has_device(request.user),
    }
    return render(request, "admin/two_factor_setup.html", context)


@require_http_methods(["POST"])
def new_recovery_codes(request):
    if not request.user.is_verified():
        messages.error(request, _("Bitte zuerst die Zwei-Faktor-Anmeldung einrichten."))
        return redirect("admin:two_factor_setup")
    return _show_codes(request, new_codes(request.user))


def admin_context(request) -> dict:
    from django.contrib import admin

    return {**admin.site.each_context(request), "is_nav_sidebar_enabled": False}


def _show_codes(request, codes: list[str]):
    context = {**admin_context(request), "title": _("Ihre Wiederherstellungscodes"), "codes": codes}
    return render(request, "admin/two_factor_codes.html", context)
