"""The plan forms hold every text to the model's limit and every date to the portal's range,
and say so at the field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from activities import forms
from activities.models import Activity, ActivityNote, ActivityPlan, NationalRaise, PlanFocusArea

pytestmark = pytest.mark.django_db


def _limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


@pytest.fixture
def plan(world) -> ActivityPlan:
    return world.extra["own_plan"]


def test_every_text_field_of_the_plan_forms_has_the_models_limit(world, plan):
    cases = [
        (forms.PlanCreateForm(council=world.own), "intro", _limit(ActivityPlan, "intro")),
        (forms.PlanSettingsForm(plan=plan), "intro", _limit(ActivityPlan, "intro")),
        (forms.NoteForm(), "text", _limit(ActivityNote, "text")),
        (forms.NoteForm(), "group_name", _limit(ActivityNote, "group_name")),
        (forms.RaiseForm(), "motivation", _limit(NationalRaise, "motivation")),
        (forms.AnswerForm(), "answer", _limit(NationalRaise, "answer")),
        (forms.ActivityForm(plan=plan), "content", _limit(Activity, "content")),
        (forms.ActivityForm(plan=plan), "follow_up", _limit(Activity, "follow_up")),
    ]
    settings_form = forms.PlanSettingsForm(plan=plan)
    for choice in settings_form.choices:
        cases.append((settings_form, f"note_{choice.focus_area_id}", _limit(PlanFocusArea, "note")))
    for form, name, limit in cases:
        assert limit, (type(form).__name__, name)
        assert form.fields[name].max_length == limit, (type(form).__name__, name)


@pytest.mark.parametrize(
    ("make", "name", "limit"),
    [
        (lambda w, p, d: forms.PlanCreateForm(d, council=w.own), "intro", 4000),
        (lambda w, p, d: forms.PlanSettingsForm(d, plan=p), "intro", 4000),
        (lambda w, p, d: forms.NoteForm(d), "text", 4000),
        (lambda w, p, d: forms.RaiseForm(d), "motivation", 4000),
        (lambda w, p, d: forms.AnswerForm(d), "answer", 8000),
    ],
)
def test_a_text_over_the_limit_is_an_error_that_says_how_long_it_is(world, plan, make, name, limit):
    form = make(world, plan, {name: "x" * (limit + 1)})
    assert not form.is_valid()
    assert form.errors[name] == [f"Högst {limit} tecken (nu {limit + 1})."]


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31"])
def test_an_adoption_date_outside_2000_2100_is_refused_at_the_field(plan, client_for, day):
    response = client_for("secretariat").post(
        reverse("activities:plan_settings", kwargs={"slug": plan.council.slug, "year": plan.year}),
        {"intro": "", "status": "adopted", "adopted_on": day},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["adopted_on"] == [
        "Ange ett datum mellan 2000-01-01 och 2100-12-31."
    ]
    plan.refresh_from_db()
    assert (plan.status, plan.adopted_on) == ("draft", None)


def test_an_adoption_date_in_range_is_saved(plan, client_for):
    client_for("secretariat").post(
        reverse("activities:plan_settings", kwargs={"slug": plan.council.slug, "year": plan.year}),
        {"intro": "", "status": "adopted", "adopted_on": "2022-03-15"},
    )
    plan.refresh_from_db()
    assert (plan.status, plan.adopted_on) == ("adopted", dt.date(2022, 3, 15))


def test_a_forged_version_beyond_an_integer_is_an_error_not_a_server_error(plan, client_for):
    activity = plan.activities.get()
    url = reverse(
        "activities:activity_set",
        kwargs={"slug": plan.council.slug, "year": plan.year, "pk": activity.pk},
    )
    edit = reverse(
        "activities:activity_edit",
        kwargs={"slug": plan.council.slug, "year": plan.year, "pk": activity.pk},
    )
    client = client_for("member")
    response = client.post(edit, {"title": "X", "focus_area": activity.focus_area_id,
                                  "priority": "green", "progress": "done",
                                  "version": str(2**63)})  # fmt: skip
    assert response.status_code == 200 and "version" in response.context["form"].errors
    refused = client.post(url, {"field": "priority", "value": "red", "version": 2**63}, follow=True)
    assert "Ogiltigt värde: inget har ändrats." in refused.content.decode()
    activity.refresh_from_db()
    assert (activity.title, activity.priority) == ("Handledarutbildning Mellansverige", "green")
