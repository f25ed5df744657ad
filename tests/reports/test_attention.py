"""The start page's annual report item (reports/selectors/attention.py): last year's report of
the secretariat's council, finished but not fastställd, or not started after 1 February."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import AnnualReport, ReportBuild
from reports.selectors.attention import report_attention

pytestmark = pytest.mark.django_db

# The world's reports are of 2022: "last year" is 2022 in 2023.
JAN, FEB = dt.date(2023, 1, 31), dt.date(2023, 2, 1)


def _build(report, number, *, status="done", final=False) -> ReportBuild:
    return ReportBuild.objects.create(
        report=report, number=number, sections=[], options_key=f"k{number}", status=status,
        finalised_at=timezone.now() if final else None,
    )  # fmt: skip


def test_nothing_started_for_last_year_from_1_february(world):
    secretariat = world.users["secretariat"]
    assert report_attention(secretariat, today=dt.date(2024, 1, 31)) == []
    (due,) = report_attention(secretariat, today=dt.date(2024, 2, 1))
    assert (due.council_slug, due.year, due.started) == ("mellansverige", 2023, False)
    assert due.url == reverse("reports:report", args=["mellansverige", 2023])


def test_a_report_with_a_fastställd_version_is_done(world):
    # Mellansverige's 2022 report has a final version.
    assert report_attention(world.users["secretariat"], today=FEB) == []


def test_a_finished_draft_waits_to_be_fastställd_whatever_the_month(world):
    # Norra's 2022 report has only a finished draft, version 1.
    other = world.memberships["other_secretariat"].user
    for today in (JAN, FEB):
        (due,) = report_attention(other, today=today)
        assert (due.council_slug, due.year, due.draft_number) == ("norra", 2022, 1)
    _build(world.extra["other_annual_report"], 2)
    assert report_attention(other, today=FEB)[0].draft_number == 2
    _build(world.extra["other_annual_report"], 3, final=True)
    assert report_attention(other, today=FEB) == []


def test_a_started_report_without_a_finished_version_is_under_way(world):
    other = world.memberships["other_secretariat"].user
    ReportBuild.objects.filter(report=world.extra["other_annual_report"]).update(
        status=ReportBuild.Status.FAILED
    )
    assert report_attention(other, today=FEB) == []
    AnnualReport.objects.create(council=world.other, year=2023)
    assert report_attention(other, today=dt.date(2024, 3, 1)) == []


@pytest.mark.parametrize(
    "role", ["member", "other_member", "national", "national_secretariat", "admin", "respondent"]
)
def test_only_a_regional_councils_secretariat_is_asked(world, role):
    assert report_attention(world.users[role], today=dt.date(2024, 2, 1)) == []


def test_one_query(world, django_assert_num_queries):
    secretariat = world.users["secretariat"]
    report_attention(secretariat, today=FEB)  # the seats are read once per request
    with django_assert_num_queries(1):
        report_attention(secretariat, today=FEB)
