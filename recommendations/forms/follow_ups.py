"""A follow-up of a recommendation, by the council or for an organisation of its area."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vkr_portal.forms import date_input, helper, too_long_messages, version_field

from ..models import FollowUp


class ActivityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.plan.year}: {obj.title}"


class FollowUpForm(forms.ModelForm):
    version = version_field()
    activities = ActivityChoiceField(
        label=_("Aktiviteter i rådets plan som genomför den"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )  # fmt: skip
    evidence_url = forms.URLField(
        label=_("Länk till underlag"), max_length=500, required=False, assume_scheme="https"
    )
    workgroups = forms.ModelMultipleChoiceField(
        label=_("Arbetsgrupper som genomför den"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = FollowUp
        fields = ["status", "done", "evidence", "evidence_url", "recorded_on"]
        labels = {"done": _("Vad som gjorts"), "evidence": _("Underlag"),
                  "evidence_url": _("Länk till underlag"), "recorded_on": _("Datum")}  # fmt: skip
        widgets = {
            "status": forms.RadioSelect,
            "done": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "recorded_on": date_input(),
        }
        help_texts = {"evidence": _("T.ex. ett beslut, en rapport eller var det finns beskrivet.")}

    def __init__(self, *args, activities, workgroups, prefix_id: str, **kwargs):
        kwargs.setdefault("auto_id", f"{prefix_id}-%s")
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = activities
        self.fields["workgroups"].queryset = workgroups
        self.fields["recorded_on"].required = False
        if self.instance.pk and not self.is_bound:
            self.initial["activities"] = list(self.instance.activities.values_list("pk", flat=True))
            self.initial["workgroups"] = list(self.instance.workgroups.values_list("pk", flat=True))
        too_long_messages(self)
        self.helper = helper(form_tag=False)

    def follow_up_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}
