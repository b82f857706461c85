"""Signals for code that changes content without sending model signals.

``QuerySet.update()``, ``bulk_create()`` and raw SQL send no post_save, so
the page cache (jobcenter_site/pagecache/policy.py, which listens here too) would
not learn of the change. Such code sends ``bulk_changed`` with the model as
sender once it is done; apps below jobcenter_site stay free of imports pointing upwards.
"""

from django.dispatch import Signal

bulk_changed = Signal()  # sender: the model class whose rows changed
