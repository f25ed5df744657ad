"""What changed in a group's goals and reports, from their django-simple-history records."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..models import Goal, Report

KINDS = {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")}
GOAL_FIELDS = [
    "goal", "activity", "responsible", "timeline", "start_quarter", "end_quarter", "status",
    "follow_up",
]  # fmt: skip
REPORT_FIELDS = ["kind", "report_date", "due_date", "done", "conclusions", "next_steps"]


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: object
    who: str
    kind: str
    subject: str
    changes: list[Change]


def _display(model, name: str, value) -> str:
    if value in (None, ""):
        return "–"
    field = model._meta.get_field(name)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    return str(value)


def _entries(model, records, fields: list[str], subject) -> list[Entry]:
    """Entries oldest to newest per object; `records` are ordered by object, then history."""
    entries, previous = [], {}
    for record in records:
        before = previous.get(record.id)
        changes = []
        for name in fields:
            old = getattr(before, name) if before else None
            new = getattr(record, name)
            if before is None and new in (None, ""):
                continue
            if before is None or old != new:
                label = str(model._meta.get_field(name).verbose_name).capitalize()
                changes.append(
                    Change(label, _display(model, name, old), _display(model, name, new))
                )
        if before is not None and not changes and record.history_type == "~":
            previous[record.id] = record
            continue
        if record.history_type == "+":
            # What a new row holds is on the page itself: the entry says only who made it.
            changes = []
        who = record.history_user.full_name if record.history_user else ""
        kind = str(KINDS.get(record.history_type, record.history_type))
        entries.append(Entry(record.history_date, who, kind, subject(record), changes))
        previous[record.id] = record
    return entries


def goal_history(group, *, limit: int = 50) -> list[Entry]:
    """The latest changes to the group's goals table, newest first (two queries)."""
    records = list(
        Goal.history.filter(workgroup_id=group.pk)
        .select_related("history_user")
        .order_by("id", "history_id")
    )
    entries = _entries(Goal, records, GOAL_FIELDS, lambda r: r.goal[:80])
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]


def report_history(report) -> list[Entry]:
    """Every recorded change of a report, newest first."""
    records = list(report.history.select_related("history_user").order_by("history_id"))
    entries = _entries(Report, records, REPORT_FIELDS, lambda r: r.get_kind_display())
    return list(reversed(entries))
