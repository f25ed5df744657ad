"""The goals table: rows added and edited in place, moved, deleted, and their history."""

from __future__ import annotations

import json
import uuid

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from idempotency.services import AlreadySubmitted
from workgroups import services
from workgroups.models import Goal
from workgroups.services import StaleVersion
from workgroups.views._common import ALREADY_SAVED, STALE

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(name: str, group, goal=None) -> str:
    kwargs = {"slug": group.council.slug, "pk": group.pk}
    if goal is not None:
        kwargs["goal_pk"] = goal.pk
    return reverse(f"workgroups:{name}", kwargs=kwargs)


def _announced(response) -> dict:
    return json.loads(response["HX-Trigger-After-Settle"])["vkr:announce"]


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _goal_data(**overrides) -> dict:
    data = {
        "goal": "Tydliggöra AT/BT:s organisation", "activity": "Intervjua AT/BT-chefer",
        "responsible": "Arbetsgrupp AT/BT", "timeline": "Q3-4 2022", "start_quarter": "2022Q3",
        "end_quarter": "2022Q4", "status": "ongoing", "follow_up": "", "version": 0,
    }  # fmt: skip
    data.update(overrides)
    return data


def _new(**overrides) -> dict:
    return _goal_data(idempotency_key=str(uuid.uuid4()), **overrides)


def _edit(row: Goal, **overrides) -> dict:
    data = {name: getattr(row, name) for name in services.GOAL_FIELDS}
    data["version"] = row.version
    data.update(overrides)
    return data


def _make(group, text: str) -> Goal:
    return services.goal_create(group=group, goal=text)


# ---------------------------------------------------------------- services


def test_a_new_row_goes_last(world):
    group = world.extra["own_group"]
    first, second = _make(group, "Två"), _make(group, "Tre")
    assert world.extra["own_goal"].order < first.order < second.order


def test_the_service_refuses_quarters_in_reverse(world):
    group = world.extra["own_group"]
    before = Goal.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.goal_create(group=group, goal="Baklänges", start_quarter="2023Q1",
                             end_quarter="2022Q4")  # fmt: skip
    assert set(refused.value.message_dict) == {"end_quarter"}
    assert Goal.objects.count() == before


def test_the_service_creates_once_per_key(world):
    group, key = world.extra["own_group"], uuid.uuid4()
    first = services.goal_create(group=group, goal="En gång", idempotency_key=key)
    with pytest.raises(AlreadySubmitted) as again:
        services.goal_create(group=group, goal="En gång", idempotency_key=key)
    assert again.value.result_url == f"{group.get_absolute_url()}#goal-{first.pk}"
    assert Goal.objects.filter(goal="En gång").count() == 1


def test_the_service_refuses_a_stale_update_and_keeps_the_saved(world):
    goal = world.extra["own_goal"]
    services.goal_update(row=goal, version=goal.version, follow_up="Först")
    with pytest.raises(StaleVersion) as stale:
        services.goal_update(row=goal, version=goal.version, follow_up="Sedan")
    assert stale.value.current.follow_up == "Först"
    assert Goal.objects.get(pk=goal.pk).follow_up == "Först"


# ---------------------------------------------------------------- adding a row


def test_a_row_is_added_in_place_and_announced(world, client_for):
    group = world.extra["own_group"]
    response = client_for("group_member").post(_url("goal_create", group), _new(), **HTMX)
    goal = Goal.objects.get(workgroup=group, goal="Tydliggöra AT/BT:s organisation")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith(f'<tr id="goal-{goal.pk}"') and "<html" not in page
    assert "Intervjua AT/BT-chefer" in page and "Pågår" in page
    assert _announced(response) == {
        "message": "Raden är tillagd i måltabellen.",
        "focus": f'#goal-{goal.pk} [data-focus-key="edit"]',
    }


def test_the_add_form_opens_in_place(world, client_for):
    group = world.extra["own_group"]
    response = client_for("convenor").get(_url("goal_create", group), **HTMX)
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert page.startswith('<tr id="new-goal"') and 'name="idempotency_key"' in page


def test_without_htmx_a_row_is_added_and_the_page_shows_it(world, client_for):
    group = world.extra["own_group"]
    response = client_for("convenor").post(_url("goal_create", group), _new())
    goal = Goal.objects.get(workgroup=group, goal="Tydliggöra AT/BT:s organisation")
    assert response.status_code == 302
    assert response["Location"] == f"{group.get_absolute_url()}#goal-{goal.pk}"


def test_a_double_click_on_add_creates_one_row(world, client_for):
    group, client = world.extra["own_group"], client_for("convenor")
    data = _new()
    first = client.post(_url("goal_create", group), data, **HTMX)
    again = client.post(_url("goal_create", group), data, **HTMX)
    goal = Goal.objects.get(workgroup=group, goal="Tydliggöra AT/BT:s organisation")
    assert first.status_code == 200
    # htmx loads the page with the row rather than swapping a second row in.
    assert again["HX-Redirect"] == f"{group.get_absolute_url()}#goal-{goal.pk}"
    assert str(ALREADY_SAVED) in _messages(again)
    plain = client.post(_url("goal_create", group), data)
    assert plain.status_code == 302 and plain["Location"] == again["HX-Redirect"]
    assert Goal.objects.filter(workgroup=group, goal=goal.goal).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start_quarter": "2023Q1", "end_quarter": "2022Q4"}, "end_quarter"),
        ({"start_quarter": "2022Q5"}, "start_quarter"),
        ({"goal": ""}, "goal"),
        ({"goal": "x" * 4001}, "goal"),
        ({"status": "klart-som-korv"}, "status"),
        ({"responsible": "x" * 201}, "responsible"),
    ],
)
def test_bad_input_is_refused_at_the_field_in_place(world, client_for, overrides, field):
    group = world.extra["own_group"]
    before = Goal.objects.count()
    response = client_for("convenor").post(_url("goal_create", group), _new(**overrides), **HTMX)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    page = response.content.decode()
    assert page.startswith('<tr id="new-goal"') and "<html" not in page
    assert Goal.objects.count() == before


@pytest.mark.parametrize("role", ["member", "national", "other_member", "respondent"])
def test_readers_and_strangers_may_not_add_rows(world, client_for, role):
    group = world.extra["own_group"]
    before = Goal.objects.count()
    assert client_for(role).post(_url("goal_create", group), _new()).status_code == 403
    assert Goal.objects.count() == before


# ---------------------------------------------------------------- editing a row


def test_a_row_is_edited_in_place(world, client_for):
    group, goal = world.extra["own_group"], world.extra["own_goal"]
    data = _edit(goal, status="done", follow_up="Sammanställningen är klar")
    response = client_for("convenor").post(_url("goal_edit", group, goal), data, **HTMX)
    assert response.status_code == 200
    assert response.content.decode().startswith(f'<tr id="goal-{goal.pk}"')
    assert _announced(response)["message"] == "Raden är sparad."
    saved = Goal.objects.get(pk=goal.pk)
    assert (saved.status, saved.follow_up, saved.version) == (
        "done",
        "Sammanställningen är klar",
        goal.version + 1,
    )


def test_an_edit_on_a_stale_version_is_409_with_the_saved_row_and_the_text_kept(world, client_for):
    group, goal = world.extra["own_group"], world.extra["own_goal"]
    services.goal_update(row=goal, version=goal.version, follow_up="Deras uppföljning")
    data = _edit(goal, follow_up="Min uppföljning")
    response = client_for("group_member").post(_url("goal_edit", group, goal), data, **HTMX)
    assert response.status_code == 409
    page = response.content.decode()
    assert page.startswith(f'<tr id="goal-{goal.pk}"') and "<html" not in page
    assert 'class="alert alert-warning" role="alert"' in page and str(STALE) in page
    assert "Deras uppföljning" in page and "Min uppföljning" in page
    assert f'name="version" value="{goal.version + 1}"' in page
    assert Goal.objects.get(pk=goal.pk).follow_up == "Deras uppföljning"


def test_a_stale_edit_without_htmx_is_a_page_with_409(world, client_for):
    group, goal = world.extra["own_group"], world.extra["own_goal"]
    services.goal_update(row=goal, version=goal.version, responsible="Någon annan")
    data = _edit(goal, responsible="Jag själv")
    response = client_for("convenor").post(_url("goal_edit", group, goal), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "<html" in page and "Någon annan" in page and 'value="Jag själv"' in page


def test_quarters_in_reverse_are_refused_at_the_end_quarter_on_edit(world, client_for):
    group, goal = world.extra["own_group"], world.extra["own_goal"]
    data = _edit(goal, start_quarter="2023Q2", end_quarter="2023Q1")
    response = client_for("convenor").post(_url("goal_edit", group, goal), data, **HTMX)
    assert response.status_code == 400
    assert response.context["form"].errors["end_quarter"] == [
        "Slutkvartalet kan inte ligga före startkvartalet."
    ]
    assert Goal.objects.get(pk=goal.pk).end_quarter == goal.end_quarter


def test_cancel_puts_the_row_back(world, client_for):
    group, goal = world.extra["own_group"], world.extra["own_goal"]
    response = client_for("member").get(_url("goal", group, goal), **HTMX)
    page = response.content.decode()
    assert page.startswith(f'<tr id="goal-{goal.pk}"')
    assert _url("goal_edit", group, goal) not in page  # a reader gets no edit buttons


def test_a_goal_of_another_group_is_404_here(world, client_for):
    group, other = world.extra["own_group"], world.extra["other_goal"]
    admin = client_for("admin")
    assert admin.get(_url("goal_edit", group, other)).status_code == 404
    assert admin.post(_url("goal_edit", group, other), _edit(other, goal="X")).status_code == 404
    assert Goal.objects.get(pk=other.pk).goal == other.goal


# ---------------------------------------------------------------- moving rows


def _orders(group) -> list[str]:
    return list(Goal.objects.filter(workgroup=group).order_by("order", "pk").values_list(
        "goal", flat=True))  # fmt: skip


def test_rows_move_up_and_down(world, client_for):
    group, first = world.extra["own_group"], world.extra["own_goal"]
    second, third = _make(group, "Andra"), _make(group, "Tredje")
    client = client_for("convenor")
    response = client.post(
        _url("goal_move", group, third), {"direction": "up", "order": third.order}, **HTMX
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.startswith('<tbody id="goal-rows">')
    assert page.index(f'id="goal-{third.pk}"') < page.index(f'id="goal-{second.pk}"')
    assert _announced(response) == {
        "message": "Raden är flyttad.",
        "focus": f'#goal-{third.pk} [data-focus-key="move-up"]',
    }
    assert _orders(group) == [first.goal, "Tredje", "Andra"]
    first = Goal.objects.get(pk=first.pk)
    down = client.post(_url("goal_move", group, first), {"direction": "down", "order": first.order})
    assert down.status_code == 302
    assert _orders(group) == ["Tredje", first.goal, "Andra"]


def test_a_double_click_on_move_moves_once(world, client_for):
    group, first = world.extra["own_group"], world.extra["own_goal"]
    _make(group, "Andra")
    third = _make(group, "Tredje")
    client = client_for("convenor")
    data = {"direction": "up", "order": third.order}
    client.post(_url("goal_move", group, third), data, **HTMX)
    client.post(_url("goal_move", group, third), data, **HTMX)
    assert _orders(group) == [first.goal, "Tredje", "Andra"]


def test_a_forged_direction_moves_nothing(world, client_for):
    group, first = world.extra["own_group"], world.extra["own_goal"]
    _make(group, "Andra")
    response = client_for("convenor").post(
        _url("goal_move", group, first), {"direction": "sideways"}
    )
    assert response.status_code == 302
    assert "Ogiltig riktning: inget har flyttats." in _messages(response)
    assert _orders(group) == [first.goal, "Andra"]


def test_moving_changes_no_content_history(world, client_for):
    group, first = world.extra["own_group"], world.extra["own_goal"]
    second = _make(group, "Andra")
    before = Goal.history.count()
    client_for("convenor").post(_url("goal_move", group, second), {"direction": "up"})
    assert _orders(group) == ["Andra", first.goal]
    assert Goal.history.count() == before


# ---------------------------------------------------------------- deleting rows


def test_a_row_is_deleted_in_place(world, client_for):
    group, goal = world.extra["own_group"], world.extra["own_goal"]
    response = client_for("convenor").post(
        _url("goal_delete", group, goal), {"version": goal.version}, **HTMX
    )
    assert response.status_code == 200 and response.content == b""
    assert _announced(response) == {
        "message": "Raden är borttagen ur måltabellen.",
        "focus": "#goal-add",
    }
    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_delete_on_a_stale_version_is_refused_in_place(world, client_for):
    group, goal = world.extra["own_group"], world.extra["own_goal"]
    services.goal_update(row=goal, version=goal.version, follow_up="Ändrad under tiden")
    response = client_for("convenor").post(
        _url("goal_delete", group, goal), {"version": goal.version}, **HTMX
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert page.startswith(f'<tr id="goal-{goal.pk}"') and 'role="alert"' in page
    assert "Raden har ändrats sedan du öppnade den och togs inte bort." in page
    assert "Ändrad under tiden" in page
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_delete_on_a_stale_version_without_htmx_says_so(world, client_for):
    group, goal = world.extra["own_group"], world.extra["own_goal"]
    services.goal_update(row=goal, version=goal.version, follow_up="Ändrad under tiden")
    response = client_for("convenor").post(
        _url("goal_delete", group, goal), {"version": goal.version}
    )
    assert response.status_code == 302
    assert "Raden har ändrats sedan du öppnade den och togs inte bort." in _messages(response)
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_delete_twice_removes_once_and_says_it_was_removed(world, client_for):
    group, goal = world.extra["own_group"], world.extra["own_goal"]
    client = client_for("convenor")
    first = client.post(_url("goal_delete", group, goal), {"version": goal.version})
    again = client.post(_url("goal_delete", group, goal), {"version": goal.version})
    assert first.status_code == again.status_code == 302
    assert again["Location"] == f"{group.get_absolute_url()}#goals"
    assert "Raden var redan borttagen." in _messages(again)
    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_a_second_delete_in_place_does_not_swap_a_whole_page_into_the_row(world, client_for):
    group, goal = world.extra["own_group"], world.extra["own_goal"]
    client = client_for("convenor")
    client.post(_url("goal_delete", group, goal), {"version": goal.version}, **HTMX)
    again = client.post(_url("goal_delete", group, goal), {"version": goal.version}, **HTMX)
    # A plain 302 to an htmx request is followed by the browser and the group page is then
    # swapped into the table row: an empty row and an announcement instead.
    assert again.status_code == 200 and again.content == b"", (
        "views/goals.py goal_delete answers an htmx request for a row already gone with "
        f"{again.status_code}; a redirect would swap the group page into the row"
    )
    assert _announced(again) == {"message": "Raden var redan borttagen.", "focus": "#goal-add"}


# ---------------------------------------------------------------- history


def test_changes_are_recorded_and_shown_on_the_group_page(world, client_for):
    group, goal = world.extra["own_group"], world.extra["own_goal"]
    before = goal.history.count()
    client = client_for("group_member")
    data = _edit(goal, follow_up="Enkäten är utskickad")
    assert client.post(_url("goal_edit", group, goal), data, **HTMX).status_code == 200
    assert goal.history.count() == before + 1
    latest = goal.history.first()
    assert latest.history_user == world.users["group_member"] and latest.history_type == "~"
    page = client_for("member").get(group.get_absolute_url()).content.decode()
    start = page.index("Ändringar i måltabellen")
    history = page[start : page.index("</details>", start)]
    assert "Ändrad" in history and "av Gus Gruppmedlem" in history
    assert "Uppföljning:" in history and "Enkäten är utskickad" in history


def test_a_deleted_row_stays_in_the_history(world, client_for):
    group, goal = world.extra["own_group"], world.extra["own_goal"]
    client_for("convenor").post(_url("goal_delete", group, goal), {"version": goal.version})
    page = client_for("member").get(group.get_absolute_url()).content.decode()
    start = page.index("Ändringar i måltabellen")
    history = page[start : page.index("</details>", start)]
    assert "Borttagen av Kim Sammankallande" in history and goal.goal[:40] in history
