"""The national council's secretariat publishing reports, their areas and recommendations.

Creating is idempotent per sent form (the form's one-time key, claimed in the transaction);
every refusal is a ValidationError naming the field, so the form shows it there.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from idempotency.services import idempotency_key_claim, idempotency_key_done

from ..models import Actor, Area, FollowUp, Publication, Recommendation

PUBLICATION_FIELDS = {"number", "title", "published_on", "url", "summary"}
AREA_FIELDS = {"position", "section", "title"}
RECOMMENDATION_FIELDS = {"area", "position", "kind", "text"}
KEY_MAX = 80


def _unknown(fields: dict, allowed: set[str], what: str) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def _check_number(publication: Publication) -> None:
    number = publication.number.strip()
    publication.number = number
    if number and Publication.objects.filter(number=number).exclude(pk=publication.pk).exists():
        raise ValidationError(
            {"number": _("Det finns redan en rapport med nummer %(number)s.") % {"number": number}},
            code="number_taken",
        )


def _new_key(publication: Publication) -> str:
    """A stable identity for the report (the loader's `key`), made once from its number or
    title: `nvkr-2022-1`, `nvkr-<title>`, with -2, -3 … when taken."""
    base = "nvkr-" + (slugify(publication.number) or slugify(publication.title) or "rapport")
    base = base[: KEY_MAX - 4].strip("-")
    taken = set(Publication.objects.filter(key__startswith=base).values_list("key", flat=True))
    key, suffix = base, 2
    while key in taken:
        key, suffix = f"{base}-{suffix}", suffix + 1
    return key


@transaction.atomic
def publication_create(*, idempotency_key=None, user=None, **fields) -> Publication:
    """A new report of the national council, once per sent form."""
    _unknown(fields, PUBLICATION_FIELDS, "publication")
    claimed = idempotency_key_claim(
        key=idempotency_key, scope="recommendations.publication", user=user
    )
    publication = Publication(**fields)
    _check_number(publication)
    publication.key = _new_key(publication)
    publication.full_clean()
    publication.save()
    idempotency_key_done(claimed, result_url=publication.get_absolute_url())
    return publication


@transaction.atomic
def publication_update(*, publication: Publication, **fields) -> Publication:
    """Change a report's number, title, date, link or summary (its key stays)."""
    _unknown(fields, PUBLICATION_FIELDS, "publication")
    current = Publication.objects.select_for_update().get(pk=publication.pk)
    for name, value in fields.items():
        setattr(current, name, value)
    _check_number(current)
    current.full_clean()
    current.save()
    return current


def _save_position(row, field: str, message: str) -> None:
    """Save a row whose position must be free in its parent: a taken one is refused at the
    field (also when another save took it a moment ago)."""
    row.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise ValidationError({field: message}, code="position_taken") from None


@transaction.atomic
def area_add(*, publication: Publication, idempotency_key=None, user=None, **fields) -> Area:
    """A new area of the report, once per sent form; its number must be free in the report."""
    _unknown(fields, AREA_FIELDS, "area")
    claimed = idempotency_key_claim(key=idempotency_key, scope="recommendations.area", user=user)
    area = Area(publication=publication, **fields)
    _save_position(
        area, "position",
        _("Rapporten har redan ett område nummer %(n)s.") % {"n": fields.get("position")},
    )  # fmt: skip
    idempotency_key_done(claimed, result_url=f"{publication.get_absolute_url()}#omrade-{area.pk}")
    return area


def _check_area(publication: Publication, area: Area | None) -> None:
    if area is None or area.publication_id != publication.pk:
        raise ValidationError(
            {"area": _("Välj ett av rapportens egna områden.")}, code="other_publication"
        )


def _check_addressees(recommendation: Recommendation, addressees: list[Actor]) -> None:
    """An addressee that has follow-ups cannot be taken away: they would follow up a
    recommendation no longer addressed to them."""
    codes = {actor.code for actor in addressees}
    recorded = FollowUp.objects.filter(recommendation=recommendation)
    missing = []
    if Actor.Code.COUNCILS not in codes and recorded.filter(organisation__isnull=True).exists():
        missing.append(str(Actor.Code.COUNCILS.label))
    kinds = set(
        recorded.filter(organisation__isnull=False)
        .values_list("organisation__kind", flat=True)
        .distinct()
    )
    for code, kind in Actor.ORGANISATION_KINDS.items():
        if kind in kinds and code not in codes:
            missing.append(str(code.label))
    if missing:
        raise ValidationError(
            {
                "addressees": _(
                    "Har redan uppföljningar och kan inte tas bort som mottagare: %(actors)s."
                )
                % {"actors": ", ".join(missing)}
            },
            code="addressee_followed_up",
        )


def _position_taken(fields: dict) -> str:
    return _("Området har redan en rekommendation nummer %(n)s.") % {"n": fields.get("position")}


@transaction.atomic
def recommendation_add(
    *, publication: Publication, addressees=(), idempotency_key=None, user=None, **fields
) -> Recommendation:
    """A new recommendation in one of the report's areas, once per sent form."""
    _unknown(fields, RECOMMENDATION_FIELDS, "recommendation")
    claimed = idempotency_key_claim(
        key=idempotency_key, scope="recommendations.recommendation", user=user
    )
    _check_area(publication, fields.get("area"))
    recommendation = Recommendation(**fields)
    _save_position(recommendation, "position", _position_taken(fields))
    recommendation.addressees.set(list(addressees))
    idempotency_key_done(
        claimed, result_url=f"{publication.get_absolute_url()}#rekommendation-{recommendation.pk}"
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *, recommendation: Recommendation, addressees=None, **fields
) -> Recommendation:
    """Change a recommendation's text, kind, number, area (within its report) or
    addressees."""
    _unknown(fields, RECOMMENDATION_FIELDS, "recommendation")
    current = (
        Recommendation.objects.select_for_update()
        .select_related("area__publication")
        .get(pk=recommendation.pk)
    )
    publication = current.area.publication
    if "area" in fields:
        _check_area(publication, fields["area"])
    if addressees is not None:
        addressees = list(addressees)
        _check_addressees(current, addressees)
    for name, value in fields.items():
        setattr(current, name, value)
    _save_position(current, "position", _position_taken(fields))
    if addressees is not None:
        current.addressees.set(addressees)
    return current
