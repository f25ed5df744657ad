"""What the portal's forms share: the crispy helper, messages for too long texts, dates,
quarters and the hidden version a form was opened on."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

TOO_LONG = _("Högst %(limit_value)d tecken (nu %(show_value)d).")
# A version is a row counter: anything outside PostgreSQL's integer is forged.
VERSION_MAX = 2**31 - 1
QUARTER_PATTERN = r"^\d{4}Q[1-4]$"


def helper(submit_label=None, *, form_tag: bool = True) -> FormHelper:
    form_helper = FormHelper()
    form_helper.form_tag = form_tag
    # Messages from the server, at the field, rather than the browser's own bubbles.
    form_helper.attrs = {"novalidate": ""}
    if form_tag and submit_label:
        form_helper.add_input(Submit("submit", submit_label))
    return form_helper


def version_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=VERSION_MAX
    )


def quarter_field(label, example: str) -> forms.RegexField:
    return forms.RegexField(
        regex=QUARTER_PATTERN, required=False, label=label,
        help_text=_("T.ex. %(example)s") % {"example": example},
        error_messages={"invalid": _("Ange kvartal som ÅÅÅÅQn, t.ex. 2022Q3.")},
    )  # fmt: skip


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def too_long_messages(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and field.max_length:
            field.error_messages["max_length"] = TOO_LONG


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=0, max_value=VERSION_MAX)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Upp")), ("down", _("Ned"))])
    # The row's order when the page was shown: the second click of a double click finds it
    # changed and moves nothing.
    order = forms.IntegerField(required=False, min_value=0, max_value=2**31 - 1)
