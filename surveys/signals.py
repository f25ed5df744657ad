"""Signals the surveys app sends for other apps to act on (it imports none of them)."""

from django.dispatch import Signal

# A response was submitted (by its link, or imported): sent after the commit, with
# `survey_id`, `organisation_id` and `response_id`.
response_submitted = Signal()
