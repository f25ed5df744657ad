"""The access module: who may read, edit and manage which council."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from councils import access
from councils.models import User

pytestmark = pytest.mark.django_db


def _fresh(user: User) -> User:
    # Seats are read once per request and kept on the user object.
    return User.objects.get(pk=user.pk)


def test_roles_read_edit_and_manage(world):
    own, other = world.own, world.other
    u = world.users
    assert not access.can_read_councils(AnonymousUser())
    assert not access.can_read_councils(u["respondent"])
    assert access.can_read_councils(u["member"])
    assert access.can_edit_council(u["member"], own)
    assert not access.can_edit_council(u["member"], other)
    assert not access.can_manage_council(u["member"], own)
    assert access.can_manage_council(u["secretariat"], own)
    assert not access.can_manage_council(u["secretariat"], other)
    assert access.is_national_member(u["national"])
    assert not access.is_national_member(u["member"])
    assert not access.can_edit_council(u["national"], own)
    assert access.can_manage_council(u["admin"], other)


def test_an_ended_or_future_seat_gives_no_access(world):
    membership = world.memberships["member"]
    membership.end_date = date.today() - timedelta(days=1)
    membership.start_date = date.today() - timedelta(days=30)
    membership.save()
    assert not access.can_read_councils(_fresh(world.users["member"]))
    membership.start_date = date.today() + timedelta(days=5)
    membership.end_date = None
    membership.save()
    assert not access.can_read_councils(_fresh(world.users["member"]))


def test_an_inactive_admin_is_no_admin(world):
    admin = world.users["admin"]
    admin.is_active = False
    admin.save()
    assert not access.is_admin(_fresh(admin))


def test_seats_are_read_once_per_user_object(world, django_assert_num_queries):
    user = _fresh(world.users["member"])
    with django_assert_num_queries(1):
        access.can_read_councils(user)
        access.can_edit_council(user, world.own)
        access.can_manage_council(user, world.own)
