"""The start page's workgroup items: each list for each role, and a constant query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from councils.models import User
from workgroups import services
from workgroups.models import Member, Question
from workgroups.selectors.attention import attention_for
from workgroups.services.meetings import meeting_create


def _fresh(user: User) -> User:
    # A new user object: nothing read for an earlier request is cached on it.
    return User.objects.get(pk=user.pk)


def _today() -> dt.date:
    return timezone.localdate()


def _meeting(group, days: float, title: str = "Arbetsmöte"):
    start = timezone.now() + dt.timedelta(days=days)
    return meeting_create(
        group=group, title=title, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )


def _answer(question: Question, by: User) -> Question:
    return services.question_answer(
        question=question, version=question.version, status="besvarad",
        answer="Rådet tar upp det i mars.", user=by,
    )  # fmt: skip


def _render(attention) -> str:
    return render_to_string("workgroups/_attention.html", {"attention": attention})


# ---------------------------------------------------------------- meetings


def test_a_convenor_sees_the_next_two_weeks_of_their_groups_meetings(world):
    group = world.extra["own_group"]
    later = _meeting(group, 20, "Om tre veckor")
    earlier = _meeting(group, 1, "I morgon")
    _meeting(group, -2, "Förra veckan")
    attention = attention_for(_fresh(world.users["convenor"]))
    assert attention.meetings == [earlier, world.extra["own_meeting"]]
    assert later not in attention.meetings and not attention.is_empty
    html = _render(attention)
    assert reverse(
        "workgroups:meeting",
        kwargs={"slug": "mellansverige", "pk": group.pk, "meeting_pk": earlier.pk},
    ) in html  # fmt: skip


def test_a_meeting_under_way_still_shows(world):
    meeting = _meeting(world.extra["own_group"], -0.02)  # began half an hour ago
    assert meeting in attention_for(_fresh(world.users["group_member"])).meetings


def test_other_groups_meetings_do_not_show(world):
    own, other = world.extra["own_meeting"], world.extra["other_meeting"]
    assert attention_for(_fresh(world.users["other_member"])).meetings == [other]
    # The council's members read the group but are not in it: no meetings on their page.
    assert attention_for(_fresh(world.users["member"])).meetings == []
    assert own in attention_for(_fresh(world.users["group_member"])).meetings


def test_a_former_member_no_longer_sees_the_meetings(world):
    member = world.extra["own_group_member"]
    services.member_update(
        member=member, start_date=_today() - dt.timedelta(days=90),
        end_date=_today() - dt.timedelta(days=1),
    )  # fmt: skip
    assert attention_for(_fresh(world.users["group_member"])).meetings == []


# ---------------------------------------------------------------- reports due


def test_the_final_report_shows_two_weeks_before_and_when_overdue(world):
    group = world.extra["own_group"]
    convenor = world.users["convenor"]
    assert attention_for(_fresh(convenor)).reports_due == []  # 60 days ahead
    group = services.workgroup_update(
        group=group, version=None, final_report_due=_today() + dt.timedelta(days=14)
    )
    [due] = attention_for(_fresh(convenor)).reports_due
    assert (due.group, due.kind, due.days_left, due.overdue) == (group, "slutrapport", 14, False)
    assert due.url == group.get_absolute_url()
    services.workgroup_update(
        group=group, version=None, final_report_due=_today() - dt.timedelta(days=5)
    )
    [due] = attention_for(_fresh(convenor)).reports_due
    assert due.overdue and due.days_overdue == 5
    html = _render(attention_for(_fresh(convenor)))
    assert "Försenad" in html and "för 5 dagar sedan" in html


def test_a_planned_status_report_links_to_the_report(world):
    group = world.extra["own_group"]
    report = services.report_create(
        group=group, kind="lagesrapport", due_date=_today() + dt.timedelta(days=3), submit=False
    )
    [due] = attention_for(_fresh(world.users["group_member"])).reports_due
    assert due.report == report and due.days_left == 3
    url = reverse(
        "workgroups:report",
        kwargs={"slug": "mellansverige", "pk": group.pk, "report_pk": report.pk},
    )  # fmt: skip
    assert due.url == url
    assert f'href="{url}"' in _render(attention_for(_fresh(world.users["group_member"])))


def test_submitted_and_closed_are_not_due(world):
    group = world.extra["own_group"]
    soon = _today() + dt.timedelta(days=2)
    group = services.workgroup_update(group=group, version=None, final_report_due=soon)
    services.report_create(group=group, kind="slutrapport", done="Klart", submit=True)
    services.report_create(group=group, kind="lagesrapport", due_date=soon, submit=True)
    assert attention_for(_fresh(world.users["convenor"])).reports_due == []
    services.report_create(group=group, kind="lagesrapport", due_date=soon, submit=False)
    assert len(attention_for(_fresh(world.users["convenor"])).reports_due) == 1
    services.workgroup_update(group=group, version=None, status="avslutad")
    assert attention_for(_fresh(world.users["convenor"])).reports_due == []


def test_the_secretariat_sees_every_group_of_its_council_and_no_other(world):
    soon = _today() + dt.timedelta(days=5)
    for key in ("own_group", "other_group"):
        services.workgroup_update(group=world.extra[key], version=None, final_report_due=soon)
    [due] = attention_for(_fresh(world.users["secretariat"])).reports_due
    assert due.group == world.extra["own_group"]
    # A council member without the secretariat's role is not asked to chase reports.
    assert attention_for(_fresh(world.users["member"])).reports_due == []
    assert attention_for(_fresh(world.users["admin"])).reports_due == []


# ---------------------------------------------------------------- questions and answers


def test_council_members_see_their_councils_questions_waiting(world):
    own, other = world.extra["own_question"], world.extra["other_question"]
    for role in ("member", "secretariat"):
        attention = attention_for(_fresh(world.users[role]))
        assert attention.questions_waiting == [own], role
    assert attention_for(_fresh(world.users["other_member"])).questions_waiting == [other]
    html = _render(attention_for(_fresh(world.users["member"])))
    url = reverse(
        "workgroups:question_answer", kwargs={"slug": "mellansverige", "question_pk": own.pk}
    )
    assert f'href="{url}"' in html
    # A group member without a council seat does not answer for the council.
    assert attention_for(_fresh(world.users["convenor"])).questions_waiting == []
    assert attention_for(_fresh(world.users["national"])).questions_waiting == []


def test_a_drafts_questions_and_answered_ones_do_not_wait(world):
    draft = services.report_create(
        group=world.extra["own_group"], kind="lagesrapport", question="Ett utkast?", submit=False
    )
    in_progress = world.extra["own_question"]
    services.question_answer(
        question=in_progress, version=in_progress.version, status="behandlas", answer="",
        user=world.users["member"],
    )  # fmt: skip
    waiting = attention_for(_fresh(world.users["member"])).questions_waiting
    assert waiting == [in_progress] and draft.questions.get() not in waiting
    _answer(Question.objects.get(pk=in_progress.pk), world.users["member"])
    assert attention_for(_fresh(world.users["member"])).questions_waiting == []


def test_the_group_sees_answers_to_its_questions_for_thirty_days(world):
    question = _answer(world.extra["own_question"], world.users["member"])
    for role in ("convenor", "group_member"):
        assert attention_for(_fresh(world.users[role])).answers == [question], role
    assert attention_for(_fresh(world.users["other_member"])).answers == []
    html = _render(attention_for(_fresh(world.users["convenor"])))
    assert f'href="{question.report.get_absolute_url()}#question-{question.pk}"' in html
    Question.objects.filter(pk=question.pk).update(
        answered_at=timezone.now() - dt.timedelta(days=31)
    )
    assert attention_for(_fresh(world.users["convenor"])).answers == []


# ---------------------------------------------------------------- nothing, and the queries


@pytest.mark.parametrize("role", ["respondent", "national", "admin"])
def test_nothing_to_do_is_empty(world, role):
    attention = attention_for(_fresh(world.users[role]))
    assert attention.is_empty
    assert "list-group" not in _render(attention)


def test_anonymous_gets_nothing_and_asks_nothing(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert attention_for(AnonymousUser()).is_empty


def _busy_groups(world, count: int) -> User:
    """`count` groups of the own council, each with members, meetings, a planned report due,
    a question waiting and one answered; the secretariat convenes them all."""
    secretariat = world.users["secretariat"]
    soon = _today() + dt.timedelta(days=4)
    for n in range(count):
        group = services.workgroup_create(
            council=world.own, name=f"Grupp {n}", final_report_due=soon
        )
        services.member_add(group=group, user=secretariat, role=Member.Role.CONVENOR)
        for m in range(3):
            services.member_add(group=group, name=f"Kontakt {n}.{m}")
        for days in (1, 2, 30):
            _meeting(group, days)
        services.report_create(group=group, kind="lagesrapport", due_date=soon, submit=False)
        report = services.report_create(
            group=group, kind="lagesrapport", question="Väntar på svar?", user=secretariat
        )
        answered = services.question_add(report=report, text="Besvarad?")
        _answer(answered, world.users["member"])
    return secretariat


@pytest.mark.parametrize("count", [1, 10])
def test_the_queries_do_not_grow_with_groups_members_and_meetings(
    world, count, django_assert_num_queries
):
    user = _fresh(_busy_groups(world, count))
    # The user's groups, their seats, meetings, answers, final and planned reports, questions.
    with django_assert_num_queries(7):
        attention = attention_for(user)
        html = _render(attention)
    assert len(attention.meetings) == 2 * count
    assert len(attention.reports_due) == 2 * count
    assert len(attention.answers) == count
    assert len(attention.questions_waiting) == count + 1  # and the world's own question
    assert html.count("list-group-item") == 6 * count + 1
