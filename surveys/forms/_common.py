"""What the survey forms share."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit


def form_helper(submit_label=None) -> FormHelper:
    """With a submit label crispy renders the form tag; without, the template has its own."""
    helper = FormHelper()
    if submit_label:
        # The server's messages, at the field, rather than the browser's own bubbles.
        helper.attrs = {"novalidate": ""}
        helper.add_input(Submit("submit", submit_label))
    else:
        helper.form_tag = False
    return helper
