"""Writes for a round's invitations: recipients, contact addresses, links, sending.

Only the hash of a link's token is stored; every e-mail carries a fresh link."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Council, Organisation

from .. import tokens
from ..models import (
    Invitation,
    InvitationEvent,
    Response,
    Survey,
)

# ---------------------------------------------------------------- invitations


@dataclass
class IssuedLink:
    invitation: Invitation
    token: str


@transaction.atomic
def invitations_create(
    *, survey: Survey, organisations, emails: dict[int, list[str]] | None = None
) -> list[Invitation]:
    """Invite organisations (once each); contact e-mails per organisation id."""
    existing = set(survey.invitations.values_list("organisation_id", flat=True))
    created = []
    for organisation in organisations:
        if organisation.pk in existing:
            continue
        created.append(
            Invitation(
                survey=survey,
                organisation=organisation,
                emails=(emails or {}).get(organisation.pk, []),
            )
        )
    return Invitation.objects.bulk_create(created)


def invitation_issue_link(*, invitation: Invitation) -> IssuedLink:
    """A new secret link for the invitation; any earlier link stops working."""
    token = tokens.token_new()
    invitation.token_hash = tokens.token_hash(token)
    invitation.revoked_at = None
    invitation.save(update_fields=["token_hash", "revoked_at"])
    return IssuedLink(invitation, token)


def invitation_log(*, invitation: Invitation, kind: str, by=None) -> InvitationEvent:
    return InvitationEvent.objects.create(
        invitation=invitation, kind=kind, recipients=list(invitation.emails), by=by
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by=None) -> Invitation:
    """Stop the invitation's link from working; its answers are kept."""
    invitation.revoked_at = timezone.now()
    invitation.token_hash = None
    invitation.save(update_fields=["revoked_at", "token_hash"])
    invitation_log(invitation=invitation, kind=InvitationEvent.Kind.REVOKED, by=by)
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, or None (wrong, revoked or replaced)."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("survey__council", "organisation")
        .filter(token_hash=tokens.token_hash(token))
        .first()
    )


def organisations_for_audience(*, council: Council, kinds, lan_codes=()) -> list[Organisation]:
    """The council's organisations of the given kinds (and län), for choosing recipients."""
    queryset = Organisation.objects.filter(
        healthcare_regions=council.healthcare_region_id, kind__in=list(kinds)
    )
    if lan_codes:
        queryset = queryset.filter(lan_code__in=list(lan_codes))
    return list(queryset.order_by("name"))


# ---------------------------------------------------------------- sending


def invitation_send(*, invitation: Invitation, kind: str, by=None) -> bool:
    """Issue a fresh link and e-mail it to the invitation's contacts; log it.

    Only the hash of a token is kept, so every e-mail carries a new link and the previous
    one stops working; the answers saved so far belong to the invitation, not the link.
    Returns False (and sends nothing) for a revoked invitation or one with no addresses.
    """
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse

    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("survey__council", "organisation")
            .get(pk=invitation.pk)
        )
        if (invitation.is_revoked and kind != InvitationEvent.Kind.RESENT) or not invitation.emails:
            return False
        issued = invitation_issue_link(invitation=invitation)
        now = timezone.now()
        if kind == InvitationEvent.Kind.REMINDED:
            invitation.reminded_at = now
        else:
            invitation.sent_at = now
        invitation.save(update_fields=["sent_at", "reminded_at"])
        invitation_log(invitation=invitation, kind=kind, by=by)
    url = settings.PORTAL_BASE_URL.rstrip("/") + reverse("surveys:link", args=[issued.token])
    ctx = {"invitation": invitation, "survey": invitation.survey, "url": url, "kind": kind}
    template = "reminder" if kind == InvitationEvent.Kind.REMINDED else "invitation"
    subject = render_to_string(f"surveys/emails/{template}_subject.txt", ctx).strip()
    body = render_to_string(f"surveys/emails/{template}_body.txt", ctx)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, invitation.emails, fail_silently=False)
    return True


def invitations_to_send(*, survey: Survey, kind: str) -> list[int]:
    """Ids to e-mail: not yet sent (invitations) or not submitted (reminders)."""
    queryset = survey.invitations.filter(revoked_at__isnull=True).exclude(emails=[])
    if kind == InvitationEvent.Kind.SENT:
        queryset = queryset.filter(sent_at__isnull=True)
    else:
        queryset = queryset.filter(sent_at__isnull=False).exclude(
            response__status=Response.Status.SUBMITTED
        )
    return list(queryset.values_list("pk", flat=True))


def invitations_send_queue(*, survey: Survey, kind: str, by=None) -> int:
    """Queue the e-mails of a round (after commit); return how many are queued."""
    from ..tasks import invitations_send_task

    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Öppna enkäten innan inbjudningar skickas."), code="not_open")
    ids = invitations_to_send(survey=survey, kind=kind)
    if ids:
        invitations_send_task.delay_on_commit(ids, kind, by.pk if by else None)
    return len(ids)


@transaction.atomic
def invitation_emails_set(*, invitation: Invitation, emails: list[str]) -> Invitation:
    """Replace an invitation's contact addresses."""
    invitation.emails = sorted({e.strip().lower() for e in emails if e.strip()})
    invitation.save(update_fields=["emails"])
    return invitation


@transaction.atomic
def invitation_emails_import(*, survey: Survey, rows: list[tuple[int, str, list[str]]]) -> int:
    """Set contact addresses from rows (line, organisation code, e-mails); all or nothing.

    An organisation in the council's region that is not yet invited is invited.
    """
    region_orgs = {
        org.code: org
        for org in Organisation.objects.filter(
            healthcare_regions=survey.council.healthcare_region_id
        )
    }
    errors = [
        _("Rad %(n)s: ingen organisation med koden %(code)s i rådets region.")
        % {"n": line, "code": code}
        for line, code, _emails in rows
        if code not in region_orgs
    ]
    if errors:
        raise ValidationError(errors, code="unknown_code")
    invitations_create(survey=survey, organisations=[region_orgs[code] for _l, code, _e in rows])
    by_org = {i.organisation_id: i for i in survey.invitations.select_for_update()}
    for _line, code, emails in rows:
        invitation_emails_set(invitation=by_org[region_orgs[code].pk], emails=emails)
    return len(rows)
