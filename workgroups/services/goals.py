"""The goals table: add, edit on a version, move and delete rows."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from idempotency.services import idempotency_key_claim, idempotency_key_done
from vkr_portal.ordering import swap_with_neighbour

from ..models import Goal, Workgroup
from ._common import StaleVersion, locked_at_version, save_versioned

GOAL_FIELDS = {
    "goal", "activity", "responsible", "timeline", "start_quarter", "end_quarter", "status",
    "follow_up",
}  # fmt: skip


def _check_quarters(goal: Goal) -> None:
    if goal.start_quarter and goal.end_quarter and goal.end_quarter < goal.start_quarter:
        raise ValidationError(
            {"end_quarter": _("Slutkvartalet kan inte ligga före startkvartalet.")},
            code="quarters_reversed",
        )


def goal_url(goal: Goal) -> str:
    return f"{goal.workgroup.get_absolute_url()}#goal-{goal.pk}"


@transaction.atomic
def goal_create(*, group: Workgroup, idempotency_key=None, user=None, **fields) -> Goal:
    """A new row last in the group's goals table, once per sent form."""
    unknown = set(fields) - GOAL_FIELDS
    if unknown:
        raise TypeError(f"Unknown goal fields: {sorted(unknown)}")
    claimed = idempotency_key_claim(key=idempotency_key, scope="workgroups.goal", user=user)
    last = Goal.objects.filter(workgroup=group).aggregate(m=Max("order"))["m"] or 0
    goal = Goal(workgroup=group, order=last + 1, **fields)
    goal.full_clean()
    _check_quarters(goal)
    goal.save()
    idempotency_key_done(claimed, result_url=goal_url(goal))
    return goal


@transaction.atomic
def goal_update(*, row: Goal, version: int, **fields) -> Goal:
    """Save a row edited on `version`; StaleVersion if someone saved it since. (The row is
    `row`: `goal` is one of its fields, the Mål column.)"""
    current = locked_at_version(Goal, row.pk, version)
    for name, value in fields.items():
        setattr(current, name, value)
    _check_quarters(current)
    return save_versioned(current, fields, GOAL_FIELDS)


@transaction.atomic
def goal_move(*, row: Goal, direction: str, expected_order: int | None = None) -> Goal:
    """Swap a row with its neighbour; with the order it had when shown, a double click
    moves it once."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Okänd riktning."), code="bad_direction")
    swap_with_neighbour(
        Goal.objects.filter(workgroup_id=row.workgroup_id),
        pk=row.pk,
        direction=direction,
        expected_order=expected_order,
    )
    return Goal.objects.get(pk=row.pk)


@transaction.atomic
def goal_delete(*, row: Goal, version: int) -> None:
    current = locked_at_version(Goal, row.pk, version)
    current.delete()


__all__ = ["GOAL_FIELDS", "StaleVersion", "goal_create", "goal_delete", "goal_move", "goal_update"]
