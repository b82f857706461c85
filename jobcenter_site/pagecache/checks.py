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


EVICTING = ("allkeys-lru", "allkeys-lfu", "allkeys-random")


@checks.register(checks.Tags.caches, deploy=True)
def page_cache_redis_evicts(app_configs, **kwargs):
    """A Redis page cache without a memory cap and eviction grows until Redis fails.

    Every stored page is a key; visitors decide how many pages there are
    (search terms, postcodes). docs/deploy.md asks for maxmemory with
    allkeys-lru; this reads the live server's setting (CONFIG GET).
    """
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches[settings.PAGE_CACHE_ALIAS]
    if settings.PAGE_CACHE_SECONDS <= 0 or not isinstance(cache, RedisCache):
        return []
    hint = (
        "Set `maxmemory` (e.g. 256mb) and `maxmemory-policy allkeys-lru` for the Redis "
        "of the page cache (docs/deploy.md)."
    )
    try:
        client = cache._cache.get_client(write=True)  # not the tolerant wrapper: errors count
        memory = int(client.config_get("maxmemory").get("maxmemory", 0))
        policy = client.config_get("maxmemory-policy").get("maxmemory-policy", "")
    except Exception as exc:
        return [
            checks.Warning(
                f"Could not read the page cache Redis' memory settings: {exc}",
                hint=hint + " If CONFIG is disabled (managed Redis), check them there.",
                id="jobcenter_site.W002",
            )
        ]
    if memory <= 0 or policy not in EVICTING:
        return [
            checks.Warning(
                f"The page cache Redis has maxmemory={memory} and maxmemory-policy={policy}: "
                "anyone can fill it with pages until it runs out of memory.",
                hint=hint,
                id="jobcenter_site.W001",
            )
        ]
    return []
