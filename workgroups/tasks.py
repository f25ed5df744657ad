"""Celery entry points for workgroups: take ids, call one service."""

from celery import shared_task


@shared_task(time_limit=300)
def report_reminders_task() -> int:
    """Run by Celery beat (CELERY_BEAT_SCHEDULE): queue the reminders that are due."""
    from .services.reminders import report_reminders_queue

    return len(report_reminders_queue())


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, time_limit=60)
def report_reminder_send_task(reminder_id: int) -> bool:
    from .models import ReportReminder
    from .services.reminders import report_reminder_send

    reminder = ReportReminder.objects.filter(pk=reminder_id).first()
    return reminder is not None and report_reminder_send(reminder=reminder)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, time_limit=60)
def question_answered_notify_task(question_id: int) -> bool:
    from .models import Question
    from .services.notifications import question_answered_notify

    question = Question.objects.filter(pk=question_id).first()
    return question is not None and question_answered_notify(question=question)
