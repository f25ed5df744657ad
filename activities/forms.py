"""Input shapes for activity plans; the rules (focus area in plan, stale versions) live in
services."""

from __future__ import annotations

import copy

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from idempotency.forms import IdempotentFormMixin
from vkr_portal import bounds

from . import quarters
from .models import Activity, ActivityPlan, FocusArea, NationalRaise, PlanFocusArea
from .selectors import MERGEABLE_FIELDS, ActivityFilter

PRIORITY_HELP = _(
    "Grön: högst prio, måste ske i år. Gul: näst viktigast, bra i år men ok nästa år. "
    "Röd: kan vänta till nästa år."
)
TOO_LONG = _("Högst %(limit_value)d tecken (nu %(show_value)d).")
# A version is a row counter: anything outside PostgreSQL's integer is forged.
VERSION_MAX = 2**31 - 1
# How a person settles a field both they and someone else changed.
MINE, THEIRS, MERGED = "mine", "theirs", "merged"
RESOLUTIONS = {
    MINE: _("Spara min version"),
    THEIRS: _("Behåll den sparade versionen"),
    MERGED: _("Spara en sammanslagen text"),
}


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


def _text(label, limit: int, *, required: bool = False, rows: int = 4) -> forms.CharField:
    """A text box held to the model's limit, which says how long the text is when refused."""
    return forms.CharField(
        label=label, max_length=limit, required=required,
        widget=forms.Textarea(attrs={"rows": rows}), error_messages={"max_length": TOO_LONG},
    )  # fmt: skip


class ActivityForm(forms.ModelForm):
    """The seed's five columns plus priority, progress and focus area, with the version the
    form was opened on.

    After a save that collided with someone else's (`conflict_fields`: the fields both
    changed), each such field is shown as a hidden copy of the person's value and a choice:
    keep mine, keep the saved one, or (for texts) a merged text. Nothing is saved until every
    one of them is decided.
    """

    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=VERSION_MAX
    )
    conflict = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)
    # Chosen from the plan's years (and whatever the activity has already): one source of the
    # timeline, never typed twice. The service checks their order once more.
    start_quarter = forms.ChoiceField(label=_("Startkvartal"), required=False)
    end_quarter = forms.ChoiceField(label=_("Slutkvartal"), required=False)

    class Meta:
        model = Activity
        fields = [
            "focus_area", "title", "implementation", "timeline", "start_quarter",
            "end_quarter", "content", "follow_up", "priority", "progress", "responsible",
        ]  # fmt: skip
        labels = {"timeline": _("Kommentar till tidplan")}
        widgets = {
            "content": forms.Textarea(attrs={"rows": 4}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "priority": forms.RadioSelect,
        }
        help_texts = {
            "priority": PRIORITY_HELP,
            "timeline": _("Valfritt, t.ex. ”Hösten, efter rådets möte i september”."),
        }

    def __init__(
        self, *args, plan: ActivityPlan, responsible_choices=None, conflict_fields=None, **kwargs
    ):
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
        self._quarter_choices(plan)
        for name in ("title", "implementation", "timeline", "content", "follow_up"):
            self.fields[name].error_messages["max_length"] = TOO_LONG
        self.fields["conflict"].choices = [(name, name) for name in self._meta.fields]
        if conflict_fields is None and self.is_bound:
            getlist = getattr(self.data, "getlist", None)
            conflict_fields = getlist("conflict") if getlist else self.data.get("conflict", [])
        self.conflict_fields = [n for n in self._meta.fields if n in (conflict_fields or ())]
        if self.conflict_fields:
            self._add_decisions()
        else:
            self.fields["title"].widget.attrs["autofocus"] = True
        self.helper = _helper(_("Spara"), form_tag=False)

    def _quarter_choices(self, plan: ActivityPlan) -> None:
        """The year before the plan's to two years after, and the values the form starts
        with (an activity carried over from an older year keeps its quarters)."""
        years = range(plan.year - 1, plan.year + 3)
        for name in ("start_quarter", "end_quarter"):
            held = (self.initial.get(name), getattr(self.instance, name, ""))
            field = self.fields[name]
            field.choices = [("", _("Inte angivet"))] + quarters.choices(years, *filter(None, held))
            field.error_messages["invalid_choice"] = _("Välj ett kvartal i listan.")

    def _add_decisions(self) -> None:
        for name in self.conflict_fields:
            field = self.fields[name]
            choices = list(RESOLUTIONS.items())
            if name in MERGEABLE_FIELDS:
                merged = copy.deepcopy(field)
                merged.required, merged.help_text = False, ""
                merged.label = _("Sammanslagen text: %(field)s") % {"field": field.label}
                merged.widget.attrs.pop("autofocus", None)
                self.fields[f"merged_{name}"] = merged
            else:
                choices = choices[:2]
            self.fields[f"resolve_{name}"] = forms.ChoiceField(
                label=field.label, choices=choices, widget=forms.RadioSelect,
                error_messages={"required": _("Välj vilken version som ska sparas.")},
            )  # fmt: skip
            # The person's own value rides along unseen; the decision shows it.
            field.widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        start, end = data.get("start_quarter"), data.get("end_quarter")
        quarters_decided = {"start_quarter", "end_quarter"} & set(self.conflict_fields)
        if start and end and end < start and not quarters_decided:
            self.add_error("end_quarter", _("Slutkvartalet kan inte ligga före startkvartalet."))
        for name in self.conflict_fields:
            merged = f"merged_{name}"
            wants_merged = data.get(f"resolve_{name}") == MERGED
            # A merged text that is too long has its own error already.
            empty = merged not in self.errors and not data.get(merged)
            if wants_merged and empty and self.fields[name].required:
                self.add_error(merged, _("Skriv den sammanslagna texten."))
        return data

    def activity_fields(self) -> dict:
        """The activity's fields to save, each collided field as decided (left out when the
        saved version is kept, so that is what stays)."""
        fields = {name: self.cleaned_data[name] for name in self._meta.fields}
        for name in self.conflict_fields:
            decision = self.cleaned_data[f"resolve_{name}"]
            if decision == THEIRS:
                del fields[name]
            elif decision == MERGED:
                fields[name] = self.cleaned_data[f"merged_{name}"]
        return fields


class ActivityCreateForm(IdempotentFormMixin, ActivityForm):
    """A new activity: the same fields, sent once."""


class QuickSetForm(forms.Form):
    """One click on a priority or progress button."""

    field = forms.ChoiceField(choices=[("priority", "priority"), ("progress", "progress")])
    value = forms.CharField(max_length=20)
    version = forms.IntegerField(min_value=0, max_value=VERSION_MAX)

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
    """Up or down in the focus area, or into another of the plan's focus areas."""

    direction = forms.ChoiceField(
        choices=[("up", _("Upp")), ("down", _("Ned")), ("area", _("Till fokusområde"))]
    )
    # The row's order when the page was shown: a second click of a double click finds it
    # changed and moves nothing.
    order = forms.IntegerField(required=False, min_value=0, max_value=32767)
    # Moving into another focus area changes the activity, so it needs the version shown.
    focus_area = forms.IntegerField(required=False, min_value=1, max_value=VERSION_MAX)
    version = forms.IntegerField(required=False, min_value=0, max_value=VERSION_MAX)

    def clean(self):
        data = super().clean()
        if data.get("direction") == "area" and (
            data.get("focus_area") is None or data.get("version") is None
        ):
            raise forms.ValidationError(_("Välj ett fokusområde."), code="no_focus_area")
        return data


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=VERSION_MAX)


class NoteForm(IdempotentFormMixin, forms.Form):
    group_name = forms.CharField(
        label=_("Grupp (valfritt)"), max_length=100, required=False,
        help_text=_("T.ex. ”Grupp Maria”."), error_messages={"max_length": TOO_LONG},
    )  # fmt: skip
    text = _text(_("Anteckning"), bounds.TEXT_LONG, required=True, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Lägg till anteckning"))


class RaiseForm(IdempotentFormMixin, forms.Form):
    motivation = forms.CharField(
        label=_("Motivering"), max_length=bounds.TEXT_LONG,
        widget=forms.Textarea(attrs={"rows": 4}), error_messages={"max_length": TOO_LONG},
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
    answer = _text(_("Svar till det regionala rådet"), bounds.TEXT_ANSWER, rows=5)

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


class PlanCreateForm(IdempotentFormMixin, forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=bounds.YEAR_MIN, max_value=bounds.YEAR_MAX)
    intro = _text(_("Inledning"), bounds.TEXT_LONG)
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Fokusområden"), queryset=FocusArea.objects.none(),
        widget=forms.CheckboxSelectMultiple, required=False,
    )  # fmt: skip
    new_focus_area = forms.CharField(
        label=_("Eget fokusområde (valfritt)"), max_length=200, required=False,
        error_messages={"max_length": TOO_LONG},
    )  # fmt: skip

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_areas"].queryset = FocusArea.objects.filter(
            council__in=[council]
        ) | FocusArea.objects.filter(council=None)
        self.helper = _helper(_("Skapa plan"))


class PlanSettingsForm(forms.Form):
    """Intro, status and the note on each of the plan's focus areas (one field each)."""

    intro = _text(_("Inledning"), bounds.TEXT_LONG)
    status = forms.ChoiceField(label=_("Status"), choices=ActivityPlan.Status.choices)
    adopted_on = forms.DateField(
        label=_("Fastställd den"), required=False, validators=[bounds.date_in_range],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Lämna tomt för dagens datum. Används bara när planen är fastställd."),
    )  # fmt: skip
    add_focus_areas = forms.ModelMultipleChoiceField(
        label=_("Lägg till fokusområden"), queryset=FocusArea.objects.none(),
        widget=forms.CheckboxSelectMultiple, required=False,
    )  # fmt: skip
    new_focus_area = forms.CharField(
        label=_("Nytt eget fokusområde (valfritt)"), max_length=200, required=False,
        error_messages={"max_length": TOO_LONG},
    )  # fmt: skip

    def __init__(self, *args, plan: ActivityPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = list(plan.plan_focus_areas.select_related("focus_area").order_by("order"))
        for choice in self.choices:
            self.fields[f"note_{choice.focus_area_id}"] = forms.CharField(
                label=_("Anteckning: %(area)s") % {"area": choice.focus_area.name},
                max_length=PlanFocusArea._meta.get_field("note").max_length,
                required=False,
                initial=choice.note,
                error_messages={"max_length": TOO_LONG},
            )
        chosen = [choice.focus_area_id for choice in self.choices]
        available = FocusArea.objects.filter(
            council__in=[plan.council_id]
        ) | FocusArea.objects.filter(council=None)
        self.fields["add_focus_areas"].queryset = available.exclude(pk__in=chosen)
        self.helper = _helper(_("Spara"))

    def notes(self) -> dict[int, str]:
        return {c.focus_area_id: self.cleaned_data[f"note_{c.focus_area_id}"] for c in self.choices}


class PlanCopyForm(IdempotentFormMixin, forms.Form):
    """Copying a plan to next year: nothing to fill in but the form's one-time key."""


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excelfil (.xlsx)"),
        help_text=_("Samma kolumner som exporten. Inget importeras om någon rad är felaktig."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Importera"))
