from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobcenterSiteConfig(AppConfig):
    name = "jobcenter_site"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import caching, checks  # noqa: F401 (registers the checks)

        caching.connect_signals()
