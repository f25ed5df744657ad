"""The benchmark's scenarios, small, on the test database: the data they build, the requests
they time with their floors and variants, and a real interleaved run of the activity plans."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

import pytest
from django.test import override_settings
from django.urls import reverse

from activities.benchmarks import activity_plans_setup
from vkr_portal.benchmarking import benchmark_run, markdown_write, registry

BENCHMARK_URLCONF = "vkr_portal.benchmark_urls"


def test_the_survey_results_scenario_is_registered_and_says_its_sizes():
    from surveys.benchmarks import answer_counts, survey_results_setup

    (scenario,) = registry.select("survey-results")
    assert scenario.setup is survey_results_setup
    # 290 × (40 items + single + text) + 1-4 options ticked of the multiple choice each.
    assert answer_counts(290, 40, 345) == (12_903, 100_050)
    for words in ("290 municipalities", "40 items", "12 903 answers", "100 050 answers"):
        assert words in scenario.description
    for words in ("fair floor", "**Cold**", "**After one new submission**", "not run"):
        assert words in scenario.description


@pytest.mark.integration
@pytest.mark.django_db
def test_the_survey_results_scenario_builds_answered_surveys_whose_pages_answer():
    from django.test import Client

    from councils.models import Organisation
    from surveys.benchmarks import answer_counts, survey_results_setup
    from surveys.models import Answer, Invitation, Question, Response, Section, Survey
    from tests.world import build_world

    world = build_world()
    region = world.own.healthcare_region
    for code, name in (("1715", "Kils kommun"), ("1730", "Eda kommun")):
        extra = Organisation.objects.create(
            kind=Organisation.Kind.MUNICIPALITY, code=code, name=name, lan_code="17"
        )
        extra.healthcare_regions.add(region)
    before = set(Survey.objects.values_list("pk", flat=True))

    requests = survey_results_setup(
        council_slug=world.own.slug, organisations=5, items=4, sections=2, big_items=10,
        big_sections=3,
    )  # fmt: skip

    survey, big = Survey.objects.exclude(pk__in=before).order_by("pk")
    assert {survey.council, big.council} == {world.own}
    assert survey.status == big.status == Survey.Status.CLOSED
    assert Section.objects.filter(survey=survey).count() == 2 + 1  # the themes, the form
    assert Section.objects.filter(survey=big).count() == 3
    kinds = list(
        Question.objects.filter(section__survey=survey)
        .order_by("section__order", "order")
        .values_list("kind", flat=True)
    )
    assert kinds == ["scale"] * 4 + ["single", "multiple", "text"]
    assert Question.objects.filter(section__survey=big, kind="scale").count() == 10
    for target in (survey, big):
        assert Invitation.objects.filter(survey=target).count() == 5
        responses = Response.objects.filter(survey=target)
        assert responses.filter(status="submitted", submitted_at__isnull=False).count() == 5
        assert responses.filter(invitation__isnull=False).count() == 5
    expected, expected_big = answer_counts(5, 4, 10)
    assert Answer.objects.filter(response__survey=survey).count() == expected == 5 * 6 + 11
    assert Answer.objects.filter(response__survey=big).count() == expected_big == 50
    assert not Answer.objects.filter(question__kind="scale", step__isnull=True).exists()

    warm, cold, after = requests[:4], requests[4:6], requests[6:]
    assert [request.label for request in warm] == [
        "results, 5 × 4 items, 41 answers",
        "results, län 17 only",
        "round overview",
        "results, 5 × 10 items, 50 answers",
    ]
    results_url = reverse("surveys:results", kwargs={"slug": "mellansverige", "pk": survey.pk})
    big_url = reverse("surveys:results", kwargs={"slug": "mellansverige", "pk": big.pk})
    assert [request.url for request in warm] == [
        results_url,
        f"{results_url}?lan=17",
        reverse("surveys:detail", kwargs={"slug": "mellansverige", "pk": survey.pk}),
        big_url,
    ]
    assert [request.floor for request in warm] == [
        f"/__benchmark__/enkater/{survey.pk}/resultat/",
        f"/__benchmark__/enkater/{survey.pk}/resultat/?lan=17",
        f"/__benchmark__/enkater/{survey.pk}/",
        f"/__benchmark__/enkater/{big.pk}/resultat/",
    ]
    # Cold and after a submission: each compared with the same page warm.
    assert [r.url for r in cold] == [results_url, big_url]
    assert [r.url for r in after] == [results_url, results_url, big_url, big_url]
    assert all(r.baselines[0].url == r.url and r.floor is None for r in cold + after)
    assert [r.baselines[0].goal for r in cold] == [1.5, 1.5]
    assert [r.goal_ms for r in after] == [100, 100, 250, 250]
    member = requests[0].user
    assert {request.user for request in requests} == {member}
    assert member.memberships.get().council == world.own
    client = Client()
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    pages = {request.label: client.get(request.url) for request in warm}
    assert [page.status_code for page in pages.values()] == [200] * 4
    assert pages["results, 5 × 4 items, 41 answers"].context["results"].respondents == 5
    filtered = pages["results, län 17 only"].context
    assert filtered["filtered"]
    assert filtered["results"].respondents == 3  # Arvika, Kil and Eda
    assert pages["round overview"].context["rate"].submitted == 5
    big_results = pages["results, 5 × 10 items, 50 answers"].context["results"]
    assert sum(len(block.items) for theme in big_results.themes for block in theme.blocks) == 10
    with override_settings(ROOT_URLCONF=BENCHMARK_URLCONF):
        floor = client.get(warm[0].floor)
    assert floor.status_code == 200
    assert floor.content.decode().count("<caption>") == 4 + 2  # the items, single, multiple

    # One more submission through the services: a new organisation, every question answered.
    after[0].prepare()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    after[0].before()
    after[1].before()  # its tasks queued, not run
    responses = Response.objects.filter(survey=survey, status="submitted")
    assert responses.count() == 5 + 2
    newest = responses.latest("submitted_at")
    assert newest.organisation.lan_code == "17"
    assert newest.invitation.survey == survey
    assert newest.answers.values("question").distinct().count() == 4 + 3
    page = client.get(results_url)
    assert page.context["results"].respondents == 7


@pytest.mark.integration
@pytest.mark.django_db
def test_the_activity_plan_scenario_times_its_pages_against_floor_and_admin(tmp_path):
    from activities.models import Activity, ActivityNote, NationalRaise
    from councils.reference_data import reference_data_load

    reference_data_load()
    (scenario,) = registry.select("activity-plans")
    small = replace(
        scenario, setup=partial(activity_plans_setup, councils=2, activities_per_council=5)
    )

    run = benchmark_run([small], repeat=2, warmups=1, report=lambda message: None)

    assert Activity.objects.filter(plan__year=2022).count() == 10
    assert ActivityNote.objects.count() == 10
    assert NationalRaise.objects.count() == 2  # every 5th activity
    output = tmp_path / "BENCHMARKS.md"
    markdown_write(run, output)
    text = output.read_text()
    plan, cold, rollup = run.results[0].pages
    assert (
        cold.page.url == plan.page.url
        and cold.baselines[0].measurement.url == "/__benchmark__/rad/norra/planer/2022/"
    )
    floor_url, admin_url = (c.measurement.url for c in plan.baselines)
    assert floor_url == "/__benchmark__/rad/norra/planer/2022/"
    assert admin_url.startswith("/admin/activities/activity/?plan__council__id__exact=")
    assert admin_url.endswith("&plan__year=2022")
    assert [len(c.measurement.samples_ms) for c in plan.baselines] == [2, 2]
    floor = plan.baselines[0].measurement
    # The page's queries and bytes are more than its floor's, which has its one and the
    # middleware's.
    assert plan.page.queries > floor.queries
    assert plan.page.size > floor.size > 0
    assert rollup.baselines[0].measurement.url == "/__benchmark__/nationellt/oversikt/?ar=2022"
    row = re.search(
        r"^\| ↳ fair floor: the 80 activities, one query, a plain table "
        r"\(`/__benchmark__/rad/norra/planer/2022/`\) \| [\d.]+ \| [\d.]+ \| \d+ \| (\d+) "
        r"\| \*\*([\d.]+)\*\* \| ≤ 2: ",
        text,
        re.MULTILINE,
    )
    assert row, text
    assert float(row[2]) > 0
    assert "| **national roll-up** (`/nationellt/oversikt/?ar=2022`) |" in text
    assert "| timing the pages |" in text
    assert run.machine.postgresql[0].isdigit()
