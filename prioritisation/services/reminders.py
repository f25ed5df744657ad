"""Reminding the voters who have not marked every activity yet: once per voter and round (the
voter's `reminded_at`, and the notification's unique key), through the notifications."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications.models import Kind
from notifications.services import notify

from .. import selectors
from ..models import Voter
from ._revision import round_locked


@transaction.atomic
def reminders_send(*, round_id: int, user=None, now=None) -> int:
    """Remind every voter still missing marks who was not reminded before; how many."""
    round_ = round_locked(round_id)
    now = now or timezone.now()
    if not round_.is_open(now):
        return 0
    missing = [
        row.voter
        for row in selectors.participation(round_)
        if row.missing and not row.voter.reminded_at
    ]
    for voter in missing:
        notify(
            kind=Kind.ROUND_REMINDER, object_id=voter.pk,
            user_ids=selectors.voter_people(voter), exclude=getattr(user, "pk", None),
        )  # fmt: skip
    Voter.objects.filter(pk__in=[voter.pk for voter in missing]).update(reminded_at=now)
    return len(missing)


def reminder_context(*, voter_id: int) -> dict | None:
    """What the reminder says; None when it is no longer true (closed, or all marked)."""
    voter = (
        Voter.objects.select_related("round__plan__council", "group").filter(pk=voter_id).first()
    )
    if voter is None or not voter.round.is_open():
        return None
    round_ = voter.round
    row = next((r for r in selectors.participation(round_) if r.voter.pk == voter.pk), None)
    if row is None or not row.missing:
        return None
    from notifications.contexts import absolute

    plan = round_.plan
    url = reverse(
        "prioritisation:mark",
        kwargs={"slug": plan.council.slug, "year": plan.year, "pk": round_.pk},
    )
    return {
        "url": absolute(f"{url}?deltagare={voter.pk}"),
        "round": round_,
        "plan": plan,
        "council": plan.council,
        "voter": voter,
        "missing": row.missing,
        "total": row.total,
    }
