"""Who may do what: the one place the portal decides access to councils and their content.

Roles, from least to most:
- anonymous: only the public pages (login, password reset, accessibility statement);
- respondent: logged in, attached to an organisation, no council seat: own start page only;
- council member (any active seat: ordförande, ledamot, adjungerad, sekretariat): reads every
  council, edits its own council's content;
- secretariat of a council: also manages that council's members and settings;
- national council member: reads everything and answers what is raised to it;
- staff admin: everything, including the Django admin.

Other apps ask here (`can_read_councils`, `can_edit_council`, …) rather than testing roles
themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Council, Membership


@dataclass(frozen=True)
class Seat:
    council_id: int
    role: str
    is_national: bool
    # For the menu's links to the person's own council (read with the seat, no query more).
    council_slug: str = ""
    council_name: str = ""


def seats(user) -> tuple[Seat, ...]:
    """The user's active seats, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return ()
    cached = getattr(user, "_vkr_seats", None)
    if cached is None:
        rows = (
            Membership.objects.active()
            .filter(user=user)
            .values_list("council_id", "role", "council__kind", "council__slug",
                         "council__short_name")
        )  # fmt: skip
        cached = tuple(
            Seat(c, r, k == Council.Kind.NATIONAL, slug, name) for c, r, k, slug, name in rows
        )
        user._vkr_seats = cached
    return cached


def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def is_national_member(user) -> bool:
    return is_admin(user) or any(seat.is_national for seat in seats(user))


def can_read_councils(user) -> bool:
    """Any council seat (or admin) opens every council's pages for reading."""
    return is_admin(user) or bool(seats(user))


def can_edit_council(user, council: Council) -> bool:
    return is_admin(user) or any(seat.council_id == council.pk for seat in seats(user))


def can_manage_council(user, council: Council) -> bool:
    """The secretariat runs its council: members, settings, plans and surveys."""
    return is_admin(user) or any(
        seat.council_id == council.pk and seat.role == Membership.Role.SECRETARIAT
        for seat in seats(user)
    )


def can_chair_council(user, council: Council) -> bool:
    """The chair (or the secretariat, who prepares the decisions) decides for the council."""
    roles = (Membership.Role.CHAIR, Membership.Role.SECRETARIAT)
    return is_admin(user) or any(
        seat.council_id == council.pk and seat.role in roles for seat in seats(user)
    )


def council_ids_edited_by(user) -> set[int]:
    if is_admin(user):
        return set(Council.objects.values_list("pk", flat=True))
    return {seat.council_id for seat in seats(user)}


def council_ids_managed_by(user) -> set[int]:
    if is_admin(user):
        return set(Council.objects.values_list("pk", flat=True))
    return {seat.council_id for seat in seats(user) if seat.role == Membership.Role.SECRETARIAT}


def _council_or_404(slug: str) -> Council:
    try:
        return Council.objects.select_related("healthcare_region").get(slug=slug)
    except Council.DoesNotExist:
        raise Http404("No such council") from None


def council_for_reading(user, slug: str) -> Council:
    """The council to show, or 404 (unknown) / 403 (no council seat)."""
    if not can_read_councils(user):
        raise PermissionDenied
    return _council_or_404(slug)


def council_for_editing(user, slug: str) -> Council:
    council = council_for_reading(user, slug)
    if not can_edit_council(user, council):
        raise PermissionDenied
    return council


def council_for_managing(user, slug: str) -> Council:
    council = council_for_reading(user, slug)
    if not can_manage_council(user, council):
        raise PermissionDenied
    return council


def require_council_reader(user) -> None:
    if not can_read_councils(user):
        raise PermissionDenied
