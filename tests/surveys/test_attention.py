"""The start page's survey items (surveys/selectors/attention.py): the open surveys of one's
councils with rate and days left, and the secretariat's surveys that need a reminder."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from councils.models import Organisation
from surveys import services
from surveys.models import Invitation, Response, Survey
from surveys.selectors import survey_attention
from surveys.selectors.attention import CLOSING_DAYS, REMIND_BELOW_RATE, REMIND_MISSING

pytestmark = pytest.mark.django_db


def _surveys(items) -> list[Survey]:
    return [item.survey for item in items]


def _closing_in(survey: Survey, days: float) -> Survey:
    return services.survey_update(survey=survey, closes_at=timezone.now() + dt.timedelta(days))


def _invite(survey: Survey, n: int, *, submitted: int) -> None:
    """n more reached organisations of the survey's region, the first `submitted` answered."""
    region = survey.council.healthcare_region
    for i in range(n):
        org = Organisation.objects.create(
            kind="kommun", code=f"{survey.pk}-{i}", name=f"Kommun {survey.pk}-{i}"
        )
        org.healthcare_regions.add(region)
        invitation = Invitation.objects.create(
            survey=survey, organisation=org, sent_at=timezone.now()
        )
        if i < submitted:
            Response.objects.create(
                survey=survey, organisation=org, invitation=invitation,
                status=Response.Status.SUBMITTED, submitted_at=timezone.now(),
            )  # fmt: skip


def test_the_constants_say_what_many_means():
    assert (CLOSING_DAYS, REMIND_BELOW_RATE, REMIND_MISSING) == (7, 80, 5)


def test_the_open_survey_of_my_council_with_its_rate(world):
    attention = survey_attention(world.users["member"])
    (item,) = attention.open
    assert item.survey == world.extra["own_survey"]
    # Arvika has a link, Örebro answered: one of two.
    assert (item.invited, item.submitted, item.missing, item.rate) == (2, 1, 1, 50)
    assert item.days_left is None
    assert attention.remind == []


@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_never_another_councils_survey(world, role):
    assert _surveys(survey_attention(world.users[role]).open) == [world.extra["own_survey"]]


def test_the_other_council_sees_its_own(world):
    assert _surveys(survey_attention(world.users["other_member"]).open) == [
        world.extra["other_survey"]
    ]


@pytest.mark.parametrize("role", ["respondent", "admin", "convenor", "group_member", "national"])
def test_no_open_surveys_without_a_seat_in_their_council(world, role):
    assert survey_attention(world.users[role]).is_empty


def test_a_draft_a_closed_and_a_not_yet_open_survey_are_not_open(world):
    survey = world.extra["own_survey"]
    services.survey_update(survey=survey, opens_at=timezone.now() + dt.timedelta(days=1))
    assert survey_attention(world.users["member"]).open == []
    services.survey_update(survey=survey, opens_at=None, status="closed")
    assert survey_attention(world.users["member"]).open == []
    services.survey_update(survey=survey, status="open", closes_at=timezone.now())
    assert survey_attention(world.users["member"]).open == []


def test_days_left_to_the_closing_day(world):
    _closing_in(world.extra["own_survey"], 10)
    assert survey_attention(world.users["member"]).open[0].days_left == 10


def test_closing_soon_with_few_answers_asks_the_secretariat_for_a_reminder(world):
    survey = _closing_in(world.extra["own_survey"], 3)  # 1 of 2 answered: 50 %
    secretariat = survey_attention(world.users["secretariat"])
    assert _surveys(secretariat.remind) == [survey] and secretariat.open == []
    # A member sees it as an open survey: the reminders are the secretariat's.
    member = survey_attention(world.users["member"])
    assert _surveys(member.open) == [survey] and member.remind == []


def test_no_reminder_a_week_and_more_before_closing(world):
    _closing_in(world.extra["own_survey"], CLOSING_DAYS + 1)
    assert survey_attention(world.users["secretariat"]).remind == []


def test_no_reminder_when_almost_everybody_answered(world):
    survey = _closing_in(world.extra["own_survey"], 2)
    _invite(survey, 18, submitted=17)  # 18 of 20 answered, 90 %, 2 missing
    attention = survey_attention(world.users["secretariat"])
    assert attention.remind == [] and _surveys(attention.open) == [survey]


def test_a_reminder_for_five_missing_even_at_a_high_rate(world):
    survey = _closing_in(world.extra["own_survey"], 2)
    _invite(survey, 48, submitted=44)  # 45 of 50 answered, 90 %, 5 missing
    (item,) = survey_attention(world.users["secretariat"]).remind
    assert (item.rate, item.missing) == (90, 5)


def test_no_reminder_when_all_answered_or_nobody_was_invited(world):
    survey = _closing_in(world.extra["own_survey"], 2)
    Response.objects.create(
        survey=survey, organisation=world.organisations["arvika"],
        invitation=world.extra["own_invitation"], status=Response.Status.SUBMITTED,
    )  # fmt: skip
    assert survey_attention(world.users["secretariat"]).remind == []
    Invitation.objects.filter(survey=survey).update(revoked_at=timezone.now())
    attention = survey_attention(world.users["secretariat"])
    assert attention.remind == [] and attention.open[0].invited == 0


def test_two_queries_however_many_surveys(world, django_assert_num_queries):
    user = world.users["secretariat"]
    survey_attention(user)  # the seats are read once per request
    with django_assert_num_queries(2):
        survey_attention(user)
    for n in range(5):
        more = Survey.objects.create(
            council=world.own, title=f"Enkät {n}", status="open",
            closes_at=timezone.now() + dt.timedelta(days=n + 1),
        )  # fmt: skip
        _invite(more, 6, submitted=n)
    with django_assert_num_queries(2):
        attention = survey_attention(user)
    assert len(attention.remind) + len(attention.open) == 6
