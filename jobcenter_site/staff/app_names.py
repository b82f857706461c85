"""German names for the third-party apps in the admin's index (issue 15).

Listed in INSTALLED_APPS instead of "axes" and django-otp's plugins. Kept out
of jobcenter_site/apps.py: a second AppConfig there would stop Django from
picking JobcenterSiteConfig as the default for "jobcenter_site".
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Anmeldeversuche und Sperren")


class TOTPConfig(TOTPAppConfig):
    verbose_name = _("Zwei-Faktor: Authenticator-Apps")


class StaticConfig(StaticAppConfig):
    verbose_name = _("Zwei-Faktor: Wiederherstellungscodes")
