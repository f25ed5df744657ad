"""The group's details and its members."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from idempotency.forms import IdempotentFormMixin

from ..models import Member, Workgroup
from ._common import date_input, helper, too_long_messages, version_field


class ActivityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.plan.year}: {obj.title}"


class WorkgroupForm(forms.ModelForm):
    version = version_field()
    activities = ActivityChoiceField(
        label=_("Aktiviteter i planen som gruppen genomför"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    surveys = forms.ModelMultipleChoiceField(
        label=_("Enkäter som gruppen arbetar med"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = Workgroup
        fields = [
            "name", "mandate", "purpose", "focus_area", "status", "start_date",
            "final_report_due",
        ]  # fmt: skip
        widgets = {
            "mandate": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "start_date": date_input(),
            "final_report_due": date_input(),
        }

    def __init__(self, *args, focus_areas, activities, surveys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = focus_areas
        self.fields["activities"].queryset = activities
        self.fields["surveys"].queryset = surveys
        if self.instance.pk and not self.is_bound:
            self.initial["activities"] = list(self.instance.activities.values_list("pk", flat=True))
            self.initial["surveys"] = list(self.instance.surveys.values_list("pk", flat=True))
        too_long_messages(self)
        self.helper = helper(_("Spara"))

    def group_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class WorkgroupCreateForm(IdempotentFormMixin, WorkgroupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Skapa arbetsgruppen"))


class MemberForm(forms.ModelForm):
    """A person in the group. A person with a login is known by their e-mail address."""

    class Meta:
        model = Member
        fields = ["name", "title", "organisation", "email", "role", "start_date", "end_date"]
        widgets = {"start_date": date_input(), "end_date": date_input()}
        help_texts = {
            "email": _("För en kontakt: valfri. För en person som ska logga in: krävs."),
            "title": _("T.ex. ”Övergripande studierektor”."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.user_id:
            # A login's name and address are the person's own, changed on their account.
            for name in ("name", "email"):
                del self.fields[name]
        too_long_messages(self)
        self.helper = helper(_("Spara"))

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatumet kan inte ligga före startdatumet."))
        return data

    def member_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name in self._meta.fields}


class MemberCreateForm(IdempotentFormMixin, MemberForm):
    with_login = forms.BooleanField(
        label=_("Personen ska kunna logga in och arbeta i gruppen"), required=False,
        help_text=_(
            "Finns ingen inloggning för e-postadressen skapas en. Personen väljer sitt lösenord "
            "via ”Glömt lösenordet?” på inloggningssidan."
        ),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.helper = helper(_("Lägg till"))


class ConfirmForm(forms.Form):
    """A confirmation with nothing to fill in."""
