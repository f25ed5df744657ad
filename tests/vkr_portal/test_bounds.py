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
