"""What each kind of e-mail says, read when it is sent: the object as it is then, and None when
what the notification says is no longer true (the raise already answered, the survey closed),
so that nothing stale goes out. Each context has the absolute "url" of the place to act."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone


def absolute(path: str) -> str:
    """A link for an e-mail: sent by the worker, without a request to build it from."""
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}"


def activity_raised(object_id: int) -> dict | None:
    from activities.models import NationalRaise

    raised = (
        NationalRaise.objects.select_related("activity__plan__council", "raised_by")
        .filter(pk=object_id)
        .first()
    )
    if raised is None or raised.status == NationalRaise.Status.ANSWERED:
        return None
    activity = raised.activity
    return {
        "raised": raised, "activity": activity, "plan": activity.plan,
        "council": activity.plan.council,
        "url": absolute(reverse("activities:raise_answer", kwargs={"pk": raised.pk})),
    }  # fmt: skip


def raise_answered(object_id: int) -> dict | None:
    from activities.models import NationalRaise

    raised = (
        NationalRaise.objects.select_related("activity__plan__council", "answered_by")
        .filter(pk=object_id)
        .first()
    )
    if raised is None or raised.status != NationalRaise.Status.ANSWERED:
        return None
    activity = raised.activity
    return {
        "raised": raised, "activity": activity, "plan": activity.plan,
        "council": activity.plan.council,
        "url": absolute(f"{activity.get_absolute_url()}#national"),
    }  # fmt: skip


def survey_closing(object_id: int) -> dict | None:
    from surveys.models import Survey
    from surveys.selectors import surveys_rate_annotate
    from vkr_portal.formats import percent

    survey = Survey.objects.select_related("council").filter(pk=object_id).first()
    now = timezone.now()
    if survey is None or survey.status != Survey.Status.OPEN:
        return None
    if survey.closes_at is None or survey.closes_at <= now:
        return None
    [survey] = surveys_rate_annotate([survey])
    closes_on = timezone.localdate(survey.closes_at)
    return {
        "survey": survey, "council": survey.council, "closes_at": survey.closes_at,
        "days_left": (closes_on - timezone.localdate(now)).days,
        "invited": survey.invited, "submitted": survey.submitted,
        "not_answered": survey.invited - survey.submitted, "rate": percent(survey.rate),
        "url": absolute(survey.get_absolute_url()),
    }  # fmt: skip


def question_asked(object_id: int) -> dict | None:
    from workgroups.models import Question

    question = (
        Question.objects.select_related("report__workgroup__council", "asked_by")
        .filter(pk=object_id, report__submitted_at__isnull=False)
        .first()
    )
    if question is None or question.status == Question.Status.ANSWERED:
        return None
    group = question.report.workgroup
    url = reverse(
        "workgroups:question_answer",
        kwargs={"slug": group.council.slug, "question_pk": question.pk},
    )
    return {
        "question": question, "report": question.report, "group": group,
        "council": group.council, "url": absolute(url),
    }  # fmt: skip


def question_answered(object_id: int) -> dict | None:
    from workgroups.services.notifications import question_answered_context

    return question_answered_context(question_id=object_id)


def report_reminder(object_id: int) -> dict | None:
    from workgroups.services.reminders import reminder_context

    return reminder_context(reminder_id=object_id)


def report_ready(object_id: int) -> dict | None:
    from reports.services.notifications import report_ready_context

    return report_ready_context(build_id=object_id)


def round_reminder(object_id: int) -> dict | None:
    from prioritisation.services.reminders import reminder_context

    return reminder_context(voter_id=object_id)
