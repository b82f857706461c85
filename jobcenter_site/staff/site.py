"""The admin site: password plus a one-time code, required for every staff account.

It replaces ``admin.site`` (see ``JobcenterAdminConfig``), so every app's
``@admin.register`` lands here without knowing about it.

- Staff may enrol an authenticator app (TOTP) and then must give its code at
  every login; recovery codes (django-otp static tokens) work in the same field.
- Every staff account must (superusers, publishers, editors alike: a
  password alone never opens the admin): until they have enrolled and
  verified a device, the admin sends them to the German setup page
  (``two_factor.py``). ``OTP_REQUIRED_FOR_STAFF = False`` limits the rule to
  superusers (only for local development).
- Change forms of admins that take part keep drafts (``drafts.py``): the
  site wraps their views so that a POST with an expired session is kept.
"""

import logging
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.i18n import JavaScriptCatalog
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import ratelimit

from ..security import shorten_ip
from . import drafts, two_factor

logger = logging.getLogger("jobcenter.security")


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
            try:
                self.clean_otp(user)
            except forms.ValidationError as error:
                if error.code != "token_required":
                    # The right password with a wrong code: the clearest sign of a
                    # stolen password. Logged (audit.py) and counted by django-axes
                    # towards the same lock as a wrong password.
                    credentials = {"username": user.get_username(), "second_factor": True}
                    user_login_failed.send(__name__, credentials=credentials, request=self.request)
                raise
        return cleaned

    def _update_form(self, user):
        # django-otp would re-render the password into the page; we don't.
        pass


def too_many_logins(request) -> bool:
    """A ceiling on login POSTs per client address, across all user names.

    django-axes locks one (user name, address) pair; spraying one password
    over many user names passes that lock and costs ~0.5 s of PBKDF2 per
    try. The ceiling is generous (the county's staff share one NAT address:
    a morning of logins stays well below it) and fails open when the cache
    is down (core/ratelimit.py).
    """
    limited = ratelimit.rate_limited(
        request,
        "admin-login",
        settings.ADMIN_LOGIN_POSTS_PER_ADDRESS,
        settings.ADMIN_LOGIN_WINDOW_SECONDS,
    )
    if limited:
        logger.warning("login ceiling reached ip=%s", shorten_ip(ratelimit.client_ip(request)))
    return limited


def otp_required(user) -> bool:
    if user.is_superuser:
        return settings.OTP_REQUIRED_FOR_SUPERUSERS
    return user.is_staff and getattr(settings, "OTP_REQUIRED_FOR_STAFF", True)


def needs_enrolment(user) -> bool:
    return user.is_active and otp_required(user) and not user_has_device(user)


class AdminJavaScriptCatalog(JavaScriptCatalog):
    def get_paths(self, packages):
        return [*super().get_paths(packages), *map(str, settings.LOCALE_PATHS)]


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
        # Unverified: only where the rule is switched off and no device exists.
        return not (otp_required(user) or user_has_device(user))

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_staff and needs_enrolment(user):
            return redirect("admin:two_factor_setup")
        if request.method == "POST" and too_many_logins(request):
            minutes = settings.ADMIN_LOGIN_WINDOW_SECONDS // 60
            return render(request, "admin/too_many_logins.html", {"minutes": minutes}, status=429)
        return super().login(request, extra_context)

    def logout(self, request, extra_context=None):
        # Logging out is a POST (CSRF); a typed or bookmarked GET gets the
        # admin (with its logout button) instead of a bare 405.
        if request.method in ("GET", "HEAD"):
            return redirect("admin:index")
        return super().logout(request, extra_context)

    def get_urls(self):
        setup = two_factor.staff_only(two_factor.setup)
        codes = two_factor.staff_only(two_factor.new_recovery_codes)
        return [
            path("zwei-faktor/", setup, name="two_factor_setup"),
            path("zwei-faktor/codes/", codes, name="two_factor_codes"),
            path("entwurf/", self.admin_view(drafts.save_draft), name="form_draft_save"),
            path(
                "entwurf/<int:pk>/verwerfen/",
                self.admin_view(drafts.discard_draft),
                name="form_draft_discard",
            ),
            path("sitzung/", self.admin_view(drafts.extend_session), name="session_extend"),
            # Someone who has not enrolled yet (a password alone) must still be
            # able to log out; admin_view would send them to the index.
            path("logout/", never_cache(self.logout), name="logout"),
            *super().get_urls(),
        ]

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)
        if not drafts.is_editing_view(view):
            return inner

        @wraps(view)
        def editing(request, *args, **kwargs):
            if not self.has_permission(request):
                response = inner(request, *args, **kwargs)  # the redirect to the login
                if request.method == "POST" and response.status_code == 302:
                    messages.warning(
                        request,
                        _(
                            "Ihre Sitzung war abgelaufen. Ihre Eingaben sind gesichert: "
                            "Nach dem Anmelden können Sie sie wiederherstellen."
                        ),
                    )
                    return drafts.keep_expired_post(request, response)
                return response
            claimed = drafts.claim_cookie_draft(request)
            if request.method == "GET" and request.GET.get("entwurf", "").isdigit():
                self._show_draft(request, int(request.GET["entwurf"]))
            response = inner(request, *args, **kwargs)
            if claimed:
                response.delete_cookie(drafts.COOKIE, path=settings.ADMIN_URL_PREFIX)
            return response

        return editing

    def _show_draft(self, request, pk):
        """The change form, bound to the draft and not saved (see EditLockForm)."""
        draft = drafts.FormDraft.objects.filter(pk=pk, user=request.user, path=request.path).first()
        if draft is None:
            return
        data = draft.as_querydict()
        data.pop("_saveasnew", None)
        request.method = "POST"
        request.POST = data
        request._files = MultiValueDict()
        request.draft_preview = True
        messages.info(
            request,
            _(
                "Entwurf vom %(when)s wiederhergestellt – noch nicht gesichert. "
                "Bitte prüfen und „Sichern“ wählen."
            )
            % {"when": timezone.localtime(draft.saved_at).strftime("%d.%m.%Y, %H:%M Uhr")},
        )

    def i18n_javascript(self, request, extra_context=None):
        """The admin's JavaScript catalog plus the rich-text editor's (its dialogs)
        and our locale/de (strings Django 6.1 ships untranslated)."""
        packages = ["django.contrib.admin", "django_prose_editor"]
        return AdminJavaScriptCatalog.as_view(packages=packages)(request)

    def each_context(self, request):
        context = super().each_context(request)
        context["two_factor_url"] = reverse("admin:two_factor_setup", current_app=self.name)
        match = request.resolver_match
        if match and (match.url_name or "").endswith(("_add", "_change")):
            context["form_draft"] = drafts.draft_for(request)
            context["session_seconds"] = settings.SESSION_COOKIE_AGE
            context["autosave_seconds"] = getattr(settings, "ADMIN_AUTOSAVE_SECONDS", 15)
        return context
