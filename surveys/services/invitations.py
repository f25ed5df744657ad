"""Writes for a round's invitations: recipients, contact addresses, links, sending.

Only the hash of a link's token is stored; every e-mail carries a fresh link, so every mail
ends the links of the mails before it. That is why sending is decided under the invitation's
row lock: an invitation goes once, a reminder waits `SURVEY_REMINDER_MIN_INTERVAL_MINUTES`
after the last one, and a new link waits `SURVEY_RESEND_MIN_INTERVAL_SECONDS` after the last
mail, however many clicks, tabs or task runs ask for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from contacts import selectors as contact_selectors
from contacts import services as contact_services
from councils.models import Council, Organisation

from .. import tokens
from ..models import (
    Invitation,
    InvitationEvent,
    Response,
    Survey,
)
from ..selectors.round import send_refusal

# ---------------------------------------------------------------- invitations


@dataclass
class IssuedLink:
    invitation: Invitation
    token: str


@transaction.atomic
def invitations_create(
    *, survey: Survey, organisations, emails: dict[int, list[str]] | None = None, role: str = ""
) -> list[Invitation]:
    """Invite organisations (once each). Their contact e-mails: given per organisation id, or
    else the contact register's addresses for `role`."""
    existing = set(survey.invitations.values_list("organisation_id", flat=True))
    organisations = [o for o in organisations if o.pk not in existing]
    if emails is None and role:
        emails = contact_selectors.contact_emails(
            organisation_ids=[o.pk for o in organisations], role=role
        )
    created = [
        Invitation(survey=survey, organisation=o, emails=(emails or {}).get(o.pk, []))
        for o in organisations
    ]
    return Invitation.objects.bulk_create(created)


@transaction.atomic
def invitations_addresses_from_register(*, survey: Survey, role: str) -> int:
    """Give the round's invitations that have no address and have not gone yet the contact
    register's addresses for `role`; returns how many got one."""
    waiting = list(
        survey.invitations.select_for_update().filter(
            emails=[], sent_at__isnull=True, revoked_at__isnull=True
        )
    )
    found = contact_selectors.contact_emails(
        organisation_ids=[i.organisation_id for i in waiting], role=role
    )
    filled = [i for i in waiting if found.get(i.organisation_id)]
    for invitation in filled:
        invitation.emails = found[invitation.organisation_id]
    Invitation.objects.bulk_update(filled, ["emails"])
    return len(filled)


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
    """Stop the invitation's link from working; its answers are kept. Revoking a revoked
    invitation (a double click) changes and logs nothing."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_revoked:
        return invitation
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


def reminder_interval() -> timedelta:
    """How long after a reminder to an invitation the next one may go."""
    return timedelta(minutes=settings.SURVEY_REMINDER_MIN_INTERVAL_MINUTES)


def resend_interval() -> timedelta:
    """How long after a mail to an invitation a new link may go: a double click sends one."""
    return timedelta(seconds=settings.SURVEY_RESEND_MIN_INTERVAL_SECONDS)


@dataclass
class SendOutcome:
    """What became of one e-mail: sent, or why not (and, if too soon, when it may go)."""

    sent: bool
    # "not_open", "revoked", "no_addresses", "already_sent", "submitted", "too_soon"
    reason: str = ""
    last_at: datetime | None = None
    next_at: datetime | None = None

    def __bool__(self) -> bool:
        return self.sent


def _too_soon(last_at: datetime | None, interval: timedelta, now: datetime) -> SendOutcome | None:
    if last_at is not None and now < last_at + interval:
        return SendOutcome(False, "too_soon", last_at, last_at + interval)
    return None


def _send_refusal(invitation: Invitation, kind: str, now: datetime) -> SendOutcome | None:
    """Why this e-mail must not go now (None: it may). Called under the row lock."""
    Kind = InvitationEvent.Kind
    if send_refusal(invitation.survey):
        return SendOutcome(False, "not_open")
    if invitation.is_revoked and kind != Kind.RESENT:
        return SendOutcome(False, "revoked")
    if not invitation.emails:
        return SendOutcome(False, "no_addresses")
    if kind == Kind.SENT and invitation.sent_at is not None:
        return SendOutcome(False, "already_sent", invitation.sent_at)
    if kind == Kind.REMINDED:
        submitted = Response.objects.filter(
            survey_id=invitation.survey_id, organisation_id=invitation.organisation_id,
            status=Response.Status.SUBMITTED,
        ).exists()  # fmt: skip
        if submitted:
            return SendOutcome(False, "submitted")
        return _too_soon(invitation.reminded_at, reminder_interval(), now)
    if kind == Kind.RESENT:
        mailed = [at for at in (invitation.sent_at, invitation.reminded_at) if at is not None]
        last = max(mailed, default=None)
        if last is not None and invitation.revoked_at and invitation.revoked_at > last:
            return None  # revoked since: the last mail's link is dead anyway
        return _too_soon(last, resend_interval(), now)
    return None


def invitation_send(*, invitation: Invitation, kind: str, by=None) -> SendOutcome:
    """Issue a fresh link and e-mail it to the invitation's contacts, once; log it.

    Decided and done under the invitation's row lock, so that a double click, two tabs or a
    task that runs twice mail once (see the module). The mail goes inside the transaction:
    if it fails nothing is recorded and the task's retry sends it. Returns a SendOutcome,
    false (and nothing sent) when it must not go; the answers saved so far belong to the
    invitation, not to the link.
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("survey__council", "organisation")
            .get(pk=invitation.pk)
        )
        now = timezone.now()
        refusal = _send_refusal(invitation, kind, now)
        if refusal is not None:
            return refusal
        issued = invitation_issue_link(invitation=invitation)
        if kind == InvitationEvent.Kind.REMINDED:
            invitation.reminded_at = now
        else:
            invitation.sent_at = now
        invitation.save(update_fields=["sent_at", "reminded_at"])
        invitation_log(invitation=invitation, kind=kind, by=by)
        _mail(invitation, issued.token, kind)
    return SendOutcome(True)


def _mail(invitation: Invitation, token: str, kind: str) -> None:
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse

    url = settings.PORTAL_BASE_URL.rstrip("/") + reverse("surveys:link", args=[token])
    ctx = {"invitation": invitation, "survey": invitation.survey, "url": url, "kind": kind}
    template = "reminder" if kind == InvitationEvent.Kind.REMINDED else "invitation"
    subject = render_to_string(f"surveys/emails/{template}_subject.txt", ctx).strip()
    body = render_to_string(f"surveys/emails/{template}_body.txt", ctx)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, invitation.emails, fail_silently=False)


def invitations_to_send(*, survey: Survey, kind: str, now: datetime | None = None) -> list[int]:
    """Ids to e-mail: not yet sent (invitations), or not submitted and not reminded within
    the reminder interval (reminders)."""
    queryset = survey.invitations.filter(revoked_at__isnull=True).exclude(emails=[])
    if kind == InvitationEvent.Kind.SENT:
        queryset = queryset.filter(sent_at__isnull=True)
    else:
        recently = (now or timezone.now()) - reminder_interval()
        queryset = (
            queryset.filter(sent_at__isnull=False)
            .exclude(response__status=Response.Status.SUBMITTED)
            .exclude(reminded_at__gt=recently)
        )
    return list(queryset.values_list("pk", flat=True))


def invitations_send_queue(*, survey: Survey, kind: str, by=None) -> int:
    """Queue the e-mails of a round (after commit); return how many are queued.

    Refuses a reminder while every one who could get it was reminded within the interval.
    """
    from ..tasks import invitations_send_task

    _open_check(survey)
    now = timezone.now()
    ids = invitations_to_send(survey=survey, kind=kind, now=now)
    if not ids and kind == InvitationEvent.Kind.REMINDED:
        _reminder_wait_check(survey, now)
    if ids:
        invitations_send_task.delay_on_commit(ids, kind, by.pk if by else None)
    return len(ids)


def _open_check(survey: Survey) -> None:
    refusal = send_refusal(survey)
    if refusal:
        raise ValidationError(f"{refusal} {_('Inget har skickats.')}", code="not_open")


def _reminder_wait_check(survey: Survey, now: datetime) -> None:
    """Nothing to remind: say so if it is because the last reminder went too recently."""
    waiting = (
        survey.invitations.filter(
            revoked_at__isnull=True, reminded_at__gt=now - reminder_interval()
        )
        .exclude(response__status=Response.Status.SUBMITTED)
        .order_by("-reminded_at")
        .values_list("reminded_at", flat=True)
        .first()
    )
    if waiting is not None:
        raise ValidationError(
            _(
                "En påminnelse skickades %(last)s. Nästa påminnelse kan skickas tidigast "
                "%(next)s, så att länken i den förra hinner användas."
            ),
            code="reminder_too_soon",
            params={"last": moment(waiting), "next": moment(waiting + reminder_interval())},
        )


def moment(value: datetime) -> str:
    """A time as the secretariat reads it in messages: "3 december 14:05"."""
    return formats.date_format(timezone.localtime(value), "j F H:i")


@transaction.atomic
def invitation_emails_set(*, invitation: Invitation, emails: list[str]) -> Invitation:
    """Replace an invitation's contact addresses."""
    invitation.emails = sorted({e.strip().lower() for e in emails if e.strip()})
    invitation.save(update_fields=["emails"])
    return invitation


@transaction.atomic
def invitation_emails_import(
    *, survey: Survey, rows: list[tuple[int, str, list[str]]], role: str = "", by=None
) -> int:
    """Set contact addresses from rows (line, organisation code, e-mails); all or nothing.

    An organisation in the council's region that is not yet invited is invited. With a
    `role`, the addresses are also kept in the contact register for that role, so that the
    next round finds them there.
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
    invitations_create(
        survey=survey, organisations=[region_orgs[code] for _l, code, _e in rows], emails={}
    )
    by_org = {i.organisation_id: i for i in survey.invitations.select_for_update()}
    for _line, code, emails in rows:
        invitation_emails_set(invitation=by_org[region_orgs[code].pk], emails=emails)
    if role:
        register: dict[int, list[str]] = {}
        for _line, code, emails in rows:
            register.setdefault(region_orgs[code].pk, []).extend(emails)
        contact_services.contacts_add(emails=register, role=role, by=by)
    return len(rows)
