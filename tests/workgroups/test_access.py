"""Who reads, edits, manages and answers in workgroups: the rules of workgroups/access.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from councils.models import User
from workgroups import access, services
from workgroups.models import Member

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous", "respondent", "member", "other_member", "secretariat", "national", "admin",
    "convenor", "group_member",
]  # fmt: skip
# The own council's group (Mellansverige): who reads, edits (content) and manages it.
READS_OWN = {"member", "secretariat", "national", "admin", "convenor", "group_member"}
EDITS_OWN = {"secretariat", "admin", "convenor", "group_member"}
MANAGES_OWN = {"secretariat", "admin", "convenor"}
ANSWERS_OWN = {"member", "secretariat", "admin"}


def _user(world, role: str):
    """A fresh user object (nothing cached on it from an earlier check), or AnonymousUser."""
    user = world.users[role]
    return AnonymousUser() if user is None else User.objects.get(pk=user.pk)


def _allowed(call) -> bool:
    try:
        call()
    except PermissionDenied:
        return False
    return True


def _own(world) -> tuple[str, int]:
    group = world.extra["own_group"]
    return group.council.slug, group.pk


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_edits_and_manages_the_own_councils_group(world, role):
    slug, pk = _own(world)
    user = _user(world, role)
    assert _allowed(lambda: access.group_for_reading(user, slug, pk)) is (role in READS_OWN)
    assert _allowed(lambda: access.group_for_editing(user, slug, pk)) is (role in EDITS_OWN)
    assert _allowed(lambda: access.group_for_managing(user, slug, pk)) is (role in MANAGES_OWN)


@pytest.mark.parametrize("role", ROLES)
def test_who_answers_the_own_councils_questions(world, role):
    user, question = _user(world, role), world.extra["own_question"]
    allowed = _allowed(lambda: access.question_for_answering(user, "mellansverige", question.pk))
    assert allowed is (role in ANSWERS_OWN)
    if not user.is_anonymous:
        assert access.can_answer_questions(user, world.own) is (role in ANSWERS_OWN)


def test_the_national_council_reads_but_does_not_edit_or_manage(world):
    slug, pk = _own(world)
    national = _user(world, "national")
    group = access.group_for_reading(national, slug, pk)
    assert group == world.extra["own_group"]
    assert not access.can_edit_group(national, group)
    assert not access.can_manage_group(national, group)
    assert not access.can_create_group(national, world.own)
    with pytest.raises(PermissionDenied):
        access.group_for_editing(national, slug, pk)
    with pytest.raises(PermissionDenied):
        access.council_for_answering(national, slug)
    # It reads every council's groups, the other council's too.
    other = world.extra["other_group"]
    assert access.group_for_reading(national, "norra", other.pk) == other


def test_a_council_member_reads_but_does_not_edit(world):
    slug, pk = _own(world)
    member = _user(world, "member")
    group = access.group_for_reading(member, slug, pk)
    assert not access.can_edit_group(member, group)
    with pytest.raises(PermissionDenied):
        access.group_for_editing(member, slug, pk)
    with pytest.raises(PermissionDenied):
        access.council_for_creating(member, slug)


def test_another_councils_member_is_refused(world):
    slug, pk = _own(world)
    other_member = _user(world, "other_member")
    for check in (access.group_for_reading, access.group_for_editing, access.group_for_managing):
        with pytest.raises(PermissionDenied):
            check(other_member, slug, pk)
    with pytest.raises(PermissionDenied):
        access.council_for_listing(other_member, slug)
    with pytest.raises(PermissionDenied):
        access.council_for_answering(other_member, slug)
    assert not access.can_list_groups(other_member, world.own)
    # In its own council, as the convenor of the other group, it manages that group.
    other = world.extra["other_group"]
    assert access.group_for_managing(other_member, "norra", other.pk) == other


@pytest.mark.parametrize("role", ["convenor", "group_member"])
def test_a_group_member_without_a_seat_reads_and_edits_only_their_own_group(world, role):
    slug, pk = _own(world)
    second = services.workgroup_create(council=world.own, name="Förenade anställningar")
    user = _user(world, role)
    assert access.group_for_editing(user, slug, pk) == world.extra["own_group"]
    with pytest.raises(PermissionDenied):
        access.group_for_reading(user, slug, second.pk)
    with pytest.raises(PermissionDenied):
        access.group_for_reading(user, "norra", world.extra["other_group"].pk)
    # The list of the council's groups opens, with only their own group in it.
    assert access.council_for_listing(user, slug) == world.own
    assert not access.can_read_all_groups(user, world.own)
    with pytest.raises(PermissionDenied):
        access.council_for_listing(user, "norra")
    # No seat: neither the council's questions nor creating groups.
    with pytest.raises(PermissionDenied):
        access.council_for_answering(user, slug)
    with pytest.raises(PermissionDenied):
        access.council_for_creating(user, slug)


def test_the_convenor_manages_a_group_member_does_not(world):
    slug, pk = _own(world)
    group = world.extra["own_group"]
    assert access.is_convenor(_user(world, "convenor"), group)
    assert access.can_manage_group(_user(world, "convenor"), group)
    assert not access.is_convenor(_user(world, "group_member"), group)
    with pytest.raises(PermissionDenied):
        access.group_for_managing(_user(world, "group_member"), slug, pk)


def test_a_member_whose_end_date_passed_loses_access(world, client_for):
    slug, pk = _own(world)
    member = world.extra["own_group_member"]
    today = timezone.localdate()
    services.member_update(
        member=member, start_date=today - dt.timedelta(days=90),
        end_date=today - dt.timedelta(days=1),
    )  # fmt: skip
    user = _user(world, "group_member")
    assert access.group_roles(user) == {}
    with pytest.raises(PermissionDenied):
        access.group_for_reading(user, slug, pk)
    with pytest.raises(PermissionDenied):
        access.council_for_listing(user, slug)
    detail = reverse("workgroups:detail", kwargs={"slug": slug, "pk": pk})
    assert client_for("group_member").get(detail).status_code == 403


def test_a_member_ending_today_still_has_access_and_one_starting_later_has_none(world):
    slug, pk = _own(world)
    member = world.extra["own_group_member"]
    today = timezone.localdate()
    services.member_update(member=member, end_date=today)
    assert access.group_for_editing(_user(world, "group_member"), slug, pk)
    services.member_update(member=member, start_date=today + dt.timedelta(days=1), end_date=None)
    with pytest.raises(PermissionDenied):
        access.group_for_reading(_user(world, "group_member"), slug, pk)


def test_group_roles_gives_each_group_its_own_role(world):
    group = world.extra["own_group"]
    # Convenor of one group, ordinary member of another: managing the first only.
    second = services.workgroup_create(council=world.own, name="Intermediärvård")
    services.member_add(group=second, user=world.users["convenor"], role=Member.Role.MEMBER)
    roles = access.group_roles(_user(world, "convenor"))
    assert roles == {group.pk: Member.Role.CONVENOR, second.pk: Member.Role.MEMBER}
    assert not access.can_manage_group(_user(world, "convenor"), second)
    assert access.can_edit_group(_user(world, "convenor"), second)


def test_a_group_of_another_council_is_404_through_this_councils_address(world):
    admin = _user(world, "admin")
    other = world.extra["other_group"]
    with pytest.raises(Http404):
        access.group_for_reading(admin, "mellansverige", other.pk)
    with pytest.raises(Http404):
        access.group_for_reading(admin, "finns-inte", other.pk)


def test_question_for_answering_is_404_for_another_councils_question(world):
    other_question = world.extra["other_question"]
    for role in ("member", "secretariat", "admin"):
        with pytest.raises(Http404):
            access.question_for_answering(_user(world, role), "mellansverige", other_question.pk)
    own = world.extra["own_question"]
    assert access.question_for_answering(_user(world, "member"), "mellansverige", own.pk) == own


def test_objects_of_another_group_are_404_through_this_group(world):
    group = world.extra["own_group"]
    for lookup, key in (
        (access.goal_in_group, "other_goal"),
        (access.meeting_in_group, "other_meeting"),
        (access.report_in_group, "other_report"),
        (access.document_in_group, "other_document"),
        (access.member_in_group, "other_contact"),
    ):
        with pytest.raises(Http404):
            lookup(group, world.extra[key].pk)
