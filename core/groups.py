"""The one policy for the groups an app defines in code.

After every migrate each group exists and holds at least the permissions its
app grants in code: missing groups are created (also after `flush` or a
restore), permissions a new release grants are added. Nothing is ever taken
away, so a permission is withdrawn by changing the app's groups module, where
review sees it, not by a click that the next deploy would undo.
"""


def ensure_groups(groups: dict[str, list[str]], app_label: str) -> None:
    from django.contrib.auth.models import Group, Permission

    for name, codenames in groups.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        group.permissions.add(*permissions)
