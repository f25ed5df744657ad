"""Which workgroups follow a national report up (a goal of theirs is to map how it is
implemented in their region)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Publication


@transaction.atomic
def publication_workgroups_set(*, publication: Publication, workgroups) -> Publication:
    workgroups = list(workgroups)
    if any(group.council.kind != "regional" for group in workgroups):
        raise ValidationError(
            {"workgroups": _("Bara de regionala rådens arbetsgrupper följer upp rapporterna.")},
            code="not_regional",
        )
    publication.workgroups.set(workgroups)
    return publication
