"""The national matrix: recommendations × the regional councils and × the regions, its
filters, its XLSX export, and a fixed number of queries whatever the size."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import Council, HealthcareRegion, Organisation
from recommendations.actors import actors_ensure
from recommendations.services import follow_up_save, publishing

from .test_national import NOT_READERS, READERS, small_publication

pytestmark = pytest.mark.django_db


def _matrix(publication, query: str = "") -> str:
    url = reverse("recommendations:matrix", args=[publication.pk])
    return f"{url}?{query}" if query else url


def _follow_up_url(follow_up) -> str:
    return reverse(
        "recommendations:follow_up", kwargs={"slug": follow_up.council.slug, "pk": follow_up.pk}
    )


@pytest.fixture
def report(world):
    publication, recs = small_publication()
    own = follow_up_save(
        recommendation=recs["councils"], council=world.own, version=0, status="genomford"
    )
    region = follow_up_save(
        recommendation=recs["regions"], council=world.other,
        organisation=world.organisations["region_vb"], version=0, status="pagar",
    )  # fmt: skip
    # A municipality's follow-up: not in the matrix.
    follow_up_save(
        recommendation=recs["regions"], council=world.own,
        organisation=world.organisations["arvika"], version=0, status="planerad",
    )  # fmt: skip
    return publication, recs, own, region


@pytest.mark.parametrize("role", READERS)
def test_every_council_seat_reads_the_matrix_and_its_export(world, client_for, report, role):
    publication = report[0]
    client = client_for(role)
    assert client.get(_matrix(publication)).status_code == 200
    export = reverse("recommendations:matrix_export", args=[publication.pk])
    assert client.get(export).status_code == 200


@pytest.mark.parametrize("role", NOT_READERS)
def test_people_without_a_seat_see_no_matrix(world, client_for, report, role):
    publication = report[0]
    assert client_for(role).get(_matrix(publication)).status_code == 403
    export = reverse("recommendations:matrix_export", args=[publication.pk])
    assert client_for(role).get(export).status_code == 403


def test_a_missing_report_is_not_found(world, client_for):
    url = reverse("recommendations:matrix", args=[999999])
    assert client_for("national").get(url).status_code == 404


def test_cells_show_status_as_text_and_link_to_the_follow_up(world, client_for, report):
    publication, recs, own, region = report
    response = client_for("national").get(_matrix(publication))
    page = response.content.decode()
    councils, regions = response.context["matrix"].councils, response.context["matrix"].regions
    assert [c.slug for c in councils.columns] == ["norra", "mellansverige"]  # by their order
    assert [row.recommendation for row in councils.rows] == [recs["councils"]]
    assert [row.recommendation for row in regions.rows] == [recs["regions"]]
    assert {r.name for r in regions.columns} == {"Region Örebro län", "Region Västerbotten"}
    assert _follow_up_url(own) in page and _follow_up_url(region) in page
    assert re.search(r'text-bg-success">Genomförd</span>', page)
    assert re.search(r'text-bg-warning">Pågår</span>', page)
    assert "Planerad</span><span" not in page  # the municipality's follow-up is not shown
    assert page.count("Ej registrerad") >= 3  # Norra's own, Örebro's, and the legend
    assert f"{publication.get_absolute_url()}#rekommendation-{recs['councils'].pk}" in page
    assert "<details><summary>" in page
    assert "Regeringen bör utreda" not in page  # to the government: in neither table


def test_a_region_in_two_healthcare_regions_shows_the_first_council_that_recorded_it(
    world, client_for
):
    publication, recs = small_publication()
    halland = Organisation.objects.create(kind="region", code="13", name="Region Halland")
    halland.healthcare_regions.set(
        HealthcareRegion.objects.filter(code__in=["NORRA", "MELLANSVERIGE"])
    )
    later = follow_up_save(
        recommendation=recs["regions"], council=world.own, organisation=halland, version=0,
        status="planerad",
    )  # fmt: skip
    client = client_for("national")

    def cell():
        regions = client.get(_matrix(publication)).context["matrix"].regions
        (row,) = regions.rows
        return next(c for c in row.cells if c.column == halland)

    assert (cell().follow_up_id, cell().council) == (later.pk, world.own)
    first = follow_up_save(
        recommendation=recs["regions"], council=world.other, organisation=halland, version=0,
        status="genomford",
    )  # fmt: skip
    assert world.other.order < world.own.order
    assert (cell().follow_up_id, cell().status) == (first.pk, "genomford")


def test_the_addressee_filter_chooses_the_tables(world, client_for, report):
    publication, recs, *_ = report
    client = client_for("member")
    to_councils = client.get(_matrix(publication, "mottagare=regionala_rad")).context["matrix"]
    assert to_councils.regions is None and len(to_councils.councils.rows) == 1
    to_regions = client.get(_matrix(publication, "mottagare=regioner")).context["matrix"]
    assert to_regions.councils is None and len(to_regions.regions.rows) == 1
    municipalities = client.get(_matrix(publication, "mottagare=kommuner")).context["matrix"]
    assert not municipalities.councils.rows
    assert [r.recommendation for r in municipalities.regions.rows] == [recs["regions"]]


def test_the_area_and_status_filters_keep_matching_rows(world, client_for, report):
    publication, recs, *_ = report
    client = client_for("member")
    other_area = recs["government"].area
    in_area = client.get(_matrix(publication, f"omrade={other_area.pk}")).context["matrix"]
    assert not in_area.councils.rows and not in_area.regions.rows
    done = client.get(_matrix(publication, "status=genomford")).context["matrix"]
    assert len(done.councils.rows) == 1 and not done.regions.rows
    missing = client.get(_matrix(publication, "status=saknas")).context["matrix"]
    assert len(missing.councils.rows) == 1 and len(missing.regions.rows) == 1


def test_forged_filter_values_are_ignored_with_a_message(world, client_for, report):
    publication, *_ = report
    _other, other_recs = small_publication(title="En annan rapport")
    foreign_area = other_recs["regions"].area.pk
    response = client_for("member").get(
        _matrix(publication, f"mottagare=kungen&omrade={foreign_area}&status=genomford")
    )
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert (matrix.filters.actor, matrix.filters.area_id, matrix.filters.status) == (
        "", None, "genomford",
    )  # fmt: skip
    assert "okänt värde" in response.content.decode()
    assert "mottagare=" not in response.context["query"]
    assert response.context["query"] == "status=genomford"
    page = client_for("member").get(_matrix(publication, "omrade=abc")).content.decode()
    assert "okänt värde" in page


def test_the_export_has_both_tables_with_status_labels_and_the_filters(world, client_for, report):
    publication, recs, own, _region = report
    publishing.recommendation_update(recommendation=recs["councils"], text="=HYPERLINK(1)")
    url = reverse("recommendations:matrix_export", args=[publication.pk])
    response = client_for("national").get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        'filename="matris-kompetensforsorjning-efter-pandemin.xlsx"'
        in response["Content-Disposition"]
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Regionala råd", "Regioner"]
    councils = list(book["Regionala råd"].values)
    assert councils[0] == ("Nr", "Område", "Rekommendation", "Norra", "Mellansverige")
    assert councils[1] == (
        "1.1", "Tillvarata kompetens", "=HYPERLINK(1)", "Ej registrerad", "Genomförd",
    )  # fmt: skip
    assert book["Regionala råd"]["C2"].data_type == "s"  # text, not a formula
    regions = list(book["Regioner"].values)
    assert regions[1][0] == "1.2"
    assert "Pågår" in regions[1]
    only_councils = client_for("national").get(f"{url}?mottagare=regionala_rad")
    assert openpyxl.load_workbook(io.BytesIO(only_councils.content)).sheetnames == ["Regionala råd"]


def _count_matrix_queries(client, publication) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_matrix(publication)).status_code == 200
    return len(queries)


def test_the_matrix_runs_the_same_queries_whatever_its_size(world, client_for, capsys):
    """One recommendation and one follow-up against many, more councils and regions."""
    publication, recs = small_publication()
    follow_up_save(recommendation=recs["councils"], council=world.own, version=0, status="pagar")
    client = client_for("national")
    client.get(reverse("home"))  # the session and the per-user caches warm
    small = _count_matrix_queries(client, publication)

    actors = actors_ensure()
    area = recs["regions"].area
    more = []
    for position in range(3, 23):
        more.append(publishing.recommendation_add(
            publication=publication, area=area, position=position, text=f"Fler {position}",
            addressees=[actors["regionala_rad"], actors["regioner"]],
        ))  # fmt: skip
    extra_region = HealthcareRegion.objects.create(code="SODRA", name="Södra", order=6)
    extra = Council.objects.create(
        kind="regional", name="Regionalt vårdkompetensråd Södra", short_name="Södra",
        slug="sodra", healthcare_region=extra_region, order=6,
    )  # fmt: skip
    regions = [world.organisations["region_orebro"], world.organisations["region_vb"]]
    for code, name in (("12", "Region Skåne"), ("10", "Region Blekinge")):
        region = Organisation.objects.create(kind="region", code=code, name=name)
        region.healthcare_regions.add(extra_region)
        regions.append(region)
    councils_of = {
        regions[0].pk: world.own, regions[1].pk: world.other, regions[2].pk: extra,
        regions[3].pk: extra,
    }  # fmt: skip
    for number, rec in enumerate(more):
        for council in (world.own, world.other, extra):
            follow_up_save(recommendation=rec, council=council, version=0,
                           status=["planerad", "pagar", "genomford"][number % 3])  # fmt: skip
        for region in regions:
            follow_up_save(recommendation=rec, council=councils_of[region.pk],
                           organisation=region, version=0, status="ej_aktuell")  # fmt: skip
    large = _count_matrix_queries(client, publication)
    with capsys.disabled():
        print(f"\nmatrix queries: {small} (1 recommendation to the councils, 1 follow-up), "
              f"{large} (21 × 3 councils and 4 regions, 144 follow-ups)")  # fmt: skip
    assert large == small
    assert small <= 15


def test_the_benchmark_scenario_follows_up_everywhere_and_its_pages_answer(world, client_for):
    from recommendations.benchmarks import follow_ups_build, recommendations_matrix_setup
    from vkr_portal.benchmarking import registry

    (scenario,) = registry.select("recommendations-matrix")
    assert scenario.setup is recommendations_matrix_setup
    assert "290 municipalities" in scenario.description
    publication, _recs = small_publication()
    # 1 to the councils × 2 councils, 1 to regions × 2 regions, the same × 3 municipalities.
    assert follow_ups_build(publication) == {"councils": 2, "regions": 2, "municipalities": 3}
    response = client_for("national").get(_matrix(publication))
    cells = [cell for row in response.context["matrix"].regions.rows for cell in row.cells]
    assert all(cell.follow_up_id for cell in cells)
