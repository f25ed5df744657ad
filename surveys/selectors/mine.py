"""A signed-in person's own surveys: the open rounds whose invitation names their address.

The invitation links are one-time secrets stored as hashes, so the start page cannot show
them; it links to `surveys:mine_answer`, which checks the address again (`access`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q
from django.utils import timezone

from ..models import Invitation, Response, Survey


@dataclass
class MySurvey:
    """One survey waiting for (or answered by) the person's organisation."""

    invitation: Invitation
    status: str  # "not_started", "draft" or "submitted"
    saved_at: datetime | None  # the draft's last save, or when it was submitted

    @property
    def survey(self) -> Survey:
        return self.invitation.survey


def email_matches(invitation: Invitation, email: str) -> bool:
    """Whether the address is one of the invitation's contacts (case-insensitive)."""
    wanted = (email or "").strip().casefold()
    return bool(wanted) and any(
        isinstance(address, str) and address.strip().casefold() == wanted
        for address in invitation.emails or []
    )


def open_invitations_for(email: str, *, now=None):
    """Not revoked invitations with a link, of surveys that take answers now, that may name
    the address; `email_matches` decides (the database only narrows the search down)."""
    now = now or timezone.now()
    return (
        Invitation.objects.filter(
            emails__icontains=email,
            revoked_at__isnull=True,
            token_hash__isnull=False,
            survey__status=Survey.Status.OPEN,
        )
        .filter(Q(survey__opens_at__isnull=True) | Q(survey__opens_at__lte=now))
        .filter(Q(survey__closes_at__isnull=True) | Q(survey__closes_at__gt=now))
    )


def respondent_surveys(user) -> list[MySurvey]:
    """The open surveys whose invitation lists the user's e-mail, with where the answer is
    (one query, however many)."""
    email = getattr(user, "email", "") if getattr(user, "is_authenticated", False) else ""
    if not email:
        return []
    invitations = (
        open_invitations_for(email)
        .select_related("survey__council", "organisation", "response")
        .order_by(
            F("survey__closes_at").asc(nulls_last=True), "survey__title", "organisation__name"
        )
    )
    return [_mine(invitation) for invitation in invitations if email_matches(invitation, email)]


def _mine(invitation: Invitation) -> MySurvey:
    try:
        response = invitation.response
    except Response.DoesNotExist:
        return MySurvey(invitation, "not_started", None)
    if response.status == Response.Status.SUBMITTED:
        return MySurvey(invitation, "submitted", response.submitted_at)
    return MySurvey(invitation, "draft", response.updated_at)
