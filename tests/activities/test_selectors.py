"""Activity plan reads: a constant number of queries however many activities there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities import selectors, services
from activities.models import FocusArea

pytestmark = pytest.mark.django_db


def _plan_with(world, council, n: int, year: int = 2030):
    areas = [
        FocusArea.objects.get_or_create(name=name, council=None)[0]
        for name in ("VFU", "Fortbildning")
    ]
    plan = services.plan_create(council=council, year=year, focus_areas=areas)
    for i in range(n):
        activity = services.activity_create(
            plan=plan, focus_area=areas[i % 2], title=f"Aktivitet {i}",
            priority=["green", "yellow", "red"][i % 3],
        )  # fmt: skip
        services.activity_note_add(activity=activity, text="Risk att vi konstlar till det",
                                   group_name="Grupp Maria")  # fmt: skip
        if i % 4 == 0:
            services.activity_raise_to_national(
                activity=activity, motivation="Nationellt", user=None
            )
    return plan


def _queries(func) -> int:
    with CaptureQueriesContext(connection) as context:
        func()
    return len(context.captured_queries)


def test_plan_sections_query_count_does_not_grow_with_activities(world):
    small = _plan_with(world, world.own, 3)
    large = _plan_with(world, world.other, 40)
    count_small = _queries(lambda: selectors.plan_sections(small))
    count_large = _queries(lambda: selectors.plan_sections(large))
    assert count_small == count_large <= 3
    sections = selectors.plan_sections(large)
    assert sum(len(s.activities) for s in sections) == 40


def test_rollup_counts_per_priority_in_a_constant_number_of_queries(world):
    _plan_with(world, world.own, 6)
    count_small = _queries(lambda: selectors.national_rollup(2030))
    _plan_with(world, world.other, 30)
    count_large = _queries(lambda: selectors.national_rollup(2030))
    assert count_small == count_large == 2
    councils, table = selectors.national_rollup(2030)
    vfu = next(row for row in table if row.name == "VFU")
    own = next(cell for cell in vfu.cells if cell.council == world.own)
    assert own.total == 3
    assert own.by_priority == {"green": 1, "yellow": 1, "red": 1, "unset": 0}


def test_filters_narrow_the_plan(world):
    plan = _plan_with(world, world.own, 12)
    raised = selectors.ActivityFilter(raised=True)
    assert sum(len(s.activities) for s in selectors.plan_sections(plan, raised)) == 3
    green = selectors.ActivityFilter(priority="green")
    assert sum(len(s.activities) for s in selectors.plan_sections(plan, green)) == 4
