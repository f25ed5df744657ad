"""Reports, questions to the council and the council's answers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from idempotency.forms import IdempotentFormMixin
from vkr_portal import bounds

from ..models import Question, Report
from ._common import date_input, helper, too_long_messages, version_field

# The button pressed: hand the report in, or keep it as a draft.
SUBMIT, DRAFT = "submit", "draft"


class ReportForm(forms.ModelForm):
    version = version_field()

    class Meta:
        model = Report
        fields = ["kind", "report_date", "due_date", "done", "conclusions", "next_steps"]
        labels = {"done": _("Genomfört"), "conclusions": _("Slutsatser hittills"),
                  "next_steps": _("Fortsatt arbete")}  # fmt: skip
        widgets = {
            "kind": forms.RadioSelect,
            "report_date": date_input(),
            "due_date": date_input(),
            "done": forms.Textarea(attrs={"rows": 6}),
            "conclusions": forms.Textarea(attrs={"rows": 6}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "due_date": _("För en planerad rapport: när den ska vara inlämnad."),
            "done": _("En punkt per rad går bra."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        too_long_messages(self)
        self.helper = helper(form_tag=False)

    def report_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ReportCreateForm(IdempotentFormMixin, ReportForm):
    question = forms.CharField(
        label=_("Frågeställning till rådet (valfri)"), required=False,
        max_length=bounds.TEXT_MEDIUM, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fler frågor kan läggas till på rapportens sida."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        too_long_messages(self)


class QuestionForm(IdempotentFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Ny frågeställning till rådet"), max_length=bounds.TEXT_MEDIUM,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv frågan till rådet.")},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        too_long_messages(self)
        self.helper = helper(form_tag=False)


class AnswerForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    class Meta:
        model = Question
        fields = ["status", "answer"]
        widgets = {"status": forms.RadioSelect, "answer": forms.Textarea(attrs={"rows": 6})}
        labels = {"answer": _("Rådets svar")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        too_long_messages(self)
        self.helper = helper(_("Spara svaret"))

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == Question.Status.ANSWERED
            and not (data.get("answer") or "").strip()
        ):
            self.add_error("answer", _("En besvarad fråga behöver ett svar."))
        return data
