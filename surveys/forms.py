"""Input shapes for surveys: building them (the secretariat) and answering them (respondents).
The rules (what may change once answers have come in) live in services."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Audience, Question, Response, Scale, Section, Survey
from .selectors import ResultFilter, survey_filter_choices


def _helper(submit_label=None) -> FormHelper:
    """With a submit label crispy renders the form tag; without, the template has its own."""
    helper = FormHelper()
    if submit_label:
        # The server's messages, at the field, rather than the browser's own bubbles.
        helper.attrs = {"novalidate": ""}
        helper.add_input(Submit("submit", submit_label))
    else:
        helper.form_tag = False
    return helper


# --- building


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SurveyForm(forms.Form):
    """A survey's settings: title, intro, who it is for, when it is open and its status."""

    title = forms.CharField(label=_("Titel"), max_length=300)
    intro = forms.CharField(
        label=_("Inledning"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Visas överst för de svarande."),
    )  # fmt: skip
    audience = forms.MultipleChoiceField(
        label=_("Målgrupp"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Organisationstyper som enkäten skickas till."),
    )  # fmt: skip
    opens_at = forms.DateTimeField(
        label=_("Öppnar"), required=False, widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )  # fmt: skip
    closes_at = forms.DateTimeField(
        label=_("Stänger"), required=False, widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )  # fmt: skip
    status = forms.ChoiceField(
        label=_("Status"), choices=Survey.Status.choices,
        help_text=_("Enkäten tar emot svar när den är öppen och inom öppettiden."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Spara"))

    def clean(self):
        data = super().clean()
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("Enkäten måste stänga efter att den öppnat."))
        return data


class SurveyCreateForm(SurveyForm):
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

    field_order = ["start_from", "title", "intro", "audience", "opens_at", "closes_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["status"]
        # With a built-in survey these default to the built-in's own.
        for name in ("title", "audience"):
            self.fields[name].required = False
        self.fields["title"].help_text = _("Lämnas tom: den inbyggda enkätens titel.")
        self.fields["intro"].help_text = _("Lämnas tom: den inbyggda enkätens inledning.")
        self.fields["audience"].help_text = _("Inget val: den inbyggda enkätens målgrupp.")
        self.helper = _helper(_("Skapa enkät"))

    def clean(self):
        data = super().clean()
        if not data.get("start_from"):
            for name in ("title", "audience"):
                if name in data and not data[name]:
                    self.add_error(name, forms.ValidationError(
                        _("Fyll i fältet, eller utgå från en inbyggd enkät."), code="required"
                    ))  # fmt: skip
        return data


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Avsnittets rubrik"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning (valfri)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Lägg till avsnitt"))


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Section) -> str:
        return obj.title


CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
# What a question's wording is; the rest is its structure, fixed once answers come in.
WORDING_FIELDS = ("text", "help_text")


class QuestionForm(forms.Form):
    """A question: its section, kind, wording, options (one per line) and who sees it."""

    section = SectionChoiceField(label=_("Avsnitt"), queryset=Section.objects.none(),
                                 empty_label=None)  # fmt: skip
    kind = forms.ChoiceField(label=_("Typ av fråga"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Fråga"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    help_text = forms.CharField(
        label=_("Hjälptext (valfri)"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Förklaring under frågan, t.ex. vad området omfattar."),
    )  # fmt: skip
    required = forms.BooleanField(label=_("Obligatorisk"), required=False)
    scale = forms.ModelChoiceField(
        label=_("Skala"), queryset=Scale.objects.all(), required=False, empty_label=None,
        help_text=_("Bara för skalfrågor."),
    )  # fmt: skip
    options = forms.CharField(
        label=_("Svarsalternativ"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
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
        self.helper = _helper()

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
        return [line.strip() for line in lines.splitlines() if line.strip()]

    def clean(self):
        data = super().clean()
        kind, options = data.get("kind"), data.get("options") or []
        if kind in CHOICE_KINDS and len(options) < 2:
            self.add_error("options", forms.ValidationError(
                _("Skriv minst två svarsalternativ, ett per rad."), code="too_few_options"
            ))  # fmt: skip
        elif kind and kind not in CHOICE_KINDS and options:
            self.add_error("options", forms.ValidationError(
                _("Svarsalternativ används bara för enkelval och flerval; töm fältet eller "
                  "byt typ."), code="options_not_used",
            ))  # fmt: skip
        if kind == Question.Kind.SCALE and not data.get("scale"):
            self.add_error("scale", _("Välj en skala för skalfrågan."))
        if kind and kind != Question.Kind.SCALE:
            data["scale"] = None
        return data


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Upp")), ("down", _("Ned"))])


class PreviewForm(forms.Form):
    """Which kind of respondent the preview shows the survey as."""

    som = forms.ChoiceField(label=_("Visa som"), choices=Audience.choices)


# --- the round


class RecipientsForm(forms.Form):
    """Invite the council's organisations of some kinds, optionally in some län only."""

    kinds = forms.MultipleChoiceField(
        label=_("Organisationstyper"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    lan_codes = forms.MultipleChoiceField(
        label=_("Endast dessa län (valfritt)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, lan_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lan_codes"].choices = lan_choices
        self.helper = _helper(_("Lägg till mottagare"))


class EmailsForm(forms.Form):
    """Contact addresses as lines "organisationskod;e-post[;e-post…]", typed or as a CSV file."""

    text = forms.CharField(
        label=_("Adresser"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("En rad per organisation: kod;e-post, t.ex. 1784;kontakt@arvika.se"),
    )
    file = forms.FileField(label=_("eller en CSV-fil med samma kolumner"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Spara adresser"))

    def clean(self):
        data = super().clean()
        text = data.get("text") or ""
        upload = data.get("file")
        if upload:
            if upload.size > 1_000_000:
                raise forms.ValidationError(_("Filen är större än 1 MB."), code="too_large")
            try:
                text += "\n" + upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", _("Filen är inte en textfil i UTF-8 (CSV)."))
                return data
        if not text.strip():
            raise forms.ValidationError(_("Skriv in adresser eller välj en fil."), code="empty")
        data["rows"] = self._rows(text)
        return data

    def _rows(self, text: str) -> list[tuple[int, str, list[str]]]:
        rows, errors = [], []
        validate = forms.EmailField().clean
        for number, line in enumerate(text.splitlines(), start=1):
            cells = [c.strip() for c in line.replace(",", ";").split(";") if c.strip()]
            if not cells or cells[0].lower() in {"kod", "organisationskod"}:
                continue
            if len(cells) < 2:
                errors.append(_("Rad %(n)s: ange kod och minst en e-postadress.") % {"n": number})
                continue
            try:
                emails = [validate(cell) for cell in cells[1:]]
            except forms.ValidationError:
                errors.append(_("Rad %(n)s: ogiltig e-postadress.") % {"n": number})
                continue
            rows.append((number, cells[0], emails))
        if errors:
            raise forms.ValidationError(errors, code="bad_rows")
        return rows


# --- answering


class ResponseForm(forms.Form):
    """The questions a respondent of one organisation kind sees, as fields named q_<id>.

    Every question is optional here so that a draft can be saved at any point; required
    questions are checked by the service when the response is submitted.
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

    def __init__(self, *args, survey: Survey, organisation_kind: str, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Importera"))
