"""Reads for surveys; each runs a fixed number of queries however many responses there are.

Results count only submitted responses. Every count, share and statistic is grouped in the
database; Python only arranges the grouped rows (and lists the free-text answers).
"""

from .answering import (
    AnsweredQuestion,
    ReminderStatus,
    council_lan_choices,
    invitation_events,
    response_initial,
    response_of,
    response_read_only,
    survey_invitations,
    survey_reminder_status,
    survey_sections,
)
from .attention import OpenSurvey, SurveyAttention, survey_attention
from .building import (
    default_scale,
    survey_sections_for,
    surveys_for_linking,
    surveys_matching,
    surveys_of_council,
)
from .mine import MySurvey, email_matches, respondent_surveys
from .rate import LanRate, ResponseRate, rate_of, survey_response_rate, surveys_rate_annotate
from .result_blocks import (
    MIN_RESPONDENTS,
    Block,
    ChoiceBlock,
    NumberBlock,
    ResultFilter,
    ScaleBlock,
    ScaleItem,
    Share,
    SurveyResults,
    TextAnswer,
    TextBlock,
    Theme,
    percent,
    percent_rounded,
)
from .results import survey_filter_choices, survey_results
from .steps import AnswerStep, AnswerSteps, StepSection, answer_steps, answered_question_ids
from .structure import structure_forget, survey_structure

__all__ = [
    "MIN_RESPONDENTS",
    "AnsweredQuestion",
    "AnswerStep",
    "AnswerSteps",
    "MySurvey",
    "StepSection",
    "answer_steps",
    "answered_question_ids",
    "email_matches",
    "respondent_surveys",
    "Block",
    "ChoiceBlock",
    "LanRate",
    "NumberBlock",
    "OpenSurvey",
    "ReminderStatus",
    "ResponseRate",
    "ResultFilter",
    "ScaleBlock",
    "ScaleItem",
    "Share",
    "SurveyAttention",
    "SurveyResults",
    "TextAnswer",
    "TextBlock",
    "Theme",
    "council_lan_choices",
    "default_scale",
    "invitation_events",
    "percent",
    "percent_rounded",
    "rate_of",
    "response_initial",
    "response_of",
    "response_read_only",
    "survey_attention",
    "survey_filter_choices",
    "survey_invitations",
    "survey_reminder_status",
    "survey_response_rate",
    "survey_results",
    "survey_sections",
    "survey_sections_for",
    "survey_structure",
    "structure_forget",
    "surveys_for_linking",
    "surveys_matching",
    "surveys_of_council",
    "surveys_rate_annotate",
]
