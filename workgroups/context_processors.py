"""Whether the navigation shows "Arbetsgrupper", decided by the access module."""

from councils import access as council_access

from . import access


def nav(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_workgroups": False}
    # A council seat reads its council's groups; without one, only a group of one's own.
    shown = bool(council_access.seats(user)) or council_access.is_admin(user)
    return {"nav_workgroups": shown or bool(access.group_roles(user))}
