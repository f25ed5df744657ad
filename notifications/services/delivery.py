"""Notifications made once and sent once.

`notify` runs inside the transaction of the change it tells of: it makes one row per person who
wants to hear of it (none for "never"), and the unique key (kind, object, event, recipient)
makes an event that fires twice, or two requests at once, one row. The rows wanted at once are
queued after the commit, so a change rolled back tells nobody. `notification_send` sends a row
under its lock, skipping a row another worker is sending (skip_locked), and marks it sent in
the same transaction: a retried or repeated task sends nothing twice, a failed mail marks
nothing and the retry sends it. The digest (`notification_digest_send`) does the same for all
of one person's waiting rows at once: one e-mail for them all.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from ..contexts import absolute
from ..kinds import KINDS
from ..models import Delivery, Kind, Notification
from ..selectors import deliveries_for, delivery_of, users_by_email

logger = logging.getLogger(__name__)

# An immediate notification whose task was lost (a broker restart) or gave up (the mail server
# down for long) is queued again by a later run, after its task had its chance, for some days.
RETRY_AFTER = dt.timedelta(minutes=15)
RETRY_FOR = dt.timedelta(days=3)


def event_stamp(moment: dt.datetime | None) -> str:
    """An event key from a time: an answer given again later is a new event."""
    return moment.strftime("%Y%m%dT%H%M%S.%f") if moment else ""


def _rows_make(kind, object_id, event, user_ids, emails, exclude) -> tuple[list[int], int]:
    """Make the rows (once per key); the ids of the immediate ones still unsent, and how
    many people are told at all."""
    people = users_by_email(emails)
    contacts = sorted({e.strip().lower() for e in emails if e and e.strip()} - set(people))
    ids = [pk for pk in [*user_ids, *(p.pk for p in people.values())] if pk != exclude]
    wanted = {pk: d for pk, d in deliveries_for(kind, ids).items() if d != Delivery.NEVER}
    key = {"kind": kind, "object_id": object_id, "event": event}
    rows = [Notification(**key, recipient_id=pk, delivery=d) for pk, d in wanted.items()]
    rows += [Notification(**key, email=email, delivery=Delivery.IMMEDIATE) for email in contacts]
    if not rows:
        return [], 0
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    immediate = [pk for pk, d in wanted.items() if d == Delivery.IMMEDIATE]
    pending = Notification.objects.filter(
        **key, delivery=Delivery.IMMEDIATE, sent_at__isnull=True
    ).filter(Q(recipient_id__in=immediate) | Q(recipient__isnull=True, email__in=contacts))
    return list(pending.order_by("pk").values_list("pk", flat=True)), len(rows)


def notify(
    *,
    kind: str,
    object_id: int,
    event: str = "",
    user_ids: Iterable[int] = (),
    emails: Iterable[str] = (),
    exclude: int | None = None,
) -> list[int]:
    """Tell these people of an event, each as they chose: call it in the event's transaction.
    The immediate ones are queued after the commit; the ids queued. `exclude`: who did it."""
    queued, _told = _rows_make(kind, object_id, event, list(user_ids), list(emails), exclude)
    if queued:
        transaction.on_commit(partial(_queue, queued))
    return queued


def notify_now(
    *, kind: str, object_id: int, event: str = "", user_ids=(), emails=(), exclude=None
) -> bool:
    """Like `notify`, from a task that runs after the commit: the immediate ones are sent
    now. True when anyone is told (now or in their digest)."""
    queued, told = _rows_make(kind, object_id, event, list(user_ids), list(emails), exclude)
    for pk in queued:
        notification_send(notification_id=pk)
    return told > 0


def _queue(ids: list[int]) -> None:
    from ..tasks import notification_send_task

    for pk in ids:
        notification_send_task.delay(pk)


def emails_route(*, kind: str, object_id: int, event: str = "", emails: list[str]) -> list[str]:
    """For a mail the caller sends itself to several people at once (report reminders): the
    addresses to keep. People who chose the digest get a row for it instead, people who chose
    "never" are left out; addresses without a login always stay."""
    people = users_by_email(emails)
    deliveries = deliveries_for(kind, [p.pk for p in people.values()])
    keep, digest = [], []
    for email in emails:
        person = people.get(email.strip().lower())
        delivery = deliveries[person.pk] if person else Delivery.IMMEDIATE
        if delivery == Delivery.IMMEDIATE:
            keep.append(email)
        elif delivery == Delivery.DIGEST:
            digest.append(Notification(kind=kind, object_id=object_id, event=event,
                                       recipient=person, delivery=Delivery.DIGEST))  # fmt: skip
    Notification.objects.bulk_create(digest, ignore_conflicts=True)
    return keep


# ---------------------------------------------------------------- sending


def _render(template: str, ctx: dict) -> str:
    return render_to_string(template, ctx)


def _footer(person) -> str:
    """Where to change what one receives; only people with a login have choices."""
    if person is None:
        return ""
    url = absolute(reverse("notifications:settings"))
    return "\n" + _render("notifications/emails/_footer.txt", {"settings_url": url})


def _message(row: Notification) -> EmailMessage | None:
    """The e-mail for one row in its recipient's language; None when it is no longer wanted
    or no longer true."""
    person = row.recipient
    if person is not None and (not person.is_active or not person.email):
        return None
    if person is not None and delivery_of(row.kind, person.pk) == Delivery.NEVER:
        return None  # changed their mind since
    info = KINDS[row.kind]
    with translation.override(person.language if person else settings.LANGUAGE_CODE):
        ctx = info.read(row.object_id)
        if ctx is None:
            return None
        subject = " ".join(_render(f"{info.templates}_subject.txt", ctx).split())
        body = _render(f"{info.templates}_body.txt", ctx).rstrip() + "\n" + _footer(person)
    address = person.email if person else row.email
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])


def notification_send(*, notification_id: int) -> bool:
    """E-mail one notification once; False when it is sent, being sent, or no longer true
    (then its row goes: a later event may tell anew)."""
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id, delivery=Delivery.IMMEDIATE, sent_at__isnull=True)
            .first()
        )
        if row is None:
            return False
        message = _message(row)
        if message is None:
            row.delete()
            return False
        row.sent_at = timezone.now()
        row.save(update_fields=["sent_at"])
        message.send(fail_silently=False)
    return True


def notifications_requeue_unsent(*, now: dt.datetime | None = None) -> list[int]:
    """Queue again the immediate notifications whose task was lost or gave up."""
    now = now or timezone.now()
    ids = list(
        Notification.objects.filter(
            delivery=Delivery.IMMEDIATE, sent_at__isnull=True,
            created_at__lt=now - RETRY_AFTER, created_at__gte=now - RETRY_FOR,
        ).order_by("pk").values_list("pk", flat=True)
    )  # fmt: skip
    _queue(ids)
    return ids


# ---------------------------------------------------------------- the daily digest


def digests_queue() -> list[int]:
    """Queue one digest for each person with notifications waiting for it; their ids."""
    from ..selectors import pending_digest_recipients
    from ..tasks import notification_digest_send_task

    user_ids = pending_digest_recipients()
    for pk in user_ids:
        notification_digest_send_task.delay(pk)
    return user_ids


def _digest_items(person, rows: list[Notification]) -> tuple[list[dict], list[int]]:
    """The lines of a person's digest, by kind in the settings page's order, and the ids of
    the rows no longer true or no longer wanted."""
    from ..selectors import preferences_of

    items, gone = [], []
    order = list(KINDS)
    chosen = preferences_of(person)
    for row in sorted(rows, key=lambda r: (order.index(r.kind), r.created_at, r.pk)):
        info = KINDS[row.kind]
        ctx = info.read(row.object_id) if chosen[row.kind] != Delivery.NEVER else None
        if ctx is None:
            gone.append(row.pk)
            continue
        subject = " ".join(_render(f"{info.templates}_subject.txt", ctx).split())
        label = str(Kind(row.kind).label)
        items.append({"pk": row.pk, "kind": label, "subject": subject, "url": ctx["url"]})
    return items, gone


def notification_digest_send(*, user_id: int) -> int:
    """E-mail one person ONE digest of everything waiting for it and mark it all sent; the
    number of lines (0: nothing was sent). Rows another worker is sending are skipped."""
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True).filter(
                recipient_id=user_id, delivery=Delivery.DIGEST, sent_at__isnull=True
            )
        )
        if not rows:
            return 0
        person = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if person is None or not person.email:
            Notification.objects.filter(pk__in=[row.pk for row in rows]).delete()
            return 0
        with translation.override(person.language):
            items, gone = _digest_items(person, rows)
            ctx = {"person": person, "items": items, "count": len(items)}
            subject = " ".join(_render("notifications/emails/digest_subject.txt", ctx).split())
            body = _render("notifications/emails/digest_body.txt", ctx).rstrip() + "\n"
            body += _footer(person)
        Notification.objects.filter(pk__in=gone).delete()
        if not items:
            return 0
        sent = [item["pk"] for item in items]
        Notification.objects.filter(pk__in=sent).update(sent_at=timezone.now())
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
        message.send(fail_silently=False)
    return len(items)
