from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core.groups import ensure_groups


def ensure_press_office_groups(sender, **kwargs):
    from .groups import GROUPS, LOCATIONS_GROUPS

    ensure_groups(GROUPS, "pressroom")
    ensure_groups(LOCATIONS_GROUPS, "locations")


class PressroomConfig(AppConfig):
    name = "pressroom"
    verbose_name = _("Pressemitteilungen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(ensure_press_office_groups, sender=self)
