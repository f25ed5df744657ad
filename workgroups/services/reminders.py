"""Reminders about due reports: to the convenor 14 and 3 days before, to the council's
secretariat (the convenor in copy) when a report is overdue.

Celery beat runs `report_reminders_queue` every few hours (CELERY_BEAT_SCHEDULE). A reminder
is one ReportReminder row per group, report, due date and stage; the unique constraint on
those decides, so two runs, even at the same moment, make one row, and only the run that made
it queues the mail. `report_reminder_send` then sends under the row's lock and marks it sent,
so a retried or repeated task mails nobody twice."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from councils.models import Membership

from ..models import Member, Report, ReportReminder, Workgroup
from ..selectors.attention import DueReport, due_report, reports_due

logger = logging.getLogger(__name__)

Stage = ReportReminder.Stage
FIRST_DAYS = 14
LAST_DAYS = 3
# A reminder whose task was lost (a broker restart) or gave up (mail server down for long) is
# queued again by a later run, after the first task has had its chance and for a few days.
RETRY_AFTER = dt.timedelta(hours=1)
RETRY_FOR = dt.timedelta(days=3)


def reminder_stage(days_left: int) -> str | None:
    """The stage a report is at with `days_left` days to go (None: too early to remind)."""
    if days_left < 0:
        return Stage.OVERDUE
    if days_left <= LAST_DAYS:
        return Stage.DAYS_3
    if days_left <= FIRST_DAYS:
        return Stage.DAYS_14
    return None


def _reminder_for(due: DueReport, stage: str) -> tuple[ReportReminder, bool]:
    """The reminder's row and whether this call made it. The savepoint keeps the caller's
    transaction usable when another run inserted the same row first."""
    key = {
        "workgroup": due.group,
        "report_kind": due.kind,
        "due_date": due.due_date,
        "stage": stage,
    }
    try:
        with transaction.atomic():
            return ReportReminder.objects.create(**key, report=due.report), True
    except IntegrityError:
        return ReportReminder.objects.get(**key), False


@transaction.atomic
def report_reminders_queue(*, today: dt.date | None = None) -> list[int]:
    """Log a reminder for each due report's current stage and queue its mail after commit;
    the ids queued. Also queues again reminders left unsent by an earlier run."""
    from ..tasks import report_reminder_send_task

    today = today or timezone.localdate()
    queued = []
    # In the same order in every run: two runs at once wait on the same row first, never on
    # each other's in a cross.
    for due in reports_due(today=today, within_days=FIRST_DAYS):
        reminder, created = _reminder_for(due, reminder_stage(due.days_left))
        if created:
            queued.append(reminder.pk)
    now = timezone.now()
    queued += (
        ReportReminder.objects.filter(
            sent_at__isnull=True,
            created_at__lt=now - RETRY_AFTER,
            created_at__gte=now - RETRY_FOR,
        )
        .exclude(pk__in=queued)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in queued:
        report_reminder_send_task.delay_on_commit(pk)
    return queued


def _still_due(reminder: ReportReminder, today: dt.date) -> bool:
    """Whether the reminder still says something true: the report not handed in, the date
    not moved, the stage not passed (a late task must not send yesterday's stage)."""
    group = reminder.workgroup
    if group.status == Workgroup.Status.CLOSED:
        return False
    if reminder_stage((reminder.due_date - today).days) != reminder.stage:
        return False
    if reminder.report_kind == Report.Kind.FINAL:
        submitted = group.reports.filter(kind=Report.Kind.FINAL, submitted_at__isnull=False)
        return group.final_report_due == reminder.due_date and not submitted.exists()
    report = reminder.report
    return (
        report is not None and report.submitted_at is None and report.due_date == reminder.due_date
    )


def report_reminder_send(*, reminder: ReportReminder, today: dt.date | None = None) -> bool:
    """E-mail the reminder once and mark it sent; False when it was sent already or is no
    longer true (then its row goes, and a later change may remind anew).

    Decided under the row's lock. The mail goes inside the transaction: if it fails nothing
    is marked and the task's retry sends it."""
    today = today or timezone.localdate()
    with transaction.atomic():
        reminder = (
            ReportReminder.objects.select_for_update(of=("self",))
            .select_related("workgroup__council", "report")
            .filter(pk=reminder.pk)
            .first()
        )
        if reminder is None or reminder.sent_at is not None:
            return False
        if not _still_due(reminder, today):
            reminder.delete()
            return False
        letter = _routed(reminder, _letter(reminder, today))
        reminder.recipients = ", ".join(letter.to + letter.cc)
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["recipients", "sent_at"])
        if letter.to:
            letter.message().send(fail_silently=False)
        else:
            logger.warning("Report reminder %s has nobody to go to", reminder.pk)
    return bool(letter.to)


# ---------------------------------------------------------------- recipients and the mail


def convenor_emails(group: Workgroup, today: dt.date) -> list[str]:
    """The e-mail addresses of the group's current convenors (users, or contacts)."""
    members = group.members.filter(role=Member.Role.CONVENOR).select_related("user")
    return _unique(
        m.contact_email
        for m in members
        if m.is_current(today) and (m.user_id is None or m.user.is_active)
    )


def secretariat_emails(group: Workgroup, today: dt.date) -> list[str]:
    seats = Membership.objects.active(on=today).filter(
        council_id=group.council_id, role=Membership.Role.SECRETARIAT, user__is_active=True
    )
    return _unique(seats.order_by("user__email").values_list("user__email", flat=True))


def _unique(emails) -> list[str]:
    return list(dict.fromkeys(e.strip() for e in emails if e and e.strip()))


@dataclass
class _Letter:
    subject: str
    body: str
    to: list[str]
    cc: list[str] = field(default_factory=list)

    def message(self) -> EmailMessage:
        return EmailMessage(
            self.subject, self.body, settings.DEFAULT_FROM_EMAIL, self.to, cc=self.cc
        )


def _context(reminder: ReportReminder, today: dt.date, convenors: list[str]) -> dict:
    group = reminder.workgroup
    overdue = reminder.stage == Stage.OVERDUE
    due = due_report(group, reminder.report_kind, reminder.due_date, today, reminder.report)
    return {
        "group": group, "council": group.council, "due": due, "overdue": overdue,
        "is_final": reminder.report_kind == Report.Kind.FINAL,
        "to_secretariat_instead": not overdue and not convenors,
        "url": settings.PORTAL_BASE_URL.rstrip("/") + due.url,
    }  # fmt: skip


def reminder_context(*, reminder_id: int, today: dt.date | None = None) -> dict | None:
    """What a reminder says, for a line in a digest (notifications/); None when it is gone
    or no longer true."""
    today = today or timezone.localdate()
    reminder = (
        ReportReminder.objects.select_related("workgroup__council", "report")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None or not _still_due(reminder, today):
        return None
    return _context(reminder, today, convenor_emails(reminder.workgroup, today))


def _routed(reminder: ReportReminder, letter: _Letter) -> _Letter:
    """The letter to those who want reminders at once; those who chose the digest get the
    reminder there, those who chose "never" not at all (notifications/)."""
    from notifications.models import Kind
    from notifications.services import emails_route

    to, cc = (
        emails_route(kind=Kind.REPORT_REMINDER, object_id=reminder.pk, emails=emails)
        for emails in (letter.to, letter.cc)
    )
    letter.to, letter.cc = (to, cc) if to else (cc, [])
    return letter


def _letter(reminder: ReportReminder, today: dt.date) -> _Letter:
    group = reminder.workgroup
    convenors = convenor_emails(group, today)
    overdue = reminder.stage == Stage.OVERDUE
    if overdue:
        to = secretariat_emails(group, today) or convenors
        cc = [e for e in convenors if e not in to]
    else:
        to, cc = convenors or secretariat_emails(group, today), []
    ctx = _context(reminder, today, convenors)
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("workgroups/emails/reminder_subject.txt", ctx)
        body = render_to_string("workgroups/emails/reminder_body.txt", ctx)
    return _Letter(" ".join(subject.split()), body, to, cc)
