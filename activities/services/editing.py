"""Writes for activities. Every change goes through `activity_update` (or its merging
variant), which refuses a stale version instead of overwriting someone else's change."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from idempotency.services import idempotency_key_claim, idempotency_key_done
from vkr_portal.ordering import swap_with_neighbour

from ..merging import three_way
from ..models import Activity, ActivityNote, ActivityPlan, FocusArea

EDITABLE_FIELDS = {
    "focus_area", "title", "implementation", "timeline", "start_quarter", "end_quarter",
    "content", "follow_up", "priority", "progress", "responsible",
}  # fmt: skip


class ActivityConflict(Exception):
    """The activity changed since the form was opened; `current` is what is saved now.

    After a merging save, `fields` names what both the form and the saved version changed,
    each in its own way, and `merged` holds every other field as the merge would save it.
    """

    def __init__(self, current: Activity, fields: list[str] = (), merged: dict | None = None):
        super().__init__(f"Activity {current.pk} is at version {current.version}")
        self.current = current
        self.fields = list(fields)
        self.merged = merged or {}


def _check_focus_area(plan: ActivityPlan, focus_area: FocusArea) -> None:
    if not plan.plan_focus_areas.filter(focus_area=focus_area).exists():
        raise ValidationError(
            {"focus_area": _("Fokusområdet ingår inte i den här planen.")},
            code="focus_area_not_in_plan",
        )


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Unknown activity fields: {sorted(unknown)}")


def _check_quarters(activity: Activity) -> None:
    start, end = activity.start_quarter, activity.end_quarter
    if start and end and end < start:
        raise ValidationError(
            {"end_quarter": _("Slutkvartalet kan inte ligga före startkvartalet.")},
            code="quarters_reversed",
        )


@transaction.atomic
def activity_create(
    *,
    plan: ActivityPlan,
    focus_area: FocusArea,
    title: str,
    idempotency_key=None,
    user=None,
    **fields,
) -> Activity:
    """Add an activity last in its focus area, once per sent form."""
    _check_fields(fields)
    claimed = idempotency_key_claim(key=idempotency_key, scope="activities.activity", user=user)
    _check_focus_area(plan, focus_area)
    last = plan.activities.filter(focus_area=focus_area).aggregate(m=Max("order"))["m"] or 0
    activity = Activity(plan=plan, focus_area=focus_area, title=title, order=last + 1, **fields)
    activity.full_clean()
    _check_quarters(activity)
    activity.save()
    idempotency_key_done(claimed, result_url=activity.get_absolute_url())
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, version: int, reason: str = "", history_user=None, **fields
) -> Activity:
    """Save changes made on `version` of the activity; raise ActivityConflict if it is stale.

    The row is locked and its version compared in one transaction, so of two saves made on
    the same version exactly one wins and the other is told, whatever the timing. `reason`
    (at most 100 characters) is kept with the change in the activity's history, with
    `history_user` when the change is not made in a request.
    """
    _check_fields(fields)
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if current.version != version:
        raise ActivityConflict(current)
    _history_note(current, reason, history_user)
    return _save_changes(current, fields)


def _history_note(current: Activity, reason: str, history_user) -> None:
    if reason:
        current._change_reason = reason[:100]
    if history_user is not None:
        current._history_user = history_user


@transaction.atomic
def activity_update_merged(
    *, activity: Activity, version: int, reason: str = "", history_user=None, **fields
) -> Activity:
    """Save changes made on `version`, merged field by field with what others saved since.

    A field only the form changed takes the form's value, one only the others changed keeps
    theirs: nobody's change is lost and nobody is asked about what does not collide. If both
    changed the same field, nothing is saved: ActivityConflict names the fields.
    """
    _check_fields(fields)
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    _history_note(current, reason, history_user)
    if current.version == version:
        return _save_changes(current, fields)
    base = current.history.filter(version=version).order_by("-history_id").first()
    mine, both = three_way(base, current, fields)
    if both:
        raise ActivityConflict(current, both, mine)
    return _save_changes(current, mine) if mine else current


def _save_changes(current: Activity, fields: dict) -> Activity:
    if "focus_area" in fields and fields["focus_area"] != current.focus_area:
        _check_focus_area(current.plan, fields["focus_area"])
        last = current.plan.activities.filter(focus_area=fields["focus_area"]).aggregate(
            m=Max("order")
        )["m"]
        current.order = (last or 0) + 1
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    _check_quarters(current)
    # The row is locked, so a plain increment is safe, and the history row records the version
    # (a conflict later compares against the version a form was opened on).
    current.version += 1
    current.save()
    return current


@transaction.atomic
def activity_delete(*, activity: Activity, version: int) -> None:
    """Delete an activity unless it changed since it was shown."""
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if current.version != version:
        raise ActivityConflict(current)
    current.delete()


@transaction.atomic
def activity_move(
    *, activity: Activity, direction: str, expected_order: int | None = None
) -> Activity:
    """Swap an activity with its neighbour above ("up") or below ("down") in its focus area.

    The order is not part of the content, so it needs no version: two people moving rows at
    once get the order of the later move, and nothing they wrote is touched. With the order
    the row had when it was shown, a double click moves it once.
    """
    if direction not in ("up", "down"):
        raise ValidationError(_("Okänd riktning."), code="bad_direction")
    swap_with_neighbour(
        Activity.objects.filter(plan_id=activity.plan_id, focus_area_id=activity.focus_area_id),
        pk=activity.pk,
        direction=direction,
        expected_order=expected_order,
    )
    return Activity.objects.get(pk=activity.pk)


@transaction.atomic
def activity_note_add(
    *, activity: Activity, text: str, author=None, group_name: str = "", idempotency_key=None
) -> ActivityNote:
    """Add a remark to an activity, once per sent form."""
    claimed = idempotency_key_claim(key=idempotency_key, scope="activities.note", user=author)
    note = ActivityNote(activity=activity, text=text.strip(), author=author, group_name=group_name)
    note.full_clean()
    note.save()
    idempotency_key_done(claimed, result_url=f"{activity.get_absolute_url()}#note-{note.pk}")
    return note
