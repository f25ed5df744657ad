"""Celery entry points for surveys: they take ids and call a service."""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, time_limit=600)
def invitations_send_task(invitation_ids: list[int], kind: str, by_id: int | None = None) -> int:
    """E-mail a link to each invitation (a round's invitations or reminders)."""
    from councils.models import User

    from .models import Invitation
    from .services import invitation_send

    by = User.objects.filter(pk=by_id).first() if by_id else None
    sent = 0
    # Run twice (a double click, a retry, a late acknowledgement), it mails nobody twice:
    # invitation_send decides under each invitation's row lock.
    for invitation in Invitation.objects.filter(pk__in=invitation_ids).order_by("pk"):
        sent += bool(invitation_send(invitation=invitation, kind=kind, by=by))
    return sent
