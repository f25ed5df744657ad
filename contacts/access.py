"""Who may read and keep the contact register: every contacts view asks here.

- The members of a regional council (any active seat) and admins read the addresses of the
  organisations in the council's healthcare region; members of other councils and the
  national council do not (the addresses are people's e-mail addresses, kept for sending).
- The council's secretariat (and admins) keeps them: an organisation in two healthcare
  regions (Region Halland) is kept by both regions' secretariats.
- The national council has no healthcare region and so no register page (404).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from councils import access as council_access
from councils.models import Council, Organisation


def can_read(user, council: Council) -> bool:
    return council.healthcare_region_id is not None and council_access.can_edit_council(
        user, council
    )


def can_edit(user, council: Council) -> bool:
    return council.healthcare_region_id is not None and council_access.can_manage_council(
        user, council
    )


def _with_region(council: Council) -> Council:
    if council.healthcare_region_id is None:
        raise Http404("The national council keeps no contact register")
    return council


def council_for_reading(user, slug: str) -> Council:
    """The council whose register to show: 404 unknown or national, 403 not its member."""
    council = _with_region(council_access.council_for_reading(user, slug))
    if not council_access.can_edit_council(user, council):
        raise PermissionDenied
    return council


def council_for_editing(user, slug: str) -> Council:
    """As council_for_reading, for the council's secretariat and admins only."""
    council = _with_region(council_access.council_for_reading(user, slug))
    if not council_access.can_manage_council(user, council):
        raise PermissionDenied
    return council


def organisation_in(council: Council, pk: int) -> Organisation:
    """An organisation of the council's healthcare region; any other id is 404."""
    organisation = (
        Organisation.objects.filter(healthcare_regions=council.healthcare_region_id, pk=pk)
        .select_related("contact_book__updated_by")
        .first()
    )
    if organisation is None:
        raise Http404("No such organisation in this council's region")
    return organisation
