"""Quarters ("2022Q3"): the one source of an activity's timeline, how it is shown ("Q3–Q4
2022") and how the seed's and imported files' free text ("Q3-4 2022", "2022") is read.

Plain functions on strings, without queries; the model, the plan import, the demo data, the
annual report and the exports all use them, so a timeline reads the same everywhere.
"""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.translation import gettext as _

QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
DASH = "–"  # an en dash between the two ends, as in the printed plan

# What the free text may say: "2022", "Q2 2022", "Q3-4 2022", "Q3–Q4 2022", "Q4 2022–Q1 2023",
# "2022Q3", "2022Q3–2022Q4". Anything else stays a comment only.
_ONE = r"(?:Q([1-4])\s*(\d{4})|(\d{4})\s*Q([1-4]))"
_SAME_YEAR = re.compile(r"^Q([1-4])\s*[-–]\s*Q?([1-4])\s+(\d{4})$", re.IGNORECASE)
_SPAN = re.compile(rf"^{_ONE}\s*[-–]\s*{_ONE}$", re.IGNORECASE)
_SINGLE = re.compile(rf"^{_ONE}$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")


def split(quarter: str) -> tuple[int, int] | None:
    """(year, quarter number) of "2022Q3", or None for an empty or malformed value."""
    match = QUARTER.match(quarter or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def quarter(year: int, number: int) -> str:
    return f"{year}Q{number}"


def current_quarter() -> str:
    today = timezone.localdate()
    return quarter(today.year, (today.month - 1) // 3 + 1)


def short(value: str) -> str:
    """One quarter as people write it: "2022Q3" → "Q3 2022"."""
    parts = split(value)
    return f"Q{parts[1]} {parts[0]}" if parts else (value or "")


def label(start: str, end: str) -> str:
    """A timeline as shown: "Q2 2022" (one quarter), "Q3–Q4 2022" (one year),
    "Q4 2022–Q1 2023" (two years); "" when neither end is given."""
    first, last = split(start), split(end)
    if first and last:
        if first == last:
            return short(start)
        if first[0] == last[0]:
            return f"Q{first[1]}{DASH}Q{last[1]} {first[0]}"
        return f"{short(start)}{DASH}{short(end)}"
    if first:
        return _("från %(quarter)s") % {"quarter": short(start)}
    if last:
        return _("senast %(quarter)s") % {"quarter": short(end)}
    return ""


def _one(groups: tuple) -> str:
    number_a, year_a, year_b, number_b = groups
    return quarter(int(year_a), int(number_a)) if year_a else quarter(int(year_b), int(number_b))


def from_text(text: str) -> tuple[str, str]:
    """Start and end quarter of a free-text timeline that says nothing else, or ("", "").

    "2022" → 2022Q1–2022Q4, "Q2 2022" → 2022Q2–2022Q2, "Q3-4 2022" → 2022Q3–2022Q4,
    "Q4 2022–Q1 2023" → 2022Q4–2023Q1. A reversed span is not a timeline.
    """
    text = " ".join((text or "").split())
    if match := _YEAR.match(text):
        year = int(match.group(1))
        start, end = quarter(year, 1), quarter(year, 4)
    elif match := _SAME_YEAR.match(text):
        year = int(match.group(3))
        start, end = quarter(year, int(match.group(1))), quarter(year, int(match.group(2)))
    elif match := _SPAN.match(text):
        start, end = _one(match.groups()[:4]), _one(match.groups()[4:])
    elif match := _SINGLE.match(text):
        start = end = _one(match.groups())
    else:
        return "", ""
    if split(end) < split(start):
        return "", ""
    return start, end


def choices(years: range, *also: str) -> list[tuple[str, str]]:
    """The quarters of `years` (and any other values given) as choices, "Q3 2022" shown."""
    values = {quarter(year, number) for year in years for number in range(1, 5)}
    values |= {value for value in also if split(value)}
    return [(value, short(value)) for value in sorted(values)]
