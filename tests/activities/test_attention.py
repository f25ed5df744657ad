"""The start page's activity items (activities/selectors/attention.py): raises awaiting the
national answer, answers since the last visit, the current plan's activities due."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from activities import services
from activities.models import Activity, FocusArea
from activities.selectors import activity_attention
from activities.selectors.attention import SHOWN, quarter_of

pytestmark = pytest.mark.django_db


def _answer(raised, user=None, status="answered", answer="Vi tar upp det nationellt."):
    return services.national_raise_answer(raised=raised, status=status, answer=answer, user=user)


def test_quarter_of_a_day():
    assert quarter_of(dt.date(2026, 1, 1)) == "2026Q1"
    assert quarter_of(dt.date(2026, 3, 31)) == "2026Q1"
    assert quarter_of(dt.date(2026, 4, 1)) == "2026Q2"
    assert quarter_of(dt.date(2026, 12, 31)) == "2026Q4"


# --- raised activities awaiting the national answer


def test_a_national_member_sees_every_raise_not_yet_answered_oldest_first(world):
    attention = activity_attention(world.users["national"])
    assert attention.raises_waiting_count == 2
    assert attention.raises_waiting == [world.extra["own_raise"], world.extra["other_raise"]]


def test_a_raise_being_handled_still_waits_and_an_answered_one_does_not(world):
    _answer(world.extra["own_raise"], status="in_progress", answer="")
    _answer(world.extra["other_raise"])
    attention = activity_attention(world.users["national"])
    assert attention.raises_waiting == [world.extra["own_raise"]]
    assert attention.raises_waiting_count == 1


@pytest.mark.parametrize(
    "role", ["respondent", "member", "other_member", "secretariat", "admin", "convenor"]
)
def test_only_the_national_council_is_asked_to_answer(world, role):
    attention = activity_attention(world.users[role])
    assert attention.raises_waiting == [] and attention.raises_waiting_count == 0


def test_the_national_secretariat_sits_in_the_national_council_too(world):
    assert activity_attention(world.users["national_secretariat"]).raises_waiting_count == 2


def test_the_list_is_cut_but_the_count_is_all(world):
    plan, vfu = world.extra["own_plan"], FocusArea.objects.get(council=None, short_name="VFU")
    for n in range(SHOWN + 2):
        activity = services.activity_create(plan=plan, focus_area=vfu, title=f"Lyft {n}")
        services.activity_raise_to_national(activity=activity, motivation="M", user=None)
    attention = activity_attention(world.users["national"])
    assert attention.raises_waiting_count == SHOWN + 4
    assert len(attention.raises_waiting) == SHOWN
    assert attention.raises_waiting[0] == world.extra["own_raise"]


# --- answers to my council's raises since my last visit


def test_an_answer_reaches_the_raising_councils_people_not_the_others(world):
    _answer(world.extra["own_raise"], user=world.users["national"])
    for role in ("member", "secretariat"):
        attention = activity_attention(world.users[role])
        assert attention.answers == [world.extra["own_raise"]], role
        assert attention.answers_count == 1
    for role in ("other_member", "national", "respondent", "admin"):
        assert activity_attention(world.users[role]).answers == [], role


def test_the_answers_are_those_since_the_previous_login(world):
    user = world.users["member"]
    answered = _answer(world.extra["own_raise"])
    user.previous_login = answered.answered_at - dt.timedelta(minutes=1)
    assert activity_attention(user).answers == [answered]
    user.previous_login = answered.answered_at + dt.timedelta(minutes=1)
    attention = activity_attention(user)
    assert attention.answers == [] and attention.answers_count == 0


def test_without_a_previous_login_the_last_30_days_count(world):
    user = world.users["member"]
    user.previous_login = None
    answered = _answer(world.extra["own_raise"])
    now = timezone.now()
    assert activity_attention(user, now=now + dt.timedelta(days=29)).answers == [answered]
    assert activity_attention(user, now=now + dt.timedelta(days=31)).answers == []


def test_a_status_change_without_an_answer_is_no_news(world):
    _answer(world.extra["own_raise"], status="received", answer="")
    assert activity_attention(world.users["member"]).answers == []


# --- activities of this year's plan due by this quarter, not done


@pytest.fixture
def this_year(world):
    """The own council's plan for the current year, with one activity per case."""
    today = timezone.localdate()
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    plan = services.plan_create(council=world.own, year=today.year, focus_areas=[vfu])
    now_q, year = quarter_of(today), today.year
    later = f"{year + 1}Q1"
    earlier = f"{year - 1}Q4"

    def add(title, end, progress=Activity.Progress.ONGOING, **extra):
        return services.activity_create(
            plan=plan, focus_area=vfu, title=title, start_quarter=f"{year - 1}Q1",
            end_quarter=end, progress=progress, **extra,
        )  # fmt: skip

    return {
        "plan": plan,
        "now": add("Klar detta kvartal", now_q, responsible=world.users["member"]),
        "late": add("Skulle ha varit klar", earlier),
        "done": add("Redan klar", now_q, progress=Activity.Progress.DONE),
        "later": add("Nästa år", later),
        "undated": add("Utan slutkvartal", ""),
    }


def test_activities_due_by_this_quarter_and_not_done(world, this_year):
    attention = activity_attention(world.users["member"])
    assert [due.activity for due in attention.due] == [this_year["late"], this_year["now"]]
    assert attention.due_count == 2
    assert [due.overdue for due in attention.due] == [True, False]
    assert attention.due[1].end_label == "Q{} {}".format(*reversed(
        this_year["now"].end_quarter.split("Q")
    ))  # fmt: skip


def test_an_activity_done_leaves_the_list(world, this_year):
    activity = this_year["now"]
    services.activity_update(activity=activity, version=activity.version, progress="done")
    assert [due.activity for due in activity_attention(world.users["member"]).due] == [
        this_year["late"]
    ]


def test_activities_due_are_the_own_councils_only(world, this_year):
    for role in ("other_member", "national", "respondent", "admin"):
        attention = activity_attention(world.users[role])
        assert attention.due == [] and attention.due_count == 0, role
    assert activity_attention(world.users["secretariat"]).due_count == 2


def test_an_old_years_plan_is_not_this_quarters_work(world):
    # The world's 2022 plan has an activity without quarters; give it a past one.
    activity = world.extra["own_activity"]
    Activity.objects.filter(pk=activity.pk).update(end_quarter="2022Q2")
    assert activity_attention(world.users["member"]).due == []


def test_nothing_for_a_logged_out_visitor():
    from django.contrib.auth.models import AnonymousUser

    assert activity_attention(AnonymousUser()).is_empty


def test_one_query_a_list_however_long(world, this_year, django_assert_num_queries):
    member, national = world.users["member"], world.users["national"]
    for user in (member, national):
        activity_attention(user)  # the seats are read once per request
    plan, vfu = world.extra["own_plan"], FocusArea.objects.get(council=None, short_name="VFU")
    for n in range(SHOWN + 3):
        activity = services.activity_create(plan=plan, focus_area=vfu, title=f"Lyft {n}")
        raised = services.activity_raise_to_national(activity=activity, motivation="M", user=None)
        if n % 2:
            _answer(raised)
        services.activity_create(
            plan=this_year["plan"], focus_area=vfu, title=f"Due {n}",
            end_quarter=this_year["now"].end_quarter,
        )  # fmt: skip
    with django_assert_num_queries(2):  # the answers, the activities due
        attention = activity_attention(member)
    assert (len(attention.answers), attention.answers_count) == (4, 4)
    assert (len(attention.due), attention.due_count) == (SHOWN, 2 + SHOWN + 3)
    with django_assert_num_queries(1):  # the raises waiting
        attention = activity_attention(national)
    assert (len(attention.raises_waiting), attention.raises_waiting_count) == (SHOWN, 2 + 4)
