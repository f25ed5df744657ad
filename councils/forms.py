"""Input shapes for council pages; the rules live in services."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organisation


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


def _organisation_field(label, required: bool = False) -> OrganisationChoiceField:
    return OrganisationChoiceField(
        queryset=Organisation.objects.order_by("kind", "name"), required=required, label=label
    )


def _helper(submit_label) -> FormHelper:
    helper = FormHelper()
    # The server's messages, in the portal's language and at the field, rather than the
    # browser's own bubbles that vanish and differ between browsers.
    helper.attrs = {"novalidate": ""}
    helper.add_input(Submit("submit", submit_label))
    return helper


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MembershipFieldsMixin(forms.Form):
    role = forms.ChoiceField(label=_("Roll"), choices=Membership.Role.choices)
    party = forms.ChoiceField(label=_("Part"), choices=Membership.Party.choices)
    organisation = _organisation_field(_("Organisation som ledamoten företräder"))
    represents = forms.CharField(
        label=_("Representerar"),
        max_length=200,
        required=False,
        help_text=_("T.ex. ”Värmlands kommuner” när ledamoten företräder flera huvudmän."),
    )
    start_date = forms.DateField(label=_("Startdatum"), widget=DateInput())
    end_date = forms.DateField(label=_("Slutdatum"), required=False, widget=DateInput())


class MembershipCreateForm(MembershipFieldsMixin):
    email = forms.EmailField(
        label=_("E-postadress"),
        help_text=_("Finns personen redan i portalen kopplas medlemskapet till hen."),
    )
    full_name = forms.CharField(label=_("Namn"), max_length=200)
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    person_organisation = _organisation_field(_("Personens arbetsgivare"))

    field_order = ["email", "full_name", "title", "person_organisation", "role", "party"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Lägg till"))


class MembershipUpdateForm(MembershipFieldsMixin):
    title = forms.CharField(label=_("Personens titel"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Spara"))


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(label=_("Sista dag i rådet"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Avsluta medlemskapet"))


class CouncilSettingsForm(forms.Form):
    mission = forms.CharField(label=_("Uppdrag"), widget=forms.Textarea(attrs={"rows": 6}))
    goals = forms.CharField(
        label=_("Övergripande mål"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Ett mål per rad, i den ordning de ska visas."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Spara"))

    def clean_goals(self) -> list[str]:
        goals = [line.strip(" •–-\t") for line in self.cleaned_data["goals"].splitlines()]
        goals = [goal for goal in goals if goal]
        if len(goals) > 30:
            raise forms.ValidationError(_("Högst 30 mål."), code="too_many_goals")
        return goals


class AccessibilityReportForm(forms.Form):
    description = forms.CharField(
        label=_("Beskriv problemet"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    page_url = forms.CharField(
        label=_("Sidan där problemet finns (valfritt)"), max_length=500, required=False
    )
    contact_email = forms.EmailField(
        label=_("Din e-postadress om du vill ha svar (valfritt)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Skicka"))


def add_service_errors(form: forms.Form, error) -> None:
    """Put a service's ValidationError on the form: on its field if it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
