"""The start page's "Att ta hand om": each kind of item appears for the people it waits for,
links to where it is done, disappears once done, and never shows another council's things;
"Inget väntar på dig just nu." only when nothing waits; a fixed number of queries per role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities import services as plans
from activities.models import Activity, FocusArea
from activities.selectors.attention import quarter_of
from councils import services as councils
from councils.models import Membership, Organisation, User
from recommendations.models import FollowUp
from reports.models import AnnualReport, ReportBuild
from surveys import services as surveys
from surveys.models import Invitation, Response, Survey

pytestmark = pytest.mark.django_db

NOTHING = "Inget väntar på dig just nu."


def _page(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _login(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _answer(raised, status="answered", answer="Vi tar upp det i dialogen med UKÄ."):
    return plans.national_raise_answer(raised=raised, status=status, answer=answer, user=None)


def _plan_this_year(council, n: int = 1) -> list[Activity]:
    """A plan for the current year with n activities ending this quarter, ongoing."""
    today = timezone.localdate()
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    plan = plans.plan_create(council=council, year=today.year, focus_areas=[vfu])
    return [
        plans.activity_create(
            plan=plan,
            focus_area=vfu,
            title=f"Ska vara klar {council.short_name} {i}",
            start_quarter=f"{today.year}Q1",
            end_quarter=quarter_of(today),
            progress="ongoing",
        )  # fmt: skip
        for i in range(n)
    ]


def _closing_in(survey, days: int):
    return surveys.survey_update(survey=survey, closes_at=timezone.now() + dt.timedelta(days))


# --- raised activities awaiting the national answer


def test_the_national_member_sees_the_raises_to_answer(world, client_for):
    page = _page(client_for("national"))
    assert "väntar på det nationella rådets svar" in page
    for key in ("own_raise", "other_raise"):
        raised = world.extra[key]
        assert reverse("activities:raise_answer", args=[raised.pk]) in page
        assert raised.activity.title in page
    assert reverse("activities:inbox") in page
    assert NOTHING not in page


def test_an_answered_raise_leaves_the_national_list(world, client_for):
    _answer(world.extra["own_raise"])
    page = _page(client_for("national"))
    assert reverse("activities:raise_answer", args=[world.extra["own_raise"].pk]) not in page
    assert reverse("activities:raise_answer", args=[world.extra["other_raise"].pk]) in page


@pytest.mark.parametrize("role", ["member", "secretariat", "other_member", "respondent", "admin"])
def test_the_raises_to_answer_are_the_national_councils(world, client_for, role):
    assert "väntar på det nationella rådets svar" not in _page(client_for(role))


# --- answers to my council's raises since my last visit


def test_the_member_sees_the_answer_to_the_councils_raise(world, client_for):
    client = client_for("member")  # the first login: the answers of the last 30 days
    _answer(world.extra["own_raise"])
    page = _page(client)
    activity = world.extra["own_activity"]
    assert "Nya svar från det nationella rådet" in page
    assert f"{activity.get_absolute_url()}#national" in page
    assert "Vi tar upp det i dialogen med UKÄ." in page
    # Norra's member: not their council's raise.
    assert "Nya svar från det nationella rådet" not in _page(client_for("other_member"))


def test_an_answer_seen_before_the_last_visit_is_gone(world, client_for):
    client = client_for("member")
    _answer(world.extra["own_raise"])
    assert "Nya svar från det nationella rådet" in _page(client)
    # A newer visit: the member logs in again after the answer.
    User.objects.filter(pk=world.users["member"].pk).update(
        previous_login=timezone.now() + dt.timedelta(seconds=1)
    )
    assert "Nya svar från det nationella rådet" not in _page(client)


def test_a_second_login_moves_the_last_visit(world):
    user = world.users["member"]
    _answer(world.extra["own_raise"])
    assert "Nya svar från det nationella rådet" in _page(_login(user))
    again = _login(user)
    assert "Nya svar från det nationella rådet" not in _page(again)


# --- open surveys of my council


def test_the_open_survey_with_its_rate_and_days_left(world, client_for):
    survey = _closing_in(world.extra["own_survey"], 20)
    page = _page(client_for("member"))
    assert "Öppna enkäter" in page
    assert survey.get_absolute_url() in page
    assert "1 av 2 har svarat (50\u00a0%)" in page
    assert "om 20 dagar" in page
    assert world.extra["other_survey"].get_absolute_url() not in page


def test_a_closed_survey_leaves_the_list(world, client_for):
    survey = surveys.survey_update(survey=world.extra["own_survey"], status="closed")
    page = _page(client_for("member"))
    assert survey.get_absolute_url() not in page and "Öppna enkäter" not in page


# --- surveys closing soon with many not answered: the secretariat reminds


def test_the_secretariat_is_asked_to_remind(world, client_for):
    survey = _closing_in(world.extra["own_survey"], 3)
    recipients = reverse("surveys:recipients", args=[survey.council.slug, survey.pk])
    page = _page(client_for("secretariat"))
    assert "Skicka påminnelse" in page and recipients in page
    member = _page(client_for("member"))
    assert "Skicka påminnelse" not in member and survey.get_absolute_url() in member
    assert "Skicka påminnelse" not in _page(client_for("other_member"))


def test_no_reminder_once_everybody_answered(world, client_for):
    survey = _closing_in(world.extra["own_survey"], 3)
    Response.objects.create(
        survey=survey, organisation=world.organisations["arvika"],
        invitation=world.extra["own_invitation"], status=Response.Status.SUBMITTED,
    )  # fmt: skip
    page = _page(client_for("secretariat"))
    assert "Skicka påminnelse" not in page
    assert "2 av 2 har svarat (100\u00a0%)" in page


# --- activities of this year's plan due this quarter


def test_the_activities_due_this_quarter(world, client_for):
    (activity,) = _plan_this_year(world.own)
    (other,) = _plan_this_year(world.other)
    page = _page(client_for("member"))
    assert "Aktiviteter som ska vara klara detta kvartal" in page
    assert activity.get_absolute_url() in page and other.get_absolute_url() not in page
    plans.activity_update(activity=activity, version=activity.version, progress="done")
    assert "Aktiviteter som ska vara klara detta kvartal" not in _page(client_for("member"))


def test_more_due_than_shown_links_to_the_plan(world, client_for):
    activities = _plan_this_year(world.own, 7)
    page = _page(client_for("secretariat"))
    assert "Se alla 7 i aktivitetsplanen" in page
    assert activities[0].plan.get_absolute_url() in page


# --- the annual report


def test_the_secretariat_sees_a_finished_report_not_fastställd(world):
    last_year = timezone.localdate().year - 1
    report = AnnualReport.objects.create(council=world.own, year=last_year)
    ReportBuild.objects.create(report=report, number=1, sections=[], options_key="k", status="done")
    page = _page(_login(world.users["secretariat"]))
    assert reverse("reports:report", args=["mellansverige", last_year]) in page
    assert "Version 1 är klar men ingen version är fastställd." in page
    assert "Version 1 är klar" not in _page(_login(world.users["member"]))
    other_secretariat = world.memberships["other_secretariat"].user
    assert reverse("reports:report", args=["mellansverige", last_year]) not in _page(
        _login(other_secretariat)
    )


# --- what was there before stays


def test_memberships_ending_and_stale_follow_ups_stay(world, client_for):
    membership = world.memberships["member"]
    membership.end_date = timezone.localdate() + dt.timedelta(days=10)
    membership.save()
    follow_up = world.extra["own_region_follow_up"]
    FollowUp.objects.filter(pk=follow_up.pk).update(
        recorded_on=timezone.localdate() - dt.timedelta(days=400)
    )
    page = _page(client_for("secretariat"))
    assert reverse("councils:member_edit", args=["mellansverige", membership.pk]) in page
    assert reverse("recommendations:follow_up", args=["mellansverige", follow_up.pk]) in page


def test_the_follow_ups_badge_counts_all_of_them_not_the_twenty_listed(world):
    from recommendations.selectors import stale_follow_ups

    FollowUp.objects.filter(council=world.own).update(
        recorded_on=timezone.localdate() - dt.timedelta(days=400)
    )
    stale = FollowUp.objects.filter(council=world.own).exclude(
        status__in=[FollowUp.Status.DONE, FollowUp.Status.NOT_APPLICABLE]
    )
    listed = stale_follow_ups(world.users["secretariat"])
    assert listed and {f.stale_count for f in listed} == {stale.count()}


def test_the_workgroups_items_stay(world, client_for):
    page = _page(client_for("convenor"))
    assert "Möten de närmaste två veckorna" in page


# --- "Inget väntar på dig just nu."


def test_the_respondent_is_told_of_their_survey_and_then_of_nothing(world, client_for):
    page = _page(client_for("respondent"))
    assert "Enkäter att besvara" in page and world.extra["own_survey"].title in page
    assert NOTHING not in page
    invitation = world.extra["own_invitation"]
    invitation.emails = ["kontakt@arvika.test"]
    invitation.save(update_fields=["emails"])
    page = _page(client_for("respondent"))
    assert "Enkäter att besvara" not in page and NOTHING in page


def test_nothing_waits_once_the_national_answered_everything(world, client_for):
    assert NOTHING not in _page(client_for("national"))
    _answer(world.extra["own_raise"])
    _answer(world.extra["other_raise"])
    assert NOTHING in _page(client_for("national"))


@pytest.mark.parametrize("role", ["member", "secretariat", "convenor"])
def test_something_waits_for_a_council_or_group_member(client_for, role):
    assert NOTHING not in _page(client_for(role))


# --- a fixed number of queries


def _one_of_each(world) -> None:
    """One item of every kind the start page lists for the secretariat, the member and the
    national member (the world's workgroup items are one of each already)."""
    _answer(world.extra["own_raise"])  # an answer for Mellansverige; Norra's raise waits
    _closing_in(world.extra["own_survey"], 3)  # a reminder (secretariat), open (member)
    _plan_this_year(world.own)
    report = AnnualReport.objects.create(council=world.own, year=timezone.localdate().year - 1)
    ReportBuild.objects.create(report=report, number=1, sections=[], options_key="k",
                               status="done")  # fmt: skip
    membership = world.memberships["member"]
    membership.end_date = timezone.localdate() + dt.timedelta(days=10)
    membership.save()
    FollowUp.objects.filter(pk=world.extra["own_region_follow_up"].pk).update(
        recorded_on=timezone.localdate() - dt.timedelta(days=400)
    )


def _many_of_each(world) -> None:
    """Many more of every kind, in both regional councils."""
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    for key in ("own_plan", "other_plan"):
        for n in range(8):
            activity = plans.activity_create(plan=world.extra[key], focus_area=vfu,
                                             title=f"Lyft {key} {n}")  # fmt: skip
            raised = plans.activity_raise_to_national(activity=activity, motivation="M", user=None)
            if n % 2:
                _answer(raised)
    plan = Activity.objects.filter(plan__council=world.own, plan__year=timezone.localdate().year)
    this_year = plan.first().plan
    for n in range(8):
        plans.activity_create(plan=this_year, focus_area=vfu, title=f"Due {n}",
                              end_quarter=quarter_of(timezone.localdate()))  # fmt: skip
    region = world.own.healthcare_region
    for n in range(6):
        survey = Survey.objects.create(
            council=world.own, title=f"Enkät {n}", status="open",
            closes_at=timezone.now() + dt.timedelta(days=2 + 3 * n),
        )  # fmt: skip
        for i in range(6):
            org = Organisation.objects.create(kind="kommun", code=f"q{n}-{i}", name=f"K {n}-{i}")
            org.healthcare_regions.add(region)
            Invitation.objects.create(survey=survey, organisation=org, sent_at=timezone.now())
    for n in range(5):
        person = User.objects.create_user(email=f"slutar{n}@mellan.test", full_name=f"Slutar {n}")
        councils.membership_create(
            council=world.own, user=person, role=Membership.Role.MEMBER,
            party=Membership.Party.MUNICIPALITIES,
            end_date=timezone.localdate() + dt.timedelta(days=5 + n),
        )  # fmt: skip
    FollowUp.objects.filter(council=world.own).update(
        recorded_on=timezone.localdate() - dt.timedelta(days=400)
    )


def _count(client) -> int:
    with CaptureQueriesContext(connection) as context:
        _page(client)
    return len(context.captured_queries)


@pytest.mark.parametrize("role", ["secretariat", "national", "member"])
def test_the_start_page_runs_the_same_queries_for_one_and_many_items(
    world, client_for, role, django_assert_num_queries
):
    _one_of_each(world)
    client = client_for(role)
    _page(client)  # a session's first request also writes its idle stamp
    one = _count(client)
    _many_of_each(world)
    with django_assert_num_queries(one):
        page = _page(client)
    print(f"\nstart page queries for {role}: {one}")
    # The larger world is on the page: the counts in the headings grew.
    if role == "national":
        assert '<span class="badge rounded-pill text-bg-secondary">9</span>' in page
    elif role == "member":
        assert '<span class="badge rounded-pill text-bg-secondary">9</span>' in page  # due
        assert '<span class="badge rounded-pill text-bg-secondary">7</span>' in page  # open
    else:
        assert page.count("Skicka påminnelse") >= 3
