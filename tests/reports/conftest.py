"""The annual report's fixtures: the world's Mellansverige made into a 2022 worth reporting.

On top of tests/world.py (a 2022 plan with one raised activity, a workgroup with one goal, an
open survey with one response, the national recommendations with the council's follow-ups):
more activities in both focus areas, more goals, a status report dated 2022, a survey run in
2022 with scale, single-choice, multiple-choice and free-text answers from three
organisations, and the secretariat's texts. Built through the apps' services; the world's
stand-in versions of the report are removed, so the report starts with none.

Also the helpers that read a built PDF back: pdftotext, pdffonts and the stored file.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile
from dataclasses import dataclass

import pytest
from django.utils import timezone

from activities import services as plans
from activities.models import Activity, FocusArea
from reports import services as reports
from reports import storage
from reports.models import AnnualReport, ReportBuild
from surveys import services as surveys
from surveys.defaults import default_scale_load
from surveys.models import Question, Scale, ScaleStep, Survey
from workgroups import services as groups

YEAR = 2022
ACTIVITY_TITLES = [
    "Gemensam introduktion för nya handledare",
    "Kartläggning av praktikplatser inom äldreomsorgen",
    "Webbinarier om vård i livets slut",
    "Regional plan för specialistsjuksköterskor",
    "Nätverk för studierektorer i kommunerna",
    "Samordnad validering av undersköterskor",
]
GOAL_TEXTS = [
    "Gemensam modell för AT-tjänstgöring i regionerna",
    "Fler BT-platser i primärvården under hösten",
]
# The answers of the 2022 survey, per organisation: the two scale items' steps (by order),
# the single choice, the multiple choice (by position).
ANSWERS = {
    "arvika": (1, 1, 0, [0, 1]),
    "orebro": (1, 3, 1, [1]),
    "region_orebro": (2, 4, 0, [0, 1, 2]),
}
SCALE_ITEMS = ["Demensvård: Bemötande", "Demensvård: Läkemedelshantering"]
FREE_TEXT = "Fler utbildningsplatser behövs i norra länsdelen"
REPORT_TEXT = "Kartläggningen av AT-tjänsterna är klar i tre regioner"


@dataclass
class ReportYear:
    """What the report of Mellansverige 2022 is made of (see the module's docstring)."""

    world: object
    report: AnnualReport
    plan: object
    activities: list[Activity]
    group: object
    goals: list
    group_report: object
    survey: Survey
    scale_items: list[Question]
    follow_up: object

    @property
    def secretariat(self):
        return self.world.users["secretariat"]

    @property
    def council(self):
        return self.world.own

    def all_activity_titles(self) -> list[str]:
        return list(self.plan.activities.order_by("pk").values_list("title", flat=True))


def activities_add(plan, n: int, *, prefix: str = "") -> list[Activity]:
    """n activities over the plan's focus areas, with every column filled in."""
    areas = [choice.focus_area for choice in plan.plan_focus_areas.select_related("focus_area")]
    priorities = ["red", "yellow", "green", "unset"]
    progresses = ["not_started", "ongoing", "done", "paused"]
    added = []
    for i in range(n):
        base = ACTIVITY_TITLES[i % len(ACTIVITY_TITLES)]
        title = f"{prefix}{base}" if n <= len(ACTIVITY_TITLES) else f"{prefix}{base} {i + 1}"
        added.append(
            plans.activity_create(
                plan=plan, focus_area=areas[i % len(areas)], title=title,
                implementation="Arbetsgrupp och nätverk", timeline="Hösten 2022",
                start_quarter="2022Q3", end_quarter="2022Q4",
                content=f"Aktivitet {i + 1}: träffar, material och uppföljning.",
                follow_up="Vid rådets decembermöte", priority=priorities[i % 4],
                progress=progresses[i % 4],
            )
        )  # fmt: skip
    return added


def goals_add(group, n: int, *, prefix: str = "") -> list:
    texts = GOAL_TEXTS if n <= len(GOAL_TEXTS) else [f"Mål {i + 1} för gruppen" for i in range(n)]
    return [
        groups.goal_create(
            group=group,
            goal=f"{prefix}{texts[i]}",
            activity="Samla underlag och föreslå",
            responsible="Arbetsgrupp AT/BT",
            timeline="Q3-4 2022",
            status="ongoing",
        )  # fmt: skip
        for i in range(n)
    ]


def _survey_2022(world, free_text: str) -> tuple[Survey, list[Question]]:
    """A survey run in spring 2022 that three organisations answered (ANSWERS)."""
    scale = default_scale_load(Scale, ScaleStep)
    survey = surveys.survey_create(
        council=world.own, title="Kompetensbehov i vården 2022", audience=["kommun", "region"]
    )
    section = surveys.section_add(survey=survey, title="Demensvård")
    items = [
        surveys.question_add(section=section, kind=Question.Kind.SCALE, text=text, scale=scale)
        for text in SCALE_ITEMS
    ]
    single = surveys.question_add(
        section=section, kind=Question.Kind.SINGLE, text="Föredragen utbildningsform",
        options=["Distans", "På plats", "Blandat"],
    )  # fmt: skip
    multiple = surveys.question_add(
        section=section, kind=Question.Kind.MULTIPLE, text="Vilka yrkesgrupper berörs",
        options=["Undersköterskor", "Sjuksköterskor", "Chefer"],
    )  # fmt: skip
    text = surveys.question_add(section=section, kind=Question.Kind.TEXT, text="Övriga synpunkter")
    surveys.survey_update(survey=survey, status="open")
    orgs = [world.organisations[key] for key in ANSWERS]
    invitations = surveys.invitations_create(
        survey=survey, organisations=orgs, emails={o.pk: [f"kontakt@{o.code}.test"] for o in orgs}
    )
    steps = list(scale.steps.order_by("order"))
    single_options, multiple_options = list(single.options.all()), list(multiple.options.all())
    for invitation, (first, second, chosen, ticked) in zip(
        invitations, ANSWERS.values(), strict=True
    ):
        answers = {
            items[0].pk: steps[first - 1],
            items[1].pk: steps[second - 1],
            single.pk: single_options[chosen],
            multiple.pk: [multiple_options[i] for i in ticked],
        }
        if invitation.organisation.code == "1784":  # Arvika writes the free text
            answers[text.pk] = free_text
        surveys.invitation_log(invitation=invitation, kind="sent")  # reached: counts as invited
        surveys.response_save(invitation=invitation, answers=answers, submit=True)
    # Closed since: it was open in spring 2022 (the report's default takes it in).
    Survey.objects.filter(pk=survey.pk).update(
        status="closed",
        opens_at=timezone.make_aware(dt.datetime(YEAR, 3, 1, 8)),
        closes_at=timezone.make_aware(dt.datetime(YEAR, 4, 30, 17)),
    )
    survey.refresh_from_db()
    return survey, items


def year_2022(world, *, hostile: str = "") -> ReportYear:
    """Mellansverige's 2022 (see the module's docstring); `hostile` goes into an activity's
    title and content, the workgroup's status report and the survey's free-text answer."""
    plan = world.extra["own_plan"]
    added = activities_add(plan, len(ACTIVITY_TITLES))
    if hostile:
        vfu = FocusArea.objects.get(council=None, short_name="VFU")
        added.append(
            plans.activity_create(
                plan=plan, focus_area=vfu, title=f"Fientlig titel {hostile}"[:300],
                content=f"Fientligt innehåll {hostile}",
            )
        )  # fmt: skip
    group = world.extra["own_group"]
    goals = [world.extra["own_goal"], *goals_add(group, len(GOAL_TEXTS))]
    group_report = groups.report_create(
        group=group, kind="lagesrapport", report_date=dt.date(YEAR, 9, 30),
        done=f"{REPORT_TEXT}. {hostile}".strip(), conclusions="Styrningen skiljer sig åt",
        user=world.users["convenor"],
    )  # fmt: skip
    survey, items = _survey_2022(world, f"{FREE_TEXT} {hostile}".strip())
    report = reports.report_for(council=world.own, year=YEAR)
    # The world's stand-in versions (a final and a draft, one-page files) go: these tests
    # build the report's versions themselves.
    for pk in list(report.builds.values_list("pk", flat=True)):
        storage.delete_all(pk)
    report.builds.all().delete()
    report = reports.texts_save(
        report=report, user=world.users["secretariat"], version=report.version,
        foreword="Året präglades av samarbete.\n\nVi tackar alla ledamöter.",
        summary="Rådet har under året:\n- drivit sex aktiviteter\n- genomfört en enkät",
        reflections="Vi behöver fler handledare.", year_ahead="1. Ny plan\n2. Ny enkät",
    )  # fmt: skip
    return ReportYear(
        world=world, report=report, plan=plan, activities=added, group=group, goals=goals,
        group_report=group_report, survey=survey, scale_items=items,
        follow_up=world.extra["own_follow_up"],
    )  # fmt: skip


@pytest.fixture
def report_year(world) -> ReportYear:
    return year_2022(world)


@pytest.fixture
def build_now(django_capture_on_commit_callbacks):
    """Request a build and run what is queued on commit (the eager worker): the stored build."""

    def build(report: AnnualReport, user, reason: str = "") -> ReportBuild:
        with django_capture_on_commit_callbacks(execute=True):
            requested, _joined = reports.build_request(report=report, user=user, reason=reason)
        return ReportBuild.objects.get(pk=requested.pk)

    return build


# --- Reading a built PDF back ----------------------------------------------------------------


def build_pdf(build: ReportBuild) -> bytes:
    return storage.read(build.file)


def _run(command: list[str], data: bytes | None = None) -> str:
    done = subprocess.run(command, input=data, capture_output=True, check=True, timeout=120)
    return done.stdout.decode("utf-8", errors="replace")


def pdftotext(
    data: bytes, *, first: int | None = None, last: int | None = None, layout: bool = False
) -> str:
    """The PDF's text (poppler's pdftotext) of pages first..last: in reading order, or laid
    out as on the page (a table's row on one line)."""
    options = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    options += ["-layout"] if layout else []
    return _run(["pdftotext", "-enc", "UTF-8", *options, "-", "-"], data)


def squeeze(text: str) -> str:
    """Text without white space and hyphens: a phrase wrapped in a table cell, hyphenated by
    the typesetter or joined again by pdftotext (which drops a hyphen at a line's end, the
    text's own too), is found whole as squeeze(phrase) in squeeze(text)."""
    return re.sub(r"[\s\u2010\u00ad-]", "", text)


def missing(phrases, text: str) -> list[str]:
    """The phrases that are not in the text (compared squeezed)."""
    squeezed = squeeze(text)
    return [phrase for phrase in phrases if squeeze(phrase) not in squeezed]


FONT_COLUMNS = ["name", "type", "encoding", "emb", "sub", "uni", "object", "id"]


def pdffonts(data: bytes) -> list[dict[str, str]]:
    """pdffonts' table, a dict a font (name, type, encoding, emb, sub, uni, …)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        lines = _run(["pdffonts", handle.name]).splitlines()
    # The dashes under the header give the columns' widths (a name may hold spaces).
    widths = [len(dashes) for dashes in lines[1].split(" ")]
    fonts = []
    for line in lines[2:]:
        cells, start = [], 0
        for width in widths:
            cells.append(line[start : start + width].strip())
            start += width + 1
        fonts.append(dict(zip(FONT_COLUMNS, cells, strict=False)))
    return fonts
