"""The annual report's forms: the secretariat's texts, the sections and surveys, a build."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vkr_portal import bounds
from vkr_portal.forms import helper, too_long_messages, version_field

from . import sections as report_sections
from .models import AnnualReport

TEXT_HELP = _(
    "Vanlig text. En tom rad börjar ett nytt stycke; rader som börjar med ”- ” blir en "
    "punktlista och rader som börjar med ”1. ” en numrerad lista."
)


class TextsForm(forms.ModelForm):
    version = version_field()

    class Meta:
        model = AnnualReport
        fields = report_sections.TEXT_SECTIONS
        widgets = {
            name: forms.Textarea(attrs={"rows": 8}) for name in report_sections.TEXT_SECTIONS
        }
        help_texts = {name: TEXT_HELP for name in report_sections.TEXT_SECTIONS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in report_sections.TEXT_SECTIONS:
            self.fields[name].max_length = bounds.TEXT_LONG
            self.fields[name].widget.attrs["maxlength"] = bounds.TEXT_LONG
        too_long_messages(self)
        self.helper = helper(form_tag=False)


class OptionsForm(forms.Form):
    """Per section: included or not, and its place; and the surveys the report covers."""

    version = version_field()

    def __init__(self, *args, report: AnnualReport, surveys: list, **kwargs):
        super().__init__(*args, **kwargs)
        current = report_sections.normalized(report.sections)
        for index, (key, label) in enumerate(report_sections.SECTIONS):
            self.fields[f"with_{key}"] = forms.BooleanField(
                required=False, label=label, initial=key in current
            )
            position = current.index(key) + 1 if key in current else len(current) + index + 1
            self.fields[f"order_{key}"] = forms.IntegerField(
                min_value=1, max_value=99, label=_("Plats för %(section)s") % {"section": label},
                initial=position,
                error_messages={"min_value": _("Ange en plats från 1 till 99."),
                                "max_value": _("Ange en plats från 1 till 99.")},
            )  # fmt: skip
        self.fields["surveys"] = forms.TypedMultipleChoiceField(
            coerce=int, required=False, label=_("Enkäter i rapporten"),
            choices=[(s.pk, s.title) for s in surveys],
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        )  # fmt: skip
        self.surveys_by_pk = {s.pk: s for s in surveys}
        self.section_rows = [
            (key, label, self[f"with_{key}"], self[f"order_{key}"])
            for key, label in report_sections.SECTIONS
        ]

    def clean(self):
        cleaned = super().clean()
        chosen = [key for key in report_sections.SECTION_KEYS if cleaned.get(f"with_{key}")]
        if not chosen and not self.errors:
            raise forms.ValidationError(_("Välj minst ett avsnitt."))
        order = {key: cleaned.get(f"order_{key}") or 99 for key in chosen}
        cleaned["sections"] = sorted(
            chosen, key=lambda key: (order[key], report_sections.SECTION_KEYS.index(key))
        )
        cleaned["survey_objects"] = [
            self.surveys_by_pk[pk]
            for pk in cleaned.get("surveys") or []
            if pk in self.surveys_by_pk
        ]
        return cleaned


class BuildForm(forms.Form):
    reason = forms.CharField(
        required=False, max_length=500, label=_("Skäl till ny version"),
        help_text=_("Krävs när rapporten redan har en fastställd version: vad rättas?"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        too_long_messages(self)
