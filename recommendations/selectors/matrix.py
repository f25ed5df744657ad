"""The national matrix of a report: its recommendations to the regional councils × the six
councils, and its recommendations to the regions × the 21 regions, each cell the follow-up.

Six queries whatever the size: the recommendations and their addressees (2), the regional
councils (1), the regions and their healthcare regions (2), the follow-ups (1, only the
councils' own and the regions', never the municipalities' or universities').
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from councils import selectors as council_selectors
from councils.models import Council, Organisation

from ..models import Actor, FollowUp, Publication, Recommendation

# The status filter's value for "no follow-up registered".
MISSING = "saknas"


@dataclass(frozen=True)
class MatrixFilter:
    """Which rows to show: addressed to `actor` (a code), in `area_id`, with at least one
    cell of `status` (a FollowUp.Status value, or MISSING)."""

    actor: str = ""
    area_id: int | None = None
    status: str = ""

    @property
    def active(self) -> bool:
        return bool(self.actor or self.area_id or self.status)

    @property
    def shows_councils(self) -> bool:
        return self.actor != Actor.Code.REGIONS

    @property
    def shows_regions(self) -> bool:
        return self.actor != Actor.Code.COUNCILS


@dataclass(frozen=True)
class Cell:
    """One recommendation × one council or region: its follow-up (id, status, the council
    that recorded it), or none."""

    column: object
    follow_up_id: int | None = None
    status: str = ""
    status_label: str = ""
    council: Council | None = None


@dataclass
class Row:
    recommendation: Recommendation
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Table:
    columns: list
    rows: list[Row]


@dataclass
class Matrix:
    councils: Table | None
    regions: Table | None
    filters: MatrixFilter


def _recommendations(publication: Publication, filters: MatrixFilter) -> list[Recommendation]:
    recommendations = (
        Recommendation.objects.filter(area__publication=publication)
        .select_related("area")
        .prefetch_related(Prefetch("addressees", queryset=Actor.objects.order_by("order")))
        .order_by("area__position", "position")
    )
    if filters.area_id:
        recommendations = recommendations.filter(area_id=filters.area_id)
    if filters.actor:
        recommendations = recommendations.filter(addressees__code=filters.actor)
    return list(recommendations)


def _regions() -> list[Organisation]:
    """The regions, in the order of their healthcare region, then by name."""
    regions = list(council_selectors.organisations().filter(kind=Organisation.Kind.REGION))
    for region in regions:
        region.matrix_region_ids = [hr.pk for hr in region.healthcare_regions.all()]
    orders = {hr.pk: hr.order for region in regions for hr in region.healthcare_regions.all()}
    return sorted(
        regions, key=lambda r: (min((orders[i] for i in r.matrix_region_ids), default=99), r.name)
    )


def _status_labels() -> dict[str, str]:
    return dict(FollowUp.Status.choices)


def _cell(column, follow_up: tuple | None, councils: dict[int, Council], labels) -> Cell:
    if follow_up is None:
        return Cell(column)
    pk, status, council_id = follow_up
    return Cell(column, pk, status, labels.get(status, status), councils[council_id])


def _keep(row: Row, status: str) -> bool:
    if not status:
        return True
    if status == MISSING:
        return any(cell.follow_up_id is None for cell in row.cells)
    return any(cell.status == status for cell in row.cells)


def publication_matrix(publication: Publication, filters: MatrixFilter) -> Matrix:
    """The two tables of the report's matrix, with `filters` applied."""
    recommendations = _recommendations(publication, filters)
    councils = list(
        council_selectors.council_list().filter(kind=Council.Kind.REGIONAL).order_by("order")
    )
    by_id = {council.pk: council for council in councils}
    regions = _regions() if filters.shows_regions else []
    follow_ups = (
        FollowUp.objects.filter(recommendation__area__publication=publication)
        .filter(Q(organisation__isnull=True) | Q(organisation__kind=Organisation.Kind.REGION))
        .values_list("pk", "recommendation_id", "council_id", "organisation_id", "status")
    )
    own, of_region = {}, {}
    for pk, rec_id, council_id, org_id, status in follow_ups:
        if council_id not in by_id:
            continue
        if org_id is None:
            own[(rec_id, council_id)] = (pk, status, council_id)
        else:
            of_region[(rec_id, org_id, council_id)] = (pk, status, council_id)
    labels = _status_labels()
    council_table = region_table = None
    if filters.shows_councils:
        council_table = _council_table(recommendations, councils, own, by_id, labels, filters)
    if filters.shows_regions:
        region_table = _region_table(
            recommendations, regions, councils, of_region, by_id, labels, filters
        )
    return Matrix(council_table, region_table, filters)


def _addressed(recommendation: Recommendation, code: str) -> bool:
    return any(actor.code == code for actor in recommendation.addressees.all())


def _council_table(recommendations, councils, own, by_id, labels, filters) -> Table:
    rows = []
    for recommendation in recommendations:
        if not _addressed(recommendation, Actor.Code.COUNCILS):
            continue
        cells = [
            _cell(council, own.get((recommendation.pk, council.pk)), by_id, labels)
            for council in councils
        ]
        rows.append(Row(recommendation, cells))
    return Table(councils, [row for row in rows if _keep(row, filters.status)])


def _region_table(recommendations, regions, councils, of_region, by_id, labels, filters):
    # A region in two healthcare regions (Region Halland) may be followed up by two councils:
    # the first council, by the councils' order, that recorded it is shown.
    councils_of = {
        region.pk: [c for c in councils if c.healthcare_region_id in region.matrix_region_ids]
        for region in regions
    }
    rows = []
    for recommendation in recommendations:
        if not _addressed(recommendation, Actor.Code.REGIONS):
            continue
        cells = []
        for region in regions:
            found = next(
                (
                    of_region[key]
                    for council in councils_of[region.pk]
                    if (key := (recommendation.pk, region.pk, council.pk)) in of_region
                ),
                None,
            )
            cells.append(_cell(region, found, by_id, labels))
        rows.append(Row(recommendation, cells))
    return Table(regions, [row for row in rows if _keep(row, filters.status)])
