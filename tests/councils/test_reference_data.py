"""The real geography loads with the right counts, idempotently, and updates in place."""

import csv
import shutil

import pytest

from councils import reference_data, selectors
from councils.models import Council, HealthcareRegion, Organisation

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        kind: Organisation.objects.filter(kind=kind).count() for kind in Organisation.Kind.values
    }


def test_it_loads_the_swedish_geography_and_the_seven_councils():
    reference_data.reference_data_load()
    counts = _counts()
    assert HealthcareRegion.objects.count() == 6
    assert counts["region"] == 21
    assert counts["kommun"] == 290
    assert counts["larosate"] == 25  # 26 campus rows, Linnéuniversitetet's two merged
    assert Council.objects.count() == 7
    assert Council.objects.filter(kind=Council.Kind.NATIONAL).count() == 1


@pytest.mark.parametrize(
    ("slug", "regions", "municipalities"),
    [
        ("mellansverige", 7, 80),
        ("vastra", 2, 52),
        ("sodra", 4, 49),
        ("norra", 4, 44),
        ("sydostra", 3, 38),
        ("stockholm-gotland", 2, 27),
    ],
)
def test_each_council_covers_its_healthcare_region(slug, regions, municipalities):
    reference_data.reference_data_load()
    geography = selectors.council_geography(Council.objects.get(slug=slug))
    assert len(geography.regions) == regions
    assert geography.municipality_count == municipalities


def test_halland_is_split_by_municipality():
    reference_data.reference_data_load()
    halland = Organisation.objects.get(kind="region", code="13")
    assert sorted(halland.healthcare_regions.values_list("code", flat=True)) == ["SODRA", "VASTRA"]
    halmstad = Organisation.objects.get(kind="kommun", code="1380")
    kungsbacka = Organisation.objects.get(kind="kommun", code="1384")
    assert list(halmstad.healthcare_regions.values_list("code", flat=True)) == ["SODRA"]
    assert list(kungsbacka.healthcare_regions.values_list("code", flat=True)) == ["VASTRA"]
    assert halmstad.parent == halland


def test_a_municipality_belongs_to_the_region_of_its_lan():
    reference_data.reference_data_load()
    arvika = Organisation.objects.get(kind="kommun", code="1784")
    assert arvika.parent.name == "Region Värmland"
    assert arvika.lan_name == "Värmlands län"


def test_reloading_changes_nothing():
    reference_data.reference_data_load()
    before = _counts()
    result = reference_data.reference_data_load()
    assert result.changed == 0
    assert _counts() == before


def test_a_corrected_csv_updates_rows_in_place(tmp_path, monkeypatch):
    reference_data.reference_data_load()
    arvika = Organisation.objects.get(kind="kommun", code="1784")
    data = tmp_path / "data"
    shutil.copytree(reference_data.DATA_DIR, data)
    with open(data / "kommuner.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["kommunkod"] == "1784":
            row["name"] = "Arvika kommun (rättat namn)"
    with open(data / "kommuner.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setattr(reference_data, "DATA_DIR", data)

    result = reference_data.reference_data_load()

    assert result.updated["municipalities"] == 1
    assert result.changed == 1
    arvika.refresh_from_db()  # same row, same primary key
    assert arvika.name == "Arvika kommun (rättat namn)"
    assert Organisation.objects.filter(kind="kommun").count() == 290
