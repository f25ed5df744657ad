"""The portal's admin site: the portal's login form, and a 400 (not a 500) for the malformed
ids that Django's own admin lets through."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_forged_selected_action_id_is_a_bad_request(client_for):
    response = client_for("admin").post(
        reverse("admin:councils_organisation_changelist"),
        {"action": "delete_selected", "_selected_action": ["abc"], "index": "0"},
    )
    assert response.status_code == 400
    assert "Ogiltig förfrågan" in response.content.decode()


def test_an_autocomplete_field_with_an_id_of_no_kind_is_a_bad_request(world, client_for):
    membership = world.memberships["member"]
    url = reverse("admin:councils_membership_change", args=[membership.pk])
    response = client_for("admin").post(url, {"user": "abc", "council": world.own.pk})
    assert response.status_code == 400


def test_the_admin_login_refuses_an_overlong_name_like_a_wrong_password(world):
    from django.test import Client

    response = Client().post(reverse("admin:login"), {"username": "a" * 10_000, "password": "fel"})
    assert response.status_code == 200
    assert response.context["form"].errors
