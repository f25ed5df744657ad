"""Who may see and do what with surveys: every survey view asks here.

- The secretariat of a council (and admins) builds its surveys, invites and follows the round.
- Members of that council and the national council read the results of any survey past draft;
  a draft is shown to the secretariat (and admins) only, to others it does not exist (404).
- A respondent needs no account: the invitation link puts the invitation in the session, and
  only the invitations in the session can be answered, and only while the link that granted
  them is the invitation's current one: a new link or a revocation ends every older grant.
  Wrong links are throttled per client address; a valid link never is.
"""

from __future__ import annotations

import hmac

from django.core.exceptions import PermissionDenied
from django.http import Http404

from councils import access as council_access
from councils.models import Council
from vkr_portal import throttles

from .models import Invitation, Question, Survey

SESSION_KEY = "survey_invitations"


def council_for_reading(user, slug: str) -> Council:
    return council_access.council_for_reading(user, slug)


def council_for_managing(user, slug: str) -> Council:
    return council_access.council_for_managing(user, slug)


def _survey_in(council: Council, pk: int) -> Survey:
    survey = Survey.objects.select_related("council").filter(council=council, pk=pk).first()
    if survey is None:
        raise Http404("No such survey in this council")
    return survey


def survey_for_managing(user, slug: str, pk: int) -> Survey:
    return _survey_in(council_access.council_for_managing(user, slug), pk)


def survey_for_results(user, slug: str, pk: int) -> Survey:
    """The overview, results and exports: the council's own members, the national council and
    admins; a draft only for the council's secretariat and admins (404 for the others, as for
    a survey that does not exist)."""
    council = council_access.council_for_reading(user, slug)
    if not can_read_results(user, council):
        raise PermissionDenied
    survey = _survey_in(council, pk)
    if survey.status == Survey.Status.DRAFT and not can_manage(user, council):
        raise Http404("No such survey in this council")
    return survey


def can_manage(user, council: Council) -> bool:
    return council_access.can_manage_council(user, council)


def can_see_who_answered(user, survey: Survey) -> bool:
    """Which organisations have (not) answered: anyone who reads the results, unless they are
    anonymous; then only the secretariat (and admins), who run the round."""
    return not survey.results_anonymous or can_manage(user, survey.council)


def can_read_results(user, council: Council) -> bool:
    return council_access.can_edit_council(user, council) or council_access.is_national_member(user)


def invitation_of(survey: Survey, invitation_pk: int) -> Invitation:
    invitation = (
        Invitation.objects.select_related("organisation", "survey")
        .filter(survey=survey, pk=invitation_pk)
        .first()
    )
    if invitation is None:
        raise Http404("No such invitation in this survey")
    return invitation


def question_of(survey: Survey, question_pk: int) -> Question:
    """A question looked up inside its survey only: an id from another survey is 404."""
    question = (
        Question.objects.select_related("section", "scale")
        .filter(section__survey=survey, pk=question_pk)
        .first()
    )
    if question is None:
        raise Http404("No such question in this survey")
    return question


# ---------------------------------------------------------------- respondents


class GrantEnded(Exception):
    """The browser's grant came from a link that was replaced or revoked since."""

    def __init__(self, invitation: Invitation):
        super().__init__(invitation.pk)
        self.invitation = invitation


def link_failure_record(request) -> bool:
    """Count a wrong link from this client; True if it has now tried too many.

    Only wrong links count, and only after the token was looked up: whoever holds a real link
    is never refused, however many wrong ones came from the same address (a whole
    municipality behind one NAT). Tokens have 256 bits, so the throttle keeps logs and the
    database quiet; it is not what makes guessing hopeless.
    """
    return throttles.hit(request, "survey_link_failures")


def _grants(request) -> dict[str, str]:
    granted = request.session.get(SESSION_KEY)
    # Sessions from before grants were bound to their link held a list: they grant nothing.
    return dict(granted) if isinstance(granted, dict) else {}


def session_invitation_grant(request, invitation: Invitation) -> None:
    """Let this browser answer the invitation for as long as the link it used is the
    invitation's current link."""
    granted = _grants(request)
    granted[str(invitation.pk)] = invitation.token_hash
    request.session[SESSION_KEY] = granted
    # A new session key on being granted access, as after a login.
    request.session.cycle_key()


def invitation_for_respondent(request, invitation_pk: int) -> Invitation:
    """The invitation this browser was given by its link: 403 without a grant for it, and
    GrantEnded when the link the grant came from has been replaced or revoked since."""
    granted = _grants(request)
    link_hash = granted.get(str(invitation_pk))
    if not link_hash:
        raise PermissionDenied
    invitation = (
        Invitation.objects.select_related("survey__council", "organisation")
        .filter(pk=invitation_pk)
        .first()
    )
    if invitation is None:
        raise PermissionDenied
    current = invitation.token_hash or ""
    if not hmac.compare_digest(current.encode(), link_hash.encode()):
        # Kept in the session so that every later visit gets the same clear page; a link's
        # hash is never issued again, so the grant cannot come back to life.
        raise GrantEnded(invitation)
    return invitation


def invitation_for_signed_in(user, invitation_pk: int) -> Invitation:
    """An invitation that names the signed-in user's e-mail among its contacts and has a
    working link (not revoked): the start page's way in, granting what the link grants.
    Anything else is 404, as for an invitation that does not exist, so that ids cannot be
    tried; whether the survey takes answers is the view's to say (a clear closed page)."""
    from .selectors.mine import email_matches

    invitation = (
        Invitation.objects.select_related("survey__council", "organisation")
        .filter(pk=invitation_pk, revoked_at__isnull=True, token_hash__isnull=False)
        .first()
    )
    if invitation is None or not email_matches(invitation, getattr(user, "email", "")):
        raise Http404("No such invitation for this user")
    return invitation
