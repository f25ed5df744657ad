"""The real Swedish geography and the seven councils, loaded from the CSV files in `data/`.

Loading is idempotent: a row is created when missing, updated in place when the CSV says
something else, and left alone otherwise, so a re-run reports nothing created or updated.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from .models import Council, HealthcareRegion, Organisation

DATA_DIR = Path(__file__).resolve().parent / "data"

# Bodies every council deals with that are not in the geography files.
NATIONAL_BODIES = [
    ("socialstyrelsen", Organisation.Kind.NATIONAL_AUTHORITY, "Socialstyrelsen"),
    ("uka", Organisation.Kind.NATIONAL_AUTHORITY, "Universitetskanslersämbetet"),
    ("uhr", Organisation.Kind.NATIONAL_AUTHORITY, "Universitets- och högskolerådet"),
    ("skr", Organisation.Kind.OTHER, "Sveriges Kommuner och Regioner"),
]

# (healthcare region code, slug, short name); the order is the conventional north-to-south one.
REGIONAL_COUNCILS = [
    ("NORRA", "norra", "Norra"),
    ("MELLANSVERIGE", "mellansverige", "Mellansverige"),
    ("STOCKHOLM_GOTLAND", "stockholm-gotland", "Stockholm–Gotland"),
    ("SYDOSTRA", "sydostra", "Sydöstra"),
    ("VASTRA", "vastra", "Västra"),
    ("SODRA", "sodra", "Södra"),
]
NATIONAL_COUNCIL_SLUG = "nationella"


@dataclass
class LoadResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    def __str__(self) -> str:
        kinds = sorted(set(self.created) | set(self.updated))
        parts = [f"{k}: {self.created[k]} created, {self.updated[k]} updated" for k in kinds]
        return "; ".join(parts) or "up to date, nothing created or updated"

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _upsert(model, lookup: dict, values: dict, result: LoadResult, label: str):
    """Create the row, or update only the fields whose values differ."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        result.created[label] += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        result.updated[label] += 1
    return obj


def _set_regions(org: Organisation, regions: list[HealthcareRegion], result, label) -> None:
    wanted = {region.pk for region in regions}
    current = set(org.healthcare_regions.values_list("pk", flat=True))
    if wanted != current:
        org.healthcare_regions.set(regions)
        if current:  # a new organisation was already counted as created
            result.updated[label] += 1


def _load_healthcare_regions(result: LoadResult) -> dict[str, HealthcareRegion]:
    by_code = {}
    for order, row in enumerate(_read("sjukvardsregioner.csv"), start=1):
        values = {"name": row["name_sv"], "name_en": row["name_en"], "order": order}
        by_code[row["code"]] = _upsert(
            HealthcareRegion, {"code": row["code"]}, values, result, "healthcare regions"
        )
    return by_code


def _load_regions(result: LoadResult, hr: dict[str, HealthcareRegion]):
    by_lan = {}
    for row in _read("regioner.csv"):
        values = {
            "name": row["region_name"],
            "short_name": row["lan_name_short"],
            "lan_code": row["lanskod"],
            "lan_name": row["lan_name"],
            "note": row["note"],
        }
        lookup = {"kind": Organisation.Kind.REGION, "code": row["lanskod"]}
        org = _upsert(Organisation, lookup, values, result, "regions")
        codes = row["sjukvardsregion_code"].split(";")
        _set_regions(org, [hr[c] for c in codes], result, "regions")
        by_lan[row["lanskod"]] = org
    return by_lan


def _load_municipalities(result: LoadResult, hr, regions_by_lan) -> None:
    for row in _read("kommuner.csv"):
        values = {
            "name": row["name"],
            "short_name": row["short_name"],
            "lan_code": row["lanskod"],
            "lan_name": row["lan_name"],
            "parent": regions_by_lan[row["lanskod"]],
        }
        lookup = {"kind": Organisation.Kind.MUNICIPALITY, "code": row["kommunkod"]}
        org = _upsert(Organisation, lookup, values, result, "municipalities")
        _set_regions(org, [hr[row["sjukvardsregion_code"]]], result, "municipalities")


def _load_universities(result: LoadResult, hr, regions_by_lan) -> None:
    # One organisation per university; a university with campuses in two healthcare regions
    # (Linnéuniversitetet) has one row per campus in the CSV and belongs to both regions.
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in _read("larosaten.csv"):
        grouped.setdefault(row["larosate"], []).append(row)
    for name, rows in grouped.items():
        first = rows[0]
        note = " ".join(
            f"{r['ort_campus']}: {r['note']}".strip().rstrip(":") for r in rows if r["note"]
        )
        values = {
            "name": name,
            "short_name": first["larosate_en"],
            "lan_code": first["lanskod"],
            "lan_name": regions_by_lan[first["lanskod"]].lan_name,
            "note": note,
        }
        lookup = {"kind": Organisation.Kind.UNIVERSITY, "code": slugify(name)}
        org = _upsert(Organisation, lookup, values, result, "universities")
        codes = sorted({r["sjukvardsregion_code"] for r in rows})
        _set_regions(org, [hr[c] for c in codes], result, "universities")


def _load_councils(result: LoadResult, hr) -> None:
    _upsert(
        Council,
        {"slug": NATIONAL_COUNCIL_SLUG},
        {
            "kind": Council.Kind.NATIONAL,
            "name": "Nationella vårdkompetensrådet",
            "short_name": "Nationella rådet",
            "healthcare_region": None,
            "order": 0,
        },
        result,
        "councils",
    )
    for order, (code, slug, short) in enumerate(REGIONAL_COUNCILS, start=1):
        values = {
            "kind": Council.Kind.REGIONAL,
            "name": f"Regionalt vårdkompetensråd {short}",
            "short_name": short,
            "healthcare_region": hr[code],
            "order": order,
        }
        _upsert(Council, {"slug": slug}, values, result, "councils")


@transaction.atomic
def reference_data_load() -> LoadResult:
    """Load or update the healthcare regions, organisations and councils."""
    result = LoadResult()
    hr = _load_healthcare_regions(result)
    regions_by_lan = _load_regions(result, hr)
    _load_municipalities(result, hr, regions_by_lan)
    _load_universities(result, hr, regions_by_lan)
    for code, kind, name in NATIONAL_BODIES:
        _upsert(Organisation, {"kind": kind, "code": code}, {"name": name}, result, "national")
    _load_councils(result, hr)
    return result
