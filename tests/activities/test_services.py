"""Activity plan services: creation (once per sent form), focus-area rules, the stale-version
check and the field-by-field merge of a stale save."""

import uuid

import pytest
from django.core.exceptions import ValidationError

from activities import services
from activities.models import ActivityPlan, FocusArea
from idempotency.services import AlreadySubmitted

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


def _edited_meanwhile(activity, **fields):
    """Someone else saves on the activity's current version."""
    return services.activity_update(activity=activity, version=activity.version, **fields)


def test_a_stale_save_merges_what_only_one_side_changed(plan):
    vfu = plan.focus_areas.get(order=1)
    activity = services.activity_create(plan=plan, focus_area=vfu, title="Handledarutbildning")
    _edited_meanwhile(activity, timeline="Hösten", priority="red")
    saved = services.activity_update_merged(
        activity=activity, version=1, title="Handledarutbildning", content="Min text",
        timeline="", priority="unset",
    )  # fmt: skip
    assert (saved.content, saved.timeline, saved.priority, saved.version) == (
        "Min text", "Hösten", "red", 3
    )  # fmt: skip


def test_a_field_both_changed_is_named_and_nothing_is_saved(plan):
    vfu = plan.focus_areas.get(order=1)
    activity = services.activity_create(plan=plan, focus_area=vfu, title="Handledarutbildning")
    _edited_meanwhile(activity, content="Majas text", timeline="Hösten")
    with pytest.raises(services.ActivityConflict) as conflict:
        services.activity_update_merged(
            activity=activity, version=1, content="Stinas text", follow_up="Varje kvartal",
            timeline="",
        )  # fmt: skip
    assert conflict.value.fields == ["content"]
    assert conflict.value.merged == {"follow_up": "Varje kvartal"}
    activity.refresh_from_db()
    assert (activity.content, activity.follow_up, activity.version) == ("Majas text", "", 2)


def test_the_same_change_on_both_sides_is_no_conflict(plan):
    vfu = plan.focus_areas.get(order=1)
    activity = services.activity_create(plan=plan, focus_area=vfu, title="Handledarutbildning")
    _edited_meanwhile(activity, content="Samma text")
    saved = services.activity_update_merged(activity=activity, version=1, content="Samma text")
    assert (saved.content, saved.version) == ("Samma text", 2)


def test_without_the_version_the_form_was_opened_on_every_difference_is_asked_about(plan):
    vfu = plan.focus_areas.get(order=1)
    activity = services.activity_create(plan=plan, focus_area=vfu, title="Handledarutbildning")
    _edited_meanwhile(activity, content="Majas text")
    with pytest.raises(services.ActivityConflict) as conflict:
        services.activity_update_merged(
            activity=activity, version=0, title="Handledarutbildning", timeline="Ny"
        )
    assert conflict.value.fields == ["timeline"]


def test_reversed_quarters_are_refused_by_the_service(plan):
    vfu = plan.focus_areas.get(order=1)
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            plan=plan, focus_area=vfu, title="T", start_quarter="2023Q2", end_quarter="2023Q1"
        )
    assert "end_quarter" in error.value.message_dict


def test_each_creating_service_creates_once_per_key(plan, world):
    vfu = plan.focus_areas.get(order=1)
    member = world.users["member"]
    activity = services.activity_create(plan=plan, focus_area=vfu, title="Finns")
    url = activity.get_absolute_url()
    calls = [
        (
            lambda key: services.activity_create(
                plan=plan, focus_area=vfu, title="En gång", idempotency_key=key, user=member
            ),
            lambda made: made.get_absolute_url(),
        ),
        (
            lambda key: services.activity_note_add(
                activity=activity, text="En gång", author=member, idempotency_key=key
            ),
            lambda made: f"{url}#note-{made.pk}",
        ),
        (
            lambda key: services.activity_raise_to_national(
                activity=activity, motivation="En gång", user=member, idempotency_key=key
            ),
            lambda made: f"{url}#national",
        ),
        (
            lambda key: services.plan_copy_to_next_year(
                plan=plan, idempotency_key=key, user=member
            ),
            lambda made: made.get_absolute_url(),
        ),
    ]
    for call, result_url in calls:
        key = uuid.uuid4()
        made = call(key)
        with pytest.raises(AlreadySubmitted) as again:
            call(key)
        assert again.value.result_url == result_url(made)
    assert plan.activities.count() == 2
    assert activity.notes.count() == 1
    assert ActivityPlan.objects.filter(council=world.own, year=plan.year + 1).count() == 1


def test_a_new_plan_with_a_new_focus_area_makes_both_once(world):
    key = uuid.uuid4()
    plan = services.plan_create(
        council=world.own, year=2031, new_focus_area="Digital kompetens", idempotency_key=key
    )
    with pytest.raises(AlreadySubmitted) as again:
        services.plan_create(
            council=world.own, year=2031, new_focus_area="Digital kompetens", idempotency_key=key
        )
    assert again.value.result_url == plan.get_absolute_url()
    assert FocusArea.objects.filter(council=world.own, name="Digital kompetens").count() == 1
    assert [area.name for area in plan.focus_areas.all()] == ["Digital kompetens"]


def test_a_plan_that_is_not_created_leaves_no_new_focus_area_behind(world):
    services.plan_create(council=world.own, year=2032)
    with pytest.raises(ValidationError):
        services.plan_create(council=world.own, year=2032, new_focus_area="Blir inte av")
    assert not FocusArea.objects.filter(name="Blir inte av").exists()
