"""Input shapes for council pages; the rules live in services."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from idempotency.forms import IdempotentFormMixin
from vkr_portal import bounds

from .models import Membership, Organisation

# How long a text may be and how long it is, as the activity forms say it.
TOO_LONG = _("Högst %(limit_value)d tecken (nu %(show_value)d).")
EMAIL_TOO_LONG = _("En e-postadress får vara högst %(limit_value)d tecken (nu %(show_value)d).")


def organisation_choice_label(organisation: Organisation) -> str:
    """How an organisation is named where one is picked: "Arvika kommun (Kommun)"."""
    return f"{organisation.name} ({organisation.get_kind_display()})"


class OrganisationCombobox(forms.Select):
    """A plain <select> of every organisation, which static/js/combobox.js turns into a
    searchable combobox (the WAI-ARIA combobox with a listbox popup) fed by the search of the
    closest `data-combobox-url`. Without JavaScript the select is what the person uses."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"data-combobox": "", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        select = super().render(name, value, attrs, renderer)
        # The project's template loader, not the form renderer's (which sees only the apps'
        # templates), so the wrapper lives in templates/includes/ with the other includes.
        context = {"select": select, "id": (attrs or {}).get("id", "")}
        return render_to_string("includes/_combobox.html", context)


class OrganisationChoiceField(forms.ModelChoiceField):
    """Any organisation in Sweden, picked through the combobox; an id that is not one of them
    (forged, or removed since the page was shown) is an error at the field."""

    widget = OrganisationCombobox
    default_error_messages = {
        "invalid_choice": _("Det finns ingen sådan organisation. Sök och välj en i listan."),
    }

    def label_from_instance(self, obj: Organisation) -> str:
        return organisation_choice_label(obj)


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


def _date_field(label, required: bool = True) -> forms.DateField:
    """A date between the portal's bounds, said at the field (the model checks the same)."""
    return forms.DateField(
        label=label, required=required, widget=DateInput(), validators=[bounds.date_in_range]
    )


def _email_field(label, required: bool = True, **kwargs) -> forms.EmailField:
    """At most what the database column holds: a longer address passes Django's validator."""
    return forms.EmailField(
        label=label,
        required=required,
        max_length=bounds.EMAIL_MAX,
        error_messages={"max_length": EMAIL_TOO_LONG},
        **kwargs,
    )


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
    start_date = _date_field(_("Startdatum"))
    end_date = _date_field(_("Slutdatum"), required=False)


class MembershipCreateForm(IdempotentFormMixin, MembershipFieldsMixin):
    email = _email_field(
        _("E-postadress"),
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
    end_date = _date_field(_("Sista dag i rådet"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Avsluta medlemskapet"))


GOALS_MAX = 30


class CouncilSettingsForm(forms.Form):
    mission = forms.CharField(
        label=_("Uppdrag"),
        max_length=bounds.TEXT_LONG,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": TOO_LONG},
    )
    goals = forms.CharField(
        label=_("Övergripande mål"),
        required=False,
        # Every goal at its longest, one a line: a bound for the whole box before it is split.
        max_length=GOALS_MAX * (bounds.TEXT_MEDIUM + 1),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Ett mål per rad, i den ordning de ska visas."),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Spara"))

    def clean_goals(self) -> list[str]:
        goals = [line.strip(" •–-\t") for line in self.cleaned_data["goals"].splitlines()]
        goals = [goal for goal in goals if goal]
        if len(goals) > GOALS_MAX:
            raise forms.ValidationError(_("Högst 30 mål."), code="too_many_goals")
        too_long = [
            number for number, goal in enumerate(goals, 1) if len(goal) > bounds.TEXT_MEDIUM
        ]
        if too_long:
            raise forms.ValidationError(
                _("Mål %(number)d är för långt: högst %(limit)d tecken per mål."),
                code="goal_too_long",
                params={"number": too_long[0], "limit": bounds.TEXT_MEDIUM},
            )
        return goals


class AccessibilityReportForm(IdempotentFormMixin, forms.Form):
    description = forms.CharField(
        label=_("Beskriv problemet"),
        max_length=bounds.TEXT_LONG,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    page_url = forms.CharField(
        label=_("Sidan där problemet finns (valfritt)"), max_length=500, required=False
    )
    contact_email = _email_field(
        _("Din e-postadress om du vill ha svar (valfritt)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Skicka"))


class _UsernameBound:
    """No look-up of an address longer than a user can have.

    Django's login forms set the username's maxlength on the widget only: a longer value
    reached authenticate(), and django-axes' log of the failure (a column of 255 characters)
    failed with a server error. Such an address gets the answer any wrong address gets;
    failures for addresses that can exist are counted by axes as before.
    """

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is not None and len(username) > bounds.EMAIL_MAX:
            raise self.get_invalid_login_error()
        return super().clean()


class LoginForm(_UsernameBound, AuthenticationForm):
    """The portal's login form."""


class AdminLoginForm(_UsernameBound, AdminAuthenticationForm):
    """The admin's login form (`admin.site.login_form`)."""


def add_service_errors(form: forms.Form, error) -> None:
    """Put a service's ValidationError on the form: on its field if it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
