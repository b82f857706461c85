"""The local offices' staff group and its permissions (see core/groups.py for the policy)."""

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
GROUPS = {OFFICE_STAFF_GROUP: OFFICE_STAFF_PERMISSIONS}
