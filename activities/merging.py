"""Comparing an activity's fields three ways: as they were in the version a form was opened
on, as they are saved now, and as the form sends them.

Plain functions on values, without queries: `services.activity_update_merged` merges with
them and `selectors.activity_conflict` shows what collided.
"""

from __future__ import annotations

RELATED_FIELDS = {"focus_area", "responsible"}


def saved_value(obj, name: str):
    """A field's value on an activity or one of its history rows, comparable with a form's."""
    return form_value(getattr(obj, f"{name}_id" if name in RELATED_FIELDS else name))


def form_value(value):
    """A form's value as saved: a related object by its key, no value as an empty string."""
    value = getattr(value, "pk", value)
    return "" if value is None else value


def three_way(base, current, fields: dict) -> tuple[dict, list[str]]:
    """The form's changes that merge cleanly, and the fields both sides changed differently.

    A field only the form changed takes the form's value; one only the others changed keeps
    theirs (it is left out); the same change on both sides is no change. Without the version
    the form was opened on (`base` is None) every difference is a collision.
    """
    mine, both = {}, []
    for name, value in fields.items():
        proposed, saved = form_value(value), saved_value(current, name)
        if proposed == saved or (base is not None and proposed == saved_value(base, name)):
            continue
        if base is not None and saved == saved_value(base, name):
            mine[name] = value
        else:
            both.append(name)
    return mine, both
