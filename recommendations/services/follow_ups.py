"""Recording how a council, or an organisation of its area, has acted on a recommendation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import selectors as activity_selectors
from councils import selectors as council_selectors
from councils.models import Council, Organisation
from workgroups import selectors as workgroup_selectors

from ..models import Actor, FollowUp, Recommendation

FIELDS = {"status", "done", "evidence", "evidence_url", "recorded_on"}


class FollowUpConflict(Exception):
    """The follow-up changed since the form was opened; `current` is what is saved now."""

    def __init__(self, current: FollowUp):
        super().__init__(f"Follow-up {current.pk} is at version {current.version}")
        self.current = current


def check_concerns(
    recommendation: Recommendation, council: Council, organisation: Organisation | None
) -> None:
    """A council's own follow-up needs a recommendation to the regional councils; an
    organisation's, one addressed to its kind of organisation, and the organisation must lie
    in the council's area."""
    codes = {actor.code for actor in recommendation.addressees.all()}
    if council.kind != Council.Kind.REGIONAL:
        raise ValidationError(
            _("Bara de regionala råden följer upp rekommendationerna."), code="not_regional"
        )
    if organisation is None:
        if Actor.Code.COUNCILS not in codes:
            raise ValidationError(
                _("Rekommendationen är inte riktad till de regionala vårdkompetensråden."),
                code="not_addressed",
            )
        return
    kinds = {Actor.ORGANISATION_KINDS[c] for c in codes if c in Actor.ORGANISATION_KINDS}
    if organisation.kind not in kinds:
        raise ValidationError(
            _("Rekommendationen är inte riktad till %(kind)s.")
            % {"kind": organisation.get_kind_display().lower()},
            code="not_addressed",
        )
    if not council_selectors.organisation_in_council_area(council, organisation):
        raise ValidationError(
            _("%(organisation)s ligger inte i %(council)s område.")
            % {"organisation": organisation.name, "council": council.short_name},
            code="outside_area",
        )


def _check_links(council: Council, activities, workgroups) -> None:
    errors = {}
    if activities is not None:
        own = set(activity_selectors.council_activities(council).values_list("pk", flat=True))
        if any(activity.pk not in own for activity in activities):
            errors["activities"] = _("Aktiviteterna måste höra till rådets egna planer.")
    if workgroups is not None:
        own = set(workgroup_selectors.council_workgroups(council).values_list("pk", flat=True))
        if any(group.pk not in own for group in workgroups):
            errors["workgroups"] = _("Arbetsgrupperna måste vara rådets egna.")
    if errors:
        raise ValidationError(errors, code="other_council")


@transaction.atomic
def follow_up_save(
    *,
    recommendation: Recommendation,
    council: Council,
    organisation: Organisation | None = None,
    version: int | None,
    user=None,
    activities=None,
    workgroups=None,
    source: str = FollowUp.Source.COUNCIL,
    **fields,
) -> FollowUp:
    """Create or change the follow-up of `recommendation` by `council` (or by `organisation`
    of its area) as edited on `version` (0: none existed when the form was opened).

    The row is locked and its version compared in one transaction: of two saves made on the
    same version one wins and the other gets FollowUpConflict with what is saved now. Nothing
    is saved if the recommendation does not concern the council or the organisation.
    """
    unknown = set(fields) - FIELDS
    if unknown:
        raise TypeError(f"Unknown follow-up fields: {sorted(unknown)}")
    check_concerns(recommendation, council, organisation)
    _check_links(council, activities, workgroups)
    current = (
        FollowUp.objects.select_for_update(of=("self",))
        .filter(recommendation=recommendation, council=council, organisation=organisation)
        .order_by("pk")
        .first()
    )
    if current is None:
        if version:
            # Opened on a follow-up that someone has deleted since: save as new anyway.
            version = 0
        current = FollowUp(
            recommendation=recommendation, council=council, organisation=organisation
        )
    elif version is not None and current.version != version:
        sent = {k: v for k, v in fields.items() if not (k == "recorded_on" and not v)}
        if all(getattr(current, name) == value for name, value in sent.items()):
            # The same change sent twice (a double click): saved already, not a conflict.
            return current
        raise FollowUpConflict(current)
    for name, value in fields.items():
        setattr(current, name, value)
    if "recorded_on" not in fields or not fields["recorded_on"]:
        current.recorded_on = timezone.localdate()
    current.recorded_by = user if getattr(user, "is_authenticated", False) else None
    current.source = source
    current.full_clean(validate_constraints=False)
    if current.pk:
        current.version += 1
    try:
        with transaction.atomic():
            current.save()
    except IntegrityError:
        # Two first saves at once: the other one made the row; this one is stale.
        raise FollowUpConflict(
            FollowUp.objects.get(
                recommendation=recommendation, council=council, organisation=organisation
            )
        ) from None
    if activities is not None:
        current.activities.set(activities)
    if workgroups is not None:
        current.workgroups.set(workgroups)
    return current
