"""E-mails about a group's questions to the council: the answer goes to the convenor."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..models import Question
from .reminders import convenor_emails

logger = logging.getLogger(__name__)


def question_answered_notify(*, question: Question) -> bool:
    """E-mail the group's current convenors (or, with none, whoever asked) the question, the
    answer and a link to it on the report; False when there is nothing or nobody to send."""
    question = (
        Question.objects.select_related("report__workgroup__council", "asked_by", "answered_by")
        .filter(pk=question.pk)
        .first()
    )
    # Answered, then set back to "behandlas" before the task ran: nothing to tell.
    if question is None or question.status != Question.Status.ANSWERED:
        return False
    report = question.report
    group = report.workgroup
    to = convenor_emails(group, timezone.localdate())
    if not to and question.asked_by_id and question.asked_by.is_active:
        to = [question.asked_by.email]
    if not to:
        logger.warning("Answer to question %s has nobody to go to", question.pk)
        return False
    ctx = {
        "question": question, "report": report, "group": group, "council": group.council,
        "url": f"{settings.PORTAL_BASE_URL.rstrip('/')}{report.get_absolute_url()}"
               f"#question-{question.pk}",
    }  # fmt: skip
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("workgroups/emails/answered_subject.txt", ctx)
        body = render_to_string("workgroups/emails/answered_body.txt", ctx)
    EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, to).send()
    return True
