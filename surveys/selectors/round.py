"""Reads for sending a round: whether it may go, and who would get nothing for want of an
address."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Invitation, Survey


@dataclass
class SendState:
    """What the recipients page says before sending."""

    refusal: str  # why nothing may be sent now; "" when it may
    recipients: int  # invitations not revoked
    missing: list[Invitation] = field(default_factory=list)  # … of them without an address

    @property
    def can_send(self) -> bool:
        return not self.refusal


def send_refusal(survey: Survey) -> str:
    """Why nothing of the round may be sent now ("" when it may): only an open survey sends."""
    if survey.status == Survey.Status.DRAFT:
        return _(
            "Enkäten är ett utkast: öppna den under Inställningar innan inbjudningarna skickas."
        )
    if survey.status == Survey.Status.CLOSED:
        return _("Enkäten är stängd: inga inbjudningar eller påminnelser skickas.")
    return ""


def round_send_state(survey: Survey, invitations: list[Invitation]) -> SendState:
    """From the round's invitations as the page lists them (no query of its own)."""
    live = [i for i in invitations if i.revoked_at is None]
    missing = [i for i in live if not i.emails]
    return SendState(refusal=send_refusal(survey), recipients=len(live), missing=missing)
