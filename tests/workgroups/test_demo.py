"""The workgroup demo data: the seed's four groups of Mellansverige with their members, goals,
meetings, reports and the open question, linked to the 2022 plan and the career-model survey;
the two group logins; the current state of the career-model group; a second load that changes
nothing."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import global_settings
from django.utils import timezone

from activities import demo as activities_demo
from councils import demo as councils_demo
from councils.models import Membership, User
from councils.reference_data import reference_data_load
from surveys import demo as surveys_demo
from surveys.models import Survey
from workgroups import access
from workgroups import demo as workgroups_demo
from workgroups.models import Goal, Meeting, Member, Question, Report, Workgroup

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
ATBT, FORENADE, INTERMEDIAR, KARRIAR = (
    "Arbetsgrupp AT/BT", "Förenade anställningar", "Intermediärvård", "Karriärmodeller",
)  # fmt: skip

# The people named in the seed's slides: none of them may appear in the demo.
SEED_NAMES = [
    "Maria Palm", "Christina Halford", "Ahmed Abidin", "Ann-Kristin Rönnberg", "Åsa Husmark",
    "Lisa Sprengel", "Maria Vosough", "Pia Linde", "Anna Granath", "Sahra Strandberg",
    "Annika Lundin", "Martin Wahlén", "Kristina Lood",
]  # fmt: skip

ATBT_TITLES = [
    "Övergripande studierektor", "tf. Bitr. FoU-direktör", "AT/BT-chef", "Utbildningschef",
    "Vchf. Centrum för läkarutbildning", "Övergripande studierektor", "AT/BT-chef",
]  # fmt: skip

ATBT_GOALS = [
    ("Förbättrad kunskap om organisation och styrning av AT/BT inom aktuella regioner.",
     "Kartlägga och sammanställa hur styrning, redovisning och organisation av "
     "utbildningstjänster AT/BT ser ut i regionerna."),
    ("Kartläggning av befintliga nätverk kopplade till AT/BT-organisation.",
     "Identifiera befintliga nätverk för AT/BT-organisation som våra regioner deltar i och "
     "etablera en funktionell struktur för kommunikation med dessa arbetsgrupper"),
    ("Kartläggning av aktuell implementering av nationella rådets rekommendationer (2022:1) "
     "inom de Mellansvenska regionerna.",
     "Kartlägga om och i så fall hur förslagen i Nationella AT/BT-gruppens rapport (Nationella "
     "vårdkompetensrådet 2022:1) har implementerats i våra mellansvenska regioner."),
]  # fmt: skip

FORENADE_PEOPLE = [
    ("Förhandlingschef", "Region Örebro län"),
    ("Tf förhandlingschef", "Region Västmanland"),
    ("Förvaltningsövergripande verksamhetschef", "Örebro kommun"),
    ("Bitr förhandlingschef", "Region Uppsala"),
    ("HR", "Uppsala universitet"),
    ("HR-partner", "Region Örebro län"),
]


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """Loaded once for the module, and removed afterwards; yields the returned logins."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            reference_data_load()
            councils_demo.demo_load()
            activities_demo.demo_load()
            surveys_demo.demo_load()
            yield workgroups_demo.demo_load()
            transaction.set_rollback(True)


def _group(name: str) -> Workgroup:
    return Workgroup.objects.get(council__slug="mellansverige", name=name)


def test_the_four_groups_are_linked_to_their_focus_areas_and_2022_activities(_loaded):
    links = {
        ATBT: ("AT/BT", {"Följa den nationella arbetsgruppen för AT/BT",
                         "Förbereda regional prioritering av AT/BT inför 2023"}),
        FORENADE: ("Klinisk forskning", {
            "Möjliggöra förenade anställningar och andra typer av "
            "kombinationstjänster/samarbetsmodeller i kommuner och regioner"}),
        INTERMEDIAR: ("Fortbildning", {"Utbildning i intermediärvård för sjuksköterskor"}),
        KARRIAR: ("Fortbildning", {
            "Kompetens/karriärvägar i klinisk vård, inkluderat specialistsjuksköterskor"}),
    }  # fmt: skip
    groups = Workgroup.objects.filter(council__slug="mellansverige")
    assert set(groups.values_list("name", flat=True)) == set(links)
    for name, (area, titles) in links.items():
        group = _group(name)
        assert group.focus_area.short_name == area and group.focus_area.council_id is None
        activities = group.activities.select_related("plan")
        assert {a.title for a in activities} == titles, name
        assert {(a.plan.council.slug, a.plan.year) for a in activities} == {("mellansverige", 2022)}
        # AT/BT's work ended with 2022 (its final report was due January 2023).
        closed = name == workgroups_demo.ATBT
        assert group.status == (Workgroup.Status.CLOSED if closed else Workgroup.Status.ACTIVE)


def test_mandates_and_purpose_are_the_seeds(_loaded):
    assert _group(INTERMEDIAR).mandate == "Undersöka behov av utbildning inom intermediärvård"
    assert _group(FORENADE).mandate == (
        "Kartlägga befintliga typer av anställningar och ekonomiska modeller för förenade "
        "anställningar och andra typer av kombinationstjänster/samarbetsmodeller i kommuner och "
        "regioner"
    )
    assert _group(KARRIAR).purpose == (
        "Kartlägga befintliga kompetensmodeller för att stärka karriär-/kompetensvägar i "
        "klinisk vård."
    )


def test_atbt_has_the_seeds_seven_members_with_the_convenor(_loaded):
    members = list(_group(ATBT).members.select_related("user").order_by("pk"))
    assert [m.display_title for m in members] == ATBT_TITLES
    convenors = [m for m in members if m.role == Member.Role.CONVENOR]
    assert [m.display_title for m in convenors] == ["Utbildningschef"]
    assert convenors[0].user.email == "sammankallande@mellansverige.example.se"
    with_login = {m.user.email for m in members if m.user_id}
    assert with_login == {"sammankallande@mellansverige.example.se",
                          "gruppmedlem@mellansverige.example.se"}  # fmt: skip
    assert all(m.name and not m.user_id for m in members if m.user_id is None)


def test_forenade_has_the_seeds_six_members_with_titles_and_organisations(_loaded):
    members = _group(FORENADE).members.order_by("pk")
    assert [(m.title, m.organisation) for m in members] == FORENADE_PEOPLE
    assert all(m.role == Member.Role.MEMBER and m.user_id is None for m in members)


def test_no_person_of_the_seed_is_named(_loaded):
    names = set(Member.objects.values_list("name", flat=True))
    names |= set(User.objects.values_list("full_name", flat=True))
    assert not names & set(SEED_NAMES)


def test_atbt_goals_rows_are_verbatim(_loaded):
    goals = _group(ATBT).goals.order_by("order")
    rows = [(g.goal, g.activity, g.responsible, g.timeline) for g in goals]
    assert rows == [(goal, activity, ATBT, "Q3-4 2022") for goal, activity in ATBT_GOALS]
    assert {(g.start_quarter, g.end_quarter) for g in goals} == {("2022Q3", "2022Q4")}


def test_atbt_meetings_are_the_seeds_three_in_stockholm_time(_loaded):
    meetings = list(_group(ATBT).meetings.order_by("starts_at"))
    local = [timezone.localtime(m.starts_at, STOCKHOLM) for m in meetings]
    assert [(d.year, d.month) for d in local] == [(2022, 8), (2022, 10), (2022, 11)]
    assert local[2].day == 29 and local[2].hour == 13
    assert [m.title for m in meetings] == ["Digitalt möte", "Arbetsmöte", "Digitalt möte"]
    assert [m.form for m in meetings] == ["digitalt", "pa_plats", "digitalt"]
    assert [m.agenda for m in meetings] == [
        "Bakgrund, input på uppdragsbeskrivningen",
        "Redovisning av regionernas arbete med AT i relation till nationella rekommendationer.",
        "Genomgång av prel. rapport",
    ]
    assert all(m.ends_at > m.starts_at for m in meetings)


def test_atbt_status_report_and_final_report_due(_loaded):
    group = _group(ATBT)
    report = group.reports.get()
    assert report.kind == Report.Kind.STATUS and report.is_submitted
    assert report.submitted_by.email == "sammankallande@mellansverige.example.se"
    assert report.done.startswith(
        "• Sammanställning pågår\n• Saknas en del underlag\n• Tidsplan bör ändå kunna hålla"
    )
    assert "Slutrapport i januari 2023 - konkreta förslag till åtgärder" in report.next_steps
    assert group.final_report_due == date(2023, 1, 31)


def test_forenade_report_has_the_work_conclusions_and_an_open_question(_loaded):
    report = _group(FORENADE).reports.get()
    assert report.is_submitted and report.report_date == date(2022, 11, 17)
    assert report.done.startswith("• Gruppen har träffats tre gånger för arbetsdagar")
    assert "Inventering av olika villkor, hantering och administration av förenade" in report.done
    assert "Örebro, Linköping, Västerås, Karlstad och Gävle" in report.done
    bullets = [line for line in report.conclusions.splitlines() if line.startswith("• ")]
    assert len(bullets) == 4
    assert bullets[0] == (
        "• Alla huvudmän av de vi tittat närmare på hanterar förenade anställningar olika"
    )
    assert "En reglering / avtal behöver tecknas mellan centrala parter" in bullets[3]
    question = report.questions.get()
    assert question.text == (
        "Hur påverkar regeringens uppdrag till utbildningsdepartementet om att se över hinder "
        "för mobilitet mellan högskolan och andra aktörer?"
    )
    assert question.status == Question.Status.NEW and question.answer == ""


def test_intermediarvard_report_of_17_november_2022(_loaded):
    report = _group(INTERMEDIAR).reports.get()
    assert report.report_date == date(2022, 11, 17) and report.is_submitted
    for course in (
        "Karolinska Institutet – Omvårdnad inom intermediärvård 7.5 hp",
        "Uppsala universitet – Omvårdnad inom postoperativ och kirurgisk intermediärvård 7.5 hp",
        "Lunds universitet – Omvårdnad vid intermediärvård av vuxna 7.5 hp",
        "Göteborgs universitet – Avancerad omvårdnad vid intermediärvård för vuxna 7.5 hp",
    ):
        assert f"• {course}\n" in f"{report.done}\n"
    assert "Nationell arbetsgrupp inom kunskapsstyrning" in report.conclusions
    assert "Förslag att planera en WS tillsammans med fortbildningsgruppen inom NVKR" in (
        report.next_steps
    )
    assert "• Flexibla kursstarter (Fri start-fri fart)" in report.next_steps
    assert "• Samverkan mellan regioner – nyttja kompetens och resurser" in report.next_steps


def test_karriarmodeller_activities_refer_to_the_career_survey(_loaded):
    group = _group(KARRIAR)
    goals = list(group.goals.order_by("order"))
    assert [g.goal for g in goals] == [
        "Möte SKR", "Kunskapssammanställning", "Kartlägga befintliga nätverk", "Enkät",
        "Synpunkter på enkäten", "Sammanställa resultat", "Sammanställa rapport", "Workshop",
    ]  # fmt: skip
    survey = Survey.objects.get(council=group.council, title=surveys_demo.CAREER_TITLE)
    survey_row = next(g for g in goals if g.goal == "Enkät")
    assert survey_row.activity == "Original SKRs enkät + egna frågor"
    assert survey.title in survey_row.follow_up
    assert survey_row.status == Goal.Status.ONGOING
    # The group is linked to the survey itself, which its page links to.
    assert list(group.surveys.all()) == [survey]


def test_karriarmodeller_has_a_current_meeting_and_a_report_due(_loaded):
    group = _group(KARRIAR)
    now, today = timezone.now(), timezone.localdate()
    coming = group.meetings.filter(starts_at__gt=now)
    assert coming.count() == 1
    assert coming.get().starts_at - now < timedelta(days=14)
    held = group.meetings.get(starts_at__lt=now)
    assert held.minutes and held.starts_at.astimezone(STOCKHOLM).weekday() < 5
    planned = group.reports.get()
    assert not planned.is_submitted and planned.due_date == today + timedelta(days=10)
    convenor = group.members.get(role=Member.Role.CONVENOR)
    assert convenor.user.email == "helena.lindqvist@mellansverige.example.se"


def test_the_logins_are_returned_and_the_convenor_has_no_council_seat(_loaded, settings):
    # The module's load hashed the passwords before the tests' fast hasher was set.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    logins = {login.email: login for login in _loaded}
    assert set(logins) == {"sammankallande@mellansverige.example.se",
                           "gruppmedlem@mellansverige.example.se"}  # fmt: skip
    atbt, karriar = _group(ATBT), _group(KARRIAR)
    for email, login in logins.items():
        user = User.objects.get(email=email)
        assert login.password == councils_demo.DEMO_PASSWORD
        assert user.check_password(councils_demo.DEMO_PASSWORD)
        assert not Membership.objects.filter(user=user).exists()
        assert access.can_read_group(user, atbt) and access.can_edit_group(user, atbt)
        assert access.can_edit_group(user, karriar) and not access.can_manage_group(user, karriar)
    convenor = User.objects.get(email="sammankallande@mellansverige.example.se")
    member = User.objects.get(email="gruppmedlem@mellansverige.example.se")
    assert access.is_convenor(convenor, atbt) and access.can_manage_group(convenor, atbt)
    assert not access.can_manage_group(member, atbt)
    assert not access.can_read_group(convenor, _group(FORENADE))


def _counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Workgroup, Member, Goal, Meeting, Report, Question, User)
    } | {"links": Workgroup.activities.through.objects.count()}


def test_loading_twice_changes_nothing(_loaded):
    first = _counts()
    assert first["Workgroup"] == 4 and first["Member"] == 18 and first["Meeting"] == 5
    logins = workgroups_demo.demo_load()
    assert _counts() == first
    assert [login.email for login in logins] == [login.email for login in _loaded]


def test_meeting_times_are_aware_in_stockholm(_loaded):
    first = _group(ATBT).meetings.order_by("starts_at").first()
    assert first.starts_at == datetime(2022, 8, 24, 13, 0, tzinfo=STOCKHOLM)


def test_load_demo_data_prints_the_group_logins_and_they_sign_in(_loaded, capsys, settings):
    from django.contrib.auth import authenticate
    from django.core.management import call_command
    from django.test import RequestFactory

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    before = _counts()
    call_command("load_demo_data")
    assert _counts() == before
    out = capsys.readouterr().out
    for email in ("sammankallande@mellansverige.example.se",
                  "gruppmedlem@mellansverige.example.se"):  # fmt: skip
        line = next(line for line in out.splitlines() if email in line)
        assert councils_demo.DEMO_PASSWORD in line
        request = RequestFactory().post("/")
        assert authenticate(request, username=email, password=councils_demo.DEMO_PASSWORD)
