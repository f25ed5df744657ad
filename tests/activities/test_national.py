"""The national views: the year the roll-up opens on, the six plans side by side (page and
XLSX), and the inbox of raised activities with its filters and badges."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from activities import selectors, services
from activities.models import Activity, FocusArea, NationalRaise
from councils.models import Council, HealthcareRegion

pytestmark = pytest.mark.django_db

EXTRA_REGIONS = ["Stockholm-Gotland", "Sydöstra", "Södra", "Västra"]


@pytest.fixture
def areas():
    return {
        short: FocusArea.objects.get(council=None, short_name=short)
        for short in ("VFU", "Fortbildning", "AT/BT")
    }


@pytest.fixture
def six(world) -> list[Council]:
    """The world's two regional councils and four more: six, as in the country."""
    for order, name in enumerate(EXTRA_REGIONS, start=3):
        region = HealthcareRegion.objects.create(code=name.upper(), name=name, order=order)
        Council.objects.create(
            kind=Council.Kind.REGIONAL, name=f"Vårdkompetensrådet {name}", short_name=name,
            slug=slugify(name), healthcare_region=region, order=order,
        )  # fmt: skip
    return selectors.regional_councils()


def _plans(councils, year: int, areas) -> None:
    for council in councils:
        services.plan_create(council=council, year=year, focus_areas=[areas["VFU"]])


def _queries(func) -> int:
    with CaptureQueriesContext(connection) as context:
        func()
    return len(context.captured_queries)


# --- The year the national views open on ------------------------------------------------------


def test_five_plans_of_six_in_a_newer_year_open_the_older_complete_year(six, areas):
    assert len(six) == 6
    _plans([c for c in six if c.slug not in ("mellansverige", "norra")], 2022, areas)
    _plans(six[:5], 2023, areas)  # the world has 2022 plans for its two councils
    assert selectors.national_default_year() == 2022
    _plans(six[5:], 2023, areas)
    assert selectors.national_default_year() == 2023


def test_no_year_with_all_six_plans_opens_the_current_year(six):
    # Only the world's two councils have a plan (2022).
    assert selectors.national_default_year(today=dt.date(2031, 5, 1)) == 2031
    assert selectors.national_default_year() == timezone.localdate().year


def test_the_rollup_opens_on_the_complete_year_not_on_one_councils_draft(world, areas, client_for):
    # One council has a draft for 2024; 2022 has both of the world's councils.
    services.plan_create(council=world.own, year=2024, focus_areas=[areas["VFU"]])
    page = client_for("member").get(reverse("activities:rollup"))
    assert page.context["year"] == 2022
    assert page.context["years"][:2] == [2024, 2022]
    assert [plan.year for _council, plan in page.context["headers"]] == [2022, 2022]
    chosen = client_for("member").get(reverse("activities:rollup"), {"ar": "2024"})
    assert chosen.context["year"] == 2024
    assert "Ingen plan" in chosen.content.decode()  # Norra has no 2024 plan
    forged = client_for("member").get(reverse("activities:rollup"), {"ar": "tjugo"})
    assert forged.context["year"] == 2022


def test_the_rollup_links_to_the_plans_side_by_side(world, client_for):
    page = client_for("member").get(reverse("activities:rollup")).content.decode()
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    assert f'href="{reverse("activities:compare")}?ar=2022"' in page
    assert f"{reverse('activities:compare')}?ar=2022#fokus-{vfu.pk}-norra" in page


# --- Six plans side by side ---------------------------------------------------------------------


def _grow(world, areas, n: int) -> None:
    """n more activities in each of the world's 2022 plans, some raised, some answered."""
    for key in ("own", "other"):
        plan = world.extra[f"{key}_plan"]
        for i in range(n):
            activity = services.activity_create(
                plan=plan, focus_area=areas["VFU" if i % 2 else "Fortbildning"],
                title=f"{key} aktivitet {i}", priority=["green", "yellow", "red"][i % 3],
                progress=["ongoing", "done"][i % 2], responsible=world.users["member"],
            )  # fmt: skip
            if i % 3 == 0:
                raised = services.activity_raise_to_national(
                    activity=activity, motivation="M", user=None
                )
                services.national_raise_answer(
                    raised=raised, status="answered", answer="Svar", user=None
                )


def test_the_comparison_puts_each_councils_activities_in_its_column(world, areas):
    services.activity_create(
        plan=world.extra["other_plan"], focus_area=areas["Fortbildning"],
        title="Fortbildning i Norr", priority="red", progress="ongoing",
    )  # fmt: skip
    comparison = selectors.national_comparison(2022)
    assert [c.slug for c in comparison.councils] == ["norra", "mellansverige"]
    vfu, fortbildning = comparison.sections
    assert vfu.focus_area == areas["VFU"]
    norra, mellan = vfu.columns
    assert [a.title for a in norra.activities] == ["Handledarutbildning Norra"]
    assert [a.title for a in mellan.activities] == ["Handledarutbildning Mellansverige"]
    assert norra.chosen and mellan.chosen
    assert [a.title for a in fortbildning.columns[0].activities] == ["Fortbildning i Norr"]
    assert fortbildning.columns[1].activities == []
    assert norra.anchor == f"fokus-{areas['VFU'].pk}-norra"


def test_the_comparison_filters_by_priority_status_focus_area_and_raise(world, areas):
    _grow(world, areas, 6)
    red = selectors.national_comparison(2022, selectors.ActivityFilter(priority="red"))
    titles = [a.title for s in red.sections for c in s.columns for a in c.activities]
    assert sorted(titles) == ["other aktivitet 2", "other aktivitet 5", "own aktivitet 2",
                              "own aktivitet 5"]  # fmt: skip
    done = selectors.national_comparison(2022, selectors.ActivityFilter(progress="done"))
    assert {a.progress for s in done.sections for c in s.columns for a in c.activities} == {"done"}
    only_vfu = selectors.national_comparison(
        2022, selectors.ActivityFilter(focus_area=areas["VFU"].pk)
    )
    assert [s.focus_area for s in only_vfu.sections] == [areas["VFU"]]
    assert len(only_vfu.focus_areas) == 2  # the menu still offers both
    raised = selectors.national_comparison(2022, selectors.ActivityFilter(raised=True))
    assert all(a.national_raise for s in raised.sections for c in s.columns for a in c.activities)


def test_the_comparison_runs_four_queries_for_few_and_many_activities(world, areas):
    few = _queries(lambda: selectors.national_comparison(2022))
    _grow(world, areas, 25)
    comparison = None

    def read():
        nonlocal comparison
        comparison = selectors.national_comparison(2022)
        for section in comparison.sections:
            for column in section.columns:
                for activity in column.activities:
                    activity.get_absolute_url(), activity.responsible
                    getattr(activity, "national_raise", None)

    many = _queries(read)
    assert few == many == 4
    assert comparison.activity_count == 52


def test_the_page_shows_titles_with_priority_status_and_raise_in_a_constant_query_count(
    world, areas, client_for
):
    client = client_for("national")
    client.get(reverse("home"))  # the session's first request writes its idle stamp
    url = reverse("activities:compare")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _grow(world, areas, 20)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url, {"ar": "2022"})
    assert len(few.captured_queries) == len(many.captured_queries)
    html = page.content.decode()
    activity = Activity.objects.get(title="own aktivitet 3")
    assert f'<a href="{activity.get_absolute_url()}">own aktivitet 3</a>' in html
    assert '<span class="badge priority priority-green">Grön</span>' in html
    assert "Pågår" in html and "Klar" in html
    assert "Lyft – besvarad" in html and "Lyft – inte besvarad" in html
    assert 'id="fokus-{}-mellansverige"'.format(areas["VFU"].pk) in html


def test_the_page_filters_with_a_get_form_and_ignores_forged_values(world, areas, client_for):
    _grow(world, areas, 6)
    client = client_for("member")
    url = reverse("activities:compare")
    red = client.get(url, {"ar": "2022", "prioritet": "red", "status": "", "fokus": ""})
    shown = [a for s in red.context["comparison"].sections for c in s.columns for a in c.activities]
    assert shown and {a.priority for a in shown} == {"red"}
    assert "Visa alla" in red.content.decode()
    forged = client.get(url, {"prioritet": "lila", "status": "done", "fokus": "x"})
    shown = [
        a for s in forged.context["comparison"].sections for c in s.columns for a in c.activities
    ]
    assert shown and {a.progress for a in shown} == {"done"}
    assert len({a.priority for a in shown}) > 1


def test_who_sees_the_plans_side_by_side(world, client_for):
    url = reverse("activities:compare")
    assert client_for("anonymous").get(url).status_code == 302
    assert client_for("respondent").get(url).status_code == 403
    for role in ("member", "other_member", "secretariat", "national", "admin"):
        assert client_for(role).get(url).status_code == 200, role
    export = reverse("activities:compare_export")
    assert client_for("respondent").get(export).status_code == 403
    assert client_for("member").get(export).status_code == 200


def test_the_comparison_xlsx_has_a_row_per_activity_with_priorities_in_colour(
    world, areas, client_for
):
    _grow(world, areas, 3)
    response = client_for("national").get(
        reverse("activities:compare_export"), {"ar": "2022", "status": "ongoing"}
    )
    assert response["Content-Disposition"] == 'attachment; filename="aktivitetsplaner-2022.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:5] == ["Fokusområde", "Råd", "Aktivitet", "Prioritet", "Status"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    # The page's filter applies (ongoing only), in the page's order: focus area, then council.
    assert [(row[1], row[2], row[4]) for row in rows] == [
        ("Norra", "other aktivitet 0", "Pågår"), ("Norra", "other aktivitet 2", "Pågår"),
        ("Mellansverige", "own aktivitet 0", "Pågår"),
        ("Mellansverige", "own aktivitet 2", "Pågår"),
    ]  # fmt: skip
    priority = {row[2].value: row[3] for row in sheet.iter_rows(min_row=2)}
    green, red = priority["own aktivitet 0"], priority["own aktivitet 2"]
    assert (green.value, red.value) == ("Grön", "Röd")
    assert green.fill.fill_type == "solid" and green.fill.fgColor.rgb.endswith("146C43")
    assert red.fill.fgColor.rgb.endswith("B02A37")
    assert rows[0][6] == "Maja Ledamot"
    assert rows[0][7:] == ["Ja", "Besvarad", "Svar"]
    assert rows[1][7:] == [None, None, None]


# --- The inbox --------------------------------------------------------------------------------


def test_the_inbox_shows_a_badge_per_status_the_answer_and_besvara_only_when_unanswered(
    world, client_for
):
    own, other = world.extra["own_raise"], world.extra["other_raise"]
    services.national_raise_answer(
        raised=own, status="answered", answer="Tas upp med UKÄ.", user=world.users["national"]
    )
    html = client_for("national").get(reverse("activities:inbox")).content.decode()
    assert '<span class="raise-status raise-status-answered">Besvarad</span>' in html
    assert '<span class="raise-status raise-status-raised">Lyft</span>' in html
    assert "Tas upp med UKÄ." in html
    answer_own = reverse("activities:raise_answer", kwargs={"pk": own.pk})
    answer_other = reverse("activities:raise_answer", kwargs={"pk": other.pk})
    assert f'href="{answer_own}">Ändra svar' in html
    assert f'href="{answer_other}">Besvara' in html
    assert html.count(">Besvara<") == 1


def test_the_inbox_filters_by_status_and_council(world, client_for):
    own, other = world.extra["own_raise"], world.extra["other_raise"]
    services.national_raise_answer(raised=own, status="in_progress", answer="", user=None)
    client = client_for("national")
    url = reverse("activities:inbox")
    assert list(client.get(url, {"status": "in_progress"}).context["raises"]) == [own]
    assert list(client.get(url, {"rad": "norra"}).context["raises"]) == [other]
    both = client.get(url, {"status": "raised", "rad": "norra"})
    assert list(both.context["raises"]) == [other]
    assert list(client.get(url, {"status": "raised", "rad": "mellansverige"}).context[
        "raises"
    ]) == []  # fmt: skip
    forged = client.get(url, {"status": "nej", "rad": "okänt"})
    assert set(forged.context["raises"]) == {own, other}


def test_the_inbox_runs_a_constant_number_of_queries(world, areas, client_for):
    client = client_for("national")
    client.get(reverse("home"))
    url = reverse("activities:inbox")
    few = _queries(lambda: client.get(url))
    _grow(world, areas, 12)
    assert NationalRaise.objects.count() > 8
    assert _queries(lambda: client.get(url)) == few


def test_council_in_the_inbox_and_answer_page_is_one_council_in_english(
    world, client_for, settings
):
    with translation.override("en"):
        council = translation.pgettext("ett råd", "Råd")
    if council == "Råd":
        pytest.skip("The English catalogue has no entry for the context yet (the lead adds it)")
    assert council == "Council"
    client = client_for("national")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    raised = world.extra["own_raise"]
    inbox = client.get(reverse("activities:inbox")).content.decode()
    page = client.get(reverse("activities:raise_answer", kwargs={"pk": raised.pk})).content
    assert '<th scope="col">Council</th>' in inbox
    assert '<dt class="col-sm-3">Council</dt>' in page.decode()
