"""Reads for surveys; each runs a fixed number of queries however many responses there are.

Results count only submitted responses. Every count, share and statistic is grouped in the
database; Python only arranges the grouped rows (and lists the free-text answers).
"""

from .answering import (
    AnsweredQuestion,
    council_lan_choices,
    invitation_events,
    response_initial,
    response_of,
    response_read_only,
    survey_invitations,
    survey_sections,
)
from .building import default_scale, survey_sections_for, surveys_of_council
from .rate import LanRate, ResponseRate, survey_response_rate
from .results import (
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
    survey_filter_choices,
    survey_results,
)

__all__ = [
    "AnsweredQuestion",
    "Block",
    "ChoiceBlock",
    "LanRate",
    "NumberBlock",
    "ResponseRate",
    "ResultFilter",
    "ScaleBlock",
    "ScaleItem",
    "Share",
    "SurveyResults",
    "TextAnswer",
    "TextBlock",
    "Theme",
    "council_lan_choices",
    "default_scale",
    "invitation_events",
    "percent",
    "percent_rounded",
    "response_initial",
    "response_of",
    "response_read_only",
    "survey_filter_choices",
    "survey_invitations",
    "survey_response_rate",
    "survey_results",
    "survey_sections",
    "survey_sections_for",
    "surveys_of_council",
]
