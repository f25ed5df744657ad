"""The national council's reports, loaded from the JSON files in `data/`.

Each file is one report (see `nvkr_2022_03.json`): the publication, its areas in order and
each area's recommendations with their addressees. Loading is idempotent: a report is found by
its `key`, an area by (report, position) and a recommendation by (area, position); a row is
created when missing, updated in place when the file says something else, and left alone
otherwise, so a second run reports nothing.

An area or recommendation that the file no longer has is deleted, unless it has follow-ups (or
a follow-up round asks about it): then it is kept and reported, for a person to resolve. A file
with no areas (a report whose text is not in the seeds) only manages the report itself, so that
the areas and recommendations the national secretariat adds in the portal are never deleted.
An empty `number` in a file means "not known yet" and never clears a number set in the portal.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

from django.db import transaction

from .models import Actor, Area, FollowUp, Publication, Recommendation, RoundQuestion

DATA_DIR = Path(__file__).resolve().parent / "data"

# The order the addressees are shown in.
ACTOR_ORDER = [code for code, _label in Actor.Code.choices]


class ReferenceDataError(ValueError):
    """A data file that cannot be loaded as it stands."""


def _files(path: Path | str | None) -> list[Path]:
    path = Path(path) if path is not None else DATA_DIR
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise ReferenceDataError(f"{path}: ingen sådan fil eller katalog")
    return sorted(path.glob("*.json"))


def _new_result() -> dict:
    return {"created": Counter(), "updated": Counter(), "deleted": Counter(), "kept": []}


def _save(model, lookup: dict, values: dict) -> tuple[object, str | None]:
    """Create the row, or update only the fields whose values differ; say which it did."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj, "created"
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return obj, None
    for name in changed:
        setattr(obj, name, values[name])
    obj.full_clean()
    obj.save(update_fields=changed)
    return obj, "updated"


def _upsert(model, lookup: dict, values: dict, result: dict, label: str):
    obj, state = _save(model, lookup, values)
    if state:
        result[state][label] += 1
    return obj


def _load_actors(result: dict) -> dict[str, Actor]:
    return {
        code: _upsert(Actor, {"code": code}, {"order": order}, result, "actors")
        for order, code in enumerate(ACTOR_ORDER, start=1)
    }


def _positions(rows: list[dict], where: str) -> None:
    positions = [row.get("position") for row in rows]
    if positions != list(range(1, len(rows) + 1)):
        raise ReferenceDataError(f"{where}: positionerna ska vara 1..{len(rows)}, är {positions}")


def _check(data: dict, source: Path) -> None:
    for name in ("key", "title", "published_on"):
        if not data.get(name):
            raise ReferenceDataError(f"{source.name}: {name} saknas")
    areas = data.get("areas") or []
    _positions(areas, f"{source.name}: områden")
    for area in areas:
        where = f"{source.name}: område {area.get('position')}"
        if area.get("section") not in Area.Section.values:
            raise ReferenceDataError(f"{where}: okänd del {area.get('section')!r}")
        if not area.get("title"):
            raise ReferenceDataError(f"{where}: rubrik saknas")
        recommendations = area.get("recommendations") or []
        _positions(recommendations, where)
        for rec in recommendations:
            here = f"{where}, punkt {rec['position']}"
            if rec.get("kind") not in Recommendation.Kind.values:
                raise ReferenceDataError(f"{here}: okänd typ {rec.get('kind')!r}")
            unknown = set(rec.get("addressees") or []) - set(ACTOR_ORDER)
            if unknown:
                raise ReferenceDataError(f"{here}: okända mottagare {sorted(unknown)}")
            if not (rec.get("text") or "").strip():
                raise ReferenceDataError(f"{here}: text saknas")


def _has_follow_ups(recommendation_ids) -> set[int]:
    followed = set(
        FollowUp.objects.filter(recommendation_id__in=recommendation_ids).values_list(
            "recommendation_id", flat=True
        )
    )
    asked = set(
        RoundQuestion.objects.filter(recommendation_id__in=recommendation_ids).values_list(
            "recommendation_id", flat=True
        )
    )
    return followed | asked


def _prune_recommendations(stale: list[Recommendation], result: dict) -> bool:
    """Delete the stale recommendations that nobody has followed up; True if all went."""
    keep = _has_follow_ups([rec.pk for rec in stale])
    for rec in stale:
        if rec.pk in keep:
            result["kept"].append(
                f"{rec.area.publication.key} {rec.identifier}: finns inte längre i filen men har "
                "uppföljningar, lämnas kvar"
            )
        else:
            rec.delete()
            result["deleted"]["recommendations"] += 1
    return not keep


def _set_addressees(rec: Recommendation, codes: list[str], actors, created: bool) -> bool:
    """Set the recommendation's addressees; True if they changed."""
    wanted = {actors[code].pk for code in codes}
    current = set() if created else set(rec.addressees.values_list("pk", flat=True))
    if wanted == current:
        return False
    rec.addressees.set(wanted)
    return True


def _load_area(publication: Publication, row: dict, actors, result: dict) -> None:
    area = _upsert(
        Area,
        {"publication": publication, "position": row["position"]},
        {"section": row["section"], "title": row["title"]},
        result,
        "areas",
    )
    rows = row.get("recommendations") or []
    for rec_row in rows:
        rec, state = _save(
            Recommendation,
            {"area": area, "position": rec_row["position"]},
            {"kind": rec_row["kind"], "text": rec_row["text"]},
        )
        codes = rec_row.get("addressees") or []
        if _set_addressees(rec, codes, actors, created=state == "created") and not state:
            state = "updated"
        if state:
            result[state]["recommendations"] += 1
    stale = list(area.recommendations.filter(position__gt=len(rows)).select_related("area"))
    if stale:
        _prune_recommendations(stale, result)


def _load_publication(data: dict, actors, result: dict) -> Publication:
    values = {
        "title": data["title"],
        "published_on": date.fromisoformat(data["published_on"]),
        "summary": data.get("summary") or "",
    }
    if data.get("number"):
        values["number"] = data["number"]
    if "url" in data:
        values["url"] = data["url"] or ""
    publication = _upsert(Publication, {"key": data["key"]}, values, result, "publications")
    areas = data.get("areas") or []
    if not areas:
        return publication
    for row in areas:
        _load_area(publication, row, actors, result)
    for area in publication.areas.filter(position__gt=len(areas)):
        stale = list(area.recommendations.select_related("area__publication"))
        if _prune_recommendations(stale, result):
            area.delete()
            result["deleted"]["areas"] += 1
        else:
            result["kept"].append(
                f"{publication.key} område {area.position}: finns inte längre i filen men har "
                "rekommendationer med uppföljningar, lämnas kvar"
            )
    return publication


@transaction.atomic
def recommendations_load(path: Path | str | None = None) -> dict:
    """Load or update the actors and every report in `path` (a JSON file, or a directory of
    them; `data/` by default). Returns what was created, updated, deleted and kept."""
    result = _new_result()
    actors = _load_actors(result)
    for source in _files(path):
        with open(source, encoding="utf-8") as handle:
            try:
                data = json.load(handle)
            except json.JSONDecodeError as error:
                raise ReferenceDataError(f"{source.name}: ogiltig JSON ({error})") from error
        _check(data, source)
        _load_publication(data, actors, result)
    result["changed"] = (
        sum(result["created"].values())
        + sum(result["updated"].values())
        + sum(result["deleted"].values())
    )
    return result


def result_describe(result: dict) -> str:
    """One line per kind of row: what the load created, updated and deleted."""
    kinds = sorted(set(result["created"]) | set(result["updated"]) | set(result["deleted"]))
    parts = [
        f"{kind}: {result['created'][kind]} created, {result['updated'][kind]} updated, "
        f"{result['deleted'][kind]} deleted"
        for kind in kinds
    ]
    return "; ".join(parts) or "up to date, nothing created, updated or deleted"
