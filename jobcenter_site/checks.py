from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    """Info, not a warning: one process on local memory is a valid setup."""
    backend = settings.CACHES[settings.PAGE_CACHE_ALIAS]["BACKEND"]
    if settings.PAGE_CACHE_SECONDS > 0 and backend.endswith("LocMemCache"):
        return [
            checks.Info(
                "The page cache lives in each process's local memory.",
                hint="With several gunicorn workers or instances set REDIS_URL, or an edit "
                "reaches only the process that saved it (docs/deploy.md).",
                id="jobcenter_site.I001",
            )
        ]
    return []
