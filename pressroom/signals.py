"""Signals pressroom sends for what model signals do not cover."""

from django.dispatch import Signal

# Sent with `releases` (a list of saved PressRelease objects) after a
# bulk_create, which sends no post_save: the site's search index listens.
releases_bulk_created = Signal()
