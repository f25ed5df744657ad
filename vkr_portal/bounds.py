"""The limits every form, service and import of the portal shares: how long a text may be and
which dates make sense.

A date in year 1 is stored by PostgreSQL as 1 BC in UTC and then breaks every page that shows
it; a text of a megabyte is no activity plan. The models carry these as validators (every
service calls `full_clean`), the forms get them from the models or from here, and the imports
check the same numbers.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# The portal's work is planned and reported between these years.
YEAR_MIN = 2000
YEAR_MAX = 2100
DATE_MIN = dt.date(YEAR_MIN, 1, 1)
DATE_MAX = dt.date(YEAR_MAX, 12, 31)

# Texts: the longest of the seed documents' texts are well under 2,000 characters, and a cell
# of an XLSX round trip holds 32,767.
TEXT_SHORT = 300  # titles, names, one-line fields
TEXT_MEDIUM = 2000  # help texts, descriptions, follow-up, notes on a focus area
TEXT_LONG = 4000  # an activity's content, a survey's introduction, notes, answers
TEXT_ANSWER = 8000  # the national council's answer to a raised activity
EMAIL_MAX = 254  # RFC 5321's limit for a path, and the database column's


def text_validators(limit: int) -> list:
    """What a TextField needs for `full_clean` to enforce its `max_length` (Django leaves that
    to the form)."""
    return [MaxLengthValidator(limit)]


@deconstructible
class DateInRange:
    """A date (or a datetime's local date) between DATE_MIN and DATE_MAX."""

    code = "date_out_of_range"

    def __call__(self, value) -> None:
        if value is None:
            return
        # A datetime's own date, not converted: converting year 9999 to local time overflows,
        # and an hour either side of the range's ends does not matter.
        day = value.date() if isinstance(value, dt.datetime) else value
        if not (DATE_MIN <= day <= DATE_MAX):
            raise ValidationError(
                _("Ange ett datum mellan %(min)s och %(max)s."),
                code=self.code,
                params={"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, DateInRange)


date_in_range = DateInRange()


def bounded_text(*args, limit: int, **kwargs):
    """A TextField that `full_clean` (and so every service) holds to `limit` characters, and
    whose form field and textarea say so."""
    from django.db import models

    return models.TextField(
        *args, max_length=limit, validators=[MaxLengthValidator(limit)], **kwargs
    )
