"""The press office's groups and their least-privilege permissions.

Editors write, schedule and correct releases and manage media, series and
topics. They delete no release (a published one is withdrawn instead) and
publish only if they are also in the "Freigabe" group, which holds the single
publish_pressrelease permission. Migration 0002 holds a frozen copy.
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
PUBLISHER_PERMISSIONS = ["publish_pressrelease"]
GROUPS = {"Pressestelle": EDITOR_PERMISSIONS, "Pressestelle – Freigabe": PUBLISHER_PERMISSIONS}
