"""Activity plan pages: in-place editing, conflicts, copy, the national roll-up and inbox, and
that forged or stale input changes nothing."""

from __future__ import annotations

import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities import services
from activities.models import Activity, ActivityPlan, FocusArea, NationalRaise

pytestmark = pytest.mark.django_db


def _url(name: str, activity: Activity | None = None, plan: ActivityPlan | None = None) -> str:
    plan = plan or activity.plan
    kwargs = {"slug": plan.council.slug, "year": plan.year}
    if activity is not None:
        kwargs["pk"] = activity.pk
    return reverse(f"activities:{name}", kwargs=kwargs)


def _form_data(activity: Activity, **changes) -> dict:
    data = {
        "focus_area": activity.focus_area_id,
        "title": activity.title,
        "implementation": activity.implementation,
        "timeline": activity.timeline,
        "start_quarter": "",
        "end_quarter": "",
        "content": activity.content,
        "follow_up": activity.follow_up,
        "priority": activity.priority,
        "progress": activity.progress,
        "responsible": "",
        "version": activity.version,
    }
    data.update(changes)
    return data


@pytest.fixture
def plan(world) -> ActivityPlan:
    return world.extra["own_plan"]


@pytest.fixture
def activity(world) -> Activity:
    return world.extra["own_activity"]


def test_a_member_adds_an_activity_in_place(plan, client_for):
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    data = _form_data(
        Activity(plan=plan, focus_area=vfu, title="Kartlägga ersättningsmodeller"),
        priority="green",
        version=0,
        idempotency_key=str(uuid.uuid4()),
    )
    response = client_for("member").post(
        _url("activity_create", plan=plan), data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    created = plan.activities.get(title="Kartlägga ersättningsmodeller")
    assert created.order == 2 and created.priority == "green"
    assert f'id="activity-{created.pk}"' in response.content.decode()
    announce = json.loads(response["HX-Trigger-After-Settle"])["vkr:announce"]
    assert announce["message"] == "Aktiviteten är tillagd."


@pytest.mark.parametrize("title", ["", "x" * 301])
def test_an_empty_or_overlong_title_is_an_error_at_the_field(plan, activity, client_for, title):
    response = client_for("member").post(
        _url("activity_edit", activity), _form_data(activity, title=title)
    )
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert 'id="error_1_id_title"' in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Handledarutbildning Mellansverige" and activity.version == 1


def test_a_forged_priority_is_rejected_and_nothing_saved(activity, client_for):
    response = client_for("member").post(
        _url("activity_edit", activity), _form_data(activity, priority="purple", title="Ny titel")
    )
    assert "priority" in response.context["form"].errors
    activity.refresh_from_db()
    assert (activity.priority, activity.title) == ("green", "Handledarutbildning Mellansverige")


def test_a_focus_area_of_another_plan_is_rejected(world, activity, client_for):
    foreign = FocusArea.objects.create(council=world.other, name="Norras eget område")
    response = client_for("member").post(
        _url("activity_edit", activity), _form_data(activity, focus_area=foreign.pk)
    )
    assert "focus_area" in response.context["form"].errors
    activity.refresh_from_db()
    assert activity.focus_area.short_name == "VFU"


def test_a_forged_quick_set_value_is_refused_with_a_message(activity, client_for):
    client = client_for("member")
    response = client.post(
        _url("activity_set", activity),
        {"field": "priority", "value": "purple", "version": 1},
        follow=True,
    )
    assert "Ogiltigt värde: inget har ändrats." in response.content.decode()
    activity.refresh_from_db()
    assert activity.priority == "green" and activity.version == 1


def test_one_click_sets_priority_and_progress(activity, client_for):
    client = client_for("member")
    client.post(_url("activity_set", activity), {"field": "priority", "value": "red", "version": 1})
    client.post(
        _url("activity_set", activity), {"field": "progress", "value": "ongoing", "version": 2}
    )
    activity.refresh_from_db()
    assert (activity.priority, activity.progress, activity.version) == ("red", "ongoing", 3)


def test_editing_another_councils_plan_is_refused_and_changes_nothing(world, client_for):
    foreign = world.extra["other_activity"]
    response = client_for("member").post(
        _url("activity_edit", foreign), _form_data(foreign, title="Kapad")
    )
    assert response.status_code == 403
    foreign.refresh_from_db()
    assert foreign.title == "Handledarutbildning Norra"
    via_own = reverse(
        "activities:activity_edit", kwargs={"slug": "mellansverige", "year": 2022, "pk": foreign.pk}
    )
    assert client_for("member").post(via_own, _form_data(foreign, title="Kapad")).status_code == 404
    foreign.refresh_from_db()
    assert foreign.title == "Handledarutbildning Norra"


def test_history_shows_who_changed_what_from_what_to_what(activity, client_for):
    client_for("member").post(
        _url("activity_edit", activity), _form_data(activity, priority="yellow")
    )
    response = client_for("national").get(_url("activity", activity))
    latest = response.context["history"][0]
    assert latest.who == "Maja Ledamot" and latest.kind == "Ändrad"
    assert [(c.label, c.old, c.new) for c in latest.changes] == [("prioritet", "Grön", "Gul")]


def test_reordering_and_moving_to_another_focus_area(plan, activity, client_for):
    vfu, fortbildning = (
        activity.focus_area,
        FocusArea.objects.get(council=None, short_name="Fortbildning"),
    )
    second = services.activity_create(plan=plan, focus_area=vfu, title="Andra")
    client = client_for("member")
    client.post(_url("activity_move", second), {"direction": "up"})
    assert list(plan.activities.filter(focus_area=vfu).values_list("title", flat=True)) == [
        "Andra",
        "Handledarutbildning Mellansverige",
    ]
    client.post(_url("activity_edit", second), _form_data(second, focus_area=fortbildning.pk))
    second.refresh_from_db()
    assert second.focus_area == fortbildning and second.order == 1


def test_a_stale_delete_is_refused(activity, client_for):
    client = client_for("member")
    client.post(_url("activity_set", activity), {"field": "priority", "value": "red", "version": 1})
    response = client.post(_url("activity_delete", activity), {"version": 1}, follow=True)
    assert "ändrats sedan du öppnade den och togs inte bort" in response.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()
    client.post(_url("activity_delete", activity), {"version": 2})
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_copy_to_next_year_once(plan, client_for):
    client = client_for("secretariat")
    response = client.post(_url("plan_copy", plan=plan), {"idempotency_key": uuid.uuid4()})
    new_plan = ActivityPlan.objects.get(council=plan.council, year=2023)
    assert response.status_code == 302 and response["Location"] == new_plan.get_absolute_url()
    assert new_plan.activities.get().carried_over_from == plan.activities.get()
    # Another copy form (another tab, a new key) finds next year's plan there already.
    again = client.post(_url("plan_copy", plan=plan), {"idempotency_key": uuid.uuid4()})
    assert again.status_code == 409
    assert "Rådet har redan en plan för 2023. Inget har kopierats." in again.content.decode()
    assert ActivityPlan.objects.filter(council=plan.council).count() == 2


def test_raise_answer_and_the_region_sees_the_answer(world, activity, client_for):
    raised = world.extra["own_raise"]
    inbox = client_for("national").get(reverse("activities:inbox"))
    assert raised in inbox.context["raises"]
    url = reverse("activities:raise_answer", kwargs={"pk": raised.pk})
    missing = client_for("national").post(url, {"status": "answered", "answer": ""})
    assert "answer" in missing.context["form"].errors
    client_for("national").post(url, {"status": "answered", "answer": "Frågan tas upp med UKÄ."})
    raised.refresh_from_db()
    assert raised.status == NationalRaise.Status.ANSWERED
    page = client_for("member").get(_url("activity", activity)).content.decode()
    assert "Frågan tas upp med UKÄ." in page and "Besvarad" in page


def test_the_plan_page_filters_and_reports_forged_filters(plan, activity, client_for):
    client = client_for("member")
    red = client.get(_url("plan", plan=plan), {"prioritet": "red"})
    assert sum(len(s.rows) for s in red.context["sections"]) == 0
    forged = client.get(_url("plan", plan=plan), {"prioritet": "lila"})
    assert "Filtret innehåller ogiltiga värden" in forged.content.decode()
    assert sum(len(s.rows) for s in forged.context["sections"]) == 1


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_plan_page_and_rollup_run_a_constant_number_of_queries(world, plan, client_for):
    client = client_for("member")
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    # A session's first request also writes its idle stamp: not part of what is measured.
    client.get(reverse("home"))
    small = (
        _count_queries(client, _url("plan", plan=plan)),
        _count_queries(client, reverse("activities:rollup")),
    )
    for i in range(30):
        activity = services.activity_create(
            plan=plan, focus_area=vfu, title=f"Aktivitet {i}", priority=["green", "red"][i % 2]
        )
        services.activity_note_add(activity=activity, text="Anteckning", group_name="Grupp Hans")
        if i % 3 == 0:
            services.activity_raise_to_national(activity=activity, motivation="M", user=None)
    large = (
        _count_queries(client, _url("plan", plan=plan)),
        _count_queries(client, reverse("activities:rollup")),
    )
    assert small == large
    assert large[0] <= 12, large


def test_export_as_xlsx_and_csv(plan, client_for):
    client = client_for("national")
    xlsx = client.get(
        reverse(
            "activities:plan_export", kwargs={"slug": "mellansverige", "year": 2022, "fmt": "xlsx"}
        )
    )
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        xlsx["Content-Disposition"]
        == 'attachment; filename="aktivitetsplan-mellansverige-2022.xlsx"'
    )
    assert xlsx.content[:2] == b"PK"
    csv = client.get(
        reverse(
            "activities:plan_export", kwargs={"slug": "mellansverige", "year": 2022, "fmt": "csv"}
        )
    )
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith(
        "Fokusområde;Aktivitet;Genomförande;Tidplan;Tidplan, kommentar;Innehåll"
    )
    assert "Handledarutbildning Mellansverige" in text


def test_an_import_that_is_not_xlsx_is_refused_with_the_expected_columns(plan, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = Activity.objects.count()
    upload = SimpleUploadedFile("plan.xlsx", b"Fokusomrade;Aktivitet\nVFU;Test\n")
    response = client_for("secretariat").post(_url("plan_import", plan=plan), {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Inget är importerat" in html and "Uppföljning – när" in html
    assert Activity.objects.count() == before


def test_a_valid_import_adds_every_row(plan, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from activities.spreadsheets import plan_to_xlsx

    target = services.plan_create(
        council=plan.council, year=2024, focus_areas=[fa for fa in plan.focus_areas.all()]
    )
    upload = SimpleUploadedFile("plan.xlsx", plan_to_xlsx(plan))
    response = client_for("secretariat").post(_url("plan_import", plan=target), {"file": upload})
    assert response.status_code == 302
    imported = target.activities.get()
    assert imported.title == "Handledarutbildning Mellansverige"
    assert imported.national_raise.motivation == "Behöver lösas nationellt"


def test_a_double_click_on_move_moves_the_row_once(plan, activity, client_for):
    vfu = activity.focus_area
    services.activity_create(plan=plan, focus_area=vfu, title="Andra")
    third = services.activity_create(plan=plan, focus_area=vfu, title="Tredje")
    shown = {"direction": "up", "order": third.order}  # what the page showed for the row
    client = client_for("member")
    for _ in range(2):
        assert client.post(_url("activity_move", third), shown).status_code == 302

    titles = list(plan.activities.filter(focus_area=vfu).order_by("order", "pk"))
    assert [a.title for a in titles] == ["Handledarutbildning Mellansverige", "Tredje", "Andra"]
    # Shown again, the row moves on.
    third.refresh_from_db()
    client.post(_url("activity_move", third), {"direction": "up", "order": third.order})
    assert plan.activities.filter(focus_area=vfu).order_by("order", "pk").first() == third


def test_the_plan_page_sends_each_rows_order_with_its_move_buttons(plan, activity, client_for):
    # The row carries its order; static/js/plan.js puts it in the move form's "order" field.
    page = client_for("member").get(plan.get_absolute_url()).content.decode()
    row = page[page.index(f'<tr id="activity-{activity.pk}"') :]
    assert f'data-order="{activity.order}"' in row[: row.index(">")]
    menus = page[page.index('<template id="row-menus">') : page.index("</template>")]
    assert '<input type="hidden" name="order" value="">' in menus
