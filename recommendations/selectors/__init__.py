"""Reads for recommendations: a council's follow-ups here; the national pages and the matrix
in their modules."""

from .council import (
    AddresseeGroup,
    OrganisationCell,
    RecommendationRow,
    council_follow_up_table,
    council_overview,
    follow_up_history,
    follow_up_of,
    publications_concerning,
    publications_followed_by,
    stale_follow_ups,
)

__all__ = [
    "AddresseeGroup", "OrganisationCell", "RecommendationRow", "council_follow_up_table",
    "council_overview", "follow_up_history", "follow_up_of", "publications_concerning",
    "publications_followed_by", "stale_follow_ups",
]  # fmt: skip
