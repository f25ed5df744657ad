"""Building a survey: its settings, sections and questions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from idempotency.forms import IdempotentFormMixin
from vkr_portal import bounds

from ..models import Audience, Option, Question, Scale, Section, Survey
from ._common import form_helper

# --- building


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _text_limit(model, name: str) -> int:
    """A text field's length limit as the model holds it."""
    return model._meta.get_field(name).max_length


def _when(label) -> forms.DateTimeField:
    """An opening or closing time, inside the years the portal's work is planned in."""
    return forms.DateTimeField(
        label=label, required=False, widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"], validators=[bounds.date_in_range],
    )  # fmt: skip


class SurveyForm(forms.Form):
    """A survey's settings: title, intro, who it is for, when it is open, its status and
    whether its results are anonymous."""

    title = forms.CharField(label=_("Titel"), max_length=_text_limit(Survey, "title"))
    intro = forms.CharField(
        label=_("Inledning"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        max_length=_text_limit(Survey, "intro"), help_text=_("Visas överst för de svarande."),
    )  # fmt: skip
    audience = forms.MultipleChoiceField(
        label=_("Målgrupp"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Organisationstyper som enkäten skickas till."),
    )  # fmt: skip
    opens_at = _when(_("Öppnar"))
    closes_at = _when(_("Stänger"))
    status = forms.ChoiceField(
        label=_("Status"), choices=Survey.Status.choices,
        help_text=_("Enkäten tar emot svar när den är öppen och inom öppettiden."),
    )  # fmt: skip
    results_anonymous = forms.BooleanField(
        label=_("Anonyma resultat"), required=False,
        help_text=_("Fritextsvar visas utan organisationens namn och i blandad ordning, och "
                    "inget urval visar färre än tre svarande. Sekretariatet ser ändå vilka som "
                    "har svarat. Kan inte stängas av när enkäten har fått svar."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Spara"))

    def clean(self):
        data = super().clean()
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("Enkäten måste stänga efter att den öppnat."))
        return data


class SurveyCreateForm(IdempotentFormMixin, SurveyForm):
    """A new survey, empty or from one of the built-in surveys; always a draft at first."""

    EMPTY = ""
    start_from = forms.ChoiceField(
        label=_("Utgå från"), widget=forms.RadioSelect, required=False, initial=EMPTY,
        choices=[
            (EMPTY, _("En tom enkät")),
            ("kompetensutveckling", _("Inventering av kompetensutvecklingsbehov (kommuner)")),
            ("karriarmodeller", _("Karriärmodeller i hälso- och sjukvården (regioner, kommuner "
                                  "och lärosäten)")),
        ],
        help_text=_("En inbyggd enkät kommer med sina avsnitt och frågor, som du sedan kan "
                    "ändra."),
    )  # fmt: skip

    field_order = ["start_from", "title", "intro", "audience", "opens_at", "closes_at",
                   "results_anonymous"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["status"]
        # With a built-in survey these default to the built-in's own.
        for name in ("title", "audience"):
            self.fields[name].required = False
        self.fields["title"].help_text = _("Lämnas tom: den inbyggda enkätens titel.")
        self.fields["intro"].help_text = _("Lämnas tom: den inbyggda enkätens inledning.")
        self.fields["audience"].help_text = _("Inget val: den inbyggda enkätens målgrupp.")
        self.fields["results_anonymous"].help_text = _(
            "Fritextsvar visas utan organisationens namn och i blandad ordning, och inget urval "
            "visar färre än tre svarande. Sekretariatet ser ändå vilka som har svarat. "
            "Inventeringen av kompetensutvecklingsbehov har alltid anonyma resultat från början."
        )
        self.helper = form_helper(_("Skapa enkät"))

    def clean(self):
        data = super().clean()
        if not data.get("start_from"):
            for name in ("title", "audience"):
                if name in data and not data[name]:
                    self.add_error(name, forms.ValidationError(
                        _("Fyll i fältet, eller utgå från en inbyggd enkät."), code="required"
                    ))  # fmt: skip
        return data


class SurveyCopyForm(IdempotentFormMixin, forms.Form):
    """The button that copies a survey into a new round: only its one-time key."""


class SectionForm(IdempotentFormMixin, forms.Form):
    title = forms.CharField(label=_("Avsnittets rubrik"), max_length=_text_limit(Section, "title"))
    description = forms.CharField(
        label=_("Beskrivning (valfri)"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        max_length=_text_limit(Section, "description"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Lägg till avsnitt"))


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Section) -> str:
        return obj.title


CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
# The fields that belong to some kinds of question only, and what they are when they do not:
# a scale for a scale question, options for a single or multiple choice.
KIND_FIELDS = {"scale": (Question.Kind.SCALE,), "options": CHOICE_KINDS}
KIND_FIELD_EMPTY = {"scale": lambda: None, "options": list}
# What a question's wording is; the rest is its structure, fixed once answers come in.
WORDING_FIELDS = ("text", "help_text")


class QuestionForm(forms.Form):
    """A question: its section, kind, wording, options (one per line) and who sees it.

    The scale and the options belong to some kinds only. static/js/question_form.js shows just
    the chosen kind's fields; without it every field shows, and the server ignores (and
    clears) what was sent in the fields of other kinds and requires the kind's own."""

    section = SectionChoiceField(label=_("Avsnitt"), queryset=Section.objects.none(),
                                 empty_label=None)  # fmt: skip
    kind = forms.ChoiceField(label=_("Typ av fråga"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Fråga"), max_length=_text_limit(Question, "text"),
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    help_text = forms.CharField(
        label=_("Hjälptext (valfri)"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        max_length=_text_limit(Question, "help_text"),
        help_text=_("Förklaring under frågan, t.ex. vad området omfattar."),
    )  # fmt: skip
    required = forms.BooleanField(label=_("Obligatorisk"), required=False)
    scale = forms.ModelChoiceField(
        label=_("Skala"), queryset=Scale.objects.all(), required=False, empty_label=None,
        help_text=_("Bara för skalfrågor."),
    )  # fmt: skip
    options = forms.CharField(
        label=_("Svarsalternativ"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        max_length=bounds.TEXT_LONG,
        help_text=_("Bara för enkelval och flerval: ett alternativ per rad, minst två."),
    )  # fmt: skip
    visible_to = forms.MultipleChoiceField(
        label=_("Visas för"), choices=Audience.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Inget val: alla svarande. Annars bara de valda organisationstyperna."),
    )  # fmt: skip

    def __init__(self, *args, survey: Survey, wording_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = survey.sections.order_by("order", "pk")
        if wording_only:
            # Answers have come in: the rest is shown but cannot be changed.
            for name, field in self.fields.items():
                field.disabled = name not in WORDING_FIELDS
        self._mark_kind_fields()
        self.helper = form_helper()

    def _mark_kind_fields(self) -> None:
        """What static/js/question_form.js needs: the kind, which kinds each field belongs to,
        and what to say when fields appear or go."""
        self.fields["kind"].widget.attrs.update({
            "data-question-kind": "",
            "data-announce-shown": _("Visas nu: %(fields)s."),
            "data-announce-hidden": _("Döljs nu: %(fields)s."),
        })  # fmt: skip
        for name, kinds in KIND_FIELDS.items():
            self.fields[name].widget.attrs["data-question-kinds"] = " ".join(kinds)

    @classmethod
    def initial_for(cls, question: Question) -> dict:
        return {
            "section": question.section_id,
            "kind": question.kind,
            "text": question.text,
            "help_text": question.help_text,
            "required": question.required,
            "scale": question.scale_id,
            "options": "\n".join(question.options.values_list("label", flat=True)),
            "visible_to": list(question.visible_to),
        }

    def clean_options(self) -> list[str]:
        lines = self.cleaned_data.get("options") or ""
        options = [line.strip() for line in lines.splitlines() if line.strip()]
        limit = _text_limit(Option, "label")
        too_long = [number for number, option in enumerate(options, 1) if len(option) > limit]
        if too_long:
            raise forms.ValidationError(
                _("Alternativ %(numbers)s är längre än %(limit)s tecken."),
                code="option_too_long",
                params={"numbers": ", ".join(map(str, too_long)), "limit": limit},
            )
        return options

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if not kind:
            return data  # an unknown kind is the error; which fields belong to it is moot
        for name, kinds in KIND_FIELDS.items():
            if kind not in kinds:
                # Another kind's field: whatever it holds (even something invalid) is dropped.
                self._errors.pop(name, None)
                data[name] = KIND_FIELD_EMPTY[name]()
        if kind in CHOICE_KINDS and "options" not in self._errors and len(data["options"]) < 2:
            self.add_error("options", forms.ValidationError(
                _("Skriv minst två svarsalternativ, ett per rad."), code="too_few_options"
            ))  # fmt: skip
        if kind == Question.Kind.SCALE and "scale" not in self._errors and not data.get("scale"):
            self.add_error("scale", forms.ValidationError(
                _("Välj en skala för skalfrågan."), code="scale_missing"
            ))  # fmt: skip
        return data


class QuestionAddForm(IdempotentFormMixin, QuestionForm):
    """A new question, sent once however often the form is posted."""


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Upp")), ("down", _("Ned"))])
    # The row's order when the page was shown: a second click of a double click finds it
    # changed and moves nothing.
    order = forms.IntegerField(required=False, min_value=0, max_value=32767)


class PreviewForm(forms.Form):
    """Which kind of respondent the preview shows the survey as."""

    som = forms.ChoiceField(label=_("Visa som"), choices=Audience.choices)
