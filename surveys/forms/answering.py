"""Answering: the respondent's form, one field per question."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Question, Response, Survey

# --- answering


class ResponseForm(forms.Form):
    """The questions a respondent of one organisation kind sees, as fields named q_<id>.

    Every question is optional here so that a draft can be saved at any point; required
    questions are checked by the service when the response is submitted. A step of the form
    gets only its own sections, and the respondent's name and role only when `respondent`.
    """

    respondent_name = forms.CharField(
        label=_("Ditt namn"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "name"}),
    )
    respondent_role = forms.ChoiceField(
        label=_("Din roll"),
        required=False,
        choices=[("", _("Välj roll"))] + list(Response.Role.choices),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(
        self, *args, survey: Survey, organisation_kind: str, sections, respondent=True, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.survey = survey
        if not respondent:
            del self.fields["respondent_name"], self.fields["respondent_role"]
        self.sections = []
        for section in sections:
            questions = [q for q in section.questions.all() if q.is_visible_to(organisation_kind)]
            if questions:
                self.sections.append((section, [self._add_field(q) for q in questions]))

    def _add_field(self, question: Question) -> str:
        name = f"q_{question.pk}"
        self.fields[name] = answer_field(question)
        self.fields[name].question = question  # the template shows "required" and the kind
        return name

    def clean(self):
        data = super().clean()
        # A question id the form does not show (another survey's, or hidden for this kind of
        # organisation) can only come from a forged request.
        forged = [key for key in self.data if key.startswith("q_") and key not in self.fields]
        if forged:
            raise forms.ValidationError(
                _("Svaret innehåller frågor som inte finns i din enkät. Inget har sparats."),
                code="forged_question",
            )
        return data

    def answers(self) -> dict[int, object]:
        return {
            int(name[2:]): self.cleaned_data.get(name)
            for name in self.fields
            if name.startswith("q_")
        }

    def respondent_given(self) -> dict[str, str | None]:
        """The name and role to save: None for a step that does not ask (the saved ones stay)."""
        return {
            name: self.cleaned_data[name] if name in self.fields else None
            for name in ("respondent_name", "respondent_role")
        }

    def answered_count(self) -> int:
        """How many of the form's questions have an answer, as sent or as saved."""
        count = 0
        for name in self.fields:
            value = self[name].value() if name.startswith("q_") else None
            if isinstance(value, str):
                value = value.strip()
            count += value not in (None, "", [])
        return count

    def section_fields(self):
        """[(section, [bound fields])] for the template."""
        return [(section, [self[name] for name in names]) for section, names in self.sections]


class _StepField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class _OptionField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class _OptionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


RADIO = forms.RadioSelect(attrs={"class": "form-check-input"})
CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})


def answer_field(question: Question) -> forms.Field:
    """The form field that answers one question."""
    common = {"label": question.text, "help_text": question.help_text, "required": False}
    invalid = {
        "invalid_choice": _("Välj ett av alternativen."),
        "invalid_pk_value": _("Välj ett av alternativen."),
    }
    kind = question.kind
    if kind == Question.Kind.SCALE:
        return _StepField(
            queryset=question.scale.steps.all(),
            widget=RADIO,
            empty_label=None,
            error_messages=invalid,
            **common,
        )
    if kind == Question.Kind.SINGLE:
        return _OptionField(
            queryset=question.options.all(),
            widget=RADIO,
            empty_label=None,
            error_messages=invalid,
            **common,
        )
    if kind == Question.Kind.MULTIPLE:
        return _OptionsField(
            queryset=question.options.all(),
            widget=CHECKBOXES,
            error_messages={
                "invalid_choice": _("Välj bland alternativen."),
                "invalid_pk_value": _("Välj bland alternativen."),
            },
            **common,
        )
    if kind == Question.Kind.YES_NO:
        return forms.TypedChoiceField(
            choices=[("ja", _("Ja")), ("nej", _("Nej"))],
            coerce=lambda v: v == "ja",
            empty_value=None,
            widget=RADIO,
            **common,
        )
    if kind == Question.Kind.NUMBER:
        return forms.DecimalField(
            max_digits=12,
            decimal_places=2,
            localize=True,
            widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
            **common,
        )
    return forms.CharField(
        max_length=4000, **common, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )
