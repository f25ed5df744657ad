"""The plan table: one timeline (quarters) shown one way, late carried-over activities, the row
with Ansvarig and its menus, moving a row into another focus area at once, and copying a plan
to next year with its year replaced in the texts."""

from __future__ import annotations

import json
import uuid
from datetime import date
from unittest import mock

import pytest
from django.urls import reverse

from activities import quarters, selectors, services
from activities.forms import ActivityForm
from activities.models import Activity, ActivityPlan, FocusArea
from activities.spreadsheets import ImportRow
from activities.texts import year_replaced

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        ("2022Q2", "2022Q2", "Q2 2022"),
        ("2022Q3", "2022Q4", "Q3–Q4 2022"),
        ("2022Q4", "2023Q1", "Q4 2022–Q1 2023"),
        ("2022Q1", "2022Q4", "Q1–Q4 2022"),
        ("2022Q3", "", "från Q3 2022"),
        ("", "2022Q4", "senast Q4 2022"),
        ("", "", ""),
    ],
)
def test_a_timeline_is_shown_from_its_quarters(start, end, label):
    assert quarters.label(start, end) == label
    assert Activity(start_quarter=start, end_quarter=end).timeline_label == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022", ("2022Q1", "2022Q4")),
        ("Q2 2022", ("2022Q2", "2022Q2")),
        ("Q3-4 2022", ("2022Q3", "2022Q4")),
        ("Q3–Q4 2022", ("2022Q3", "2022Q4")),
        ("Q4 2022–Q1 2023", ("2022Q4", "2023Q1")),
        ("2022Q3–2022Q4", ("2022Q3", "2022Q4")),
        (" q1-2  2023 ", ("2023Q1", "2023Q2")),
        # Not a timeline only: the text stays a comment, no quarters are made up.
        ("Hösten 2022", ("", "")),
        ("Q4-1 2022", ("", "")),
        ("Q2 2023–Q1 2023", ("", "")),
        ("", ("", "")),
    ],
)
def test_the_seeds_and_files_free_text_gives_quarters_only_when_it_is_a_timeline(text, expected):
    assert quarters.from_text(text) == expected
    start, end = expected
    if start:  # what is shown reads back as the same quarters
        assert quarters.from_text(quarters.label(start, end)) == expected


def _late(end: str, *, plan_year: int, today: date, carried: bool = True, progress="ongoing"):
    activity = Activity(
        plan=ActivityPlan(year=plan_year), end_quarter=end, progress=progress,
        carried_over_from_id=1 if carried else None,
    )  # fmt: skip
    with mock.patch("activities.quarters.timezone.localdate", return_value=today):
        return activity.is_late


def test_a_carried_over_activity_whose_end_quarter_has_passed_is_late():
    # Viewed after the plan's year, against the start of the plan's year.
    assert _late("2022Q4", plan_year=2023, today=date(2026, 1, 5))
    assert not _late("2023Q1", plan_year=2023, today=date(2026, 1, 5))
    # In the plan's own year, against the quarter we are in.
    assert _late("2023Q1", plan_year=2023, today=date(2023, 5, 2))
    assert not _late("2023Q2", plan_year=2023, today=date(2023, 5, 2))
    # Not carried over, done, or without an end quarter: never late.
    assert not _late("2022Q4", plan_year=2023, today=date(2026, 1, 5), carried=False)
    assert not _late("2022Q4", plan_year=2023, today=date(2026, 1, 5), progress="done")
    assert not _late("", plan_year=2023, today=date(2026, 1, 5))


@pytest.fixture
def plan(world) -> ActivityPlan:
    return world.extra["own_plan"]


@pytest.fixture
def activity(world) -> Activity:
    return world.extra["own_activity"]


def _url(name: str, activity: Activity) -> str:
    kwargs = {"slug": activity.plan.council.slug, "year": activity.plan.year, "pk": activity.pk}
    return reverse(f"activities:{name}", kwargs=kwargs)


def test_the_form_offers_quarters_of_the_plans_years_and_keeps_an_older_one(plan, activity):
    activity.start_quarter, activity.end_quarter = "2019Q2", "2022Q3"
    form = ActivityForm(instance=activity, plan=plan)
    values = [value for value, _label in form.fields["start_quarter"].choices]
    assert values[:2] == ["", "2019Q2"]
    assert "2021Q1" in values and "2024Q4" in values and "2025Q1" not in values
    assert dict(form.fields["end_quarter"].choices)["2022Q3"] == "Q3 2022"
    assert form.fields["timeline"].label == "Kommentar till tidplan"


def test_the_row_shows_ansvarig_the_timeline_its_comment_and_one_menu(
    world, plan, activity, client_for
):
    services.activity_update(
        activity=activity, version=activity.version, start_quarter="2022Q3",
        end_quarter="2022Q4", timeline="Efter rådets möte i september",
        responsible=world.users["member"],
    )  # fmt: skip
    html = client_for("member").get(plan.get_absolute_url()).content.decode()
    row = html[html.index(f'id="activity-{activity.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Q3–Q4 2022" in row and "Efter rådets möte i september" in row
    assert world.users["member"].full_name in row
    assert "2022Q3" not in row.replace('value="2022Q3"', "")
    # Priority and status: one button each in its colour; every other action in one menu.
    # The row holds the buttons only: their menus are once in the page, in a <template> that
    # static/js/plan.js fills in with the row's URL (its title link's) and version.
    assert [key for key in ("priority", "progress", "actions") if f'data-focus-key="{key}"' in row]
    assert row.count("<button") == 3 and "<form" not in row and "<ul" not in row
    assert 'class="btn btn-sm choice-toggle priority priority-green dropdown-toggle"' in row
    assert f'<a id="title-{activity.pk}" href="{activity.get_absolute_url()}">' in row
    assert f'data-version="{activity.version + 1}"' in row
    assert "Anteckningar (1)" in row
    assert html.count('<template id="row-menus">') == 1
    menus = html[html.index('<template id="row-menus">') : html.index("</template>")]
    # The row's URLs are its own page's plus the suffixes the URLconf gives them.
    base = activity.get_absolute_url()
    for name in ("activity_edit", "activity_set", "activity_move", "activity_delete"):
        suffix = _url(name, activity).removeprefix(base)
        assert suffix and f'data-suffix="{suffix}"' in menus
    # Every focus area of the plan is offered to move to (the script hides the row's own).
    for area in plan.plan_focus_areas.all():
        assert f'name="focus_area" value="{area.focus_area_id}"' in menus


def test_a_reader_sees_values_not_controls(plan, activity, client_for):
    html = client_for("national").get(plan.get_absolute_url()).content.decode()
    row = html[html.index(f'id="activity-{activity.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "data-focus-key" not in row and "<button" not in row
    assert 'id="row-menus"' not in html
    assert '<span class="badge priority priority-green">Grön</span>' in row


def test_the_plan_page_shows_a_late_carried_over_activity(plan, activity, client_for):
    services.activity_update(
        activity=activity, version=activity.version, start_quarter="2022Q3",
        end_quarter="2022Q4",
    )  # fmt: skip
    next_plan = services.plan_copy_to_next_year(plan=plan)
    copied = next_plan.activities.get()
    assert copied.is_late
    html = client_for("member").get(next_plan.get_absolute_url()).content.decode()
    assert 'class="badge badge-late">Försenad' in html
    assert not selectors.plan_row(plan, activity.pk)["late"]  # in its own year it is not


def test_moving_into_another_focus_area_sends_both_tables_at_once(plan, activity, client_for):
    fortbildning = FocusArea.objects.get(council=None, short_name="Fortbildning")
    vfu = activity.focus_area
    response = client_for("member").post(
        _url("activity_move", activity),
        {"direction": "area", "focus_area": fortbildning.pk, "version": activity.version},
        **HTMX,
    )
    assert response.status_code == 200
    moved = Activity.objects.get(pk=activity.pk)
    assert (moved.focus_area, moved.version) == (fortbildning, activity.version + 1)
    html = response.content.decode()
    # The table it left replaces itself; the one it joined comes out of band.
    assert response["HX-Retarget"] == f"#section-{vfu.pk}" and response["HX-Reswap"] == "outerHTML"
    assert f'<tbody id="section-{vfu.pk}">' in html
    joined = f'<tbody id="section-{fortbildning.pk}" hx-swap-oob="outerHTML">'
    assert joined in html and html.index(f'id="activity-{activity.pk}"') > html.index(joined)
    announce = json.loads(response["HX-Trigger-After-Settle"])["vkr:announce"]
    assert announce["message"] == "Aktiviteten är flyttad till Fortbildning."
    assert announce["focus"] == f'#activity-{activity.pk} [data-focus-key="actions"]'


def test_moving_on_a_stale_version_or_into_a_foreign_area_moves_nothing(
    world, activity, client_for
):
    fortbildning = FocusArea.objects.get(council=None, short_name="Fortbildning")
    foreign = FocusArea.objects.create(council=world.other, name="Norras eget område")
    client = client_for("member")
    for data in (
        {"direction": "area", "focus_area": fortbildning.pk, "version": activity.version + 5},
        {"direction": "area", "focus_area": foreign.pk, "version": activity.version},
        {"direction": "area", "version": activity.version},
    ):
        response = client.post(_url("activity_move", activity), data, **HTMX)
        assert response.status_code == 409 and 'role="alert"' in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).focus_area.short_name == "VFU"


def test_moving_without_htmx_goes_back_to_the_plan(plan, activity, client_for):
    fortbildning = FocusArea.objects.get(council=None, short_name="Fortbildning")
    response = client_for("member").post(
        _url("activity_move", activity),
        {"direction": "area", "focus_area": fortbildning.pk, "version": activity.version},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{plan.get_absolute_url()}#activity-{activity.pk}"
    assert Activity.objects.get(pk=activity.pk).focus_area == fortbildning


def test_a_new_focus_area_in_the_edit_form_moves_the_row_at_once(activity, client_for):
    fortbildning = FocusArea.objects.get(council=None, short_name="Fortbildning")
    data = {
        "focus_area": fortbildning.pk, "title": activity.title, "implementation": "",
        "timeline": "", "start_quarter": "2022Q2", "end_quarter": "2022Q2", "content": "",
        "follow_up": "", "priority": "green", "progress": "ongoing", "responsible": "",
        "version": activity.version,
    }  # fmt: skip
    response = client_for("member").post(_url("activity_edit", activity), data, **HTMX)
    assert response["HX-Retarget"] == f"#section-{activity.focus_area_id}"
    html = response.content.decode()
    assert f'<tbody id="section-{fortbildning.pk}" hx-swap-oob="outerHTML">' in html
    announce = json.loads(response["HX-Trigger-After-Settle"])["vkr:announce"]
    assert announce["message"] == "Aktiviteten är sparad. Aktiviteten är flyttad till Fortbildning."
    assert Activity.objects.get(pk=activity.pk).start_quarter == "2022Q2"


def test_a_quick_set_puts_the_focus_back_on_its_button(activity, client_for):
    response = client_for("member").post(
        _url("activity_set", activity),
        {"field": "progress", "value": "done", "version": activity.version},
        **HTMX,
    )
    announce = json.loads(response["HX-Trigger-After-Settle"])["vkr:announce"]
    assert announce == {
        "message": "Ändringen är sparad.",
        "focus": f'#activity-{activity.pk} [data-focus-key="progress"]',
    }
    assert 'data-focus-key="progress"' in response.content.decode()


def test_the_years_move_one_forward_as_whole_words_only():
    text = (
        "Prioriteras 2022 … måste ske 2022, bra om 2022 men ok även 2023; sedan 2019; "
        "strategin till 2040; 2022Q3, 12022 och 2022-talet."
    )
    assert year_replaced(text, 2022) == (
        "Prioriteras 2023 … måste ske 2023, bra om 2023 men ok även 2024; sedan 2019; "
        "strategin till 2040; 2022Q3, 12022 och 2022-talet.",
        4,
    )


def test_copying_moves_the_year_in_the_texts_and_starts_a_draft_with_a_note(plan, client_for):
    services.plan_update(
        plan=plan, intro="Följande prioriteras 2022. Grönt måste ske 2022.", status="adopted",
        notes={plan.plan_focus_areas.first().focus_area_id: "Nationell arbetsgrupp 2022"},
    )  # fmt: skip
    client = client_for("secretariat")
    copy_url = reverse("activities:plan_copy", kwargs={"slug": "mellansverige", "year": 2022})
    preview = client.get(copy_url)
    assert preview.context["preview"].year_mentions == 3
    assert "och framåt på 3 ställen: i kopian flyttas de ett år fram (2022 blir 2023" in (
        preview.content.decode()
    )

    client.post(copy_url, {"idempotency_key": uuid.uuid4()})
    new_plan = ActivityPlan.objects.get(council=plan.council, year=2023)
    assert new_plan.status == ActivityPlan.Status.DRAFT
    assert new_plan.intro == "Följande prioriteras 2023. Grönt måste ske 2023."
    assert new_plan.plan_focus_areas.first().note == "Nationell arbetsgrupp 2023"
    assert plan.plan_focus_areas.first().note == "Nationell arbetsgrupp 2022"  # unchanged
    page = client.get(new_plan.get_absolute_url()).content.decode()
    assert 'id="review-note"' in page and "Läs igenom inledningen" in page

    # Once it exists, the copy page links to it.
    again = client.get(copy_url).content.decode()
    assert f'href="{new_plan.get_absolute_url()}"' in again
    # Adopted, the note is gone.
    services.plan_update(plan=new_plan, intro=new_plan.intro, status="adopted")
    assert 'id="review-note"' not in client.get(new_plan.get_absolute_url()).content.decode()


def test_an_imported_tidplan_becomes_quarters_and_other_text_stays_a_comment(plan):
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    rows = [
        ImportRow(
            line=line,
            focus_area=vfu,
            title=title,
            implementation="",
            timeline=timeline,
            content="",
            follow_up="",
            priority="green",
            progress="ongoing",
            raise_to_national=False,
            motivation="",
        )  # fmt: skip
        for line, (title, timeline) in enumerate(
            [("Kvartal", "Q3-4 2022"), ("Text", "Hösten, efter mötet")], start=2
        )
    ]
    services.plan_import(plan=plan, rows=rows, user=None, sha256="a" * 64)
    by_title = {a.title: a for a in plan.activities.all()}
    assert (by_title["Kvartal"].start_quarter, by_title["Kvartal"].end_quarter) == (
        "2022Q3", "2022Q4",
    )  # fmt: skip
    assert by_title["Kvartal"].timeline == ""
    assert (by_title["Text"].start_quarter, by_title["Text"].timeline) == (
        "", "Hösten, efter mötet",
    )  # fmt: skip


def test_the_history_shows_quarters_as_the_plan_does(activity):
    services.activity_update(
        activity=activity, version=activity.version, start_quarter="2022Q3",
        end_quarter="2022Q4",
    )  # fmt: skip
    latest = selectors.activity_history(activity)[0]
    assert ("startkvartal", "–", "Q3 2022") in [(c.label, c.old, c.new) for c in latest.changes]
