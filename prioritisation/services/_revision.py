"""The round's revision: grown by one per change, under the round's row lock, with an event;
the live views read it from the cache (set after the commit) without a query."""

from __future__ import annotations

from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from ..live import LIVE_KEY, live_state_store
from ..models import Event, Round


def round_locked(round_id: int) -> Round:
    """The round, its row locked until the transaction ends, with its plan and council."""
    return (
        Round.objects.select_for_update(of=("self",))
        .select_related("plan__council")
        .get(pk=round_id)
    )


def revision_bump(round_: Round, *, kind: str, actor=None, activity=None, voter_name: str = "",
                  value: str = "", count: int = 1, now=None) -> Event:  # fmt: skip
    """Grow the locked round's revision and record what happened at it."""
    now = now or timezone.now()
    round_.revision += 1
    round_.changed_at = now
    round_.save(update_fields=["revision", "changed_at"])
    event = Event.objects.create(
        round=round_, revision=round_.revision, kind=kind, actor=actor, activity=activity,
        voter_name=voter_name[:200], value=value[:200], count=count, created_at=now,
    )  # fmt: skip
    transaction.on_commit(partial(_live_state_refresh, round_.pk))
    return event


def _live_state_refresh(round_id: int) -> None:
    """After the commit: the cache takes the round's state as read under its row lock, not
    the committed object's, or a process paused after its commit would write its older
    revision over the next change's and every live view would stay a change behind. While
    another change holds the lock, the cached state is dropped instead: that change stores
    its own after its commit, and if it rolls back the next read takes it from the database."""
    with transaction.atomic():
        round_ = (
            Round.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("plan__council")
            .filter(pk=round_id)
            .first()
        )
        if round_ is None:
            cache.delete(LIVE_KEY.format(pk=round_id))
        else:
            live_state_store(round_)
