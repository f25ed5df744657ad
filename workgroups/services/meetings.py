"""A group's meetings: plan one, change it on a version, record the minutes, cancel it.

What a meeting must be (checked here, so the forms, the admin and the demo data all get it):
- it ends after it starts (refused at `ends_at`), on dates in the portal's range (the model's
  validators, at the field);
- a meeting link is a web address (http or https): it becomes a link in the portal and in
  Outlook, so `javascript:`, `file:` and `ftp:` are refused at `link`;
- a meeting on site or a hybrid one says where (`place`): without it nobody knows where to
  go. A link stays optional for every form: the Teams or Zoom invitation often comes later.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from idempotency.services import idempotency_key_claim, idempotency_key_done

from ..models import Meeting, Workgroup
from ._common import locked_at_version

MEETING_FIELDS = {
    "title", "starts_at", "ends_at", "form", "place", "link", "agenda", "minutes",
}  # fmt: skip
NEEDS_PLACE = {Meeting.Form.ON_SITE, Meeting.Form.HYBRID}


def meeting_url(meeting: Meeting) -> str:
    return meeting.get_absolute_url()


def _rules(meeting: Meeting) -> dict[str, str]:
    """The meeting's own rules, as messages by field."""
    errors = {}
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = _("Mötet måste sluta efter att det börjar.")
    if meeting.link and urlsplit(meeting.link).scheme.lower() not in ("http", "https"):
        errors["link"] = _("Ange en webbadress som börjar med https:// eller http://.")
    if meeting.form in NEEDS_PLACE and not meeting.place:
        errors["place"] = _("Ange var mötet hålls: det är på plats eller hybrid.")
    return errors


def _validate(meeting: Meeting) -> None:
    """Every refusal at once, each at its field; nothing is saved while any remains."""
    meeting.title = meeting.title.strip()
    meeting.place = meeting.place.strip()
    meeting.link = meeting.link.strip()
    errors: dict = {}
    try:
        # The constraint that it ends after it starts is checked by _rules, at the field.
        meeting.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    for field, message in _rules(meeting).items():
        if field not in errors:
            errors[field] = [ValidationError(message, code=f"meeting_{field}")]
    if errors:
        raise ValidationError(errors)


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - MEETING_FIELDS
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")


@transaction.atomic
def meeting_create(
    *,
    group: Workgroup,
    title: str,
    starts_at,
    ends_at,
    form: str = Meeting.Form.DIGITAL,
    place: str = "",
    link: str = "",
    agenda: str = "",
    minutes: str = "",
    idempotency_key=None,
    user=None,
) -> Meeting:
    """A new meeting of the group, once per sent form."""
    claimed = idempotency_key_claim(key=idempotency_key, scope="workgroups.meeting", user=user)
    meeting = Meeting(
        workgroup=group, title=title, starts_at=starts_at, ends_at=ends_at, form=form,
        place=place, link=link, agenda=agenda, minutes=minutes,
    )  # fmt: skip
    _validate(meeting)
    meeting.save()
    idempotency_key_done(claimed, result_url=meeting_url(meeting))
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, version: int, **fields) -> Meeting:
    """Save a meeting edited on `version`; StaleVersion if someone saved it since. Every
    save raises the version, which is also the calendar event's SEQUENCE: Outlook then
    replaces the event it has."""
    _check_fields(fields)
    current = locked_at_version(Meeting, meeting.pk, version)
    for name, value in fields.items():
        setattr(current, name, value)
    _validate(current)
    current.version += 1
    current.save()
    return current


def meeting_minutes_update(*, meeting: Meeting, version: int, minutes: str) -> Meeting:
    """Save the minutes written on `version`; StaleVersion if the meeting changed since."""
    return meeting_update(meeting=meeting, version=version, minutes=minutes.strip())


@transaction.atomic
def meeting_delete(*, meeting: Meeting, version: int) -> None:
    """Cancel a meeting seen at `version`; StaleVersion if it changed since."""
    current = locked_at_version(Meeting, meeting.pk, version)
    current.delete()


__all__ = [
    "MEETING_FIELDS", "meeting_create", "meeting_delete", "meeting_minutes_update",
    "meeting_update",
]  # fmt: skip
