"""Marks: a voter's colour, comment and suggested focus area per activity, changed until the
round closes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access, selectors
from ..models import Colour, Event, Mark, Voter
from ._revision import revision_bump, round_locked


class RoundClosed(Exception):
    """Marking has ended: the round closed (at its time, or early)."""


@dataclass(frozen=True)
class MarkInput:
    """One activity's mark as a form sends it: an empty colour (and no comment) clears it."""

    activity_id: int
    colour: str = ""
    comment: str = ""
    move_to_id: int | None = None


@transaction.atomic
def marks_save(*, round_id: int, voter_id: int, user, marks: Sequence[MarkInput], now=None) -> int:
    """Save the voter's marks of these activities (only those given); how many changed.

    Under the round's lock: a round that closed meanwhile takes none, and of two members of a
    group saving the same activity at once the later one's mark is kept, never two."""
    round_ = round_locked(round_id)
    if not round_.is_open(now or timezone.now()):
        raise RoundClosed
    voter = Voter.objects.select_related("group").filter(pk=voter_id, round=round_).first()
    if voter is None:
        raise PermissionDenied
    voter.round = round_
    if not access.can_mark_as(user, voter):
        raise PermissionDenied
    # An activity sent twice (a forged form) is marked once, as its last value says.
    marks = list({mark.activity_id: mark for mark in marks}.values())
    activities = selectors.scope_activities(round_).in_bulk([m.activity_id for m in marks])
    if len(activities) != len({m.activity_id for m in marks}):
        raise ValidationError(
            _("Aktiviteten ingår inte i den här prioriteringsrundan."), code="not_in_round"
        )
    areas = selectors.plan_focus_area_ids(round_.plan_id)
    errors = {}
    for mark in marks:
        if mark.colour and mark.colour not in Colour.values:
            errors[mark.activity_id] = _("Välj grön, gul, röd eller vet ej.")
        elif not mark.colour and (mark.comment.strip() or mark.move_to_id):
            errors[mark.activity_id] = _("Välj en markering för att lämna en kommentar.")
        elif mark.move_to_id and mark.move_to_id not in areas:
            errors[mark.activity_id] = _("Fokusområdet ingår inte i den här planen.")
        elif mark.move_to_id and mark.move_to_id == activities[mark.activity_id].focus_area_id:
            errors[mark.activity_id] = _("Aktiviteten ligger redan i det fokusområdet.")
    if errors:
        raise ValidationError({str(pk): message for pk, message in errors.items()})
    saved = {m.activity_id: m for m in voter.marks.filter(activity_id__in=activities)}
    changed, now = [], now or timezone.now()
    for mark in marks:
        comment = mark.comment.strip()
        old = saved.get(mark.activity_id)
        if not mark.colour:
            if old is not None:
                old.delete()
                changed.append(mark)
            continue
        if old and (old.colour, old.comment, old.move_to_id) == (
            mark.colour,
            comment,
            mark.move_to_id,
        ):
            continue
        row = old or Mark(voter=voter, activity_id=mark.activity_id)
        row.colour, row.comment, row.move_to_id = mark.colour, comment, mark.move_to_id
        row.marked_by, row.marked_at = user, now
        row.full_clean(exclude=["voter", "activity"], validate_unique=False)
        row.save()
        changed.append(mark)
    if changed:
        single = changed[0] if len(changed) == 1 else None
        revision_bump(
            round_, kind=Event.Kind.MARK, actor=user,
            activity=activities[single.activity_id] if single else None,
            voter_name=voter.name, value=single.colour if single else "", count=len(changed),
            now=now,
        )  # fmt: skip
    return len(changed)
