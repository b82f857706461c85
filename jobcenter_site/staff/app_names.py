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


def name_models(app_config, names: dict) -> None:
    """German model names where the package gives English ones that no catalog can
    translate (django-otp writes "TOTP device" as a plain string, "static device" comes
    from the class name). Meta.original_attrs stay, so migrations see no change."""
    for model_name, (singular, plural) in names.items():
        opts = app_config.get_model(model_name)._meta
        opts.verbose_name, opts.verbose_name_plural = singular, plural


class TOTPConfig(TOTPAppConfig):
    verbose_name = _("Zwei-Faktor: Authenticator-Apps")

    def ready(self):
        super().ready()
        name_models(self, {"TOTPDevice": (_("Authenticator-App"), _("Authenticator-Apps"))})


class StaticConfig(StaticAppConfig):
    verbose_name = _("Zwei-Faktor: Wiederherstellungscodes")

    def ready(self):
        super().ready()
        name_models(
            self,
            {
                "StaticDevice": (
                    _("Satz Wiederherstellungscodes"),
                    _("Sätze Wiederherstellungscodes"),
                ),
                "StaticToken": (_("Wiederherstellungscode"), _("Wiederherstellungscodes")),
            },
        )
