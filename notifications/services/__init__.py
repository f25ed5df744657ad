"""Writes for notifications: make them once in the event's transaction, send them once."""

from .delivery import (
    digests_queue,
    emails_route,
    event_stamp,
    notification_digest_send,
    notification_send,
    notifications_requeue_unsent,
    notify,
    notify_now,
)
from .events import (
    activity_raised_notify,
    question_asked_notify,
    raise_answered_notify,
    surveys_closing_notify,
)
from .preferences import preferences_save
from .purging import notifications_purge

__all__ = [
    "activity_raised_notify",
    "digests_queue",
    "emails_route",
    "event_stamp",
    "notification_digest_send",
    "notification_send",
    "notifications_purge",
    "notifications_requeue_unsent",
    "notify",
    "notify_now",
    "preferences_save",
    "question_asked_notify",
    "raise_answered_notify",
    "surveys_closing_notify",
]
