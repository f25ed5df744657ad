"""Demo prioritisation rounds for Mellansverige, made through the services as the council would.

- Its three discussion groups of the seed (Grupp Hans, Grupp Maria, Arbetsutskottet).
- A closed round on the 2022 plan in which each group marked every activity: the colour the
  plan has today, except where the seed's remarks show a group of another mind, and the
  group's remarks as its comments (the working committee's "flytta till fokusområde G o N" as
  a suggested move); then the chair's decisions, which are today's colours.
- An open round on the 2023 plan for every member, some of whom have not marked it all yet.

Idempotent: the groups are found by name, a round by its plan and title; one that exists is
left as it is (the 2023 round is open for three weeks from the first load).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from activities.demo import (
    AU,
    BEHOVSANALYS,
    FORSKARSKOLOR,
    HANDLEDARUTBILDNING,
    HANS,
    INTERMEDIARVARD,
    INTRODUKTIONSAR,
    MARIA,
    MELLANSVERIGE_NOTES,
    NARA_VARD,
    PRIMARKOMMUNAL,
    TANDVARD_SPECIALIST,
    UNDERSKOTERSKOR,
)
from activities.models import Activity, ActivityPlan, FocusArea
from councils.demo import MELLANSVERIGE_MEMBERS
from councils.models import Council, User

from . import services
from .models import Colour, DiscussionGroup, Round, Voter
from .services import MarkInput

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DOMAIN = "mellansverige.example.se"
G, Y, R, UNKNOWN = Colour.GREEN, Colour.YELLOW, Colour.RED, Colour.UNKNOWN

# The seed's groups with the demo's (fictitious) people in the seats of the seed's; the first
# of each is the one who entered the group's marks. The demo member (ledamot@) sits in Grupp
# Maria and in the working committee.
GROUPS = [
    (HANS, ["mikael.strand", "per.holmgren", "annika.berglund", "anders.blom", "olof.bergman",
            "ingrid.sandberg"]),
    (MARIA, ["sofia.wallin", "ledamot", "lars.nystrom", "birgitta.oberg", "thomas.engdahl",
             "johan.falk"]),
    (AU, ["helena.lindqvist", "ledamot", "eva.hedlund", "lena.forsberg"]),
]  # fmt: skip

TITLE_2022 = "Prioritering av aktivitetsplan 2022"
OPENED_2022 = datetime(2022, 1, 20, 9, 0, tzinfo=STOCKHOLM)
CLOSES_2022 = datetime(2022, 2, 18, 17, 0, tzinfo=STOCKHOLM)
CLOSED_2022 = datetime(2022, 2, 18, 15, 30, tzinfo=STOCKHOLM)  # after the working committee met
DECIDED_2022 = datetime(2022, 3, 4, 10, 0, tzinfo=STOCKHOLM)  # the meeting that adopted the plan
MARKED_2022 = {
    HANS: datetime(2022, 2, 3, 10, 15, tzinfo=STOCKHOLM),
    MARIA: datetime(2022, 2, 8, 14, 40, tzinfo=STOCKHOLM),
    AU: datetime(2022, 2, 16, 9, 30, tzinfo=STOCKHOLM),
}

# Where a group marked otherwise than the colour the activity got, read from its remarks:
# split on the supervisor training (Grupp Maria: "Risk att vi konstlar till det") and on the
# municipal training needs (the working committee would move it to God och nära vård); mostly
# agreed elsewhere. "Kolla med Västmanland" is a "vet ej".
DISSENT_2022 = {
    HANDLEDARUTBILDNING: {HANS: G, MARIA: Y, AU: R},
    PRIMARKOMMUNAL: {HANS: Y, MARIA: G, AU: R},
    INTRODUKTIONSAR: {MARIA: G},
    INTERMEDIARVARD: {MARIA: R},
    UNDERSKOTERSKOR: {MARIA: Y},
    BEHOVSANALYS: {HANS: Y},
    TANDVARD_SPECIALIST: {AU: UNKNOWN},
}
# (activity title, group) → the focus area (short name) the group's remark moves it to.
MOVES_2022 = {(PRIMARKOMMUNAL, AU): NARA_VARD}

TITLE_2023 = "Prioritering av aktivitetsplan 2023"
ATBT_2023 = "Förbereda regional prioritering av AT/BT inför 2023"
# Who has marked the open round so far: these members none yet, these some of it (how many
# activities, in the plan's order; the demo member a few, so there is marking left to try),
# everybody else all of it.
NOT_MARKED_2023 = {"mikael.strand", "maria.lundberg", "thomas.engdahl", "kristina.dahl"}
MARKED_SOME_2023 = {"ledamot": 4, "sofia.wallin": 11, "olof.bergman": 2}
# Activities where the members' marks differ more often than elsewhere.
CONTESTED_2023 = {HANDLEDARUTBILDNING, PRIMARKOMMUNAL, "Säkerställ kvaliteten i de VFU-platser som finns"}  # fmt: skip
# What 2022 let wait until 2023 is due now, except what is handled nationally or paused.
STILL_WAITING_2023 = {UNDERSKOTERSKOR, TANDVARD_SPECIALIST}
# (member, activity title) → (colour, comment, focus area to move to): the members' comments.
COMMENTS_2023 = {
    ("eva.hedlund", PRIMARKOMMUNAL): (G, "Hör hemma i God och nära vård, som arbetsutskottet föreslog inför 2022.", NARA_VARD),
    ("lars.nystrom", ATBT_2023): (G, "Den nationella arbetsgruppen har rapporterat – nu ska rådet driva AT/BT regionalt.", ""),
    ("ingrid.sandberg", HANDLEDARUTBILDNING): (G, "Kartläggningen är klar; nu behöver kommunerna själva utbildningen.", ""),
    ("per.holmgren", TANDVARD_SPECIALIST): (UNKNOWN, "Västmanland återkommer om behovet av specialisttandläkare.", ""),
    ("birgitta.oberg", FORSKARSKOLOR): (G, "Nationella rådet arbetar med frågan; den regionala kartläggningen kan fortsätta under tiden.", ""),
}  # fmt: skip
STEPS = [G, Y, R]


def _user(local: str) -> User:
    return User.objects.get(email=f"{local}@{DOMAIN}")


def _area(short_name: str) -> FocusArea:
    return FocusArea.objects.get(council=None, short_name=short_name)


def _groups(council: Council) -> dict[str, DiscussionGroup]:
    """The seed's discussion groups; one that exists keeps its members."""
    groups = {}
    for name, members in GROUPS:
        group = DiscussionGroup.objects.filter(council=council, name=name).first()
        if group is None:
            group = services.group_create(
                council=council, name=name, members=[_user(local) for local in members]
            )
        groups[name] = group
    return groups


def _in_plan_order(plan: ActivityPlan) -> list[Activity]:
    area_order = dict(plan.plan_focus_areas.values_list("focus_area_id", "order"))
    return sorted(
        plan.activities.select_related("focus_area"),
        key=lambda a: (area_order[a.focus_area_id], a.order, a.pk),
    )


def _group_marks(plan: ActivityPlan, group: str) -> list[MarkInput]:
    """The group's mark of every activity: the colour it got unless the group dissented, its
    remarks as the comment."""
    remarks: dict[str, list[str]] = {}
    for title, name, text in MELLANSVERIGE_NOTES:
        if name == group:
            remarks.setdefault(title, []).append(text)
    marks = []
    for activity in _in_plan_order(plan):
        move = MOVES_2022.get((activity.title, group))
        marks.append(
            MarkInput(
                activity_id=activity.pk,
                colour=DISSENT_2022.get(activity.title, {}).get(group, activity.priority),
                comment="\n".join(remarks.get(activity.title, [])),
                move_to_id=_area(move).pk if move else None,
            )
        )
    return marks


def _round_2022(plan: ActivityPlan, groups: dict[str, DiscussionGroup]) -> Round:
    """The groups' round on the 2022 plan, closed, with the chair's decision on each activity."""
    round_ = services.round_open(
        plan=plan, title=TITLE_2022, mode=Round.Mode.GROUPS, closes_at=CLOSES_2022,
        groups=groups.values(), user=_user("sekretariat"), now=OPENED_2022,
    )  # fmt: skip
    for name, members in GROUPS:
        voter = round_.voters.get(group=groups[name])
        services.marks_save(
            round_id=round_.pk, voter_id=voter.pk, user=_user(members[0]),
            marks=_group_marks(plan, name), now=MARKED_2022[name],
        )  # fmt: skip
    services.round_close(round_id=round_.pk, user=_user("sekretariat"), now=CLOSED_2022)
    chair = _user("helena.lindqvist")
    # The council's meeting of 4 March 2022 (the day the plan was adopted), a minute each.
    for minute, activity in enumerate(_in_plan_order(plan)):
        if activity.priority in (G, Y, R):
            services.decision_make(
                round_id=round_.pk, activity_id=activity.pk, priority=activity.priority,
                expected_version=0, user=chair, now=DECIDED_2022 + timedelta(minutes=minute),
            )  # fmt: skip
    return round_


def _expected_2023(activity: Activity) -> str:
    """The colour the council leans to in 2023: AT/BT is its regional priority now ("mer prio
    regionalt 2023"), what could wait until 2023 is due, the rest as decided for 2022."""
    if activity.focus_area.short_name == "AT/BT":
        return G
    if activity.priority == R and activity.title not in STILL_WAITING_2023:
        return Y
    return activity.priority if activity.priority in STEPS else Y


def _member_colour(expected: str, member: int, index: int, contested: bool) -> str:
    """A member's mark: the expected colour; one step off for some members on every other
    activity, for many on the contested ones (the others all agree); now and then "vet ej".
    The same on every load."""
    if (3 * member + index) % 29 == 0:
        return UNKNOWN
    turn = (member * 5 + index * 3) % 7
    if (contested and turn in (0, 1, 2)) or (index % 2 == 1 and turn == 0):
        step = STEPS.index(expected)
        towards_green = member % 2 == 1
        return STEPS[step - 1 if (towards_green and step > 0) or step == 2 else step + 1]
    return expected


def _member_marks(local: str, member: int, activities: list[Activity]) -> list[MarkInput]:
    count = MARKED_SOME_2023.get(local, len(activities))
    marks = []
    for index, activity in enumerate(activities[:count]):
        colour = _member_colour(
            _expected_2023(activity), member, index, activity.title in CONTESTED_2023
        )
        comment, move = "", ""
        if (local, activity.title) in COMMENTS_2023:
            colour, comment, move = COMMENTS_2023[(local, activity.title)]
        if move and _area(move).pk == activity.focus_area_id:
            move = ""
        marks.append(MarkInput(activity.pk, colour, comment, _area(move).pk if move else None))
    return marks


def _round_2023(plan: ActivityPlan) -> Round:
    """The members' round on the 2023 plan: opened three days ago, open for three weeks more,
    marked by most members so far."""
    now = timezone.now()
    today = timezone.localdate(now)
    opened = datetime.combine(today - timedelta(days=3), time(9, 0), tzinfo=STOCKHOLM)
    closes = datetime.combine(today + timedelta(days=21), time(16, 0), tzinfo=STOCKHOLM)
    round_ = services.round_open(
        plan=plan, title=TITLE_2023, mode=Round.Mode.MEMBERS, closes_at=closes,
        user=_user("sekretariat"), now=opened,
    )  # fmt: skip
    activities = _in_plan_order(plan)
    voters = {
        voter.user.email.split("@")[0]: voter
        for voter in Voter.objects.filter(round=round_).select_related("user")
    }
    marking = [
        (member, row[1])
        for member, row in enumerate(MELLANSVERIGE_MEMBERS)
        if row[1] in voters and row[1] not in NOT_MARKED_2023
    ]
    for turn, (member, local) in enumerate(marking, start=1):
        # Spread over the days since the round opened, in the members' order.
        marked_at = opened + (now - opened) * turn / (len(marking) + 1)
        services.marks_save(
            round_id=round_.pk, voter_id=voters[local].pk, user=voters[local].user,
            marks=_member_marks(local, member, activities), now=marked_at,
        )  # fmt: skip
    return round_


@transaction.atomic
def demo_load() -> None:
    """Create Mellansverige's discussion groups and the two demo rounds that do not exist yet."""
    council = Council.objects.get(slug="mellansverige")
    groups = _groups(council)
    plans = {plan.year: plan for plan in ActivityPlan.objects.filter(council=council)}
    if 2022 in plans and not Round.objects.filter(plan=plans[2022], title=TITLE_2022).exists():
        _round_2022(plans[2022], groups)
    if 2023 in plans and not Round.objects.filter(plan=plans[2023], title=TITLE_2023).exists():
        _round_2023(plans[2023])
