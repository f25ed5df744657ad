"""The annual report benchmark's data: the demo year of Mellansverige, grown."""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass

from activities import services as activity_services
from activities.models import Activity, ActivityPlan
from councils.models import Council, User
from surveys import selectors as survey_selectors
from vkr_portal.benchmarking import BenchmarkError
from workgroups import services as workgroup_services
from workgroups.models import Report, Workgroup

from .. import services as report_services
from ..models import AnnualReport, ReportBuild
from ..sections import SECTION_KEYS

COUNCIL_SLUG = "mellansverige"
YEAR = 2022
SECRETARIAT = "sekretariat@mellansverige.example.se"
# The demo apps whose data the report shows, in the order load_demo_data loads them.
DEMO_APPS = ["councils", "activities", "surveys", "workgroups", "recommendations"]
AREAS, PER_AREA = 6, 15
OWN_AREA = "Digital kompetens och e-hälsa"
# Timed builds (each followed by WeasyPrint alone), after one untimed build that warms up.
BUILDS = 3
MB = 2**20

PRIORITIES = [Activity.Priority.GREEN, Activity.Priority.YELLOW, Activity.Priority.RED]
PROGRESSES = Activity.Progress.values
TITLES = [
    "Kartlägga behovet av {topic} i regionerna och kommunerna",
    "Gemensam utbildningsinsats i {topic}",
    "Nätverk för {topic} mellan huvudmännen och lärosätena",
    "Följa upp och sprida goda exempel på {topic}",
    "Ta fram ett regionalt underlag om {topic}",
]
TOPICS = [
    "handledning", "kompetensväxling", "digitala vårdmöten", "specialistutbildning",
    "introduktion av nyanställda", "vårdhygien", "läkemedelshantering", "förenade anställningar",
]  # fmt: skip
CONTENT = (
    "Arbetet görs tillsammans med regionerna, kommunerna och lärosätena i Mellansverige.\n"
    "Under året kartläggs nuläget, behoven sammanställs och ett förslag till fortsatt arbete "
    "läggs fram för rådet. Resultatet delas med de övriga regionala råden."
)
TEXTS = {
    "foreword": (
        "År 2022 var året då rådet gick från planering till genomförande. Arbetsgrupperna "
        "kom i gång, och samverkan mellan regioner, kommuner och lärosäten fördjupades.\n\n"
        "Jag vill tacka alla ledamöter och arbetsgruppernas medlemmar för ett engagerat år."
    ),
    "summary": (
        "Rådet har under året arbetat inom sex fokusområden:\n\n"
        "- verksamhetsförlagd utbildning\n- fortbildning\n- klinisk forskning\n"
        "- god och nära vård\n- AT/BT\n- digital kompetens och e-hälsa\n\n"
        "Två enkäter har genomförts och fyra arbetsgrupper har rapporterat till rådet."
    ),
    "reflections": (
        "Samverkan tar tid, men ger resultat. Rådet ser att de gemensamma kartläggningarna "
        "har gett en bild av behoven som ingen av parterna hade kunnat ta fram på egen hand."
    ),
    "year_ahead": (
        "Under 2023 prioriteras AT/BT regionalt, och arbetet med VFU och karriärvägar "
        "fortsätter. Enkäten om kompetensutvecklingsbehov görs om för att följa utvecklingen."
    ),
}


@dataclass(frozen=True)
class Built:
    """One build as the benchmark saw it: its wall time and its row afterwards."""

    seconds: float
    build: ReportBuild
    queries: int = 0


# --- The data ---------------------------------------------------------------------------------


def demo_load() -> None:
    """The demo data of the apps the report shows (the reports app's own demo left out)."""
    for app in DEMO_APPS:
        importlib.import_module(f"{app}.demo").demo_load()


def plan_grow(plan: ActivityPlan, *, areas: int = AREAS, per_area: int = PER_AREA) -> int:
    """Give the plan `areas` focus areas (adding one of the council's own) with `per_area`
    activities each; every 4th new one gets a note. Returns the number of activities."""
    if plan.plan_focus_areas.count() < areas:
        activity_services.plan_update(
            plan=plan, intro=plan.intro, status=plan.status, adopted_on=plan.adopted_on,
            new_focus_area=OWN_AREA,
        )  # fmt: skip
    choices = list(plan.plan_focus_areas.select_related("focus_area").order_by("order"))
    if len(choices) < areas:
        raise BenchmarkError(f"The {YEAR} plan has {len(choices)} focus areas, not {areas}")
    number = 0
    for choice in choices[:areas]:
        area = choice.focus_area
        for _ in range(plan.activities.filter(focus_area=area).count(), per_area):
            number += 1
            topic = TOPICS[number % len(TOPICS)]
            activity = activity_services.activity_create(
                plan=plan,
                focus_area=area,
                title=TITLES[number % len(TITLES)].format(topic=topic),
                implementation="Arbetsgrupp" if number % 2 else "Sekretariatet",
                timeline=f"Q{number % 4 + 1} {YEAR}",
                content=CONTENT,
                follow_up="Rapport till arbetsutskottet varje kvartal",
                priority=PRIORITIES[number % len(PRIORITIES)],
                progress=PROGRESSES[number % len(PROGRESSES)],
            )
            if number % 4 == 0:
                activity_services.activity_note_add(
                    activity=activity, text="Diskuterad i arbetsutskottet.", group_name="AU"
                )
    return plan.activities.count()


def workgroups_grow(council: Council) -> int:
    """Every group with a goals table and a status report of the year; returns the groups."""
    groups = list(Workgroup.objects.filter(council=council).order_by("name"))
    for group in groups:
        if not group.goals.exists():
            for number in range(1, 4):
                workgroup_services.goal_create(
                    group=group,
                    goal=f"Delmål {number}: ett gemensamt underlag för rådet",
                    activity="Kartlägga, sammanställa och föreslå åtgärder",
                    responsible=group.name,
                    timeline=f"Q{number + 1} {YEAR}",
                )
        if not group.reports.filter(report_date__year=YEAR, submitted_at__isnull=False).exists():
            workgroup_services.report_create(
                group=group,
                kind=Report.Kind.STATUS,
                report_date=dt.date(YEAR, 11, 17),
                done="Kartläggningen är gjord och en första sammanställning finns.",
                next_steps="Förslag till rådet under första kvartalet nästa år.",
            )
    return len(groups)


def report_prepare(council: Council) -> AnnualReport:
    """The 2022 report with the secretariat's texts, every section and the council's two
    surveys with answers."""
    secretariat = User.objects.get(email=SECRETARIAT)
    report = report_services.report_for(council=council, year=YEAR)
    report = report_services.texts_save(
        report=report, user=secretariat, version=report.version, **TEXTS
    )
    surveys = list(survey_selectors.surveys_for_linking(council))
    if len(surveys) < 2:
        raise BenchmarkError(f"{council.short_name} has {len(surveys)} sent surveys, not 2")
    report_services.options_save(
        report=report, user=secretariat, version=report.version, sections=SECTION_KEYS,
        surveys=surveys,
    )  # fmt: skip
    return AnnualReport.objects.select_related("council").get(pk=report.pk)


# --- Measuring --------------------------------------------------------------------------------
