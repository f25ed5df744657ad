"""Opening and closing a round, the chair's decisions and accepted moves."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import services as activity_services
from activities.models import Activity, ActivityPlan
from councils.models import Membership
from idempotency.services import idempotency_key_claim, idempotency_key_done

from .. import selectors
from ..models import Colour, Decision, DiscussionGroup, Event, Mark, Round, Voter
from ._revision import revision_bump, round_locked

DECIDABLE = (Activity.Priority.GREEN, Activity.Priority.YELLOW, Activity.Priority.RED)
# Who marks in a round of all members: every seat but the secretariat, who runs the round.
MARKING_ROLES = (Membership.Role.CHAIR, Membership.Role.MEMBER, Membership.Role.COOPTED)


class DecisionConflict(Exception):
    """Someone decided the activity since the form was shown; `current` is that decision."""

    def __init__(self, current: Decision | None):
        super().__init__("The decision changed")
        self.current = current


def _voters(plan: ActivityPlan, mode: str, groups: list[DiscussionGroup]) -> list[Voter]:
    if mode == Round.Mode.GROUPS:
        if not groups:
            raise ValidationError(
                {"groups": _("Välj minst en diskussionsgrupp.")}, code="no_groups"
            )
        foreign = [group for group in groups if group.council_id != plan.council_id]
        if foreign:
            raise ValidationError(
                {"groups": _("Grupperna måste höra till planens råd.")}, code="foreign_group"
            )
        empty = [group.name for group in groups if not group.members.exists()]
        if empty:
            raise ValidationError(
                {
                    "groups": _("Gruppen %(names)s har inga medlemmar.")
                    % {"names": ", ".join(empty)}
                },
                code="empty_group",
            )
        return [Voter(group=group, name=group.name) for group in groups]
    seats = (
        Membership.objects.active()
        .filter(council=plan.council, role__in=MARKING_ROLES)
        .select_related("user")
        .order_by("user__full_name")
    )
    people = {seat.user_id: seat.user for seat in seats}
    if not people:
        raise ValidationError(_("Rådet har inga ledamöter som kan markera."), code="no_members")
    return [Voter(user=user, name=user.full_name or user.email) for user in people.values()]


@transaction.atomic
def round_open(
    *,
    plan: ActivityPlan,
    title: str,
    mode: str,
    closes_at,
    groups: Iterable[DiscussionGroup] = (),
    focus_areas: Iterable = (),
    user=None,
    idempotency_key=None,
    now=None,
) -> Round:
    """Open a round on the plan for its members or the chosen groups, until `closes_at`,
    on the activities of `focus_areas` (none: all of them); once per sent form."""
    claimed = idempotency_key_claim(key=idempotency_key, scope="prioritisation.round", user=user)
    now = now or timezone.now()
    if closes_at <= now:
        raise ValidationError(
            {"closes_at": _("Rundan måste stänga senare än nu.")}, code="closes_in_past"
        )
    focus_areas = list(focus_areas)
    in_plan = set(plan.plan_focus_areas.values_list("focus_area_id", flat=True))
    if any(area.pk not in in_plan for area in focus_areas):
        raise ValidationError(
            {"focus_areas": _("Fokusområdet ingår inte i den här planen.")},
            code="focus_area_not_in_plan",
        )
    groups = list(groups) if mode == Round.Mode.GROUPS else []
    voters = _voters(plan, mode, groups)
    round_ = Round(
        plan=plan, title=title.strip(), mode=mode, closes_at=closes_at, opened_by=user,
        opened_at=now, changed_at=now,
    )  # fmt: skip
    round_.full_clean()
    round_.save()
    round_.focus_areas.set(focus_areas)
    for voter in voters:
        voter.round = round_
    Voter.objects.bulk_create(voters)
    idempotency_key_done(claimed, result_url=round_.get_absolute_url())
    return round_


@transaction.atomic
def round_close(*, round_id: int, user=None, now=None) -> Round:
    """End marking now (the secretariat closes early); closing a closed round changes
    nothing."""
    round_ = round_locked(round_id)
    now = now or timezone.now()
    if not round_.is_open(now):
        return round_
    round_.closed_at = now
    round_.save(update_fields=["closed_at"])
    revision_bump(round_, kind=Event.Kind.CLOSED, actor=user, now=now)
    return round_


def _activity_in_scope(round_: Round, activity_id: int) -> Activity:
    activity = selectors.scope_activities(round_).filter(pk=activity_id).first()
    if activity is None:
        raise ValidationError(
            _("Aktiviteten ingår inte i den här prioriteringsrundan."), code="not_in_round"
        )
    return activity


def spread_reason(round_: Round, activity_id: int) -> str:
    """The round's spread for an activity as its history keeps it (at most 100 characters)."""
    counts = dict.fromkeys(Colour.values, 0)
    marks = Mark.objects.filter(voter__round=round_, activity_id=activity_id)
    for colour in marks.values_list("colour", flat=True):
        counts[colour] += 1
    spread = ", ".join(f"{counts[value]} {label.lower()}" for value, label in Colour.choices)
    prefix = _("Prioriteringsrunda")
    room = 100 - len(prefix) - len(spread) - 5
    title = round_.title if len(round_.title) <= room else round_.title[: max(room - 1, 0)] + "…"
    return f"{prefix} ”{title}”: {spread}"


@transaction.atomic
def decision_make(
    *, round_id: int, activity_id: int, priority: str, expected_version: int, user=None,
    now=None,
) -> Decision:  # fmt: skip
    """Set the activity's final priority, made on `expected_version` of the decision (0: none
    yet); DecisionConflict if someone decided in between. The plan shows it at once, and the
    activity's history keeps it with the round's spread."""
    round_ = round_locked(round_id)
    if priority not in DECIDABLE:
        raise ValidationError({"priority": _("Välj grön, gul eller röd.")}, code="bad_priority")
    activity = _activity_in_scope(round_, activity_id)
    decision = Decision.objects.select_for_update().filter(round=round_, activity=activity).first()
    if (decision.version if decision else 0) != expected_version:
        if decision is not None and decision.priority == priority:
            return decision  # a double click (or two agreeing): what was asked is decided, once
        raise DecisionConflict(decision)
    now = now or timezone.now()
    if decision is None:
        decision = Decision(round=round_, activity=activity, version=0)
    decision.priority, decision.decided_by, decision.decided_at = priority, user, now
    decision.version += 1
    decision.save()
    # A new colour is a change of the activity, in its history with the round's spread; the
    # decision itself (also one that keeps the colour) is the activity page's "rounds".
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if current.priority != priority:
        activity_services.activity_update(
            activity=current, version=current.version, priority=priority,
            reason=spread_reason(round_, activity.pk), history_user=user,
        )  # fmt: skip
    revision_bump(
        round_, kind=Event.Kind.DECISION, actor=user, activity=activity, value=priority, now=now
    )
    return decision


@transaction.atomic
def move_accept(*, round_id: int, mark_id: int, user=None) -> Activity:
    """Move the activity to the focus area a mark of this round suggests."""
    round_ = round_locked(round_id)
    mark = (
        Mark.objects.select_related("move_to", "voter")
        .filter(pk=mark_id, voter__round=round_, move_to__isnull=False)
        .first()
    )
    if mark is None:
        raise ValidationError(
            _("Förslaget finns inte i den här prioriteringsrundan."), code="no_such_suggestion"
        )
    activity = _activity_in_scope(round_, mark.activity_id)
    if activity.focus_area_id == mark.move_to_id:
        return activity
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    moved = activity_services.activity_update_merged(
        activity=current, version=current.version, focus_area=mark.move_to,
        reason=_("Flyttad efter förslag från %(name)s") % {"name": mark.voter.name},
        history_user=user,
    )  # fmt: skip
    revision_bump(
        round_, kind=Event.Kind.MOVE, actor=user, activity=activity, value=mark.move_to.name
    )
    return moved
