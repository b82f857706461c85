from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core.groups import ensure_groups

# The press office reads the send log (without addresses, see admin.py).
PRESS_GROUPS = {name: ["view_delivery"] for name in ("Pressestelle", "Pressestelle – Freigabe")}


def ensure_press_office_access(sender, **kwargs):
    ensure_groups(PRESS_GROUPS, "subscriptions")


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = _("E-Mail-Abonnements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(ensure_press_office_access, sender=self)
