"""The client's address, as the trusted reverse proxies in front of the portal saw it.

Behind a proxy every request comes from the proxy's address, so throttles keyed on
REMOTE_ADDR would lock out every client at once. Each trusted proxy appends the address it
received the request from to X-Forwarded-For; the entry written by the outermost trusted
proxy is the client's, and anything to its left was written by the client and is ignored.
With TRUSTED_PROXY_COUNT = 0 (no proxy) the header is ignored altogether.

django-axes reads the address through this function (AXES_CLIENT_IP_CALLABLE), and so do the
portal's own throttles: one answer to "who is this" everywhere.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the trusted proxies' entry in X-Forwarded-For."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in header.split(",") if hop.strip()]
    if len(hops) < count:
        # Fewer entries than trusted proxies: not through the proxies as configured.
        return remote
    candidate = hops[-count]
    return candidate if _valid(candidate) else remote
