"""Input shapes for activity plans; the rules (focus area in plan, stale versions) live in
services."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Activity, ActivityPlan, FocusArea, NationalRaise
from .selectors import ActivityFilter

PRIORITY_HELP = _(
    "Grön: högst prio, måste ske i år. Gul: näst viktigast, bra i år men ok nästa år. "
    "Röd: kan vänta till nästa år."
)
QUARTER_PATTERN = r"^\d{4}Q[1-4]$"


def _helper(submit_label, *, form_tag: bool = True) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = form_tag
    # Messages from the server, at the field, rather than the browser's own bubbles.
    helper.attrs = {"novalidate": ""}
    if form_tag:
        helper.add_input(Submit("submit", submit_label))
    return helper


class FocusAreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: FocusArea) -> str:
        return obj.name


class ActivityForm(forms.ModelForm):
    """The seed's five columns plus priority, progress and focus area, with the version the
    form was opened on."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    start_quarter = forms.RegexField(
        regex=QUARTER_PATTERN, required=False, label=_("Startkvartal"),
        help_text=_("T.ex. 2022Q3"),
        error_messages={"invalid": _("Ange kvartal som ÅÅÅÅQn, t.ex. 2022Q3.")},
    )  # fmt: skip
    end_quarter = forms.RegexField(
        regex=QUARTER_PATTERN, required=False, label=_("Slutkvartal"),
        help_text=_("T.ex. 2022Q4"),
        error_messages={"invalid": _("Ange kvartal som ÅÅÅÅQn, t.ex. 2022Q4.")},
    )  # fmt: skip

    class Meta:
        model = Activity
        fields = [
            "focus_area", "title", "implementation", "timeline", "start_quarter",
            "end_quarter", "content", "follow_up", "priority", "progress", "responsible",
        ]  # fmt: skip
        widgets = {
            "content": forms.Textarea(attrs={"rows": 4}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "priority": forms.RadioSelect,
        }
        help_texts = {"priority": PRIORITY_HELP}

    def __init__(self, *args, plan: ActivityPlan, responsible_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"] = FocusAreaChoiceField(
            queryset=FocusArea.objects.filter(plan_choices__plan=plan).order_by(
                "plan_choices__order"
            ),
            label=_("Fokusområde"),
            empty_label=None,
        )
        if responsible_choices is not None:
            self.fields["responsible"].queryset = responsible_choices
        self.fields["title"].error_messages["max_length"] = _(
            "Högst %(limit_value)d tecken (nu %(show_value)d)."
        )
        self.fields["title"].widget.attrs["autofocus"] = True
        self.helper = _helper(_("Spara"), form_tag=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_quarter"), data.get("end_quarter")
        if start and end and end < start:
            self.add_error("end_quarter", _("Slutkvartalet kan inte ligga före startkvartalet."))
        return data


class QuickSetForm(forms.Form):
    """One click on a priority or progress button."""

    field = forms.ChoiceField(choices=[("priority", "priority"), ("progress", "progress")])
    value = forms.CharField(max_length=20)
    version = forms.IntegerField()

    def clean(self):
        data = super().clean()
        field, value = data.get("field"), data.get("value")
        choices = {
            "priority": Activity.Priority.values,
            "progress": Activity.Progress.values,
        }
        if field and value not in choices[field]:
            raise forms.ValidationError(_("Ogiltigt värde."), code="invalid_choice")
        return data


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Upp")), ("down", _("Ned"))])


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(forms.Form):
    group_name = forms.CharField(
        label=_("Grupp (valfritt)"), max_length=100, required=False,
        help_text=_("T.ex. ”Grupp Maria”."),
    )  # fmt: skip
    text = forms.CharField(
        label=_("Anteckning"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Lägg till anteckning"))


class RaiseForm(forms.Form):
    motivation = forms.CharField(
        label=_("Motivering"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vad ska det nationella rådet göra, och varför behövs nationell nivå?"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Lyft till nationell nivå"))


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[c for c in NationalRaise.Status.choices if c[0] != NationalRaise.Status.RAISED],
    )
    answer = forms.CharField(
        label=_("Svar till det regionala rådet"), max_length=8000, required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Spara svar"))


class ActivityFilterForm(forms.Form):
    """The plan page's filters; every field optional, forged values are errors."""

    prioritet = forms.ChoiceField(
        label=_("Prioritet"), required=False,
        choices=[("", _("Alla"))] + list(Activity.Priority.choices),
    )  # fmt: skip
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("Alla"))] + list(Activity.Progress.choices),
    )  # fmt: skip
    fokus = forms.TypedChoiceField(label=_("Fokusområde"), required=False, coerce=int)
    lyft = forms.BooleanField(label=_("Endast lyfta till nationell nivå"), required=False)

    def __init__(self, *args, plan: ActivityPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fokus"].choices = [("", _("Alla"))] + [
            (choice.focus_area_id, choice.focus_area.name)
            for choice in plan.plan_focus_areas.select_related("focus_area").order_by("order")
        ]

    def filters(self) -> ActivityFilter:
        """The chosen filters; none when the form is empty or holds forged values."""
        if not self.is_bound or not self.is_valid():
            return ActivityFilter()
        data = self.cleaned_data
        return ActivityFilter(
            priority=data["prioritet"], progress=data["status"],
            focus_area=data["fokus"] or None, raised=data["lyft"],
        )  # fmt: skip


class PlanCreateForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    intro = forms.CharField(
        label=_("Inledning"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Fokusområden"), queryset=FocusArea.objects.none(),
        widget=forms.CheckboxSelectMultiple, required=False,
    )  # fmt: skip
    new_focus_area = forms.CharField(
        label=_("Eget fokusområde (valfritt)"), max_length=200, required=False
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_areas"].queryset = FocusArea.objects.filter(
            council__in=[council]
        ) | FocusArea.objects.filter(council=None)
        self.helper = _helper(_("Skapa plan"))


class PlanSettingsForm(forms.Form):
    """Intro, status and the note on each of the plan's focus areas (one field each)."""

    intro = forms.CharField(
        label=_("Inledning"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActivityPlan.Status.choices)
    add_focus_areas = forms.ModelMultipleChoiceField(
        label=_("Lägg till fokusområden"), queryset=FocusArea.objects.none(),
        widget=forms.CheckboxSelectMultiple, required=False,
    )  # fmt: skip
    new_focus_area = forms.CharField(
        label=_("Nytt eget fokusområde (valfritt)"), max_length=200, required=False
    )

    def __init__(self, *args, plan: ActivityPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = list(plan.plan_focus_areas.select_related("focus_area").order_by("order"))
        for choice in self.choices:
            self.fields[f"note_{choice.focus_area_id}"] = forms.CharField(
                label=_("Anteckning: %(area)s") % {"area": choice.focus_area.name},
                max_length=300,
                required=False,
                initial=choice.note,
            )
        chosen = [choice.focus_area_id for choice in self.choices]
        available = FocusArea.objects.filter(
            council__in=[plan.council_id]
        ) | FocusArea.objects.filter(council=None)
        self.fields["add_focus_areas"].queryset = available.exclude(pk__in=chosen)
        self.helper = _helper(_("Spara"))

    def notes(self) -> dict[int, str]:
        return {c.focus_area_id: self.cleaned_data[f"note_{c.focus_area_id}"] for c in self.choices}


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excelfil (.xlsx)"),
        help_text=_("Samma kolumner som exporten. Inget importeras om någon rad är felaktig."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Importera"))
