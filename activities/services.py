"""Writes for activity plans. Every change to an activity goes through `activity_update`, which
refuses a stale version instead of overwriting someone else's change."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from councils.models import Council

from .models import Activity, ActivityNote, ActivityPlan, FocusArea, NationalRaise, PlanFocusArea

EDITABLE_FIELDS = {
    "focus_area", "title", "implementation", "timeline", "start_quarter", "end_quarter",
    "content", "follow_up", "priority", "progress", "responsible",
}  # fmt: skip


class ActivityConflict(Exception):
    """The activity changed since the form was opened; `current` is what is saved now."""

    def __init__(self, current: Activity):
        super().__init__(f"Activity {current.pk} is at version {current.version}")
        self.current = current


@transaction.atomic
def plan_create(
    *, council: Council, year: int, intro: str = "", focus_areas: list[FocusArea] = ()
) -> ActivityPlan:
    """A new, empty draft plan for a council and year, with its chosen focus areas."""
    if ActivityPlan.objects.filter(council=council, year=year).exists():
        raise ValidationError(
            {"year": _("Rådet har redan en aktivitetsplan för %(year)s.") % {"year": year}},
            code="duplicate_plan",
        )
    plan = ActivityPlan(council=council, year=year, intro=intro)
    plan.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        # Two requests at once (a double click on "copy"): the database keeps one plan a year.
        raise ValidationError(
            {"year": _("Rådet har redan en aktivitetsplan för %(year)s.") % {"year": year}},
            code="duplicate_plan",
        ) from None
    PlanFocusArea.objects.bulk_create(
        PlanFocusArea(plan=plan, focus_area=area, order=index)
        for index, area in enumerate(focus_areas, start=1)
    )
    return plan


def _check_focus_area(plan: ActivityPlan, focus_area: FocusArea) -> None:
    if not plan.plan_focus_areas.filter(focus_area=focus_area).exists():
        raise ValidationError(
            {"focus_area": _("Fokusområdet ingår inte i den här planen.")},
            code="focus_area_not_in_plan",
        )


@transaction.atomic
def activity_create(*, plan: ActivityPlan, focus_area: FocusArea, title: str, **fields) -> Activity:
    """Add an activity last in its focus area."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Unknown activity fields: {sorted(unknown)}")
    _check_focus_area(plan, focus_area)
    last = plan.activities.filter(focus_area=focus_area).aggregate(m=Max("order"))["m"] or 0
    activity = Activity(plan=plan, focus_area=focus_area, title=title, order=last + 1, **fields)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, version: int, **fields) -> Activity:
    """Save changes made on `version` of the activity; raise ActivityConflict if it is stale.

    The row is locked and its version compared in one transaction, so of two saves made on
    the same version exactly one wins and the other is told, whatever the timing.
    """
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Unknown activity fields: {sorted(unknown)}")
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if current.version != version:
        raise ActivityConflict(current)
    if "focus_area" in fields and fields["focus_area"] != current.focus_area:
        _check_focus_area(current.plan, fields["focus_area"])
        last = current.plan.activities.filter(focus_area=fields["focus_area"]).aggregate(
            m=Max("order")
        )["m"]
        current.order = (last or 0) + 1
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
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
def activity_move(*, activity: Activity, direction: str) -> Activity:
    """Swap an activity with its neighbour above ("up") or below ("down") in its focus area.

    The order is not part of the content, so it needs no version: two people moving rows at
    once get the order of the later move, and nothing they wrote is touched.
    """
    if direction not in ("up", "down"):
        raise ValidationError(_("Okänd riktning."), code="bad_direction")
    siblings = list(
        Activity.objects.select_for_update()
        .filter(plan_id=activity.plan_id, focus_area_id=activity.focus_area_id)
        .order_by("order", "pk")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == activity.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.order != position:
            # .update() keeps a reorder out of the content history.
            Activity.objects.filter(pk=sibling.pk).update(order=position)
    return Activity.objects.get(pk=activity.pk)


@transaction.atomic
def plan_update(
    *,
    plan: ActivityPlan,
    intro: str,
    status: str,
    adopted_on=None,
    notes: dict[int, str] | None = None,
    add_focus_areas: list[FocusArea] = (),
) -> ActivityPlan:
    """Change a plan's intro and status, the notes on its focus areas, and add focus areas."""
    plan.intro = intro.strip()
    plan.status = status
    if status == ActivityPlan.Status.ADOPTED and adopted_on is None:
        adopted_on = timezone.localdate()
    plan.adopted_on = adopted_on if status == ActivityPlan.Status.ADOPTED else None
    plan.full_clean(validate_constraints=False)
    plan.save()
    for choice in plan.plan_focus_areas.all():
        note = (notes or {}).get(choice.focus_area_id)
        if note is not None and note.strip() != choice.note:
            choice.note = note.strip()
            choice.save(update_fields=["note"])
    _plan_focus_areas_add(plan, add_focus_areas)
    return plan


def _plan_focus_areas_add(plan: ActivityPlan, focus_areas) -> None:
    chosen = set(plan.plan_focus_areas.values_list("focus_area_id", flat=True))
    last = plan.plan_focus_areas.aggregate(m=Max("order"))["m"] or 0
    for area in focus_areas:
        if area.council_id not in (None, plan.council_id):
            raise ValidationError(
                _("Fokusområdet hör till ett annat råd."), code="foreign_focus_area"
            )
        if area.pk not in chosen:
            last += 1
            PlanFocusArea.objects.create(plan=plan, focus_area=area, order=last)
            chosen.add(area.pk)


@transaction.atomic
def focus_area_create(*, council: Council, name: str) -> FocusArea:
    """A focus area of the council's own, besides the national catalogue."""
    name = name.strip()
    existing = FocusArea.objects.filter(name__iexact=name, council__in=[council]).first()
    existing = existing or FocusArea.objects.filter(name__iexact=name, council=None).first()
    if existing:
        return existing
    area = FocusArea(council=council, name=name, order=100)
    area.full_clean(validate_constraints=False)
    area.save()
    return area


@transaction.atomic
def activity_note_add(*, activity: Activity, text: str, author=None, group_name: str = ""):
    """Add a remark to an activity."""
    note = ActivityNote(activity=activity, text=text.strip(), author=author, group_name=group_name)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def plan_copy_to_next_year(*, plan: ActivityPlan) -> ActivityPlan:
    """Create plan Y+1 from Y: its focus areas with their notes, and the unfinished activities.

    Carried-over activities keep their columns and are marked as carried over; within a focus
    area red ones come first, then yellow, green and unset, each group in its old order.
    Nothing in plan Y changes.
    """
    next_plan = plan_create(
        council=plan.council,
        year=plan.year + 1,
        intro=plan.intro,
    )
    next_plan.copied_from = plan
    next_plan.save(update_fields=["copied_from"])
    PlanFocusArea.objects.bulk_create(
        PlanFocusArea(plan=next_plan, focus_area_id=c.focus_area_id, order=c.order, note=c.note)
        for c in plan.plan_focus_areas.all()
    )
    rank = {"red": 0, "yellow": 1, "green": 2, "unset": 3}
    unfinished = sorted(
        plan.activities.exclude(progress=Activity.Progress.DONE),
        key=lambda a: (a.focus_area_id, rank[a.priority], a.order, a.pk),
    )
    order_in_area: dict[int, int] = {}
    copies = []
    for old in unfinished:
        order_in_area[old.focus_area_id] = order_in_area.get(old.focus_area_id, 0) + 1
        copies.append(
            Activity(
                plan=next_plan,
                carried_over_from=old,
                order=order_in_area[old.focus_area_id],
                **{name: getattr(old, name) for name in EDITABLE_FIELDS},
            )
        )
    # One insert for all, and one history row each ("+", carried over).
    bulk_create_with_history(copies, Activity, default_change_reason="carried over")
    return next_plan


@transaction.atomic
def activity_raise_to_national(*, activity: Activity, motivation: str, user) -> NationalRaise:
    """Raise an activity to the national council (or update the motivation of a raise)."""
    motivation = motivation.strip()
    if not motivation:
        raise ValidationError(
            {"motivation": _("Skriv varför aktiviteten lyfts till nationell nivå.")},
            code="motivation_required",
        )
    raised, created = NationalRaise.objects.select_for_update().get_or_create(
        activity=activity, defaults={"motivation": motivation, "raised_by": user}
    )
    if not created:
        raised.motivation = motivation
        raised.save(update_fields=["motivation"])
    return raised


@transaction.atomic
def national_raise_answer(
    *, raised: NationalRaise, status: str, answer: str, user
) -> NationalRaise:
    """The national council's status and answer on a raised activity."""
    raised = NationalRaise.objects.select_for_update().get(pk=raised.pk)
    raised.status = status
    raised.answer = answer.strip()
    if status == NationalRaise.Status.ANSWERED and not raised.answer:
        raise ValidationError(
            {"answer": _("Ett besvarat ärende behöver ett svar.")}, code="answer_required"
        )
    raised.full_clean()
    if raised.answer:
        raised.answered_by = user
        raised.answered_at = timezone.now()
    raised.save()
    return raised


# Imported here rather than at the top so that this addition leaves the lines above untouched;
# spreadsheets imports only the models, so there is no cycle.
from .spreadsheets import ImportRow  # noqa: E402


@transaction.atomic
def plan_import(*, plan: ActivityPlan, rows: list[ImportRow], user) -> int:
    """Add the parsed rows of a plan file as activities; all of them are saved or none is."""
    for row in rows:
        activity = activity_create(
            plan=plan, focus_area=row.focus_area, title=row.title, **row.activity_fields()
        )
        if row.raise_to_national:
            activity_raise_to_national(activity=activity, motivation=row.motivation, user=user)
    return len(rows)
