"""Benchmark scenario for the national matrix (registered with vkr_portal.benchmarking).

The March 2022 report comes from the reference data (`recommendations_load`). The councils'
own follow-ups and the regions' are saved through `follow_up_save`, as a council records them;
the municipalities' (thousands) are bulk-created, valid by construction (each by the council
of its healthcare region, of a recommendation addressed to municipalities), as the survey
scenario bulk-creates its answers: through the service they would take a minute.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from councils import selectors as council_selectors
from councils import services as council_services
from councils.models import Council, Membership, Organisation, User
from councils.reference_data import NATIONAL_COUNCIL_SLUG
from vkr_portal.benchmarking import Baseline, BenchmarkError, TimedRequest, registry
from vkr_portal.benchmarking.floors import REGIONS_ONLY, floor_url

from .models import Actor, FollowUp, Publication, Recommendation
from .reference_data import recommendations_load
from .services import follow_up_save

PUBLICATION_KEY = "nvkr-2022-03-pandemin"
STATUSES = FollowUp.Status.values
MATRIX_FLOOR = "fair floor: the follow-ups shown, one query, a table"


def _status(number: int) -> str:
    return STATUSES[number % len(STATUSES)]


def _addressed(recommendations: list[Recommendation], code: str) -> list[Recommendation]:
    return [r for r in recommendations if any(a.code == code for a in r.addressees.all())]


def _reader() -> User:
    national = Council.objects.get(slug=NATIONAL_COUNCIL_SLUG)
    user = council_services.person_get_or_create(
        email="benchmark-matris@nvkr.example.se", full_name="Benchmark matris"
    )
    council_services.membership_create(
        council=national, user=user, role=Membership.Role.MEMBER, party=Membership.Party.OTHER
    )
    return user


def follow_ups_build(publication: Publication) -> dict[str, int]:
    """Every regional council's own follow-up of the recommendations to the councils, every
    region's (by each council whose area holds it) of those to the regions, and every
    municipality's of those to the municipalities; returns how many of each."""
    recommendations = list(
        Recommendation.objects.filter(area__publication=publication)
        .select_related("area")
        .prefetch_related("addressees")
        .order_by("area__position", "position")
    )
    councils = list(Council.objects.filter(kind=Council.Kind.REGIONAL).order_by("order"))
    by_region = {council.healthcare_region_id: council for council in councils}
    counts = {"councils": 0, "regions": 0, "municipalities": 0}
    for number, rec in enumerate(_addressed(recommendations, Actor.Code.COUNCILS)):
        for council in councils:
            follow_up_save(recommendation=rec, council=council, version=0,
                           status=_status(number + council.order))  # fmt: skip
            counts["councils"] += 1
    regions = council_selectors.organisations().filter(kind=Organisation.Kind.REGION)
    for number, rec in enumerate(_addressed(recommendations, Actor.Code.REGIONS)):
        for index, region in enumerate(regions):
            for healthcare_region in region.healthcare_regions.all():
                follow_up_save(
                    recommendation=rec, council=by_region[healthcare_region.pk],
                    organisation=region, version=0, status=_status(number + index),
                )  # fmt: skip
                counts["regions"] += 1
    municipalities = council_selectors.organisations().filter(kind=Organisation.Kind.MUNICIPALITY)
    rows = [
        FollowUp(
            recommendation=rec,
            council=by_region[hr.pk],
            organisation=municipality,
            status=_status(number + index),
            done="Arbete pågår i kommunens förvaltningar.",
        )  # fmt: skip
        for number, rec in enumerate(_addressed(recommendations, Actor.Code.MUNICIPALITIES))
        for index, municipality in enumerate(municipalities)
        for hr in municipality.healthcare_regions.all()[:1]
    ]
    FollowUp.objects.bulk_create(rows, batch_size=2000)
    counts["municipalities"] = len(rows)
    return counts


@registry.scenario(
    "recommendations-matrix",
    title="National recommendations matrix",
    description=(
        "The national council's March 2022 report from the reference data (47 recommendations: "
        "4 to the regional councils, 20 to the regions, 23 to the municipalities), followed up "
        "everywhere: by each of the 6 regional councils on its own recommendations, by all 21 "
        "regions (Region Halland by both of its councils) and by all 290 municipalities, "
        "statuses varying. Requested by a national council member. The matrix shows the "
        "councils' and the regions' follow-ups; the municipalities' are there to be left out. "
        "The matrix's fair floor is those follow-ups with their recommendation, council and "
        "region in one query, in a table (the XLSX is compared with the same HTML floor); the "
        "report page's is its recommendations with their area in one query."
    ),
)
def recommendations_matrix_setup() -> list[TimedRequest]:
    """Load the report, follow it up everywhere; time the matrix, its export and the report."""
    if Council.objects.filter(kind=Council.Kind.REGIONAL).count() < 6:
        raise BenchmarkError("The councils are missing: load the reference data")
    recommendations_load()
    publication = Publication.objects.filter(key=PUBLICATION_KEY).first()
    if publication is None:
        raise BenchmarkError(f"The report {PUBLICATION_KEY!r} is missing from the reference data")
    with transaction.atomic():
        reader = _reader()
        follow_ups_build(publication)
    matrix = reverse("recommendations:matrix", args=[publication.pk])
    floor = Baseline(MATRIX_FLOOR, floor_url("matrix", pk=publication.pk), is_floor=True)
    regions_floor = Baseline(
        MATRIX_FLOOR, floor_url("matrix", pk=publication.pk, query=f"mottagare={REGIONS_ONLY}"),
        is_floor=True,
    )  # fmt: skip
    report_floor = Baseline(
        "fair floor: the recommendations and their area, one query, a table",
        floor_url("publication", pk=publication.pk),
        is_floor=True,
    )
    return [
        TimedRequest("matrix", matrix, reader, (floor,)),
        TimedRequest(
            "matrix, regions only", f"{matrix}?mottagare={REGIONS_ONLY}", reader, (regions_floor,)
        ),
        TimedRequest(
            "matrix as XLSX",
            reverse("recommendations:matrix_export", args=[publication.pk]),
            reader,
            (floor,),
        ),
        TimedRequest("report page", publication.get_absolute_url(), reader, (report_floor,)),
    ]
