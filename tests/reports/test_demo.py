"""The annual report demo: Mellansverige 2022 with the secretariat's texts, the two 2022
surveys of the seed, and a draft version built at once whose PDF shows the demo's content;
a second load builds nothing more."""

import subprocess

import pytest

from activities import demo as activities_demo
from activities.models import Activity
from councils import demo as councils_demo
from councils.reference_data import reference_data_load
from recommendations import demo as recommendations_demo
from reports import demo as reports_demo
from reports.models import AnnualReport, ReportBuild
from surveys import demo as surveys_demo
from surveys.demo import CAREER_TITLE, COMPETENCE_TITLE
from workgroups import demo as workgroups_demo
from workgroups.models import Goal

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Loaded once for the module (with the demos it builds on), and removed afterwards."""
    from django.test.utils import override_settings

    media = tmp_path_factory.mktemp("report-demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        from django.db import transaction

        with transaction.atomic():
            reference_data_load()
            councils_demo.demo_load()
            activities_demo.demo_load()
            surveys_demo.demo_load()
            workgroups_demo.demo_load()
            recommendations_demo.demo_load()
            build = reports_demo.demo_load()
            text = subprocess.run(
                ["pdftotext", "-raw", str(media / build.file), "-"],
                check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            again = reports_demo.demo_load()
            yield build, text, again
            transaction.set_rollback(True)


def test_the_demo_builds_a_draft_of_mellansverige_2022(loaded):
    build, _text, _again = loaded
    assert build.status == ReportBuild.Status.DONE, build.error
    assert build.report.council.slug == "mellansverige" and build.report.year == 2022
    assert not build.is_final and build.pages > 20
    report = AnnualReport.objects.get(pk=build.report_id)
    assert report.foreword.startswith("2022 var året")
    assert set(report.surveys.values_list("title", flat=True)) == {CAREER_TITLE, COMPETENCE_TITLE}


def test_the_pdf_shows_the_demo_content(loaded):
    _build, text, _again = loaded
    flat = " ".join(text.split())
    assert "Årsrapport 2022" in flat and "Utkast" in flat
    for title in Activity.objects.filter(
        plan__council__slug="mellansverige", plan__year=2022
    ).values_list("title", flat=True):
        assert " ".join(title.split())[:40] in flat, title
    for goal in Goal.objects.filter(workgroup__council__slug="mellansverige").values_list(
        "goal", flat=True
    )[:5]:
        assert " ".join(goal.split())[:30] in flat, goal
    assert COMPETENCE_TITLE in flat and CAREER_TITLE in flat


def test_a_second_load_builds_nothing(loaded):
    build, _text, again = loaded
    assert again.pk == build.pk
    assert ReportBuild.objects.filter(report=build.report).count() == 1
