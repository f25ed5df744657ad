"""Navigation flags for the base template, decided by the access module."""

from . import access


def nav(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    # The regional councils the person sits in: the menu links to their plans, surveys,
    # workgroups, recommendations and annual reports.
    own = {
        seat.council_slug: seat.council_name for seat in access.seats(user) if not seat.is_national
    }
    return {
        "nav": {
            "can_read_councils": access.can_read_councils(user),
            "is_national": access.is_national_member(user),
            "own_councils": sorted(own.items(), key=lambda item: item[1]),
        }
    }
