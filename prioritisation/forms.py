"""Forms of prioritisation rounds: opening one, marking, deciding, groups."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, FocusArea
from councils.models import User
from idempotency.forms import IdempotentFormMixin
from vkr_portal import bounds

from .models import Colour, DiscussionGroup, Round


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class RoundForm(IdempotentFormMixin, forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    mode = forms.ChoiceField(
        label=_("Vem markerar"), choices=Round.Mode.choices, widget=forms.RadioSelect,
        initial=Round.Mode.MEMBERS,
    )  # fmt: skip
    groups = forms.ModelMultipleChoiceField(
        label=_("Diskussionsgrupper"), queryset=DiscussionGroup.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bara när grupperna markerar: en markering per grupp och aktivitet."),
    )  # fmt: skip
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Fokusområden"), queryset=FocusArea.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Inget valt: rundan gäller alla planens aktiviteter."),
    )  # fmt: skip
    closes_at = forms.DateTimeField(
        label=_("Stänger"), widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"], validators=[bounds.date_in_range],
        help_text=_("Till dess kan markeringarna ändras."),
    )  # fmt: skip

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = DiscussionGroup.objects.filter(council=plan.council)
        self.fields["focus_areas"].queryset = FocusArea.objects.filter(
            plan_choices__plan=plan
        ).order_by("plan_choices__order")

    def clean(self):
        data = super().clean()
        if data.get("mode") == Round.Mode.GROUPS and not data.get("groups"):
            self.add_error("groups", _("Välj minst en diskussionsgrupp."))
        return data


def mark_fields(activity: Activity, areas: list[tuple[int, str]]) -> dict[str, forms.Field]:
    """The three fields of one activity's mark; each keeps the value the page showed (hidden
    initial), so a save changes only what this person changed."""
    moves = [("", _("Ingen ändring"))] + [
        (str(pk), name) for pk, name in areas if pk != activity.focus_area_id
    ]
    return {
        f"colour-{activity.pk}": forms.ChoiceField(
            label=_("Markering"),
            required=False,
            widget=forms.RadioSelect(attrs={"class": "btn-check"}),
            choices=[("", _("Ingen markering")), *Colour.choices],
            show_hidden_initial=True,
        ),  # fmt: skip
        f"comment-{activity.pk}": forms.CharField(
            label=_("Kommentar"),
            required=False,
            max_length=bounds.TEXT_MEDIUM,
            widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
            show_hidden_initial=True,
        ),  # fmt: skip
        f"move-{activity.pk}": forms.TypedChoiceField(
            label=_("Föreslå annat fokusområde"),
            required=False,
            choices=moves,
            coerce=int,
            empty_value=None,
            show_hidden_initial=True,
            widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        ),  # fmt: skip
    }


class MarkForm(forms.Form):
    """A voter's marks of every activity of the round, one fieldset per activity."""

    def __init__(self, *args, activities, areas, marks, **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = activities
        for activity in activities:
            self.fields.update(mark_fields(activity, areas))
            saved = marks.get(activity.pk)
            if saved is not None:
                self.initial[f"colour-{activity.pk}"] = saved.colour
                self.initial[f"comment-{activity.pk}"] = saved.comment
                self.initial[f"move-{activity.pk}"] = saved.move_to_id

    def changed_marks(self):
        """(activity pk, colour, comment, move_to pk) of each activity whose fields changed."""
        changed = []
        for activity in self.activities:
            names = [f"{kind}-{activity.pk}" for kind in ("colour", "comment", "move")]
            if any(name in self.changed_data for name in names):
                values = [self.cleaned_data.get(name) for name in names]
                changed.append((activity.pk, values[0] or "", values[1] or "", values[2]))
        return changed


class DecisionForm(forms.Form):
    activity = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    priority = forms.ChoiceField(
        choices=[
            (Activity.Priority.GREEN, Activity.Priority.GREEN.label),
            (Activity.Priority.YELLOW, Activity.Priority.YELLOW.label),
            (Activity.Priority.RED, Activity.Priority.RED.label),
        ]
    )
    version = forms.IntegerField(min_value=0, max_value=2**31 - 1)
    next = forms.CharField(required=False, max_length=500)


class MoveForm(forms.Form):
    mark = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    next = forms.CharField(required=False, max_length=500)


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=100)
    members = forms.ModelMultipleChoiceField(
        label=_("Medlemmar"), queryset=User.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        from councils.models import Membership

        seated = Membership.objects.active().filter(council=council).values("user_id")
        self.fields["members"].queryset = User.objects.filter(pk__in=seated).order_by("full_name")


class GroupCreateForm(IdempotentFormMixin, GroupForm):
    pass
