"""When a response to a follow-up round's survey is submitted, its answers become the
organisation's follow-ups without anyone pressing a button.

The surveys app knows nothing of recommendations: it sends `surveys.signals.
response_submitted` (after the commit) for every response it submits, and this receiver picks
out those of a round. The rule itself is `services.rounds.round_answers_apply`, which the
round page's "Hämta svar" also runs; this is only the trigger.
"""

from __future__ import annotations

import logging

from .models import FollowUpRound
from .services.rounds import round_answers_apply

logger = logging.getLogger(__name__)

DISPATCH_UID = "recommendations.round_answers_apply"


def response_submitted(sender, *, survey_id: int, organisation_id: int, **kwargs) -> None:
    """Apply the submitted response of `organisation_id` if `survey_id` is a round's survey."""
    round_ = (
        FollowUpRound.objects.select_related("council", "actor", "survey")
        .filter(survey_id=survey_id)
        .first()
    )
    if round_ is None:
        return
    try:
        round_answers_apply(round=round_, organisation_id=organisation_id)
    except Exception:
        # The respondent's answers are saved and committed already: a failure here must not
        # turn their submit into an error page. "Hämta svar" on the round page applies them.
        logger.exception("Round %s: the answers of organisation %s were not applied",
                         round_.pk, organisation_id)  # fmt: skip


def connect() -> None:
    """Called from RecommendationsConfig.ready()."""
    from surveys.signals import response_submitted as signal

    signal.connect(response_submitted, dispatch_uid=DISPATCH_UID)
