"""Reads of an activity's past: its recorded changes, and the conflict of two saves."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .. import merging, quarters
from ..models import Activity


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: str
    kind: str
    reason: str
    changes: list[FieldChange]


HISTORY_KINDS = {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")}
HISTORY_FIELDS = [
    "focus_area", "title", "implementation", "timeline", "start_quarter", "end_quarter",
    "content", "follow_up", "priority", "progress", "responsible",
]  # fmt: skip


def _display(field_name: str, value, names: dict) -> str:
    if value in (None, ""):
        return "–"
    field = Activity._meta.get_field(field_name)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if field_name in ("focus_area", "responsible"):
        return names[field_name].get(value, str(value))
    if field_name in ("start_quarter", "end_quarter"):
        return quarters.short(value)  # "Q3 2022", as the plan shows it
    return str(value)


def activity_history(activity: Activity) -> list[HistoryEntry]:
    """Every recorded change of an activity, newest first: who, when, and each field's
    old and new value."""
    from councils.models import User

    from ..models import FocusArea

    records = list(activity.history.select_related("history_user").order_by("history_id"))
    names = {
        "focus_area": dict(FocusArea.objects.values_list("pk", "name")),
        "responsible": dict(
            User.objects.filter(
                pk__in={r.responsible_id for r in records if r.responsible_id}
            ).values_list("pk", "full_name")
        ),
    }
    entries, previous = [], None
    for record in records:
        changes = []
        for name in HISTORY_FIELDS:
            attr = f"{name}_id" if name in ("focus_area", "responsible") else name
            old = getattr(previous, attr) if previous else None
            new = getattr(record, attr)
            if previous is None and new in (None, ""):
                continue
            if previous is None or old != new:
                label = str(Activity._meta.get_field(name).verbose_name)
                changes.append(
                    FieldChange(label, _display(name, old, names), _display(name, new, names))
                )
        who = record.history_user.full_name if record.history_user else ""
        kind = str(HISTORY_KINDS.get(record.history_type, record.history_type))
        entries.append(
            HistoryEntry(
                record.history_date, who, kind, record.history_change_reason or "", changes
            )
        )
        previous = record
    return list(reversed(entries))


# The texts a person may merge by hand when both changed them; the others are chosen.
MERGEABLE_FIELDS = ("title", "implementation", "timeline", "content", "follow_up")


@dataclass
class ConflictField:
    """A field two people changed, each in their own way: both values, who saved the other
    one and when; the view adds the form's fields for the decision."""

    name: str
    label: str
    mine: str
    theirs: str
    who: str
    when: object
    mergeable: bool
    choice: object = None
    merged: object = None


def activity_conflict(
    activity: Activity, *, version: int, fields: list[str], mine: dict
) -> list[ConflictField]:
    """The fields both the form and the save of `version` changed: the form's value beside
    the saved one, and per field the save that set it (who, when)."""
    records = list(
        activity.history.filter(version__lte=version)
        .select_related("history_user")
        .order_by("-version", "-history_id")
    ) or [activity]  # no such version (a forged form): what is saved now, by nobody known
    names = _names(records[0], mine)
    conflicts = []
    for name in fields:
        theirs = merging.saved_value(records[0], name)
        setter = records[0]
        for record in records[1:]:
            if merging.saved_value(record, name) != theirs:
                break
            setter = record
        user = getattr(setter, "history_user", None)
        conflicts.append(
            ConflictField(
                name=name,
                label=str(Activity._meta.get_field(name).verbose_name),
                mine=_display(name, merging.form_value(mine.get(name)), names),
                theirs=_display(name, theirs, names),
                who=user.full_name if user else "",
                when=getattr(setter, "history_date", None),
                mergeable=name in MERGEABLE_FIELDS,
            )
        )
    return conflicts


def _names(saved, mine: dict) -> dict:
    """Names of the focus areas and people a conflict shows, in two small queries."""
    from councils.models import User

    from ..models import FocusArea

    def pks(name: str) -> set:
        return {merging.form_value(mine.get(name)), merging.saved_value(saved, name)} - {""}

    return {
        "focus_area": dict(
            FocusArea.objects.filter(pk__in=pks("focus_area")).values_list("pk", "name")
        ),
        "responsible": dict(
            User.objects.filter(pk__in=pks("responsible")).values_list("pk", "full_name")
        ),
    }
