from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_press_office_groups(sender, **kwargs):
    """Recreate the press office's groups if they are missing (e.g. after `flush`).

    Migration 0002 creates them; this keeps them present after anything that
    empties the tables, without overwriting permissions an admin changed.
    """
    from django.contrib.auth.models import Group, Permission

    from .groups import GROUPS

    for name, codenames in GROUPS.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.set(
                Permission.objects.filter(
                    content_type__app_label="pressroom", codename__in=codenames
                )
            )


class PressroomConfig(AppConfig):
    name = "pressroom"
    verbose_name = _("Pressemitteilungen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(ensure_press_office_groups, sender=self)
