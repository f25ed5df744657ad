"""Throttles of the portal's open doors, counted in the shared cache (django-ratelimit).

Each throttle has a name and a rate in settings.THROTTLE_RATES ("10/15m": ten in a window of
fifteen minutes). A hit is counted against the client's address as vkr_portal.clientip reads
it, or against another value (an e-mail address, hashed). The counters live in the default
cache: in production that must be Redis (REDIS_CACHE_URL), or every web process counts on its
own — a deploy check refuses a process-local cache when DEBUG is off.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django_ratelimit.core import get_usage

from .clientip import client_ip


def hit(request, name: str, *, value: str | None = None) -> bool:
    """Count one hit of throttle `name`; True if that hit is over its rate."""
    if value is None:
        subject = client_ip(request)
    else:
        subject = hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()
    usage = get_usage(
        request,
        group=name,
        key=lambda _group, _request: subject,
        rate=settings.THROTTLE_RATES[name],
        increment=True,
    )
    # No usage (a cache that failed) counts as over the limit: fail closed.
    return usage is None or bool(usage["should_limit"])
