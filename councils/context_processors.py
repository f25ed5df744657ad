"""Navigation flags for the base template, decided by the access module."""

from . import access


def nav(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "can_read_councils": access.can_read_councils(user),
            "is_national": access.is_national_member(user),
        }
    }
