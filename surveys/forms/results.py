"""Results: the filters, and importing responses gathered elsewhere."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Survey
from ..selectors import ResultFilter, survey_filter_choices
from ._common import form_helper

# --- results


class ResultFilterForm(forms.Form):
    """Which responses to count: one län and one kind of organisation, or all."""

    lan = forms.ChoiceField(label=_("Län"), required=False)
    typ = forms.ChoiceField(label=_("Typ av organisation"), required=False)

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        lans, kinds = survey_filter_choices(survey)
        self.fields["lan"].choices = [("", _("Alla län")), *lans]
        self.fields["typ"].choices = [("", _("Alla typer")), *kinds]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def filters(self) -> ResultFilter:
        if not self.is_bound or not self.is_valid():
            return ResultFilter()
        return ResultFilter(self.cleaned_data["lan"], self.cleaned_data["typ"])


class ResponsesImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil (.xlsx eller .csv)"),
        help_text=_("Samma kolumner som exporten. Inget importeras om en rad är fel."),
    )
    import_incomplete = forms.BooleanField(
        label=_("Importera ändå svar där obligatoriska frågor saknar svar"),
        required=False,
        help_text=_("Annars visas de först, och inget importeras."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Importera"))
