"""Every form that creates something in a plan, sent twice: one thing is made, and the second
request is sent to it with a message, not to an error page."""

from __future__ import annotations

import json
import uuid

import pytest
from django.urls import reverse

from activities.models import Activity, ActivityNote, ActivityPlan, FocusArea, NationalRaise
from idempotency.models import IdempotencyKey

pytestmark = pytest.mark.django_db

ALREADY = "Det här var redan sparat"


def _plan_url(name: str, plan: ActivityPlan, **extra) -> str:
    return reverse(
        f"activities:{name}", kwargs={"slug": plan.council.slug, "year": plan.year, **extra}
    )


def _new_activity(plan: ActivityPlan, key) -> dict:
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    return {
        "focus_area": vfu.pk, "title": "Kartlägga ersättningsmodeller", "priority": "green",
        "progress": "not_started", "version": 0, "idempotency_key": key,
    }  # fmt: skip


@pytest.fixture
def plan(world) -> ActivityPlan:
    return world.extra["own_plan"]


@pytest.fixture
def activity(world) -> Activity:
    return world.extra["own_activity"]


def _messages(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def test_an_activity_form_sent_twice_adds_one_activity(plan, client_for):
    client = client_for("member")
    data = _new_activity(plan, uuid.uuid4())
    first = client.post(_plan_url("activity_create", plan), data)
    created = plan.activities.get(title="Kartlägga ersättningsmodeller")
    assert first["Location"] == created.get_absolute_url()
    again = client.post(_plan_url("activity_create", plan), data, follow=True)
    assert again.redirect_chain == [(created.get_absolute_url(), 302)]
    assert again.status_code == 200
    assert any(message.startswith(ALREADY) for message in _messages(again))
    assert plan.activities.filter(title="Kartlägga ersättningsmodeller").count() == 1


def test_an_in_place_activity_form_sent_twice_shows_the_saved_row(plan, client_for):
    client = client_for("member")
    data = _new_activity(plan, uuid.uuid4())
    client.post(_plan_url("activity_create", plan), data, HTTP_HX_REQUEST="true")
    again = client.post(_plan_url("activity_create", plan), data, HTTP_HX_REQUEST="true")
    created = plan.activities.get(title="Kartlägga ersättningsmodeller")
    assert again.status_code == 200
    assert f'id="activity-{created.pk}"' in again.content.decode()
    message = json.loads(again["HX-Trigger-After-Settle"])["vkr:announce"]["message"]
    assert message.startswith(ALREADY)


def test_an_activity_form_without_its_key_is_refused_and_adds_nothing(plan, client_for):
    data = _new_activity(plan, "")
    response = client_for("member").post(_plan_url("activity_create", plan), data)
    assert response.status_code == 200
    assert "idempotency_key" in response.context["form"].errors
    assert "Ladda om sidan" in response.content.decode()
    assert not plan.activities.filter(title="Kartlägga ersättningsmodeller").exists()


def test_every_creating_form_of_a_plan_carries_a_fresh_key(plan, activity, client_for):
    member, secretariat = client_for("member"), client_for("secretariat")
    pages = [
        member.get(_plan_url("activity_create", plan), HTTP_HX_REQUEST="true"),
        member.get(_plan_url("activity_create", plan)),
        member.get(_plan_url("activity", plan, pk=activity.pk)),  # notes and raise
        secretariat.get(reverse("activities:plan_create", kwargs={"slug": plan.council.slug})),
        secretariat.get(_plan_url("plan_copy", plan)),
    ]
    counts = [page.content.decode().count('name="idempotency_key"') for page in pages]
    assert counts == [1, 1, 2, 1, 1]
    again = member.get(_plan_url("activity_create", plan), HTTP_HX_REQUEST="true")
    assert (
        again.context["form"]["idempotency_key"].value()
        != pages[0].context["form"]["idempotency_key"].value()
    )


def test_a_note_sent_twice_is_added_once(activity, client_for):
    client = client_for("member")
    data = {"text": "Kolla med Västmanland", "idempotency_key": uuid.uuid4()}
    url = _plan_url("activity_note_add", activity.plan, pk=activity.pk)
    first = client.post(url, data)
    note = ActivityNote.objects.get(text="Kolla med Västmanland")
    assert first["Location"] == f"{activity.get_absolute_url()}#note-{note.pk}"
    again = client.post(url, data)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert any(message.startswith(ALREADY) for message in _messages(again))
    assert ActivityNote.objects.filter(text="Kolla med Västmanland").count() == 1


def test_a_raise_sent_twice_is_saved_once(activity, client_for):
    NationalRaise.objects.filter(activity=activity).delete()
    client = client_for("member")
    data = {"motivation": "Kräver nationella avtal", "idempotency_key": uuid.uuid4()}
    url = _plan_url("activity_raise", activity.plan, pk=activity.pk)
    client.post(url, data)
    again = client.post(url, data)
    assert again["Location"] == f"{activity.get_absolute_url()}#national"
    assert any(message.startswith(ALREADY) for message in _messages(again))
    assert NationalRaise.objects.filter(activity=activity).count() == 1
    assert IdempotencyKey.objects.filter(scope="activities.raise").count() == 1


def test_a_new_plan_sent_twice_makes_one_plan_and_one_new_focus_area(world, client_for):
    client = client_for("secretariat")
    url = reverse("activities:plan_create", kwargs={"slug": world.own.slug})
    data = {"year": 2030, "new_focus_area": "Digital kompetens", "idempotency_key": uuid.uuid4()}
    first = client.post(url, data)
    plan = ActivityPlan.objects.get(council=world.own, year=2030)
    assert first["Location"] == plan.get_absolute_url()
    again = client.post(url, data)
    assert again.status_code == 302 and again["Location"] == plan.get_absolute_url()
    assert any(message.startswith(ALREADY) for message in _messages(again))
    assert FocusArea.objects.filter(council=world.own, name="Digital kompetens").count() == 1
    assert [area.name for area in plan.focus_areas.all()] == ["Digital kompetens"]


def test_copying_sent_twice_copies_once_and_sends_the_second_to_the_copy(plan, client_for):
    client = client_for("secretariat")
    data = {"idempotency_key": uuid.uuid4()}
    client.post(_plan_url("plan_copy", plan), data)
    again = client.post(_plan_url("plan_copy", plan), data, follow=True)
    copy = ActivityPlan.objects.get(council=plan.council, year=2023)
    assert again.redirect_chain == [(copy.get_absolute_url(), 302)]
    assert any(message.startswith(ALREADY) for message in _messages(again))
    assert copy.activities.count() == 1


def test_copying_without_the_key_copies_nothing(plan, client_for):
    response = client_for("secretariat").post(_plan_url("plan_copy", plan), {})
    assert response.status_code == 400
    assert "Ladda om sidan" in response.content.decode()
    assert not ActivityPlan.objects.filter(council=plan.council, year=2023).exists()
