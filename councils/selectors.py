"""Reads for councils, organisations and members; each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from . import access
from .models import Council, CouncilGoal, HealthcareRegion, Membership, Organisation


def council_list() -> QuerySet[Council]:
    """All councils with the size of their geography and their number of active members."""
    today = timezone.localdate()
    active_seat = (
        Q(memberships__start_date__lte=today) | Q(memberships__start_date__isnull=True)
    ) & (Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today))
    return Council.objects.select_related("healthcare_region").annotate(
        member_count=Count("memberships", filter=active_seat, distinct=True),
    )


@dataclass
class Geography:
    regions: list[Organisation]
    municipality_count: int
    universities: list[Organisation]
    lan_names: list[str]


def council_geography(council: Council) -> Geography | None:
    """The regions, municipalities and universities in a regional council's healthcare region."""
    if council.healthcare_region_id is None:
        return None
    in_region = Organisation.objects.filter(healthcare_regions=council.healthcare_region_id)
    regions = list(in_region.filter(kind=Organisation.Kind.REGION).order_by("name"))
    municipality_count = in_region.filter(kind=Organisation.Kind.MUNICIPALITY).count()
    universities = list(in_region.filter(kind=Organisation.Kind.UNIVERSITY).order_by("name"))
    lan_names = sorted({region.lan_name for region in regions if region.lan_name})
    return Geography(regions, municipality_count, universities, lan_names)


def national_geography_counts() -> dict[str, int]:
    counts = Organisation.objects.aggregate(
        regions=Count("pk", filter=Q(kind=Organisation.Kind.REGION)),
        municipalities=Count("pk", filter=Q(kind=Organisation.Kind.MUNICIPALITY)),
        universities=Count("pk", filter=Q(kind=Organisation.Kind.UNIVERSITY)),
    )
    counts["healthcare_regions"] = HealthcareRegion.objects.count()
    return counts


@dataclass
class PartyGroup:
    party: str
    label: str
    members: list[Membership] = field(default_factory=list)


def active_members_by_party(council: Council, on: date | None = None) -> list[PartyGroup]:
    """Active members (today, or on the day `on`: the annual report's last day of the year)
    grouped by the party they represent, in the order regioner, kommuner, lärosäten, övriga;
    within a group the chair first, then by name."""
    groups = {value: PartyGroup(value, label) for value, label in Membership.Party.choices}
    role_rank = {Membership.Role.CHAIR: 0, Membership.Role.MEMBER: 1, Membership.Role.COOPTED: 2}
    members = (
        Membership.objects.active(on)
        .filter(council=council)
        .select_related("user", "user__organisation", "organisation")
        .order_by("user__full_name")
    )
    for membership in sorted(members, key=lambda m: role_rank.get(m.role, 3)):
        groups[membership.party].members.append(membership)
    return [group for group in groups.values() if group.members]


def organisations_matching(text: str, *, limit: int = 20) -> list[Organisation]:
    """Organisations whose name, short name or code match (the header's search); one query."""
    from vkr_portal.search import matching

    found = matching(Organisation.objects.all(), text, ["name", "short_name", "code"])
    return list(found.order_by("name")[:limit])


def people_matching(text: str, *, limit: int = 20) -> list[Membership]:
    """Active council seats whose person's name or title match (the header's search): the
    people the council member lists show; one query."""
    from vkr_portal.search import matching

    seats = Membership.objects.active().select_related("user", "council", "organisation")
    found = matching(seats, text, ["user__full_name", "user__title"])
    return list(found.order_by("user__full_name", "council__order")[:limit])


def council_goals(council: Council) -> QuerySet[CouncilGoal]:
    return council.goals.order_by("order")


def council_memberships_all(council: Council) -> QuerySet[Membership]:
    """Every membership of a council, current and ended, for the secretariat."""
    return (
        Membership.objects.filter(council=council)
        .select_related("user", "user__organisation", "organisation")
        .order_by("end_date", "party", "user__full_name")
    )


def membership_in_council(council: Council, pk: int) -> Membership:
    """A membership looked up inside its council only, so an id from another council is 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=pk, council=council
    )


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("parent").prefetch_related(
        Prefetch("healthcare_regions", queryset=HealthcareRegion.objects.order_by("order"))
    )


@dataclass
class AttentionItem:
    text: str
    url: str


def user_councils(user) -> list[Council]:
    ids = {seat.council_id for seat in access.seats(user)}
    return list(Council.objects.filter(pk__in=ids).select_related("healthcare_region"))


def memberships_ending_soon(user, *, within_days: int = 60, today: date | None = None):
    """Seats in the councils the user manages that end within the coming weeks."""
    day = today or timezone.localdate()
    return (
        Membership.objects.filter(
            council_id__in=access.council_ids_managed_by(user),
            end_date__gte=day,
            end_date__lte=day + timedelta(days=within_days),
        )
        .select_related("user", "council")
        .order_by("end_date")
    )


def council_organisations(council: Council, kind: str | None = None) -> QuerySet[Organisation]:
    """The organisations of a regional council's healthcare region (of one kind), by name."""
    if council.healthcare_region_id is None:
        return Organisation.objects.none()
    organisations = Organisation.objects.filter(healthcare_regions=council.healthcare_region_id)
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations.order_by("name")


def organisation_in_council_area(council: Council, organisation: Organisation) -> bool:
    return council_organisations(council).filter(pk=organisation.pk).exists()


@dataclass
class OrganisationChoices:
    """A page of organisations for the organisation picker: at most `limit` of them, and
    whether more match than are shown."""

    organisations: list[Organisation]
    more: bool


def organisations_for_choice(text: str, *, limit: int = 20) -> OrganisationChoices:
    """Organisations for the organisation picker (the combobox of the member form): every word
    of `text` in the name, short name, code, län or kind; names starting with the first word
    first (see the ranking below), then by name. One query, whatever the text."""
    from vkr_portal.search import cleaned

    words = cleaned(text).split()[:8]
    found = Organisation.objects.all()
    for word in words:
        kinds = [
            value
            for value, label in Organisation.Kind.choices
            if word.lower() in str(label).lower()
        ]
        found = found.filter(
            Q(name__icontains=word)
            | Q(short_name__icontains=word)
            | Q(code__istartswith=word)
            | Q(lan_name__icontains=word)
            | Q(kind__in=kinds)
        )
    rank = Value(0)
    if words:
        # The name's beginning first, then a word of the name, then anywhere in the name;
        # matches only in the län, the code or the kind last.
        first = words[0]
        rank = Case(
            When(name__istartswith=first, then=Value(0)),
            When(name__icontains=f" {first}", then=Value(1)),
            When(name__icontains=first, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    rows = list(found.annotate(_rank=rank).order_by("_rank", "name", "kind")[: limit + 1])
    return OrganisationChoices(organisations=rows[:limit], more=len(rows) > limit)
