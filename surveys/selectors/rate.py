"""The response rate of a round, overall and per län."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    Q,
)
from django.utils.translation import gettext_lazy as _

from councils.models import Organisation

from ..models import (
    Invitation,
    Response,
    Survey,
)
from .results import percent, percent_rounded

# ---------------------------------------------------------------- results
# ---------------------------------------------------------------- response rate


@dataclass
class LanRate:
    lan_code: str
    lan_name: str
    invited: int
    submitted: int
    drafts: int

    @property
    def rate(self) -> int | None:
        return percent_rounded(percent(self.submitted, self.invited))


@dataclass
class ResponseRate:
    invited: int
    submitted: int
    drafts: int
    not_started: int
    by_lan: list[LanRate]
    with_draft: list[Organisation]
    not_started_list: list[Organisation]
    # "kommuner" when only municipalities were invited, else "organisationer".
    noun: str

    @property
    def rate(self) -> int | None:
        return percent_rounded(percent(self.submitted, self.invited))


_NOUNS = {
    Organisation.Kind.MUNICIPALITY: _("kommuner"),
    Organisation.Kind.REGION: _("regioner"),
    Organisation.Kind.UNIVERSITY: _("lärosäten"),
}


def survey_response_rate(survey: Survey) -> ResponseRate:
    """Invited (not revoked), submitted, drafts and not started, in total and per län."""
    invitations = Invitation.objects.filter(survey=survey, revoked_at__isnull=True)
    grouped = (
        invitations.order_by()
        .values("organisation__lan_code", "organisation__lan_name", "organisation__kind")
        .annotate(
            invited=Count("pk"),
            submitted=Count("pk", filter=Q(response__status=Response.Status.SUBMITTED)),
            drafts=Count("pk", filter=Q(response__status=Response.Status.DRAFT)),
        )
    )
    lans: dict[str, LanRate] = {}
    kinds = set()
    for row in grouped:
        code = row["organisation__lan_code"]
        lan = lans.setdefault(code, LanRate(code, "", 0, 0, 0))
        lan.lan_name = lan.lan_name or row["organisation__lan_name"]
        lan.invited += row["invited"]
        lan.submitted += row["submitted"]
        lan.drafts += row["drafts"]
        kinds.add(row["organisation__kind"])
    pending = (
        invitations.exclude(response__status=Response.Status.SUBMITTED)
        .select_related("organisation", "response")
        .order_by("organisation__name")
    )
    with_draft, not_started = [], []
    for invitation in pending:
        has_response = getattr(invitation, "response", None) is not None
        (with_draft if has_response else not_started).append(invitation.organisation)
    for lan in lans.values():
        lan.lan_name = lan.lan_name or lan.lan_code  # "" only for organisations without a län
    rows = sorted(lans.values(), key=lambda lan: (lan.lan_name or "\uffff", lan.lan_code))
    invited = sum(lan.invited for lan in rows)
    submitted = sum(lan.submitted for lan in rows)
    drafts = sum(lan.drafts for lan in rows)
    noun = _NOUNS.get(kinds.pop(), _("organisationer")) if len(kinds) == 1 else _("organisationer")
    return ResponseRate(
        invited=invited, submitted=submitted, drafts=drafts,
        not_started=invited - submitted - drafts, by_lan=rows, with_draft=with_draft,
        not_started_list=not_started, noun=str(noun),
    )  # fmt: skip
