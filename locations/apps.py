from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core.groups import ensure_groups

from .groups import GROUPS, OFFICE_STAFF_GROUP  # noqa: F401  (OFFICE_STAFF_GROUP: re-export)


def ensure_office_staff_group(sender, **kwargs):
    ensure_groups(GROUPS, "locations")


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = _("Standorte")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(ensure_office_staff_group, sender=self)
        from . import place_index

        place_index.connect_signals()
