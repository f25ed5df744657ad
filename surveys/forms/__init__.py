"""Input shapes for surveys: building them (the secretariat) and answering them (respondents).
The rules (what may change once answers have come in) live in services."""

from .answering import CHECKBOXES, RADIO, ResponseForm, answer_field
from .build import (
    CHOICE_KINDS,
    WORDING_FIELDS,
    DateTimeInput,
    MoveForm,
    PreviewForm,
    QuestionAddForm,
    QuestionForm,
    SectionChoiceField,
    SectionForm,
    SurveyCopyForm,
    SurveyCreateForm,
    SurveyForm,
)
from .results import ResponsesImportForm, ResultFilterForm
from .round import EmailsForm, RecipientsForm

__all__ = [
    "CHECKBOXES",
    "CHOICE_KINDS",
    "DateTimeInput",
    "EmailsForm",
    "MoveForm",
    "PreviewForm",
    "QuestionAddForm",
    "QuestionForm",
    "RADIO",
    "RecipientsForm",
    "ResponseForm",
    "ResponsesImportForm",
    "ResultFilterForm",
    "SectionChoiceField",
    "SectionForm",
    "SurveyCopyForm",
    "SurveyCreateForm",
    "SurveyForm",
    "WORDING_FIELDS",
    "answer_field",
]
