"""Pages of national recommendations and their follow-up."""

from .council import council_follow_ups, follow_up_detail, follow_up_edit
from .national import (
    area_create,
    matrix,
    matrix_export,
    publication_create,
    publication_detail,
    publication_edit,
    publication_list,
    recommendation_create,
    recommendation_edit,
)
from .rounds import round_apply, round_create, round_detail

__all__ = [
    "area_create",
    "council_follow_ups",
    "follow_up_detail",
    "follow_up_edit",
    "matrix",
    "matrix_export",
    "publication_create",
    "publication_detail",
    "publication_edit",
    "publication_list",
    "recommendation_create",
    "recommendation_edit",
    "round_apply",
    "round_create",
    "round_detail",
]
