"""Celery entry points for notifications: take ids, call one service.

Sending tasks acknowledge their message only when they have run (acks_late) and retry when the
mail server cannot be reached (OSError); the services send each notification once however
often a task runs."""

from celery import shared_task

_SEND = {"acks_late": True, "autoretry_for": (OSError,), "retry_backoff": True,
         "max_retries": 5, "time_limit": 60}  # fmt: skip


@shared_task(**_SEND)
def notification_send_task(notification_id: int) -> bool:
    from .services import notification_send

    return notification_send(notification_id=notification_id)


@shared_task(**_SEND)
def notification_digest_send_task(user_id: int) -> int:
    from .services import notification_digest_send

    return notification_digest_send(user_id=user_id)


@shared_task(acks_late=True, time_limit=300)
def notification_digests_task() -> int:
    """Run daily by Celery beat (CELERY_BEAT_SCHEDULE): queue each waiting person's digest."""
    from .services import digests_queue

    return len(digests_queue())


@shared_task(acks_late=True, time_limit=300)
def surveys_closing_task() -> int:
    """Run by Celery beat: tell the secretariats of the surveys that close soon."""
    from .services import surveys_closing_notify

    return len(surveys_closing_notify())


@shared_task(acks_late=True, time_limit=300)
def notifications_requeue_task() -> int:
    """Run by Celery beat: queue again immediate notifications whose task was lost."""
    from .services import notifications_requeue_unsent

    return len(notifications_requeue_unsent())


@shared_task(acks_late=True, time_limit=300)
def notifications_purge_task() -> int:
    """Run by Celery beat once a day: forget notifications sent more than a year ago."""
    from .services import notifications_purge

    return notifications_purge()
