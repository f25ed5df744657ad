"""Writes for plans: creating, settings, focus areas, copying to next year, importing a file."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from councils.models import Council
from idempotency.services import idempotency_key_claim, idempotency_key_done

from .. import quarters
from ..models import (
    Activity,
    ActivityPlan,
    FocusArea,
    PlanFocusArea,
    PlanImport,
)
from ..spreadsheets import ImportRow
from ..texts import year_replaced
from .editing import EDITABLE_FIELDS, activity_create
from .national import activity_raise_to_national


@transaction.atomic
def plan_create(
    *,
    council: Council,
    year: int,
    intro: str = "",
    focus_areas: list[FocusArea] = (),
    new_focus_area: str = "",
    idempotency_key=None,
    user=None,
) -> ActivityPlan:
    """A new, empty draft plan for a council and year with its focus areas, once per sent form."""
    claimed = idempotency_key_claim(key=idempotency_key, scope="activities.plan_create", user=user)
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
    areas = list(focus_areas)
    if new_focus_area.strip():
        # In this transaction: a plan that is not created leaves no focus area behind.
        area = focus_area_create(council=council, name=new_focus_area)
        areas += [] if area in areas else [area]
    PlanFocusArea.objects.bulk_create(
        PlanFocusArea(plan=plan, focus_area=area, order=index)
        for index, area in enumerate(areas, start=1)
    )
    idempotency_key_done(claimed, result_url=plan.get_absolute_url())
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: ActivityPlan,
    intro: str,
    status: str,
    adopted_on=None,
    notes: dict[int, str] | None = None,
    add_focus_areas: list[FocusArea] = (),
    new_focus_area: str = "",
) -> ActivityPlan:
    """Change a plan's intro and status, the notes on its focus areas, and add focus areas."""
    # Locked: the same settings sent twice at once add each focus area once.
    ActivityPlan.objects.select_for_update().get(pk=plan.pk)
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
    areas = list(add_focus_areas)
    if new_focus_area.strip():
        areas.append(focus_area_create(council=plan.council, name=new_focus_area))
    _plan_focus_areas_add(plan, areas)
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
    try:
        with transaction.atomic():
            area.save()
    except IntegrityError:
        # Another request made the same focus area at the same moment: that one is it.
        return FocusArea.objects.get(council=council, name=name)
    return area


@transaction.atomic
def plan_copy_to_next_year(*, plan: ActivityPlan, idempotency_key=None, user=None) -> ActivityPlan:
    """Create plan Y+1 from Y: its focus areas with their notes, and the unfinished activities.

    The new plan is a draft. In its intro and focus-area notes the year Y, written as a whole
    word, becomes Y+1 ("prioriteras 2022" → "prioriteras 2023"); other years stay as written,
    which is why the plan page asks the secretariat to read the texts before adopting it.
    Carried-over activities keep their columns (and quarters: one whose end has passed shows
    as late) and are marked as carried over; within a focus area red ones come first, then
    yellow, green and unset, each group in its old order. Nothing in plan Y changes. Once per
    sent form.
    """
    claimed = idempotency_key_claim(key=idempotency_key, scope="activities.plan_copy", user=user)
    next_plan = plan_create(
        council=plan.council,
        year=plan.year + 1,
        intro=year_replaced(plan.intro, plan.year)[0],
    )
    next_plan.copied_from = plan
    next_plan.save(update_fields=["copied_from"])
    PlanFocusArea.objects.bulk_create(
        PlanFocusArea(
            plan=next_plan, focus_area_id=c.focus_area_id, order=c.order,
            note=year_replaced(c.note, plan.year)[0],
        )
        for c in plan.plan_focus_areas.all()
    )  # fmt: skip
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
    idempotency_key_done(claimed, result_url=next_plan.get_absolute_url())
    return next_plan


@transaction.atomic
def plan_import(
    *, plan: ActivityPlan, rows: list[ImportRow], user, sha256: str, filename: str = ""
) -> int:
    """Add the parsed rows of a plan file as activities; all of them are saved or none is.

    A file (by the SHA-256 of its bytes) goes into a plan once. Its record is written first,
    in the same transaction: of two imports of the same file at the same moment, the second
    waits on the unique constraint until the first commits, and is then refused.
    """
    try:
        with transaction.atomic():
            PlanImport.objects.create(
                plan=plan, sha256=sha256, filename=filename[:255], rows=len(rows),
                imported_by=user,
            )  # fmt: skip
    except IntegrityError:
        raise _already_imported(plan, sha256) from None
    for row in rows:
        activity = activity_create(
            plan=plan, focus_area=row.focus_area, title=row.title, **_with_quarters(row)
        )
        if row.raise_to_national:
            activity_raise_to_national(activity=activity, motivation=row.motivation, user=user)
    return len(rows)


def _with_quarters(row: ImportRow) -> dict:
    """A row's fields, with the quarters its Tidplan gives when the file has none of its own:
    a Tidplan that is only a timeline ("Q3-4 2022", "Q3–Q4 2022") becomes the quarters, any
    other text stays the comment."""
    fields = row.activity_fields()
    if not (fields.get("start_quarter") or fields.get("end_quarter")):
        start, end = quarters.from_text(fields.get("timeline", ""))
        if start:
            fields.update(start_quarter=start, end_quarter=end, timeline="")
    return fields


def _already_imported(plan: ActivityPlan, sha256: str) -> ValidationError:
    """The refusal of a file imported before, saying when and by whom."""
    previous = (
        PlanImport.objects.filter(plan=plan, sha256=sha256).select_related("imported_by").first()
    )
    at = previous.imported_at if previous else timezone.now()
    who = previous.imported_by if previous else None
    return ValidationError(
        _(
            "Den här filen är redan importerad till planen, %(when)s av %(who)s. Inget är "
            "importerat en gång till: ändra aktiviteterna i planen i stället."
        ),
        code="already_imported",
        params={
            "when": date_format(timezone.localtime(at), "SHORT_DATETIME_FORMAT"),
            "who": who.full_name if who else _("en användare som inte längre finns"),
        },
    )
