"""The press office's groups and their least-privilege permissions.

The send log: subscriptions adds "view_delivery" to both groups (it knows
pressroom, not the other way round); addresses stay hidden unless a user may
view subscriptions (the people who handle erasure requests).

Editors write, schedule and correct releases and manage media, series and
topics. They delete no release (a published one is withdrawn instead) and
publish only if they are also in the "Freigabe" group, which holds the single
publish_pressrelease permission. Migration 0002 holds a frozen copy; core/groups.py
says how the groups are kept after every migrate.
"""

EDITOR_PERMISSIONS = [
    *(
        f"{action}_{model}"
        for model in ("pressrelease", "mediaasset", "series", "topic")
        for action in ("add", "change", "view")
    ),
    # inline rows of a release: contacts and media can be re-ordered and removed
    *(
        f"{action}_{model}"
        for model in ("releasecontact", "releasemedia")
        for action in ("add", "change", "delete", "view")
    ),
    # corrections are public notes: added and fixed, never silently deleted
    "add_correction",
    "change_correction",
    "view_correction",
    "change_pressoffice",
    "view_pressoffice",
    "add_embargolink",
    "change_embargolink",
    "view_embargolink",
    "view_embargoaccess",
]
# "Freigabe" works alone (issue 15): a publisher can open, check and change
# what they publish without also being put in "Pressestelle".
PUBLISHER_PERMISSIONS = [*EDITOR_PERMISSIONS, "publish_pressrelease"]
GROUPS = {"Pressestelle": EDITOR_PERMISSIONS, "Pressestelle – Freigabe": PUBLISHER_PERMISSIONS}
# Press contacts are contact persons (locations): the press office adds and
# edits them (not deletes: releases point at them). Given in pressroom's
# post_migrate, after locations' permissions exist.
CONTACT_PERMISSIONS = ["add_contactperson", "change_contactperson", "view_contactperson"]
LOCATIONS_GROUPS = dict.fromkeys(GROUPS, CONTACT_PERMISSIONS)
