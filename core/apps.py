from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The lowest floor: helpers every app may use, and the translation states."""

    name = "core"
    verbose_name = _("Übersetzungen")
    default_auto_field = "django.db.models.BigAutoField"
