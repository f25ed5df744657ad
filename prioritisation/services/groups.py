"""Discussion groups: a council's members who mark a round as one."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from councils.models import Council, Membership
from idempotency.services import idempotency_key_claim, idempotency_key_done

from ..models import DiscussionGroup


def _check_members(council: Council, members: Iterable) -> list:
    members = list(members)
    seated = set(
        Membership.objects.active()
        .filter(council=council, user__in=members)
        .values_list("user_id", flat=True)
    )
    if any(member.pk not in seated for member in members):
        raise ValidationError(
            {"members": _("Bara rådets ledamöter kan vara med i en diskussionsgrupp.")},
            code="member_not_in_council",
        )
    return members


def _check_name(council: Council, name: str, group: DiscussionGroup | None = None) -> str:
    name = name.strip()
    others = DiscussionGroup.objects.filter(council=council, name__iexact=name)
    if group is not None:
        others = others.exclude(pk=group.pk)
    if others.exists():
        raise ValidationError(
            {"name": _("Rådet har redan en diskussionsgrupp med det namnet.")},
            code="group_name_taken",
        )
    return name


@transaction.atomic
def group_create(
    *, council: Council, name: str, members: Iterable = (), user=None, idempotency_key=None
) -> DiscussionGroup:
    """A new group of the council's members, once per sent form."""
    claimed = idempotency_key_claim(key=idempotency_key, scope="prioritisation.group", user=user)
    group = DiscussionGroup(council=council, name=_check_name(council, name))
    group.full_clean()
    group.save()
    group.members.set(_check_members(council, members))
    idempotency_key_done(
        claimed, result_url=reverse("prioritisation:groups", kwargs={"slug": council.slug})
    )
    return group


@transaction.atomic
def group_update(*, group: DiscussionGroup, name: str, members: Iterable) -> DiscussionGroup:
    """Rename a group and set its members; rounds already open keep marking as the group."""
    group = DiscussionGroup.objects.select_for_update().get(pk=group.pk)
    group.name = _check_name(group.council, name, group)
    group.full_clean()
    group.save()
    group.members.set(_check_members(group.council, members))
    return group
