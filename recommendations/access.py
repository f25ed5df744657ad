"""Who may read and change national recommendations and their follow-up: every view asks here.

- Reading the reports, their matrix and any council's follow-ups: anyone with a council seat
  (and admins): the point is that every council sees what is done where.
- Publishing reports, areas and recommendations: the national council's secretariat.
- Recording a council's follow-ups (its own and those of the organisations of its area): the
  council's members; sending a follow-up round to the organisations: its secretariat.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from councils import access as council_access
from councils import selectors as council_selectors
from councils.models import Council, Membership

from .models import FollowUp, Publication, Recommendation


def can_read(user) -> bool:
    return council_access.can_read_councils(user)


def require_reader(user) -> None:
    if not can_read(user):
        raise PermissionDenied


def can_publish(user) -> bool:
    """The national council's secretariat (and admins) publish reports."""
    return council_access.is_admin(user) or any(
        seat.is_national and seat.role == Membership.Role.SECRETARIAT
        for seat in council_access.seats(user)
    )


def require_publisher(user) -> None:
    if not can_publish(user):
        raise PermissionDenied


def publication_for_reading(user, pk: int) -> Publication:
    require_reader(user)
    publication = Publication.objects.filter(pk=pk).first()
    if publication is None:
        raise Http404("No such report")
    return publication


def publication_for_publishing(user, pk: int) -> Publication:
    require_publisher(user)
    return publication_for_reading(user, pk)


def recommendation_in(publication: Publication, pk: int) -> Recommendation:
    recommendation = (
        Recommendation.objects.select_related("area__publication")
        .filter(area__publication=publication, pk=pk)
        .first()
    )
    if recommendation is None:
        raise Http404("No such recommendation in this report")
    return recommendation


def _regional(slug: str) -> Council:
    council = (
        Council.objects.select_related("healthcare_region")
        .filter(slug=slug, kind=Council.Kind.REGIONAL)
        .first()
    )
    if council is None:
        raise Http404("No such regional council")
    return council


def council_for_reading(user, slug: str) -> Council:
    """A regional council whose follow-ups to show: any council reader."""
    require_reader(user)
    return _regional(slug)


def council_for_following_up(user, slug: str) -> Council:
    """A regional council whose follow-ups the user records: its members."""
    council = council_for_reading(user, slug)
    if not council_access.can_edit_council(user, council):
        raise PermissionDenied
    return council


def council_for_rounds(user, slug: str) -> Council:
    council = council_for_reading(user, slug)
    if not council_access.can_manage_council(user, council):
        raise PermissionDenied
    return council


def can_follow_up(user, council: Council) -> bool:
    return council_access.can_edit_council(user, council)


def can_send_rounds(user, council: Council) -> bool:
    return council_access.can_manage_council(user, council)


def recommendation_for_council(pk: int) -> Recommendation:
    recommendation = (
        Recommendation.objects.select_related("area__publication")
        .prefetch_related("addressees")
        .filter(pk=pk)
        .first()
    )
    if recommendation is None:
        raise Http404("No such recommendation")
    return recommendation


def follow_up_in_council(council: Council, pk: int) -> FollowUp:
    follow_up = (
        FollowUp.objects.select_related(
            "recommendation__area__publication", "organisation", "council", "recorded_by"
        )
        .filter(council=council, pk=pk)
        .first()
    )
    if follow_up is None:
        raise Http404("No such follow-up for this council")
    return follow_up


def follow_up_place(user, slug: str, rec_pk: int, org_pk: int | None):
    """(council, recommendation, organisation or None) of a follow-up the user records: 403
    without a seat in the council; 404 for an organisation outside its area, or for a
    recommendation that concerns neither the council nor that kind of organisation."""
    from django.core.exceptions import ValidationError

    from .services.follow_ups import check_concerns

    council = council_for_following_up(user, slug)
    recommendation = recommendation_for_council(rec_pk)
    organisation = None
    if org_pk is not None:
        organisation = council_selectors.council_organisations(council).filter(pk=org_pk).first()
        if organisation is None:
            raise Http404("No such organisation in this council's area")
    try:
        check_concerns(recommendation, council, organisation)
    except ValidationError:
        raise Http404("The recommendation does not concern this council or organisation") from None
    return council, recommendation, organisation
