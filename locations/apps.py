from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

OFFICE_STAFF_GROUP = "Standort-Redaktion"
# Local office staff keep their own office's hours, closures, contacts and
# notes; the admin narrows these permissions to the offices they are assigned to.
OFFICE_STAFF_PERMISSIONS = [
    "view_office",
    "change_office",
    *(
        f"{action}_{model}"
        for model in ("openinghours", "closure", "contactperson")
        for action in ("view", "add", "change", "delete")
    ),
]


def ensure_office_staff_group(sender, **kwargs):
    """Create or update the group after every migrate (permissions exist by then)."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=OFFICE_STAFF_GROUP)
    perms = Permission.objects.filter(
        content_type__app_label="locations", codename__in=OFFICE_STAFF_PERMISSIONS
    )
    group.permissions.add(*perms)


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = _("Standorte")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(ensure_office_staff_group, sender=self)
