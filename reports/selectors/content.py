"""Everything the annual report shows, gathered through the other apps' selectors.

`report_content` reads the data (the "hämtar data" step) into plain lists; `draw_charts` then
draws every chart (the "ritar diagram" step), so that typesetting only lays out what is there.
The number of queries does not grow with the number of activities, goals or answers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from activities import selectors as activity_selectors
from activities.models import Activity
from councils import selectors as council_selectors
from recommendations import selectors as recommendation_selectors
from surveys import selectors as survey_selectors
from vkr_portal import charts
from workgroups import selectors as workgroup_selectors

from .. import sections as report_sections
from .. import text
from ..models import AnnualReport

PRIORITY_COLOURS = {
    Activity.Priority.GREEN: "#146c43",
    Activity.Priority.YELLOW: "#ffda6a",
    Activity.Priority.RED: "#b02a37",
    Activity.Priority.UNSET: "#dddddd",
}
# Dark (done) to light (not started), as the survey charts' steps.
PROGRESS_ORDER = [
    Activity.Progress.DONE,
    Activity.Progress.ONGOING,
    Activity.Progress.PAUSED,
    Activity.Progress.NOT_STARTED,
]
PRIORITY_ORDER = [
    Activity.Priority.RED,
    Activity.Priority.YELLOW,
    Activity.Priority.GREEN,
    Activity.Priority.UNSET,
]


@dataclass
class Section:
    key: str
    number: int
    title: str
    blocks: list[text.Block] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"avsnitt-{self.key.replace('_', '-')}"


@dataclass
class Count:
    value: str
    label: str
    count: int


@dataclass
class AreaCounts:
    name: str
    priorities: list[Count]
    progresses: list[Count]
    total: int


@dataclass
class KeyFigures:
    activities: int = 0
    priorities: list[Count] = field(default_factory=list)
    progresses: list[Count] = field(default_factory=list)
    areas: list[AreaCounts] = field(default_factory=list)
    raised: int = 0
    answered: int = 0
    workgroup_statuses: list[tuple[str, int]] = field(default_factory=list)
    follow_ups: int = 0
    follow_ups_done: int = 0
    recommendations: int = 0
    priority_svg: str = ""
    progress_svg: str = ""

    @property
    def rows(self) -> list[tuple[Count, Count]]:
        return list(zip(self.priorities, self.progresses, strict=False))


@dataclass
class GroupEntry:
    group: object
    convenors: list
    members: list
    goals: list
    reports: list
    final_report: object | None

    @property
    def questions(self) -> list:
        return [q for report in self.reports for q in report.questions.all()]


@dataclass
class SurveyEntry:
    survey: object
    rate: object
    results: object

    @property
    def show_text(self) -> bool:
        return not self.survey.results_anonymous


@dataclass
class ReportContent:
    report: AnnualReport
    year: int
    sections: list[Section]
    council: object
    goals: list
    geography: object | None
    party_groups: list
    plan: object | None = None
    plan_sections: list = field(default_factory=list)
    raised: list = field(default_factory=list)
    carried_over: list = field(default_factory=list)
    key_figures: KeyFigures = field(default_factory=KeyFigures)
    workgroups: list[GroupEntry] = field(default_factory=list)
    surveys: list[SurveyEntry] = field(default_factory=list)
    follow_up_table: list = field(default_factory=list)
    members_today: bool = False

    @property
    def section_keys(self) -> set[str]:
        return {section.key for section in self.sections}


def report_surveys(report: AnnualReport) -> list:
    """The surveys the report covers: those chosen, or, before any choice (also for a report
    not saved yet), the council's sent surveys that were open some time during the year."""
    sent = survey_selectors.surveys_for_linking(report.council)
    if report.surveys_chosen:
        chosen = set(report.surveys.values_list("pk", flat=True))
        return [survey for survey in sent if survey.pk in chosen]
    return [survey for survey in sent if _open_during(survey, report.year)]


def _open_during(survey, year: int) -> bool:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    opens = survey.opens_at.date() if survey.opens_at else None
    closes = survey.closes_at.date() if survey.closes_at else None
    return (opens is None or opens <= last) and (closes is None or closes >= first)


def report_content(
    report: AnnualReport, section_keys: list[str], survey_ids: list[int]
) -> ReportContent:
    council = report.council
    keys = report_sections.normalized(section_keys)
    chosen = [
        Section(key, number, report_sections.label(key), text.blocks(report.text_of(key)))
        for number, key in enumerate(keys, start=1)
    ]
    last_day = dt.date(report.year, 12, 31)
    content = ReportContent(
        report=report,
        year=report.year,
        sections=chosen,
        council=council,
        goals=list(council_selectors.council_goals(council)),
        geography=council_selectors.council_geography(council),
        party_groups=council_selectors.active_members_by_party(council, on=last_day),
    )
    if not content.party_groups:
        # Seats recorded only from a later date (the portal came after the year): today's.
        content.party_groups = council_selectors.active_members_by_party(council)
        content.members_today = bool(content.party_groups)
    wanted = set(keys)
    if wanted & {"plan", "key_figures"}:
        _gather_plan(content)
    if wanted & {"workgroups", "key_figures"}:
        _gather_workgroups(content)
    if wanted & {"surveys", "key_figures"}:
        _gather_surveys(content, survey_ids)
    if wanted & {"recommendations", "key_figures"}:
        content.follow_up_table = recommendation_selectors.council_follow_up_table(council)
    if "key_figures" in wanted:
        _count(content)
    return content


def _gather_plan(content: ReportContent) -> None:
    plan = activity_selectors.plan_for_council_year(content.council, content.year)
    content.plan = plan
    if plan is None:
        return
    content.plan_sections = activity_selectors.plan_sections(plan)
    content.raised = [
        activity
        for section in content.plan_sections
        for activity in section.activities
        if getattr(activity, "national_raise", None) is not None
    ]
    content.carried_over = activity_selectors.carried_over_from(plan)


def _gather_workgroups(content: ReportContent) -> None:
    for group in workgroup_selectors.council_workgroups(content.council):
        members = [m for m in group.members.all() if _member_in_year(m, content.year)]
        convenors = [m for m in members if m.role == "sammankallande"]
        reports = [
            r for r in group.reports.all() if r.report_date and r.report_date.year == content.year
        ]
        final = next((r for r in group.reports.all() if r.kind == "slutrapport"), None)
        content.workgroups.append(
            GroupEntry(
                group=group,
                convenors=convenors,
                members=[m for m in members if m not in convenors],
                goals=list(group.goals.all()),
                reports=[r for r in reports if r.kind != "slutrapport"],
                final_report=final if final and final.report_date.year <= content.year else None,
            )
        )


def _member_in_year(member, year: int) -> bool:
    started = member.start_date is None or member.start_date.year <= year
    ended = member.end_date is not None and member.end_date.year < year
    return started and not ended


def _gather_surveys(content: ReportContent, survey_ids: list[int]) -> None:
    wanted = set(survey_ids)
    surveys = [s for s in survey_selectors.surveys_for_linking(content.council) if s.pk in wanted]
    for survey in sorted(surveys, key=lambda s: (s.opens_at is None, s.opens_at, s.pk)):
        content.surveys.append(
            SurveyEntry(
                survey=survey,
                rate=survey_selectors.survey_response_rate(survey),
                results=survey_selectors.survey_results(survey),
            )
        )


def _count(content: ReportContent) -> None:
    figures = content.key_figures
    activities = [a for section in content.plan_sections for a in section.activities]
    figures.activities = len(activities)
    priorities = Counter(a.priority for a in activities)
    progresses = Counter(a.progress for a in activities)
    priority_labels = dict(Activity.Priority.choices)
    progress_labels = dict(Activity.Progress.choices)
    figures.priorities = [
        Count(value, str(priority_labels[value]), priorities[value]) for value in PRIORITY_ORDER
    ]
    figures.progresses = [
        Count(value, str(progress_labels[value]), progresses[value]) for value in PROGRESS_ORDER
    ]
    for section in content.plan_sections:
        if not section.activities:
            continue
        by_priority = Counter(a.priority for a in section.activities)
        by_progress = Counter(a.progress for a in section.activities)
        figures.areas.append(
            AreaCounts(
                name=section.choice.focus_area.name,
                priorities=[
                    Count(v, str(priority_labels[v]), by_priority[v]) for v in PRIORITY_ORDER
                ],
                progresses=[
                    Count(v, str(progress_labels[v]), by_progress[v]) for v in PROGRESS_ORDER
                ],
                total=len(section.activities),
            )
        )
    figures.raised = len(content.raised)
    figures.answered = sum(1 for a in content.raised if a.national_raise.status == "answered")
    statuses = Counter(entry.group.get_status_display() for entry in content.workgroups)
    figures.workgroup_statuses = sorted(statuses.items())
    for _publication, groups in content.follow_up_table:
        for group in groups:
            for row in group.rows:
                figures.recommendations += 1
                follow_ups = [row.own] if row.own else []
                follow_ups += [c.follow_up for c in row.cells if c.follow_up]
                if follow_ups:
                    figures.follow_ups += 1
                if follow_ups and all(f.status in ("genomford", "ej_aktuell") for f in follow_ups):
                    figures.follow_ups_done += 1


def draw_charts(content: ReportContent) -> int:
    """Draw every chart of the report (the same drawing as the web pages); the number drawn."""
    drawn = 0
    figures = content.key_figures
    if "key_figures" in content.section_keys and figures.areas:
        figures.priority_svg = charts.scale_theme_chart_svg(
            _("Aktiviteter per prioritet och fokusområde"),
            [(area.name, _shares(area.priorities, area.total)) for area in figures.areas],
            [PRIORITY_COLOURS[value] for value in PRIORITY_ORDER],
        )
        figures.progress_svg = charts.scale_theme_chart_svg(
            _("Aktiviteter per status och fokusområde"),
            [(area.name, _shares(area.progresses, area.total)) for area in figures.areas],
        )
        drawn += 2
    if "surveys" in content.section_keys:
        for entry in content.surveys:
            if entry.results.too_few:
                continue
            for theme in entry.results.themes:
                for block in theme.blocks:
                    drawable = (block.kind == "scale" and block.shown_items) or (
                        block.kind == "choice" and not block.too_few
                    )
                    if drawable:
                        block.svg  # noqa: B018 - drawn (and kept) now, not while typesetting
                        drawn += 1
    return drawn


def _shares(counts: list[Count], total: int) -> list[tuple[str, float]]:
    return [(c.label, 100.0 * c.count / total if total else 0.0) for c in counts]
