"""For pages of other apps that link to the register: may this person read it?"""

from django import template

from .. import access

register = template.Library()


@register.filter
def contacts_readable_by(council, user) -> bool:
    """{% if council|contacts_readable_by:request.user %}: the link only for those it opens to."""
    return access.can_read(user, council)
