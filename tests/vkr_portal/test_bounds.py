"""The shared limits: dates outside 2000–2100 and overlong texts are refused by full_clean."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from vkr_portal import bounds


@pytest.mark.parametrize(
    "value",
    [dt.date(1, 1, 1), dt.date(1999, 12, 31), dt.date(2101, 1, 1), dt.date(9999, 12, 31)],
)
def test_dates_outside_the_range_are_refused(value):
    with pytest.raises(ValidationError) as refused:
        bounds.date_in_range(value)
    assert refused.value.code == "date_out_of_range"


def test_dates_and_datetimes_inside_the_range_pass():
    bounds.date_in_range(dt.date(2000, 1, 1))
    bounds.date_in_range(dt.date(2100, 12, 31))
    bounds.date_in_range(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC))
    bounds.date_in_range(None)


@pytest.mark.parametrize("year", [1, 9999])
def test_aware_datetimes_at_the_ends_of_the_calendar_are_refused_not_overflowed(year):
    with pytest.raises(ValidationError):
        bounds.date_in_range(
            dt.datetime(year, 1 if year == 1 else 12, 31 if year > 1 else 1, 23, 30, tzinfo=dt.UTC)
        )


@pytest.mark.django_db
def test_a_bounded_text_field_is_enforced_by_full_clean():
    from activities.models import Activity

    field = Activity._meta.get_field("content")
    assert field.max_length == bounds.TEXT_LONG
    with pytest.raises(ValidationError):
        field.run_validators("x" * (bounds.TEXT_LONG + 1))
    field.run_validators("x" * bounds.TEXT_LONG)


@pytest.mark.django_db
def test_every_date_an_admin_form_edits_is_held_to_the_range(rf):
    """A datetime in year 1 entered shortly after midnight in Stockholm is stored by
    PostgreSQL as 1 BC in UTC, and the admin's list then fails to read it back: every date
    field an admin form edits carries the shared range (found when a run crossed midnight)."""
    from django.contrib import admin
    from django.db import models

    from councils.models import User

    request = rf.get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    unbounded = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in ("auth", "sites", "admin", "contenttypes", "sessions"):
            continue
        if not (
            model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
        ):
            continue  # shown, never saved (the builds, the notifications)
        form = model_admin.get_form(request)
        for name in form.base_fields:
            field = model._meta._forward_fields_map.get(name)
            if isinstance(field, models.DateField) and bounds.date_in_range not in field.validators:
                unbounded.append(f"{model._meta.label}.{name}")
    assert unbounded == []
