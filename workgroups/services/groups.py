"""Creating and changing workgroups and their members."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from councils import services as council_services
from councils.models import Council
from idempotency.services import idempotency_key_claim, idempotency_key_done

from ..models import Member, Workgroup
from ._common import locked_at_version, save_versioned

GROUP_FIELDS = {
    "name", "mandate", "purpose", "focus_area", "status", "start_date", "final_report_due",
}  # fmt: skip
MEMBER_FIELDS = {
    "user", "name", "title", "organisation", "email", "role", "start_date", "end_date",
}  # fmt: skip


def _check_council_objects(council: Council, *, focus_area=None, activities=(), surveys=()) -> None:
    """A focus area, plan activities and surveys must be the council's own (focus areas may
    also be national)."""
    errors = {}
    if any(survey.council_id != council.pk for survey in surveys):
        errors["surveys"] = _("Enkäterna måste vara rådets egna.")
    if focus_area is not None and focus_area.council_id not in (None, council.pk):
        errors["focus_area"] = _("Fokusområdet hör till ett annat råd.")
    if any(activity.plan.council_id != council.pk for activity in activities):
        errors["activities"] = _("Aktiviteterna måste höra till rådets egna planer.")
    if errors:
        raise ValidationError(errors, code="other_council")


def _check_dates(group: Workgroup) -> None:
    if group.start_date and group.final_report_due and group.final_report_due < group.start_date:
        raise ValidationError(
            {"final_report_due": _("Slutrapporten kan inte vara planerad före startdatumet.")},
            code="dates_reversed",
        )


def _save_name(group: Workgroup) -> None:
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError:
        raise ValidationError(
            {"name": _("Rådet har redan en arbetsgrupp med det namnet.")}, code="name_taken"
        ) from None


@transaction.atomic
def workgroup_create(
    *,
    council: Council,
    name: str,
    activities=(),
    surveys=(),
    idempotency_key=None,
    user=None,
    **fields,
) -> Workgroup:
    """A new workgroup of `council`, once per sent form."""
    unknown = set(fields) - GROUP_FIELDS
    if unknown:
        raise TypeError(f"Unknown workgroup fields: {sorted(unknown)}")
    claimed = idempotency_key_claim(key=idempotency_key, scope="workgroups.group", user=user)
    activities, surveys = list(activities), list(surveys)
    _check_council_objects(
        council, focus_area=fields.get("focus_area"), activities=activities, surveys=surveys
    )
    group = Workgroup(council=council, name=name.strip(), **fields)
    group.full_clean(validate_unique=False, validate_constraints=False)
    _check_dates(group)
    _save_name(group)
    group.activities.set(activities)
    group.surveys.set(surveys)
    idempotency_key_done(claimed, result_url=group.get_absolute_url())
    return group


@transaction.atomic
def workgroup_update(
    *, group: Workgroup, version: int | None, activities=None, surveys=None, **fields
) -> Workgroup:
    """Save the group's details as edited on `version`; StaleVersion if someone saved since."""
    current = locked_at_version(Workgroup, group.pk, version)
    activities = None if activities is None else list(activities)
    surveys = None if surveys is None else list(surveys)
    _check_council_objects(
        current.council,
        focus_area=fields.get("focus_area"),
        activities=activities or (),
        surveys=surveys or (),
    )
    unknown = set(fields) - GROUP_FIELDS
    if unknown:
        raise TypeError(f"Unknown workgroup fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean(validate_unique=False, validate_constraints=False)
    _check_dates(current)
    current.version += 1
    _save_name(current)
    if activities is not None:
        current.activities.set(activities)
    if surveys is not None:
        current.surveys.set(surveys)
    return current


def _check_member(member: Member) -> None:
    if member.user_id is None and not member.name.strip():
        raise ValidationError(
            {"name": _("Ange namnet på en kontakt utan inloggning, eller välj en användare.")},
            code="member_unnamed",
        )
    if member.start_date and member.end_date and member.end_date < member.start_date:
        raise ValidationError(
            {"end_date": _("Slutdatumet kan inte ligga före startdatumet.")},
            code="dates_reversed",
        )


def _save_member(member: Member) -> Member:
    member.full_clean(validate_unique=False, validate_constraints=False)
    _check_member(member)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        # The form knows a person with a login by the e-mail address.
        raise ValidationError(
            {"email": _("Personen är redan med i gruppen.")}, code="member_twice"
        ) from None
    return member


@transaction.atomic
def member_add(
    *, group: Workgroup, with_login: bool = False, idempotency_key=None, by=None, **fields
) -> Member:
    """Add a person to the group, once per sent form: a contact without login, or (with
    `with_login`, or a `user` given) a person who logs in and edits the group. A login is
    found by e-mail address or created without a password (set through password reset)."""
    unknown = set(fields) - MEMBER_FIELDS
    if unknown:
        raise TypeError(f"Unknown member fields: {sorted(unknown)}")
    claimed = idempotency_key_claim(key=idempotency_key, scope="workgroups.member", user=by)
    member = Member(workgroup=group, **fields)
    if with_login and member.user_id is None:
        member.user = _person_for(member)
    if member.user_id:
        member.name, member.email = "", ""
    _save_member(member)
    idempotency_key_done(claimed, result_url=f"{group.get_absolute_url()}#member-{member.pk}")
    return member


def _person_for(member: Member):
    if not member.email.strip():
        raise ValidationError(
            {"email": _("En person som ska logga in behöver en e-postadress.")},
            code="login_needs_email",
        )
    if not member.name.strip():
        raise ValidationError({"name": _("Ange personens namn.")}, code="member_unnamed")
    return council_services.person_get_or_create(
        email=member.email, full_name=member.name, title=member.title
    )


@transaction.atomic
def member_update(*, member: Member, **fields) -> Member:
    unknown = set(fields) - MEMBER_FIELDS
    if unknown:
        raise TypeError(f"Unknown member fields: {sorted(unknown)}")
    current = Member.objects.select_for_update().get(pk=member.pk)
    for name, value in fields.items():
        setattr(current, name, value)
    if current.user_id:
        current.name, current.email = "", ""
    return _save_member(current)


@transaction.atomic
def member_remove(*, member: Member) -> None:
    """Take a person out of the group (for someone who left, set an end date instead)."""
    Member.objects.filter(pk=member.pk).delete()


__all__ = [
    "GROUP_FIELDS", "MEMBER_FIELDS", "member_add", "member_remove", "member_update",
    "save_versioned", "workgroup_create", "workgroup_update",
]  # fmt: skip
