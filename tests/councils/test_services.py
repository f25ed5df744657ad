"""Council services hold their input to what the database can keep, whoever calls them."""

import uuid
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from councils import services
from councils.models import AccessibilityReport, Membership, User
from idempotency.services import AlreadySubmitted

pytestmark = pytest.mark.django_db

LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".se"


def test_a_person_with_an_address_longer_than_the_column_is_refused():
    with pytest.raises(ValidationError) as refused:
        services.person_get_or_create(email=LONG_EMAIL, full_name="Lång Adress")
    assert "email" in refused.value.error_dict
    assert not User.objects.filter(full_name="Lång Adress").exists()


def test_member_add_claims_the_forms_key_once(world):
    key = uuid.uuid4()
    data = {"council": world.own, "email": "ny@kommun.test", "full_name": "Ny Person",
            "role": "ledamot", "party": "kommuner", "idempotency_key": key}  # fmt: skip
    membership = services.member_add(**data)
    with pytest.raises(AlreadySubmitted) as again:
        services.member_add(**data)
    assert again.value.result_url == f"/rad/{world.own.slug}/ledamoter/"
    assert list(Membership.objects.filter(user__email="ny@kommun.test")) == [membership]


def test_member_add_that_fails_leaves_no_person_and_no_claimed_key(world):
    key = uuid.uuid4()
    data = {"council": world.own, "email": "ny@kommun.test", "full_name": "Ny Person",
            "role": "ledamot", "party": "kommuner", "idempotency_key": key}  # fmt: skip
    with pytest.raises(ValidationError):
        services.member_add(**data, start_date=date(1, 1, 1))
    assert not User.objects.filter(email="ny@kommun.test").exists()
    # The key was rolled back with the failure: the corrected form goes through.
    assert services.member_add(**data).user.email == "ny@kommun.test"


def test_ending_a_membership_is_held_to_the_date_range(world):
    membership = world.memberships["member"]
    with pytest.raises(ValidationError) as refused:
        services.membership_end(membership=membership, end_date=date(9999, 12, 31))
    assert "end_date" in refused.value.error_dict
    membership.refresh_from_db()
    assert membership.end_date is None


def test_council_settings_refuse_a_goal_longer_than_the_model_holds(world):
    with pytest.raises(ValidationError) as refused:
        services.council_settings_update(
            council=world.own, mission="Uppdraget", goals=["Kort", "g" * 2001]
        )
    assert refused.value.message_dict["goals"][0].startswith("Mål 2:")
    world.own.refresh_from_db()
    assert world.own.mission != "Uppdraget"


def test_council_settings_refuse_a_mission_longer_than_the_model_holds(world):
    with pytest.raises(ValidationError) as refused:
        services.council_settings_update(council=world.own, mission="m" * 4001, goals=[])
    assert "mission" in refused.value.error_dict


def test_an_accessibility_report_is_held_to_the_models_limits():
    with pytest.raises(ValidationError) as refused:
        services.accessibility_report_create(description="Kontrast", contact_email=LONG_EMAIL)
    assert "contact_email" in refused.value.error_dict
    with pytest.raises(ValidationError):
        services.accessibility_report_create(description="x" * 4001)
    assert not AccessibilityReport.objects.exists()


def test_an_accessibility_report_is_stored_once_per_key():
    key = uuid.uuid4()
    services.accessibility_report_create(description="Kontrast", idempotency_key=key)
    with pytest.raises(AlreadySubmitted):
        services.accessibility_report_create(description="Kontrast", idempotency_key=key)
    assert AccessibilityReport.objects.count() == 1
