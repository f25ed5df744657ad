"""Reads for notifications: who is told of what, and what each person chose.

Recipients are read in one query each, whatever the number of people; only people with a login
who are active, and for council roles only seats active today."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q

from councils.models import Council, Membership

from .kinds import KINDS
from .models import Delivery, Notification, Preference


def preferences_of(user) -> dict[str, str]:
    """Every kind with the user's choice for it: their own, or the default."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, info.default) for kind, info in KINDS.items()}


def deliveries_for(kind: str, user_ids: Iterable[int]) -> dict[int, str]:
    """How each of these users wants this kind delivered (one query)."""
    ids = list(dict.fromkeys(user_ids))
    chosen = dict(
        Preference.objects.filter(kind=kind, user_id__in=ids).values_list("user_id", "delivery")
    )
    default = KINDS[kind].default
    return {pk: chosen.get(pk, default) for pk in ids}


def delivery_of(kind: str, user_id: int) -> str:
    return deliveries_for(kind, [user_id])[user_id]


def _seated(**filters) -> list[int]:
    seats = Membership.objects.active().filter(user__is_active=True, **filters)
    return list(seats.order_by("user_id").values_list("user_id", flat=True).distinct())


def national_members() -> list[int]:
    """Everyone with an active seat in the national council."""
    return _seated(council__kind=Council.Kind.NATIONAL)


def council_members(council_id: int) -> list[int]:
    """Everyone with an active seat in the council (any role): who may answer its questions."""
    return _seated(council_id=council_id)


def council_secretariat(council_id: int) -> list[int]:
    return _seated(council_id=council_id, role=Membership.Role.SECRETARIAT)


def raise_answer_recipients(raised) -> list[int]:
    """Who is told the national council's answer: the people with an active seat in the
    activity's council who edited it (its history) or raised it, and its responsible person."""
    from activities.models import Activity

    activity = raised.activity
    editors = Activity.history.filter(id=activity.pk, history_user__isnull=False).values(
        "history_user_id"
    )
    seats = Membership.objects.active().filter(council_id=activity.plan.council_id)
    seated = seats.filter(Q(user_id__in=editors) | Q(user_id=raised.raised_by_id)).values("user_id")
    people = get_user_model().objects.filter(is_active=True)
    people = people.filter(Q(pk__in=seated) | Q(pk=activity.responsible_id))
    return list(people.order_by("pk").values_list("pk", flat=True))


def users_by_email(emails: Iterable[str]) -> dict[str, object]:
    """The active users with these addresses, by address (lower case)."""
    wanted = {email.strip().lower() for email in emails if email and email.strip()}
    people = get_user_model().objects.filter(email__in=wanted, is_active=True)
    return {person.email.lower(): person for person in people}


def pending_digest_recipients() -> list[int]:
    """The users with notifications waiting for their digest."""
    pending = Notification.objects.filter(
        delivery=Delivery.DIGEST, sent_at__isnull=True, recipient__isnull=False
    )
    return list(pending.order_by("recipient_id").values_list("recipient_id", flat=True).distinct())


def secretariats_of(council_ids: Iterable[int]) -> dict[int, list[int]]:
    """The active secretariat of each council, in one query."""
    seats = Membership.objects.active().filter(
        council_id__in=list(council_ids), role=Membership.Role.SECRETARIAT, user__is_active=True
    )
    by_council: dict[int, list[int]] = {}
    for council_id, user_id in seats.order_by("council_id", "user_id").values_list(
        "council_id", "user_id"
    ):
        by_council.setdefault(council_id, []).append(user_id)
    return by_council
