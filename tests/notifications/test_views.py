"""The notification settings page: /konto/aviseringar/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.kinds import KINDS
from notifications.models import Delivery, Kind, Preference

URL = "/konto/aviseringar/"


def _all(**changes) -> dict[str, str]:
    """A full form: every kind at its default, but for the changes."""
    return {kind: changes.get(kind, info.default) for kind, info in KINDS.items()}


def test_the_url(world):
    assert reverse("notifications:settings") == URL


def test_anonymous_is_sent_to_the_login(world, client_for):
    response = client_for("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client_for("anonymous").post(URL, _all()).status_code == 302
    assert not Preference.objects.exists()


@pytest.mark.parametrize("role", ["respondent", "member", "secretariat", "national", "admin",
                                  "convenor"])  # fmt: skip
def test_every_signed_in_person_sees_their_own_choices(world, client_for, role):
    response = client_for(role).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for info in KINDS.values():
        assert f">{info.legend}</legend>" in html
    assert world.users[role].email in html


def test_the_defaults_are_checked(world, client_for):
    html = client_for("member").get(URL).content.decode()
    assert 'name="activity_raised" id="id_activity_raised_1" value="digest" checked' in html
    assert 'name="raise_answered" id="id_raise_answered_0" value="immediate" checked' in html


def test_saving_keeps_only_the_changes_and_says_so(world, client_for):
    client = client_for("member")
    data = _all(activity_raised=Delivery.NEVER, survey_closing=Delivery.DIGEST)
    response = client.post(URL, data, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Dina val för aviseringar är sparade." in response.content.decode()
    mine = dict(
        Preference.objects.filter(user=world.users["member"]).values_list("kind", "delivery")
    )
    assert mine == {"activity_raised": "never", "survey_closing": "digest"}
    html = response.content.decode()
    assert 'name="activity_raised" id="id_activity_raised_2" value="never" checked' in html
    # Back to the default: its row goes.
    client.post(URL, _all(survey_closing=Delivery.DIGEST))
    mine = dict(
        Preference.objects.filter(user=world.users["member"]).values_list("kind", "delivery")
    )
    assert mine == {"survey_closing": "digest"}


def test_each_person_changes_only_their_own(world, client_for):
    Preference.objects.create(
        user=world.users["secretariat"], kind=Kind.QUESTION_ASKED, delivery=Delivery.IMMEDIATE
    )
    client_for("member").post(URL, _all(question_asked=Delivery.NEVER))
    theirs = Preference.objects.get(user=world.users["secretariat"])
    assert theirs.delivery == Delivery.IMMEDIATE
    assert Preference.objects.get(user=world.users["member"]).delivery == Delivery.NEVER


def test_a_forged_value_is_refused_with_a_clear_error(world, client_for):
    response = client_for("member").post(URL, _all(raise_answered="hourly"))
    assert response.status_code == 400
    assert "Välj direkt, daglig sammanfattning eller aldrig." in response.content.decode()
    assert not Preference.objects.exists()


def test_a_forged_kind_is_refused_with_a_clear_error(world, client_for):
    data = {**_all(activity_raised=Delivery.NEVER), "everything": "never"}
    response = client_for("member").post(URL, data)
    assert response.status_code == 400
    assert "Okänd typ av avisering: everything." in response.content.decode()
    assert not Preference.objects.exists()


def test_a_missing_kind_is_refused(world, client_for):
    data = _all()
    del data["report_ready"]
    response = client_for("member").post(URL, data)
    assert response.status_code == 400
    assert "Välj hur du vill få det här." in response.content.decode()


def test_the_service_refuses_what_the_form_would(world):
    from django.core.exceptions import ValidationError

    from notifications.services import preferences_save

    with pytest.raises(ValidationError, match="Okänd typ"):
        preferences_save(user=world.users["member"], choices={"forged": "never"})
    with pytest.raises(ValidationError, match="Välj direkt"):
        preferences_save(user=world.users["member"], choices={"raise_answered": "hourly"})


def test_the_password_page_and_the_settings_link_to_each_other(world, client_for):
    client = client_for("member")
    password = client.get(reverse("password_change")).content.decode()
    assert f'href="{URL}"' in password
    settings_page = client.get(URL).content.decode()
    assert f'href="{reverse("password_change")}"' in settings_page
    assert 'aria-current="page">Aviseringar via e-post' in settings_page


def test_the_page_reads_the_same_queries_however_many_choices(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("member")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    count()  # the first request of a session writes it
    none = count()
    for kind in (Kind.QUESTION_ASKED, Kind.SURVEY_CLOSING, Kind.REPORT_READY):
        Preference.objects.create(user=world.users["member"], kind=kind, delivery=Delivery.NEVER)
    assert count() == none
