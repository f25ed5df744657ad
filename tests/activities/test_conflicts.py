"""Two people editing one activity: what only one changed merges without a question, what both
changed is shown side by side and nothing is saved until each field is decided; a stale
one-click change is refused in the row, which shows what is saved now."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from activities.models import Activity

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(name: str, activity: Activity) -> str:
    kwargs = {"slug": activity.plan.council.slug, "year": activity.plan.year, "pk": activity.pk}
    return reverse(f"activities:{name}", kwargs=kwargs)


def _form_data(activity: Activity, **changes) -> dict:
    """The edit form as it was opened on `activity` (its version), with `changes` typed in."""
    data = {
        "focus_area": activity.focus_area_id,
        "title": activity.title,
        "implementation": activity.implementation,
        "timeline": activity.timeline,
        "start_quarter": activity.start_quarter,
        "end_quarter": activity.end_quarter,
        "content": activity.content,
        "follow_up": activity.follow_up,
        "priority": activity.priority,
        "progress": activity.progress,
        "responsible": activity.responsible_id or "",
        "version": activity.version,
    }
    data.update(changes)
    return data


def _resubmit(response, **decisions) -> dict:
    """What the conflict form shown in `response` sends back, with the person's decisions."""
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(decisions)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def activity(world) -> Activity:
    return world.extra["own_activity"]


@pytest.fixture
def opened(activity) -> Activity:
    """The activity as the second person's form was opened on it (version 1)."""
    return Activity.objects.get(pk=activity.pk)


def _saved_meanwhile(client_for, opened: Activity, **changes) -> None:
    response = client_for("member").post(
        _url("activity_edit", opened), _form_data(opened, **changes)
    )
    assert response.status_code == 302


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain form"])
def test_changes_to_different_fields_merge_without_a_question(
    client_for, opened, activity, headers
):
    _saved_meanwhile(client_for, opened, timeline="Q3-4 2022")
    response = client_for("secretariat").post(
        _url("activity_edit", opened), _form_data(opened, content="Min text"), **headers
    )
    assert response.status_code in (200, 302)
    assert "conflict" not in (response.context or {})
    activity.refresh_from_db()
    assert (activity.timeline, activity.content, activity.version) == ("Q3-4 2022", "Min text", 3)
    if headers:
        message = json.loads(response["HX-Trigger-After-Settle"])["vkr:announce"]["message"]
        assert message.startswith("Aktiviteten är sparad. Det som någon annan sparade")
        assert "Q3-4 2022" in response.content.decode()  # the row shows both changes


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain form"])
def test_the_same_field_shows_both_texts_and_nothing_is_saved_until_decided(
    client_for, opened, activity, headers
):
    _saved_meanwhile(client_for, opened, content="Majas text", timeline="Q3-4 2022")
    second = client_for("secretariat")
    response = second.post(
        _url("activity_edit", opened),
        _form_data(opened, content="Stinas text", follow_up="Varje kvartal"),
        **headers,
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Inget är sparat än" in html
    assert "behålls båda" not in html and "Spara min version ändå" not in html
    [field] = response.context["conflict"]
    assert (field.name, field.mine, field.theirs, field.who) == (
        "content", "Stinas text", "Majas text", "Maja Ledamot"
    )  # fmt: skip
    assert "Majas text" in html and "Stinas text" in html and "Sparad av Maja Ledamot" in html
    assert 'name="resolve_content"' in html and 'name="merged_content"' in html
    form = response.context["form"]
    # What only one side changed is in the form already: the other's tidplan, my follow-up.
    assert form["timeline"].value() == "Q3-4 2022" and form["follow_up"].value() == "Varje kvartal"
    assert form["version"].value() == 2
    activity.refresh_from_db()
    assert (activity.content, activity.follow_up, activity.version) == ("Majas text", "", 2)

    # Sent back without a decision: still nothing saved, and the error is at the field.
    undecided = second.post(_url("activity_edit", opened), _resubmit(response), **headers)
    assert undecided.status_code == 409
    assert undecided.context["form"].errors["resolve_content"] == [
        "Välj vilken version som ska sparas."
    ]
    html = undecided.content.decode()
    assert 'id="id_resolve_content_error"' in html and 'aria-invalid="true"' in html
    assert "Majas text" in html and "Stinas text" in html
    activity.refresh_from_db()
    assert activity.version == 2

    merged = "Majas text\n\nStinas text, ihop"
    decided = second.post(
        _url("activity_edit", opened),
        _resubmit(response, resolve_content="merged", merged_content=merged),
        **headers,
    )
    assert decided.status_code in (200, 302)
    activity.refresh_from_db()
    assert (activity.content, activity.timeline, activity.follow_up, activity.version) == (
        merged, "Q3-4 2022", "Varje kvartal", 3
    )  # fmt: skip


@pytest.mark.parametrize(
    ("decision", "expected"), [("mine", "Stinas text"), ("theirs", "Majas text")]
)
def test_choosing_one_version_saves_exactly_that_one(
    client_for, opened, activity, decision, expected
):
    _saved_meanwhile(client_for, opened, content="Majas text")
    second = client_for("secretariat")
    response = second.post(_url("activity_edit", opened), _form_data(opened, content="Stinas text"))
    second.post(_url("activity_edit", opened), _resubmit(response, resolve_content=decision))
    activity.refresh_from_db()
    assert activity.content == expected


def test_a_title_merged_to_nothing_is_refused_at_the_merged_field(client_for, opened, activity):
    _saved_meanwhile(client_for, opened, title="Majas titel")
    second = client_for("secretariat")
    response = second.post(_url("activity_edit", opened), _form_data(opened, title="Stinas titel"))
    again = second.post(
        _url("activity_edit", opened),
        _resubmit(response, resolve_title="merged", merged_title=""),
    )
    assert again.status_code == 409
    assert again.context["form"].errors["merged_title"] == ["Skriv den sammanslagna texten."]
    activity.refresh_from_db()
    assert activity.title == "Majas titel"


def test_a_choice_field_both_changed_offers_mine_or_theirs_only(client_for, opened, activity):
    _saved_meanwhile(client_for, opened, priority="red")
    response = client_for("secretariat").post(
        _url("activity_edit", opened), _form_data(opened, priority="yellow")
    )
    [field] = response.context["conflict"]
    assert (field.name, field.mine, field.theirs, field.merged) == ("priority", "Gul", "Röd", None)
    assert [value for value, _label in field.choice.field.choices] == ["mine", "theirs"]


def test_a_third_save_while_deciding_is_merged_or_asked_about_again(client_for, opened, activity):
    _saved_meanwhile(client_for, opened, content="Majas text")
    second = client_for("secretariat")
    response = second.post(_url("activity_edit", opened), _form_data(opened, content="Stinas text"))
    # While Stina decides, Maja saves the same field again.
    _saved_meanwhile(client_for, Activity.objects.get(pk=activity.pk), content="Majas nya text")
    again = second.post(_url("activity_edit", opened), _resubmit(response, resolve_content="mine"))
    assert again.status_code == 409
    [field] = again.context["conflict"]
    assert (field.mine, field.theirs) == ("Stinas text", "Majas nya text")
    activity.refresh_from_db()
    assert activity.content == "Majas nya text"


def test_a_stale_quick_set_is_refused_in_the_row_which_shows_what_is_saved(
    client_for, opened, activity
):
    _saved_meanwhile(client_for, opened, content="Majas text")
    response = client_for("secretariat").post(
        _url("activity_set", opened),
        {"field": "priority", "value": "yellow", "version": opened.version},
        **HTMX,
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert 'role="alert"' in html and "Inte sparat: någon annan hann ändra aktiviteten" in html
    assert "Majas text" in html  # the row as it is saved now
    assert response.context["activity"].version == 2
    announce = json.loads(response["HX-Trigger-After-Settle"])["vkr:announce"]
    # Back on the priority button, which shows the value saved now (the menu is closed).
    assert announce["focus"] == f'#activity-{activity.pk} [data-focus-key="priority"]'
    activity.refresh_from_db()
    assert (activity.priority, activity.content) == ("green", "Majas text")


def test_without_htmx_a_stale_quick_set_sends_back_to_the_plan_with_the_refusal_in_the_row(
    client_for, opened, activity
):
    _saved_meanwhile(client_for, opened, content="Majas text")
    client = client_for("secretariat")
    response = client.post(
        _url("activity_set", opened),
        {"field": "progress", "value": "done", "version": opened.version},
        follow=True,
    )
    [(url, _status)] = response.redirect_chain
    assert url == f"{activity.plan.get_absolute_url()}#activity-{activity.pk}"
    assert response.context["row_alert"]["place"] == "progress"
    html = response.content.decode()
    row = html[html.index(f'id="activity-{activity.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Inte sparat: någon annan hann ändra aktiviteten" in row and "Majas text" in row
    assert 'role="alert"' in row
    # Shown once: the next visit of the plan is the plain plan.
    again = client.get(activity.plan.get_absolute_url()).content.decode()
    assert "Inte sparat" not in again
    activity.refresh_from_db()
    assert activity.progress == "not_started"
