"""The response rate of a round, overall, per län and per survey of a council.

The rate is against the organisations that were invited: a link was mailed (or issued) to
them. Responses imported for organisations that never had a link are counted apart ("5 svar
har importerats utan inbjudan"), so that an import into a survey without recipients does not
read as "5 av 5 (100 %)".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from councils.models import Organisation

from ..models import Invitation, InvitationEvent, Response, Survey
from .result_blocks import percent, percent_rounded

# ---------------------------------------------------------------- response rate

# The e-mails that carry a link.
_MAILED_KINDS = [InvitationEvent.Kind.SENT, InvitationEvent.Kind.REMINDED,
                 InvitationEvent.Kind.RESENT]  # fmt: skip


def _reached() -> Q:
    """An invitation that reached its organisation: mailed, or with a link of its own.

    The import of responses gives an organisation without one an invitation with neither.
    """
    mailed = InvitationEvent.objects.filter(invitation=OuterRef("pk"), kind__in=_MAILED_KINDS)
    return Q(sent_at__isnull=False) | Q(token_hash__isnull=False) | Q(Exists(mailed))


def _counts() -> dict:
    """Aggregates over a round's (not revoked) invitations."""
    submitted = Q(response__status=Response.Status.SUBMITTED)
    return {
        "total": Count("pk"),
        "submitted": Count("pk", filter=submitted & _reached()),
        "imported": Count("pk", filter=submitted & ~_reached()),
        "drafts": Count("pk", filter=Q(response__status=Response.Status.DRAFT)),
    }


def rate_of(submitted: int, invited: int) -> int | None:
    """The whole percentage of invited organisations that submitted; None with none invited."""
    return percent_rounded(percent(submitted, invited))


@dataclass
class LanRate:
    lan_code: str
    lan_name: str
    invited: int
    submitted: int
    drafts: int

    @property
    def rate(self) -> int | None:
        return rate_of(self.submitted, self.invited)


@dataclass
class ResponseRate:
    """Invited organisations (a link reached them), how they answered, and imported responses
    of organisations that were never invited (not part of the rate)."""

    invited: int
    submitted: int
    drafts: int
    not_started: int
    by_lan: list[LanRate]
    with_draft: list[Organisation]
    not_started_list: list[Organisation]
    # "kommuner" when only municipalities were invited, else "organisationer".
    noun: str
    imported: int = 0

    @property
    def rate(self) -> int | None:
        return rate_of(self.submitted, self.invited)

    @property
    def responses(self) -> int:
        """Every submitted response, invited or imported: what the results are based on."""
        return self.submitted + self.imported


_NOUNS = {
    Organisation.Kind.MUNICIPALITY: _("kommuner"),
    Organisation.Kind.REGION: _("regioner"),
    Organisation.Kind.UNIVERSITY: _("lärosäten"),
}


def survey_response_rate(survey: Survey) -> ResponseRate:
    """Invited (not revoked), submitted, drafts and not started, in total and per län; and
    responses imported without an invitation."""
    invitations = Invitation.objects.filter(survey=survey, revoked_at__isnull=True)
    grouped = (
        invitations.order_by()
        .values("organisation__lan_code", "organisation__lan_name", "organisation__kind")
        .annotate(**_counts())
    )
    lans: dict[str, LanRate] = {}
    kinds = set()
    imported = 0
    for row in grouped:
        imported += row["imported"]
        if row["total"] == row["imported"]:
            continue  # only imported responses: nobody here was invited
        code = row["organisation__lan_code"]
        lan = lans.setdefault(code, LanRate(code, "", 0, 0, 0))
        lan.lan_name = lan.lan_name or row["organisation__lan_name"]
        lan.invited += row["total"] - row["imported"]
        lan.submitted += row["submitted"]
        lan.drafts += row["drafts"]
        kinds.add(row["organisation__kind"])
    with_draft, not_started = _pending(invitations)
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
        not_started_list=not_started, noun=str(noun), imported=imported,
    )  # fmt: skip


def _pending(invitations) -> tuple[list[Organisation], list[Organisation]]:
    """The invited organisations that have not submitted: with a draft, and not started."""
    pending = (
        invitations.exclude(response__status=Response.Status.SUBMITTED)
        .select_related("organisation", "response")
        .order_by("organisation__name")
    )
    with_draft, not_started = [], []
    for invitation in pending:
        has_response = getattr(invitation, "response", None) is not None
        (with_draft if has_response else not_started).append(invitation.organisation)
    return with_draft, not_started


def surveys_rate_annotate(surveys: list[Survey]) -> list[Survey]:
    """Give each survey `invited`, `submitted`, `imported` and `rate`, in one query."""
    rows = (
        Invitation.objects.filter(survey__in=surveys, revoked_at__isnull=True)
        .order_by()
        .values("survey_id")
        .annotate(**_counts())
    )
    by_survey = {row["survey_id"]: row for row in rows}
    for survey in surveys:
        row = by_survey.get(survey.pk, {})
        survey.imported = row.get("imported", 0)
        survey.invited = row.get("total", 0) - survey.imported
        survey.submitted = row.get("submitted", 0)
        survey.rate = rate_of(survey.submitted, survey.invited)
    return surveys
