"""The national views' filters (GET forms, every field optional, forged values ignored)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vkr_portal import bounds

from .models import Activity, FocusArea, NationalRaise
from .selectors import ActivityFilter


def _select(choices=()) -> forms.Select:
    return forms.Select(attrs={"class": "form-select"}, choices=choices)


class ComparisonFilterForm(forms.Form):
    """Focus area, priority, status and raised only, for the six plans side by side. The
    focus area is any id (an unknown one shows nothing); its menu lists the year's areas."""

    fokus = forms.IntegerField(label=_("Fokusområde"), required=False, min_value=1,
                               widget=_select())  # fmt: skip
    prioritet = forms.ChoiceField(
        label=_("Prioritet"), required=False, widget=_select(),
        choices=[("", _("Alla"))] + list(Activity.Priority.choices),
    )  # fmt: skip
    status = forms.ChoiceField(
        label=_("Status"), required=False, widget=_select(),
        choices=[("", _("Alla"))] + list(Activity.Progress.choices),
    )  # fmt: skip
    lyft = forms.BooleanField(
        label=_("Endast lyfta till nationell nivå"), required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )  # fmt: skip

    def filters(self) -> ActivityFilter:
        """The chosen filters; a forged value leaves its own filter out, not the others."""
        if not self.is_bound:
            return ActivityFilter()
        self.is_valid()
        data = self.cleaned_data
        return ActivityFilter(
            priority=data.get("prioritet") or "", progress=data.get("status") or "",
            focus_area=data.get("fokus") or None, raised=bool(data.get("lyft")),
        )  # fmt: skip

    def list_focus_areas(self, focus_areas: list[FocusArea]) -> None:
        """The menu's focus areas: those of the year's plans (known once they are read)."""
        choices = [("", _("Alla"))] + [(area.pk, area.name) for area in focus_areas]
        self.fields["fokus"].widget.choices = choices


def chosen_year(value: str | None, default: int) -> int:
    """The year asked for in the query (?ar=), within the portal's years; else `default`."""
    try:
        year = int(value or default)
    except (TypeError, ValueError):
        return default
    return year if bounds.YEAR_MIN <= year <= bounds.YEAR_MAX else default


class InboxFilterForm(forms.Form):
    """The inbox's filters: the raise's status and the regional council."""

    status = forms.ChoiceField(label=_("Status"), required=False, widget=_select())
    rad = forms.ChoiceField(label=pgettext_lazy("ett råd", "Råd"), required=False, widget=_select())

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.councils = {council.slug: council for council in councils}
        self.fields["status"].choices = [("", _("Alla"))] + list(NationalRaise.Status.choices)
        self.fields["rad"].choices = [("", _("Alla"))] + [
            (council.slug, council.short_name) for council in councils
        ]

    def chosen(self) -> tuple[str, object]:
        """(status, council) chosen; a forged value leaves its filter out."""
        if not self.is_bound:
            return "", None
        self.is_valid()
        status = self.cleaned_data.get("status") or ""
        return status, self.councils.get(self.cleaned_data.get("rad") or "")
