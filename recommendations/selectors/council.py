"""A regional council's follow-up of the national recommendations: what concerns its area, by
addressee, with the status per organisation. A fixed number of queries whatever the number of
recommendations, organisations and follow-ups."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Window
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from councils import access as council_access
from councils import selectors as council_selectors
from councils.models import Council, Organisation

from ..models import Actor, FollowUp, Publication, Recommendation

# The addressees whose recommendations a regional council follows up, in the page's order.
FOLLOWED_UP = [Actor.Code.COUNCILS, Actor.Code.REGIONS, Actor.Code.MUNICIPALITIES,
               Actor.Code.UNIVERSITIES]  # fmt: skip


@dataclass
class OrganisationCell:
    recommendation_id: int
    organisation: Organisation
    follow_up: FollowUp | None

    @property
    def target(self) -> str:
        """The id of the element that shows this follow-up on the council's page."""
        return f"fu-{self.recommendation_id}-{self.organisation.pk}"


@dataclass
class RecommendationRow:
    recommendation: Recommendation
    own: FollowUp | None = None
    cells: list[OrganisationCell] = field(default_factory=list)

    @property
    def own_target(self) -> str:
        return f"fu-{self.recommendation.pk}-own"

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for the organisations' follow-ups, "not recorded" last."""
        counter = Counter(c.follow_up.status if c.follow_up else "" for c in self.cells)
        rows = [(value, label, counter[value]) for value, label in FollowUp.Status.choices]
        rows.append(("", _("Ej registrerad"), counter[""]))
        return [row for row in rows if row[2]]


@dataclass
class AddresseeGroup:
    actor: Actor
    rows: list[RecommendationRow]


def publications_concerning() -> QuerySet[Publication]:
    """Reports with at least one recommendation a regional council follows up."""
    return (
        Publication.objects.filter(areas__recommendations__addressees__code__in=FOLLOWED_UP)
        .distinct()
        .order_by("-published_on", "title")
    )


def _recommendations(publication: Publication) -> list[Recommendation]:
    return list(
        Recommendation.objects.filter(area__publication=publication)
        .select_related("area__publication")
        .prefetch_related("addressees")
        .order_by("area__position", "position")
    )


def council_overview(council: Council, publication: Publication) -> list[AddresseeGroup]:
    """The recommendations of `publication` that concern `council`, grouped by addressee,
    each with the council's own follow-up or one cell per organisation of its area."""
    recommendations = _recommendations(publication)
    organisations = list(council_selectors.council_organisations(council))
    follow_ups = FollowUp.objects.filter(
        council=council, recommendation__in=[r.pk for r in recommendations]
    ).select_related("recorded_by")
    by_key = {(f.recommendation_id, f.organisation_id): f for f in follow_ups}
    actors = {a.code: a for a in Actor.objects.filter(code__in=FOLLOWED_UP)}
    groups = []
    for code in FOLLOWED_UP:
        actor = actors.get(code)
        if actor is None:
            continue
        kind = actor.organisation_kind
        rows = []
        for recommendation in recommendations:
            if code not in {a.code for a in recommendation.addressees.all()}:
                continue
            row = RecommendationRow(recommendation)
            if kind is None:
                row.own = by_key.get((recommendation.pk, None))
            else:
                row.cells = [
                    OrganisationCell(recommendation.pk, o, by_key.get((recommendation.pk, o.pk)))
                    for o in organisations
                    if o.kind == kind
                ]
            rows.append(row)
        if rows:
            groups.append(AddresseeGroup(actor, rows))
    return groups


def council_follow_up_table(council: Council) -> list[tuple[Publication, list[AddresseeGroup]]]:
    """Every report's follow-up by the council, for the annual report."""
    return [(p, council_overview(council, p)) for p in publications_concerning()]


def stale_follow_ups(user, *, today: dt.date | None = None, months: int = 12) -> list[FollowUp]:
    """Follow-ups of the councils the user sits in (regional ones) that nobody has updated in
    the last twelve months, oldest first, at most 20, each with `stale_count`, how many there
    are in all (the start page); one query."""
    day = today or timezone.localdate()
    councils = [s.council_id for s in council_access.seats(user) if not s.is_national]
    if not councils:
        return []
    cutoff = day - dt.timedelta(days=round(months * 365.25 / 12))
    return list(
        FollowUp.objects.filter(council_id__in=councils, recorded_on__lt=cutoff)
        .exclude(status__in=[FollowUp.Status.DONE, FollowUp.Status.NOT_APPLICABLE])
        .select_related("recommendation__area__publication", "organisation", "council")
        .annotate(stale_count=Window(Count("pk")))
        .order_by("recorded_on", "pk")[:20]
    )


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: object
    who: str
    changes: list[Change]


HISTORY_FIELDS = ["status", "done", "evidence", "evidence_url", "recorded_on"]


def _shown(model_field, value) -> str:
    if value in (None, ""):
        return "–"
    if model_field.choices:
        return str(dict(model_field.choices).get(value, value))
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    return str(value)


def follow_up_history(follow_up: FollowUp) -> list[Entry]:
    """Every recorded change of a follow-up, newest first (one query)."""
    records = list(follow_up.history.select_related("history_user").order_by("history_id"))
    entries, previous = [], None
    for record in records:
        changes = []
        for name in HISTORY_FIELDS:
            old = getattr(previous, name) if previous else None
            new = getattr(record, name)
            if previous is not None and old == new:
                continue
            if previous is None and new in (None, ""):
                continue
            model_field = FollowUp._meta.get_field(name)
            changes.append(
                Change(
                    str(model_field.verbose_name).capitalize(),
                    _shown(model_field, old),
                    _shown(model_field, new),
                )
            )
        who = record.history_user.full_name if record.history_user else ""
        entries.append(Entry(record.history_date, who, changes))
        previous = record
    return list(reversed(entries))


def publications_followed_by(workgroup) -> list[Publication]:
    """The national reports a workgroup follows up (one query)."""
    return list(Publication.objects.filter(workgroups=workgroup).order_by("-published_on"))


def follow_up_of(recommendation, council: Council, organisation) -> FollowUp | None:
    """The follow-up of `recommendation` by `council` (or by `organisation` of its area)."""
    return FollowUp.objects.filter(
        recommendation=recommendation, council=council, organisation=organisation
    ).first()
