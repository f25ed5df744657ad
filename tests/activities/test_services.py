"""Activity plan services: creation, focus-area rules and the stale-version check."""

import pytest
from django.core.exceptions import ValidationError

from activities import services
from activities.models import FocusArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    vfu = FocusArea.objects.get_or_create(name="Verksamhetsförlagd utbildning (VFU)", council=None)[
        0
    ]
    fortbildning = FocusArea.objects.get_or_create(name="Fortbildning", council=None)[0]
    return services.plan_create(council=world.own, year=2030, focus_areas=[vfu, fortbildning])


def test_a_council_has_one_plan_a_year(world, plan):
    with pytest.raises(ValidationError) as error:
        services.plan_create(council=world.own, year=2030)
    assert "year" in error.value.message_dict


def test_activities_are_added_last_in_their_focus_area(plan):
    vfu = plan.focus_areas.get(order=1)
    first = services.activity_create(plan=plan, focus_area=vfu, title="Etablera arbetsgrupp")
    second = services.activity_create(plan=plan, focus_area=vfu, title="Kartlägga ersättning")
    assert (first.order, second.order) == (1, 2)


def test_a_focus_area_outside_the_plan_is_refused(plan):
    other = FocusArea.objects.get_or_create(name="AT/BT", council=None)[0]
    with pytest.raises(ValidationError) as error:
        services.activity_create(plan=plan, focus_area=other, title="AT-läkare")
    assert "focus_area" in error.value.message_dict
    assert not plan.activities.exists()


def test_an_empty_or_overlong_title_is_an_error_at_the_title(plan):
    vfu = plan.focus_areas.get(order=1)
    for title in ["", "x" * 301]:
        with pytest.raises(ValidationError) as error:
            services.activity_create(plan=plan, focus_area=vfu, title=title)
        assert "title" in error.value.message_dict


def test_a_forged_priority_is_refused_and_nothing_saved(plan):
    vfu = plan.focus_areas.get(order=1)
    activity = services.activity_create(plan=plan, focus_area=vfu, title="Handledarutbildning")
    with pytest.raises(ValidationError):
        services.activity_update(activity=activity, version=activity.version, priority="purple")
    activity.refresh_from_db()
    assert (activity.priority, activity.version) == ("unset", 1)


def test_a_stale_version_raises_a_conflict_and_keeps_the_first_change(plan):
    vfu = plan.focus_areas.get(order=1)
    activity = services.activity_create(plan=plan, focus_area=vfu, title="Handledarutbildning")
    services.activity_update(activity=activity, version=1, priority="green")
    with pytest.raises(services.ActivityConflict) as conflict:
        services.activity_update(activity=activity, version=1, priority="red")
    assert conflict.value.current.priority == "green"
    activity.refresh_from_db()
    assert (activity.priority, activity.version) == ("green", 2)


def test_every_change_is_in_the_history(plan, world):
    vfu = plan.focus_areas.get(order=1)
    activity = services.activity_create(plan=plan, focus_area=vfu, title="Handledarutbildning")
    services.activity_update(activity=activity, version=1, priority="green", progress="ongoing")
    newest, oldest = activity.history.all()[0], activity.history.all()[1]
    changes = {
        change.field: (change.old, change.new) for change in newest.diff_against(oldest).changes
    }
    assert changes == {
        "priority": ("unset", "green"),
        "progress": ("not_started", "ongoing"),
        "version": (1, 2),
    }


def test_copy_to_next_year_carries_unfinished_activities_red_first(plan):
    vfu = plan.focus_areas.get(order=1)
    plan.plan_focus_areas.filter(focus_area=vfu).update(note="Alla jobbar med frågan")
    make = services.activity_create
    done = make(plan=plan, focus_area=vfu, title="Klar", progress="done", priority="green")
    green = make(plan=plan, focus_area=vfu, title="Grön", priority="green")
    red = make(plan=plan, focus_area=vfu, title="Röd", priority="red", progress="paused")
    before = list(plan.activities.values_list("pk", "title", "order", "version"))

    next_plan = services.plan_copy_to_next_year(plan=plan)

    assert (next_plan.year, next_plan.copied_from) == (2031, plan)
    copied = list(next_plan.activities.order_by("order"))
    assert [a.title for a in copied] == ["Röd", "Grön"]
    assert [a.carried_over_from_id for a in copied] == [red.pk, green.pk]
    assert copied[0].progress == "paused"
    assert next_plan.plan_focus_areas.get(focus_area=vfu).note == "Alla jobbar med frågan"
    assert copied[0].history.count() == 1
    assert list(plan.activities.values_list("pk", "title", "order", "version")) == before
    assert done.pk not in [a.carried_over_from_id for a in copied]


def test_a_raised_activity_is_answered_by_the_national_council(plan, world):
    vfu = plan.focus_areas.get(order=1)
    activity = services.activity_create(plan=plan, focus_area=vfu, title="Utlandsutbildade läkare")
    with pytest.raises(ValidationError):
        services.activity_raise_to_national(activity=activity, motivation=" ", user=None)
    raised = services.activity_raise_to_national(
        activity=activity, motivation="Behov av fler utbildningsplatser", user=world.users["member"]
    )
    assert raised.status == "raised"
    with pytest.raises(ValidationError):
        services.national_raise_answer(raised=raised, status="answered", answer="", user=None)
    answered = services.national_raise_answer(
        raised=raised, status="answered", answer="Tas upp i rådet i mars.",
        user=world.users["national"],
    )  # fmt: skip
    assert (answered.status, answered.answered_by) == ("answered", world.users["national"])
    with pytest.raises(ValidationError):
        services.national_raise_answer(raised=raised, status="forged", answer="x", user=None)
