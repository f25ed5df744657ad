"""Who may see and do what with surveys: every survey view asks here.

- The secretariat of a council (and admins) builds its surveys, invites and follows the round.
- Members of that council and the national council read the results of any survey past draft.
- A respondent needs no account: the invitation link puts the invitation in the session, and
  only the invitations in the session can be answered. Wrong links are throttled per address.
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404

from councils import access as council_access
from councils.models import Council

from .models import Invitation, Question, Survey

SESSION_KEY = "survey_invitations"
# Wrong links per client address before it must wait; tokens have 256 bits, so this only
# keeps the logs and the database quiet, it is not what makes guessing hopeless.
LINK_FAILURES_ALLOWED = 10
LINK_FAILURE_WINDOW = 15 * 60


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
    """Results: the council's own members, the national council and admins."""
    council = council_access.council_for_reading(user, slug)
    if not (
        council_access.can_edit_council(user, council) or council_access.is_national_member(user)
    ):
        raise PermissionDenied
    return _survey_in(council, pk)


def can_manage(user, council: Council) -> bool:
    return council_access.can_manage_council(user, council)


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


def _client_key(request) -> str:
    return f"survey-link-failures:{request.META.get('REMOTE_ADDR', '')}"


def link_attempts_exceeded(request) -> bool:
    return cache.get(_client_key(request), 0) >= LINK_FAILURES_ALLOWED


def link_failure_record(request) -> None:
    key = _client_key(request)
    cache.add(key, 0, LINK_FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, LINK_FAILURE_WINDOW)


def session_invitation_grant(request, invitation: Invitation) -> None:
    granted = set(request.session.get(SESSION_KEY, []))
    granted.add(invitation.pk)
    request.session[SESSION_KEY] = sorted(granted)
    # A new session key on being granted access, as after a login.
    request.session.cycle_key()


def invitation_for_respondent(request, invitation_pk: int) -> Invitation:
    """The invitation this browser was given by its link, or 403."""
    if invitation_pk not in request.session.get(SESSION_KEY, []):
        raise PermissionDenied
    return Invitation.objects.select_related("survey__council", "organisation").get(
        pk=invitation_pk
    )
