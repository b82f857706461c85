"""The group "Pressestelle" with least privilege, and "Pressestelle – Freigabe" for publishing.

Editors write, schedule and correct releases and manage media, series and
topics. They delete no release (a published one is withdrawn instead) and
publish only if they are also in the "Freigabe" group, which holds the
single publish_pressrelease permission.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    "add_pressrelease", "change_pressrelease", "view_pressrelease",
    "add_mediaasset", "change_mediaasset", "view_mediaasset",
    "add_series", "change_series", "view_series",
    "add_topic", "change_topic", "view_topic",
    # inline rows of a release: contacts and media can be re-ordered and removed
    "add_releasecontact", "change_releasecontact", "delete_releasecontact", "view_releasecontact",
    "add_releasemedia", "change_releasemedia", "delete_releasemedia", "view_releasemedia",
    # corrections are public notes: added and fixed, never silently deleted
    "add_correction", "change_correction", "view_correction",
    "change_pressoffice", "view_pressoffice",
    "add_embargolink", "change_embargolink", "view_embargolink",
    "view_embargoaccess",
]
PUBLISHER_PERMISSIONS = ["publish_pressrelease"]
GROUPS = {"Pressestelle": EDITOR_PERMISSIONS, "Pressestelle – Freigabe": PUBLISHER_PERMISSIONS}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now.
    app_config = apps.get_app_config("pressroom")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="pressroom", codename__in=codenames)
        assert perms.count() == len(codenames), "a permission is missing"
        group.permissions.set(perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pressroom", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
