"""Writes for councils and memberships. Views, the admin and commands all come through here."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from idempotency.services import idempotency_key_claim, idempotency_key_done

from .models import AccessibilityReport, Council, CouncilGoal, Membership, Organisation, User


@transaction.atomic
def person_get_or_create(
    *, email: str, full_name: str, title: str = "", organisation: Organisation | None = None
) -> User:
    """The user with this e-mail address, created without a usable password if new.

    A new person sets a password through the password-reset link; an existing person's name,
    title and organisation are only filled in where they were empty, never overwritten.
    """
    email = email.strip().lower()
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, full_name=full_name.strip(), title=title.strip())
        user.organisation = organisation
        user.set_unusable_password()
        # Uniqueness is the database's to judge: two requests may add the same person at once.
        user.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                user.save()
            return user
        except IntegrityError:
            # The other request was first and has committed: theirs is the person.
            user = User.objects.select_for_update().get(email__iexact=email)
    changed = []
    for name, value in (("full_name", full_name.strip()), ("title", title.strip())):
        if value and not getattr(user, name):
            setattr(user, name, value)
            changed.append(name)
    if organisation is not None and user.organisation_id is None:
        user.organisation = organisation
        changed.append("organisation")
    if changed:
        user.full_clean(validate_unique=False)
        user.save(update_fields=changed)
    return user


@transaction.atomic
def member_add(
    *,
    council: Council,
    email: str,
    full_name: str,
    role: str,
    party: str,
    title: str = "",
    person_organisation: Organisation | None = None,
    organisation: Organisation | None = None,
    represents: str = "",
    start_date: date | None = None,
    end_date: date | None = None,
    idempotency_key=None,
    by: User | None = None,
) -> Membership:
    """Add a person (found by e-mail address, or new) to a council, once per sent form."""
    claimed = idempotency_key_claim(key=idempotency_key, scope="councils.member_add", user=by)
    person = person_get_or_create(
        email=email, full_name=full_name, title=title, organisation=person_organisation
    )
    membership = membership_create(
        council=council,
        user=person,
        role=role,
        party=party,
        organisation=organisation,
        represents=represents,
        start_date=start_date,
        end_date=end_date,
    )
    idempotency_key_done(claimed, result_url=reverse("councils:members", args=[council.slug]))
    return membership


def _check_dates(start_date: date | None, end_date: date | None) -> None:
    if start_date and end_date and end_date < start_date:
        raise ValidationError(
            {"end_date": _("Slutdatum kan inte ligga före startdatum.")}, code="end_before_start"
        )


@transaction.atomic
def membership_create(
    *,
    council: Council,
    user: User,
    role: str,
    party: str,
    organisation: Organisation | None = None,
    represents: str = "",
    start_date: date | None = None,
    end_date: date | None = None,
) -> Membership:
    """Give a person a seat in a council; a person has at most one open seat per council."""
    start_date = start_date or timezone.localdate()
    _check_dates(start_date, end_date)
    membership = Membership(
        council=council,
        user=user,
        role=role,
        party=party,
        organisation=organisation,
        represents=represents.strip(),
        start_date=start_date,
        end_date=end_date,
    )
    membership.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        raise ValidationError(
            _("%(person)s har redan ett pågående medlemskap i %(council)s.")
            % {"person": user, "council": council.short_name},
            code="duplicate_membership",
        ) from None
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, person_title: str | None = None, **fields):
    """Change a seat's role, party, organisation, represented party or dates."""
    allowed = {"role", "party", "organisation", "represents", "start_date", "end_date"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown membership fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(membership, name, value)
    _check_dates(membership.start_date, membership.end_date)
    membership.full_clean(validate_constraints=False)
    membership.save()
    if person_title is not None and person_title.strip() != membership.user.title:
        membership.user.title = person_title.strip()
        membership.user.save(update_fields=["title"])
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, end_date: date | None = None) -> Membership:
    """End a seat on the given day (today by default); the history of the seat is kept."""
    end_date = end_date or timezone.localdate()
    _check_dates(membership.start_date, end_date)
    membership.end_date = end_date
    membership.full_clean(validate_constraints=False)
    membership.save(update_fields=["end_date"])
    return membership


@transaction.atomic
def council_settings_update(*, council: Council, mission: str, goals: list[str]) -> Council:
    """Replace a council's mission text and its ordered list of overall goals."""
    council.mission = mission.strip()
    council.full_clean()
    texts = [goal.strip() for goal in goals if goal.strip()]
    new_goals = [
        CouncilGoal(council=council, order=index, text=text)
        for index, text in enumerate(texts, start=1)
    ]
    for goal in new_goals:
        try:
            # The old goals are deleted below: their order numbers do not count.
            goal.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            message = _("Mål %(number)d: %(error)s") % {
                "number": goal.order,
                "error": " ".join(error.messages),
            }
            raise ValidationError({"goals": message}, code="invalid_goal") from None
    council.save(update_fields=["mission"])
    council.goals.all().delete()
    CouncilGoal.objects.bulk_create(new_goals)
    return council


@transaction.atomic
def accessibility_report_create(
    *, description: str, page_url: str = "", contact_email: str = "", idempotency_key=None
) -> AccessibilityReport:
    """Record a reported accessibility problem once per sent form; the contact is told in
    the background."""
    from .tasks import accessibility_report_notify_task

    # Reports are anonymous: the form's key alone tells a resent form from a new one.
    claimed = idempotency_key_claim(key=idempotency_key, scope="councils.accessibility_report")
    report = AccessibilityReport(
        description=description.strip(), page_url=page_url.strip(), contact_email=contact_email
    )
    report.full_clean()
    report.save()
    idempotency_key_done(claimed, result_url=reverse("accessibility"))
    accessibility_report_notify_task.delay_on_commit(report.pk)
    return report


def accessibility_report_notify(*, report: AccessibilityReport) -> None:
    """E-mail the accessibility contact about a report."""
    body = "\n\n".join(
        part for part in (report.description, report.page_url, report.contact_email) if part
    )
    send_mail(
        _("Tillgänglighetsproblem rapporterat"),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [settings.ACCESSIBILITY_CONTACT_EMAIL],
        fail_silently=False,
    )


def user_language_set(*, user: User, language: str) -> bool:
    """Remember the language a signed-in person chose (the language switch): the portal's
    e-mails to them are written in it. False for a language the portal does not offer, or
    the one already kept."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        return False
    if User.objects.filter(pk=user.pk).exclude(language=language).update(language=language):
        user.language = language
        return True
    return False
