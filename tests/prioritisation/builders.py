"""What the prioritisation tests add to the shared world: more seats in the own council, a
plan with activities in two focus areas, discussion groups and rounds.

Plain functions over `tests.world`'s world (not fixtures), so the transactional concurrency
tests build the same things as the others."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from activities import services as plans
from activities.models import Activity, ActivityPlan, FocusArea
from councils.models import Council, Membership, User
from councils.services import membership_create
from prioritisation import services
from prioritisation.models import DiscussionGroup, Round

PLAN_YEAR = 2030


def seat(council: Council, email: str, name: str, role: str = Membership.Role.MEMBER, **dates):
    """A new person with a seat of `role` in the council (`start_date`/`end_date` optional)."""
    person = User.objects.create_user(email=email, password="x", full_name=name)
    membership_create(
        council=council, user=person, role=role, party=Membership.Party.OTHER, **dates
    )
    return person


@dataclass
class Setting:
    """The own council's 2030 plan: VFU with `per_area` activities, Fortbildning with as
    many; its chair and a co-opted member besides the world's member and secretariat."""

    plan: ActivityPlan
    vfu: FocusArea
    fortbildning: FocusArea
    vfu_activities: list[Activity]
    fortbildning_activities: list[Activity]
    chair: User
    coopted: User

    @property
    def activities(self) -> list[Activity]:
        return [*self.vfu_activities, *self.fortbildning_activities]


def catalogue_area(short_name: str) -> FocusArea:
    """A focus area of the national catalogue (the world's build loads it)."""
    return FocusArea.objects.get(council=None, short_name=short_name)


def setting_build(world, per_area: int = 3) -> Setting:
    vfu, fortbildning = catalogue_area("VFU"), catalogue_area("Fortbildning")
    plan = plans.plan_create(council=world.own, year=PLAN_YEAR, focus_areas=[vfu, fortbildning])
    made = {}
    for area in (vfu, fortbildning):
        made[area.pk] = [
            plans.activity_create(plan=plan, focus_area=area, title=f"{area.short_name} {n}")
            for n in range(1, per_area + 1)
        ]
    chair = seat(world.own, "ordforande@mellan.test", "Olga Ordförande", Membership.Role.CHAIR)
    coopted = seat(world.own, "adjungerad@mellan.test", "Ada Adjungerad", Membership.Role.COOPTED)
    return Setting(plan, vfu, fortbildning, made[vfu.pk], made[fortbildning.pk], chair, coopted)


def group_build(council: Council, name: str, members) -> DiscussionGroup:
    return services.group_create(council=council, name=name, members=members)


def later(days: int = 7) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def round_build(
    plan: ActivityPlan, *, mode: str = Round.Mode.MEMBERS, groups=(), focus_areas=(),
    title: str = "Vårens prioritering", user=None,
) -> Round:  # fmt: skip
    return services.round_open(
        plan=plan, title=title, mode=mode, closes_at=later(), groups=groups,
        focus_areas=focus_areas, user=user,
    )  # fmt: skip
