"""The activity-plan demo data: Mellansverige's 2022 plan from the seed, its 2023 copy, a plan
for every regional council, and a second load that changes nothing."""

import pytest
from django.db.models import Count

from activities import demo as activities_demo
from activities.models import Activity, ActivityNote, ActivityPlan, NationalRaise
from councils import demo as councils_demo
from councils.models import Council
from councils.reference_data import reference_data_load

pytestmark = pytest.mark.django_db

# Every activity of the seed, in its focus area (by short name), in the seed's order.
SEED_ACTIVITIES = [
    ("VFU", "Samordna arbetet med det gemensamma utbildningsuppdraget (VFU) "
            "för alla relevanta utbildningar"),
    ("VFU", "Nationell nivå: IT-system VFU / Avtal VFU"),
    ("VFU", "Inventera och utveckla handledarutbildning för VFU både inom hälso- och "
            "sjukvården och tandvården"),
    ("VFU", "Kartläggning av handledarutbildningar och handledningsmodeller"),
    ("VFU", "Säkerställ kvaliteten i de VFU-platser som finns"),
    ("VFU", "Kartlägga ersättningsmodeller till VFU-anordnare"),
    ("VFU", "Etablera arbetsgrupp"),
    ("Fortbildning", "Utbildning i intermediärvård för sjuksköterskor"),
    ("Fortbildning", "Kompetens/karriärvägar i klinisk vård, inkluderat specialistsjuksköterskor"),
    ("Fortbildning", "Introduktionsår/etableringsår"),
    ("Fortbildning", "Inventera behov av utbildningar för den primärkommunala hälso- och "
                     "sjukvårdssektorn"),
    ("Fortbildning", "Utveckla lärosätenas uppdrag för gruppen utlandsutbildade läkare"),
    ("Fortbildning", "Specialistutbildning tandvård"),
    ("Fortbildning", "Kompetensförsörjning undersköterskor"),
    ("Klinisk forskning", "Möjliggöra förenade anställningar och andra typer av "
                          "kombinationstjänster/samarbetsmodeller i kommuner och regioner"),
    ("Klinisk forskning", "Utveckla nationella forskarskolor för framtida vårdkompetens"),
    ("Klinisk forskning", "Öka kunskapen om de olika akademiska anställningsformerna"),
    ("God och nära vård", "Stärka kompetensförsörjningen relaterat till God och nära vård"),
    ("God och nära vård", "Definiera kritiska kompetenser"),
    ("God och nära vård", "Gemensam modell för behovsanalyser och prognoser tillsammans med "
                          "kommunerna"),
    ("God och nära vård", "Möta tandvårdens behov av kompetens"),
]  # fmt: skip

RAISED = {
    "Utveckla lärosätenas uppdrag för gruppen utlandsutbildade läkare",
    "Utveckla nationella forskarskolor för framtida vårdkompetens",
    "Nationell nivå: IT-system VFU / Avtal VFU",
    "Stärka kompetensförsörjningen relaterat till God och nära vård",
}
REGIONAL_SLUGS = ["norra", "mellansverige", "stockholm-gotland", "sydostra", "vastra", "sodra"]


def _load() -> None:
    reference_data_load()
    councils_demo.demo_load()
    activities_demo.demo_load()


@pytest.fixture
def plan_2022() -> ActivityPlan:
    _load()
    return ActivityPlan.objects.get(council__slug="mellansverige", year=2022)


def test_the_2022_plan_has_the_seeds_focus_areas_with_their_notes(plan_2022):
    choices = plan_2022.plan_focus_areas.select_related("focus_area").order_by("order")
    notes = {choice.focus_area.short_name: choice.note for choice in choices}
    assert list(notes) == ["VFU", "Fortbildning", "Klinisk forskning", "God och nära vård", "AT/BT"]
    assert notes["VFU"] == "Alla jobbar med frågan"
    assert "karriärvägarna är skelettet" in notes["Fortbildning"]
    assert notes["God och nära vård"] == "Lyft till nationell nivå"
    assert notes["AT/BT"] == "Nationell arbetsgrupp 2022, regional prio 2023"
    assert plan_2022.status == ActivityPlan.Status.ADOPTED
    assert plan_2022.intro.startswith("Regionalt vårdkompetensråd Mellansverige fokuserar")


def test_every_seed_activity_is_in_its_focus_area_in_the_seeds_order(plan_2022):
    rows = plan_2022.activities.exclude(focus_area__short_name="AT/BT").order_by(
        "focus_area__order", "order"
    )
    assert [(a.focus_area.short_name, a.title) for a in rows] == SEED_ACTIVITIES
    assert plan_2022.activities.filter(focus_area__short_name="AT/BT").exists()


def test_activities_carry_the_consolidated_columns_and_a_priority(plan_2022):
    activities = list(plan_2022.activities.all())
    assert all(a.priority != Activity.Priority.UNSET for a in activities)
    assert {a.progress for a in activities} == set(Activity.Progress.values)
    samordna = plan_2022.activities.get(title__startswith="Samordna arbetet")
    assert samordna.implementation == "Arbetsgrupp"
    assert "Löpande rapportering till arbetsutskottet" in samordna.follow_up
    assert "utbildningsupp-draget" not in samordna.title
    forskarskolor = plan_2022.activities.get(title__startswith="Utveckla nationella forskarskolor")
    # The seed's Tidplan "2022" is the quarters, with no comment left to repeat it.
    assert (forskarskolor.start_quarter, forskarskolor.end_quarter) == ("2022Q1", "2022Q4")
    assert (forskarskolor.timeline, forskarskolor.timeline_label) == ("", "Q1–Q4 2022")
    assert plan_2022.activities.filter(responsible__isnull=False).count() >= 3


def test_four_activities_are_raised_and_the_national_council_answered_one(plan_2022):
    raises = NationalRaise.objects.filter(activity__plan=plan_2022)
    assert {r.activity.title for r in raises} == RAISED
    assert all(r.raised_by.email == "sekretariat@mellansverige.example.se" for r in raises)
    answered = raises.get(status=NationalRaise.Status.ANSWERED)
    assert answered.activity.title.startswith("Utveckla lärosätenas uppdrag")
    assert answered.answer and answered.answered_by.email == "nationell@nvkr.example.se"
    assert raises.filter(status=NationalRaise.Status.IN_PROGRESS, answer="").count() == 1


def test_the_discussion_groups_remarks_are_notes(plan_2022):
    notes = ActivityNote.objects.filter(activity__plan=plan_2022)
    groups = notes.filter(group_name__in=["Grupp Hans", "Grupp Maria"])
    assert groups.count() >= 15
    assert {"Grupp Hans", "Grupp Maria", "Arbetsutskottet"} <= set(
        notes.values_list("group_name", flat=True)
    )
    risk = notes.get(text__startswith="Risk att vi konstlar till det")
    assert (risk.group_name, risk.author) == ("Grupp Maria", None)
    assert risk.activity.title.startswith("Inventera och utveckla handledarutbildning")


def test_the_2023_plan_carries_over_only_the_unfinished_activities(plan_2022):
    plan_2023 = ActivityPlan.objects.get(council__slug="mellansverige", year=2023)
    assert plan_2023.copied_from == plan_2022
    carried = list(plan_2023.activities.select_related("carried_over_from"))
    unfinished = plan_2022.activities.exclude(progress=Activity.Progress.DONE)
    assert len(carried) == unfinished.count() < plan_2022.activities.count()
    assert all(a.carried_over_from is not None for a in carried)
    assert not any(a.carried_over_from.progress == Activity.Progress.DONE for a in carried)


def test_every_regional_council_has_a_2022_plan_for_the_rollup(plan_2022):
    for slug in REGIONAL_SLUGS:
        plan = ActivityPlan.objects.get(council__slug=slug, year=2022)
        assert plan.activities.values("focus_area").distinct().count() >= 3, slug
    per_council = (
        Activity.objects.filter(plan__year=2022, plan__council__kind=Council.Kind.REGIONAL)
        .values_list("plan__council__slug")
        .annotate(n=Count("pk"))
    )
    counts = dict(per_council)
    assert set(counts) == set(REGIONAL_SLUGS)
    assert len(set(counts.values())) > 1  # the councils' plans differ in size
    others = NationalRaise.objects.exclude(activity__plan__council__slug="mellansverige")
    assert others.values("activity__plan__council").distinct().count() == 2


def _counts() -> tuple[int, ...]:
    return (
        Activity.objects.count(),
        ActivityNote.objects.count(),
        NationalRaise.objects.count(),
        ActivityPlan.objects.count(),
        Activity.history.count(),
        NationalRaise.history.count(),
    )


def test_loading_twice_changes_nothing(plan_2022):
    first = _counts()
    raises = list(NationalRaise.objects.order_by("pk").values_list("status", "answer"))
    councils_demo.demo_load()
    activities_demo.demo_load()
    assert _counts() == first
    assert list(NationalRaise.objects.order_by("pk").values_list("status", "answer")) == raises
    assert Council.objects.get(slug="mellansverige").activity_plans.count() == 2
