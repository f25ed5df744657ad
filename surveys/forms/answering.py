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


class _PickField(forms.ChoiceField):
    """One of a question's scale steps or options, from the ones `survey_sections` loaded.

    Not a ModelChoiceField: its choices iterate the queryset with `.iterator()`, which skips
    the prefetch (a query per field), and its clean runs a `.get()` per field. Here the posted
    id is looked up in the loaded objects, and the field cleans to the object itself."""

    def __init__(self, *, objects, **kwargs):
        self.objects = {str(obj.pk): obj for obj in objects}
        super().__init__(choices=[(key, obj.label) for key, obj in self.objects.items()], **kwargs)

    def clean(self, value):
        return self.objects.get(super().clean(value))


class _PicksField(forms.MultipleChoiceField):
    """Some of a question's options, cleaned to the objects, in the options' order and each
    once (a forged post may repeat one)."""

    def __init__(self, *, objects, **kwargs):
        self.objects = {str(obj.pk): obj for obj in objects}
        super().__init__(choices=[(key, obj.label) for key, obj in self.objects.items()], **kwargs)

    def clean(self, value):
        chosen = set(super().clean(value))
        return [obj for key, obj in self.objects.items() if key in chosen]


class _Radios(forms.RadioSelect):
    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "form-check-input", **(attrs or {})}, choices)


class _Checkboxes(forms.CheckboxSelectMultiple):
    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "form-check-input", **(attrs or {})}, choices)


# Widget classes, not instances: a field makes its own from a class, where it deep-copies an
# instance (40 deep copies per form of 40 questions).
RADIO = _Radios
CHECKBOXES = _Checkboxes


def answer_field(question: Question) -> forms.Field:
    """The form field that answers one question."""
    common = {"label": question.text, "help_text": question.help_text, "required": False}
    invalid = {"invalid_choice": _("Välj ett av alternativen.")}
    kind = question.kind
    # .all() of the prefetched steps and options: no query.
    if kind == Question.Kind.SCALE:
        return _PickField(
            objects=question.scale.steps.all(), widget=RADIO, error_messages=invalid, **common
        )
    if kind == Question.Kind.SINGLE:
        return _PickField(
            objects=question.options.all(), widget=RADIO, error_messages=invalid, **common
        )
    if kind == Question.Kind.MULTIPLE:
        return _PicksField(
            objects=question.options.all(),
            widget=CHECKBOXES,
            error_messages={
                "invalid_choice": _("Välj bland alternativen."),
                "invalid_list": _("Välj bland alternativen."),
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
