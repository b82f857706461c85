"""German names for Django's built-in permissions ("Can add …" is stored in English).

Django writes "Can add <verbose name>" into auth_permission when it creates a
permission and never translates it, so the group and user forms of the admin
listed ~100 English lines. After each migrate (and each flush) the default
permissions of the migrated app are renamed to German; custom permissions
already carry German names in their models' Meta.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.utils import translation

VERBS = {"add": "hinzufügen", "change": "ändern", "delete": "löschen", "view": "ansehen"}


def german_name(action: str, verbose_name) -> str:
    return f"Kann {verbose_name} {VERBS[action]}"[:255]


def rename_default_permissions(app_config, using=DEFAULT_DB_ALIAS, **kwargs):
    wanted = {}
    with translation.override("de"):
        for model in app_config.get_models():
            opts = model._meta
            content_type = ContentType.objects.db_manager(using).get_for_model(
                model, for_concrete_model=False
            )
            for action in opts.default_permissions:
                if action in VERBS:
                    name = german_name(action, opts.verbose_name)
                    wanted[(content_type.pk, f"{action}_{opts.model_name}")] = name
    if not wanted:
        return
    stale = [
        permission
        for permission in Permission.objects.using(using).filter(
            content_type__in={pk for pk, _codename in wanted}
        )
        if wanted.get((permission.content_type_id, permission.codename), permission.name)
        != permission.name
    ]
    for permission in stale:
        permission.name = wanted[(permission.content_type_id, permission.codename)]
    Permission.objects.using(using).bulk_update(stale, ["name"])
