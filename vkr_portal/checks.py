"""System checks of the deployment that Django's own `check --deploy` does not make."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

# Caches that each process keeps to itself (or not at all): throttle counters kept there are
# per gunicorn worker, so a client gets workers × the allowed attempts, and a restart forgets.
PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, checks.Tags.security, deploy=True)
def check_shared_cache(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Production keeps the throttles' counters in a cache every process shares (Redis)."""
    if settings.DEBUG:
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PROCESS_LOCAL_CACHES:
        return [
            checks.Error(
                f"The default cache ({backend}) is local to each process: login and link "
                "throttles would count per process.",
                hint="Set REDIS_CACHE_URL (e.g. redis://redis:6379/1) when DJANGO_DEBUG is off.",
                id="vkr_portal.E001",
            )
        ]
    return []
