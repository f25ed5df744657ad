"""E-mails about a group's questions to the council: the answer goes to the convenor, as each
person chose in their notification settings (notifications/)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import timezone

from ..models import Question
from .reminders import convenor_emails

logger = logging.getLogger(__name__)


def question_answered_context(*, question_id: int) -> dict | None:
    """What the e-mail says: the question, the answer and a link to it on the report; None
    when it is gone or no longer answered."""
    question = (
        Question.objects.select_related("report__workgroup__council", "asked_by", "answered_by")
        .filter(pk=question_id)
        .first()
    )
    # Answered, then set back to "behandlas" before the task ran: nothing to tell.
    if question is None or question.status != Question.Status.ANSWERED:
        return None
    report = question.report
    group = report.workgroup
    return {
        "question": question, "report": report, "group": group, "council": group.council,
        "url": f"{settings.PORTAL_BASE_URL.rstrip('/')}{report.get_absolute_url()}"
               f"#question-{question.pk}",
    }  # fmt: skip


def question_answered_notify(*, question: Question) -> bool:
    """Tell the group's current convenors (or, with none, whoever asked) the question and the
    answer; False when there is nothing or nobody to tell."""
    from notifications.models import Kind
    from notifications.services import event_stamp, notify_now

    ctx = question_answered_context(question_id=question.pk)
    if ctx is None:
        return False
    question = ctx["question"]
    to = convenor_emails(ctx["group"], timezone.localdate())
    if not to and question.asked_by_id and question.asked_by.is_active:
        to = [question.asked_by.email]
    if not to:
        logger.warning("Answer to question %s has nobody to go to", question.pk)
        return False
    return notify_now(
        kind=Kind.QUESTION_ANSWERED, object_id=question.pk,
        event=event_stamp(question.answered_at), emails=to,
    )  # fmt: skip
