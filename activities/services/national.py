"""Raising an activity to the national council, and the national council's answer."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idempotency.services import idempotency_key_claim, idempotency_key_done
from notifications.services import activity_raised_notify, raise_answered_notify

from ..models import Activity, NationalRaise


@transaction.atomic
def activity_raise_to_national(
    *, activity: Activity, motivation: str, user, idempotency_key=None
) -> NationalRaise:
    """Raise an activity to the national council (or change its motivation), once per form."""
    claimed = idempotency_key_claim(key=idempotency_key, scope="activities.raise", user=user)
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
    raised.full_clean()  # a new row too: rolled back with the transaction if too long
    if not created:
        raised.save(update_fields=["motivation"])
    else:
        # The national council is told after the commit (notifications/): a raise rolled back
        # tells nobody.
        activity_raised_notify(raised=raised, user=user)
    idempotency_key_done(claimed, result_url=f"{activity.get_absolute_url()}#national")
    return raised


@transaction.atomic
def national_raise_answer(
    *, raised: NationalRaise, status: str, answer: str, user
) -> NationalRaise:
    """The national council's status and answer on a raised activity."""
    raised = NationalRaise.objects.select_for_update().get(pk=raised.pk)
    was_answered = raised.status == NationalRaise.Status.ANSWERED
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
    if raised.status == NationalRaise.Status.ANSWERED and not was_answered:
        # Those who edited the activity and its responsible person are told after the commit.
        raise_answered_notify(raised=raised, user=user)
    return raised
