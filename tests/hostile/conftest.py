"""The hostile suite's world and its summary line.

The world is tests/world.py's with what the sweep needs on top: a survey of the own council
that has no answers yet (so that its builder's forms reach the services) with a question of
every kind and a link for a respondent, an activity not yet raised, and a focus area of the
other council's own (an id to forge).
"""

from __future__ import annotations

import pytest

from . import summary


@pytest.fixture(scope="module")
def hostile_world(django_db_setup, django_db_blocker):
    """The world, built once per test module in a transaction of its own that is rolled back
    at the module's end; each test runs in a savepoint inside it (pytest-django's `db`)."""
    from django.db import transaction
    from django.test.utils import override_settings

    from tests.world import build_world

    # The tests' fast hasher (tests/fixtures.py) is set per test, after this is built: the
    # login form's many wrong passwords must not each cost a real hash.
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        world = build_world()
        _add_hostile_objects(world)
        yield world
        transaction.set_rollback(True)


def _add_hostile_objects(world) -> None:
    from activities import services as plans
    from surveys import services as surveys
    from surveys.models import Question, Scale

    extra = world.extra
    from reports.models import ReportBuild
    from workgroups import services as groups

    # Versions the build page offers to cancel (one under way) and to try again (one failed).
    report = extra["own_annual_report"]
    extra["own_queued_build"] = ReportBuild.objects.create(
        report=report, number=3, sections=["summary"], options_key="queued",
        status=ReportBuild.Status.QUEUED,
    )  # fmt: skip
    extra["own_failed_build"] = ReportBuild.objects.create(
        report=report, number=4, sections=["council"], options_key="failed",
        status=ReportBuild.Status.FAILED, error="Rapporten kunde inte sättas.",
    )  # fmt: skip

    extra["own_draft_report"] = groups.report_create(
        group=extra["own_group"], kind="lagesrapport", submit=False, done="Utkast"
    )
    extra["other_focus_area"] = plans.focus_area_create(
        council=world.other, name="Norras eget fokusområde"
    )
    extra["hostile_activity"] = plans.activity_create(
        plan=extra["own_plan"],
        focus_area=extra["own_activity"].focus_area,
        title="Ännu inte lyft",
        priority="yellow",
    )
    survey = surveys.survey_create(council=world.own, title="Obesvarad enkät", audience=["kommun"])
    section = surveys.section_add(survey=survey, title="Alla sorters frågor")
    scale = Scale.objects.order_by("pk").first()
    questions = {}
    for kind in Question.Kind.values:
        options = ["Ett", "Två"] if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) else ()
        questions[kind] = surveys.question_add(
            section=section,
            kind=kind,
            text=f"Fråga av typen {kind}",
            scale=scale if kind == Question.Kind.SCALE else None,
            options=options,
        )
    surveys.survey_update(survey=survey, status="open")
    arvika = world.organisations["arvika"]
    [invitation] = surveys.invitations_create(
        survey=survey, organisations=[arvika], emails={arvika.pk: ["kontakt@1784.test"]}
    )
    # A recipient without an address: the recipients page offers the contact register's.
    surveys.invitations_create(survey=survey, organisations=[world.organisations["orebro"]])
    extra["hostile_survey"] = survey
    extra["hostile_question"] = questions[Question.Kind.TEXT]
    extra["hostile_invitation"] = invitation
    extra["hostile_token"] = surveys.invitation_issue_link(invitation=invitation).token


def pytest_terminal_summary(terminalreporter, config):
    # When tests/conftest.py loads the summary as a plugin (which an xdist run needs: its
    # controller never reads this file), the plugin prints the line.
    if not config.pluginmanager.has_plugin("tests.hostile.summary"):
        summary.print_totals(terminalreporter)
