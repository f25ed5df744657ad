"""Benchmark scenario for activity plans (registered with vkr_portal.benchmarking)."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from activities import services as activity_services
from activities.models import Activity, ActivityPlan, FocusArea
from councils import services as council_services
from councils.models import Council, Membership, User
from vkr_portal.benchmarking import Baseline, BenchmarkError, TimedRequest, registry
from vkr_portal.benchmarking.floors import floor_url

PLAN_YEAR = 2022
# The goals: the plan page at most twice its fair floor, and faster than the admin.
PLAN_FLOOR_GOAL, PLAN_ADMIN_GOAL = 2.0, 0.8


def _council_plan_build(council: Council, areas: list[FocusArea], count: int) -> User:
    """A member of the council and its plan of `count` activities; return the member."""
    member = council_services.person_get_or_create(
        email=f"benchmark@{council.slug}.example.se", full_name=f"Benchmark {council.short_name}"
    )
    council_services.membership_create(
        council=council, user=member, role=Membership.Role.MEMBER, party=Membership.Party.REGIONS
    )
    plan = activity_services.plan_create(
        council=council, year=PLAN_YEAR, intro="Rådets prioriteringar för året.", focus_areas=areas
    )
    plan_activities_build(plan, areas, count, member)
    return member


def plan_activities_build(
    plan: ActivityPlan, areas: list[FocusArea], count: int, member: User
) -> None:
    """The scenario's activities in `plan`: over `areas` in turn, each with a note, every 5th
    raised to the national council, every 3rd with `member` responsible (the plan page's
    budget test builds the same)."""
    priorities, progresses = Activity.Priority.values, Activity.Progress.values
    for number in range(1, count + 1):
        activity = activity_services.activity_create(
            plan=plan,
            focus_area=areas[number % len(areas)],
            title=f"Aktivitet {number}: samverkan kring kompetensförsörjning",
            implementation="Arbetsgrupp med representanter från alla parter",
            timeline="Hela året",
            content="Kartläggning, workshoppar och en gemensam handlingsplan. " * 3,
            # Every combination of priority and progress, so the roll-up has no empty cells.
            priority=priorities[number % len(priorities)],
            progress=progresses[(number // len(priorities)) % len(progresses)],
            responsible=member if number % 3 == 0 else None,
        )
        activity_services.activity_note_add(
            activity=activity, text="Diskuterad i arbetsutskottet.", author=member, group_name="AU"
        )
        if number % 5 == 0:
            activity_services.activity_raise_to_national(
                activity=activity, motivation="Frågan berör alla regioner.", user=member
            )


@registry.scenario(
    "activity-plans",
    title="Activity plans",
    description=(
        "The 2022 plans of the six regional councils, 80 activities each over the five national "
        "focus areas; every activity has a note, every 5th is raised to the national council, "
        "priorities and progress vary, every 3rd has a responsible person. Requested by a "
        "member of the first council (Norra), who can edit the plan. The plan page's fair floor "
        "is its 80 activities (title, focus area, implementation, timeline, content, follow-up, "
        "priority, progress, responsible) in one `select_related` query and a plain table; the "
        "roll-up's is the same counts per focus area and council in one aggregate query. The "
        "plan page is also timed against the Django admin's changelist of the same 80 "
        "activities (`/admin/activities/activity/`, filtered to the council and year, asked "
        "by a superuser), interleaved the same way."
    ),
)
def activity_plans_setup(
    *, councils: int = 6, activities_per_council: int = 80
) -> list[TimedRequest]:
    """Build the regional councils' 2022 plans; time the first council's plan and the roll-up."""
    areas = list(FocusArea.objects.filter(council=None).order_by("order"))
    regional = list(Council.objects.filter(kind=Council.Kind.REGIONAL).order_by("order"))
    if len(regional) < councils or not areas:
        raise BenchmarkError("The councils and focus areas are missing: load the reference data")
    members = []
    for council in regional[:councils]:
        # One transaction a council: thousands of service calls, one commit.
        with transaction.atomic():
            members.append(_council_plan_build(council, areas, activities_per_council))
    first = regional[0]
    plan_url = reverse("activities:plan", kwargs={"slug": first.slug, "year": PLAN_YEAR})
    rollup_url = f"{reverse('activities:rollup')}?ar={PLAN_YEAR}"
    admin_url = (
        f"{reverse('admin:activities_activity_changelist')}"
        f"?plan__council__id__exact={first.pk}&plan__year={PLAN_YEAR}"
    )
    plan_floor = Baseline(
        "fair floor: the 80 activities, one query, a plain table",
        floor_url("plan", slug=first.slug, year=PLAN_YEAR),
        goal=PLAN_FLOOR_GOAL,
        is_floor=True,
    )
    admin = Baseline(
        "Django admin changelist of the same activities (a superuser)",
        admin_url,
        user=_superuser(),
        goal=PLAN_ADMIN_GOAL,
    )
    rollup_floor = Baseline(
        "fair floor: the same counts, one aggregate query, a plain table",
        floor_url("rollup", query=f"ar={PLAN_YEAR}"),
        is_floor=True,
    )
    cold_floor = Baseline(plan_floor.label, plan_floor.url, is_floor=True)
    return [
        TimedRequest("plan page", plan_url, members[0], baselines=(plan_floor, admin)),
        # Its rows are cached under a digest of what they show: the first view after any change
        # renders them, as here, where the cache is emptied before each request.
        TimedRequest(
            "plan page, cold (the cache emptied before each)",
            plan_url,
            members[0],
            baselines=(cold_floor,),
            before=cache.clear,
        ),
        TimedRequest("national roll-up", rollup_url, members[0], baselines=(rollup_floor,)),
    ]


def _superuser() -> User:
    """The admin's user: the changelist shows a superuser everything, with no permission rows."""
    email = "benchmark-admin@vkr.example.se"
    existing = User.objects.filter(email=email).first()
    return existing or User.objects.create_superuser(email, full_name="Benchmark admin")
