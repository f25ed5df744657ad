"""Claiming a form's one-time key inside the service that creates (see models.py)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import IdempotencyKey

# Keys older than this are deleted by the periodic task: nobody double-clicks a month later.
KEEP_FOR = timedelta(days=30)


class AlreadySubmitted(Exception):
    """The form was sent before with this key; `result_url` shows what it created."""

    def __init__(self, result_url: str):
        super().__init__(result_url)
        self.result_url = result_url


def _as_uuid(key) -> uuid.UUID | None:
    if key is None or key == "":
        return None
    if isinstance(key, uuid.UUID):
        return key
    try:
        return uuid.UUID(str(key))
    except ValueError:
        return None


def idempotency_key_claim(*, key, scope: str, user=None) -> IdempotencyKey | None:
    """Claim `key` for this request, or raise AlreadySubmitted if it was claimed before.

    Call it inside the creating service's transaction: if the service fails afterwards the
    claim is rolled back with it, and the person can send the form again. Two requests with
    the same key at once: PostgreSQL makes the second insert wait for the first transaction,
    then refuses it. No key (a management command, the admin): nothing is checked.
    """
    value = _as_uuid(key)
    if value is None:
        return None
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(key=value, scope=scope, user=user)
    except IntegrityError:
        earlier = IdempotencyKey.objects.filter(key=value).first()
        raise AlreadySubmitted(earlier.result_url if earlier else "") from None


def idempotency_key_done(claimed: IdempotencyKey | None, *, result_url: str) -> None:
    """Record where the result of the claimed request is shown."""
    if claimed is not None:
        claimed.result_url = result_url[:500]
        claimed.save(update_fields=["result_url"])


def idempotency_keys_purge(*, now=None) -> int:
    """Delete keys older than KEEP_FOR; returns how many."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    deleted, _rows = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
