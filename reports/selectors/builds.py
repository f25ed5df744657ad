"""The versions of the reports: per report for the council, the published ones for anyone."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from activities import selectors as activity_selectors
from surveys import selectors as survey_selectors

from ..models import AnnualReport, ReportBuild


@dataclass
class ReportYear:
    year: int
    report: AnnualReport | None
    builds: int = 0
    final: ReportBuild | None = None
    latest: ReportBuild | None = None
    has_plan: bool = False


def council_report_years(council) -> list[ReportYear]:
    """The years the council has a report or a plan for, newest first; three queries."""
    reports = {
        r.year: r
        for r in AnnualReport.objects.filter(council=council).annotate(build_count=Count("builds"))
    }
    plan_years = {plan.year for plan in activity_selectors.plans_of_council(council)}
    builds = ReportBuild.objects.filter(report__council=council).order_by("-number")
    latest: dict[int, ReportBuild] = {}
    final: dict[int, ReportBuild] = {}
    for build in builds.select_related("report"):
        year = build.report.year
        latest.setdefault(year, build)
        if build.is_final and build.replaced_by_id is None:
            final.setdefault(year, build)
    years = sorted(set(reports) | plan_years, reverse=True)
    return [
        ReportYear(
            year=year,
            report=reports.get(year),
            builds=getattr(reports.get(year), "build_count", 0),
            final=final.get(year),
            latest=latest.get(year),
            has_plan=year in plan_years,
        )
        for year in years
    ]


def report_builds(report: AnnualReport) -> QuerySet[ReportBuild]:
    return report.builds.select_related("requested_by", "finalised_by", "replaced_by").order_by(
        "-number"
    )


@dataclass
class PublishedCouncil:
    council: object
    builds: list[ReportBuild] = field(default_factory=list)


def published_builds(council=None) -> list[PublishedCouncil]:
    """Final versions (current and replaced) per council, newest year first; one query."""
    builds = (
        ReportBuild.objects.filter(finalised_at__isnull=False)
        .exclude(file="")
        .select_related("report__council", "replaced_by")
        .order_by("report__council__order", "report__council__name", "-report__year", "-number")
    )
    if council is not None:
        builds = builds.filter(report__council=council)
    grouped: dict[int, PublishedCouncil] = {}
    for build in builds:
        entry = grouped.setdefault(build.report.council_id, PublishedCouncil(build.report.council))
        entry.builds.append(build)
    return list(grouped.values())


def report_has_final(report: AnnualReport) -> bool:
    """Has the report a fastställd version (then a new one is a correction, with a reason)?"""
    return report.builds.filter(finalised_at__isnull=False).exists()


def report_default_surveys(council) -> list:
    """The council's sent surveys, to choose from."""
    return list(survey_selectors.surveys_for_linking(council))
