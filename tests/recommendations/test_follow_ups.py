"""A council's follow-ups: recorded in place, refused when they do not concern it, never lost
to a stale save, with history."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recommendations import services
from recommendations.models import FollowUp

HX = {"HTTP_HX_REQUEST": "true"}


def _org_url(world, org="region_orebro", council=None):
    council = council or world.own
    return reverse(
        "recommendations:follow_up_edit_organisation",
        kwargs={"slug": council.slug, "rec_pk": world.extra["region_recommendation"].pk,
                "org_pk": world.organisations[org].pk},
    )  # fmt: skip


def _own_url(world):
    return reverse(
        "recommendations:follow_up_edit",
        kwargs={"slug": world.own.slug, "rec_pk": world.extra["council_recommendation"].pk},
    )


def test_the_council_page_lists_its_recommendations_by_addressee(world, client_for):
    page = client_for("member").get(reverse("recommendations:council", args=["mellansverige"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Till regionala vårdkompetensråd" in text and "Till regioner" in text
    assert "Region Örebro län" in text and "Planerad" in text
    # Another area's region is not among Mellansverige's.
    assert "Region Västerbotten" not in text


def test_a_member_records_an_organisations_follow_up_in_place(world, client_for):
    follow_up = world.extra["own_region_follow_up"]
    response = client_for("member").post(
        _org_url(world),
        {"status": "pagar", "done": "Utbildning för chefer startad", "version": follow_up.version},
        **HX,
    )
    assert response.status_code == 200
    assert 'id="fu-' in response.content.decode() and "Pågår" in response.content.decode()
    announced = json.loads(response["HX-Trigger-After-Settle"])["vkr:announce"]
    assert announced["message"] == "Uppföljningen är sparad."
    follow_up.refresh_from_db()
    assert follow_up.status == "pagar" and follow_up.version == 2
    assert follow_up.recorded_by == world.users["member"]
    assert follow_up.history.count() == 2


def test_a_stale_save_is_refused_and_keeps_the_text(world, client_for):
    follow_up = world.extra["own_region_follow_up"]
    first = client_for("secretariat").post(
        _org_url(world), {"status": "genomford", "version": follow_up.version}, **HX
    )
    assert first.status_code == 200
    second = client_for("member").post(
        _org_url(world), {"status": "pagar", "done": "Min text", "version": follow_up.version}, **HX
    )
    assert second.status_code == 409
    body = second.content.decode()
    assert "någon annan hann ändra" in body and "Min text" in body and "Genomförd" in body
    follow_up.refresh_from_db()
    assert follow_up.status == "genomford"


def test_a_status_not_in_the_list_is_refused_at_the_field(world, client_for):
    follow_up = world.extra["own_region_follow_up"]
    response = client_for("member").post(
        _org_url(world), {"status": "klar", "version": follow_up.version}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["status"]
    follow_up.refresh_from_db()
    assert follow_up.status == "planerad"


def test_an_organisation_outside_the_area_is_not_found(world, client_for):
    response = client_for("member").get(_org_url(world, "region_vb"))
    assert response.status_code == 404


def test_the_service_refuses_what_does_not_concern_the_council(world):
    region = world.extra["region_recommendation"]
    with pytest.raises(ValidationError, match="ligger inte i"):
        services.follow_up_save(
            recommendation=region, council=world.own, version=0, status="pagar",
            organisation=world.organisations["region_vb"],
        )  # fmt: skip
    with pytest.raises(ValidationError, match="inte riktad till"):
        services.follow_up_save(
            recommendation=region, council=world.own, version=0, status="pagar",
            organisation=world.organisations["uu"],
        )  # fmt: skip
    with pytest.raises(ValidationError, match="regionala vårdkompetensråden"):
        services.follow_up_save(recommendation=region, council=world.own, version=0)
    with pytest.raises(ValidationError, match="regionala råden"):
        services.follow_up_save(
            recommendation=world.extra["council_recommendation"],
            council=world.councils["nationella"], version=0,
        )  # fmt: skip
    assert FollowUp.objects.count() == 3


def test_links_to_another_councils_workgroup_are_refused(world):
    with pytest.raises(ValidationError) as refused:
        services.follow_up_save(
            recommendation=world.extra["council_recommendation"], council=world.own,
            version=None, workgroups=[world.extra["other_group"]],
        )  # fmt: skip
    assert "workgroups" in refused.value.message_dict


def test_the_follow_up_page_shows_history_and_links(world, client_for):
    follow_up = world.extra["own_follow_up"]
    services.follow_up_save(
        recommendation=follow_up.recommendation, council=world.own, version=follow_up.version,
        status="genomford", done="Klart",
    )  # fmt: skip
    url = reverse("recommendations:follow_up", args=["mellansverige", follow_up.pk])
    page = client_for("other_member").get(url).content.decode()
    assert "Ändringshistorik" in page and "Pågår → Genomförd" in page
    assert world.extra["own_group"].name in page


def test_the_council_page_runs_a_constant_number_of_queries(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("member")
    client.get(reverse("home"))
    url = reverse("recommendations:council", args=["mellansverige"])

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    small = count()
    region = world.organisations["region_orebro"]
    for recommendation in world.extra["publication"].areas.get(position=1).recommendations.all():
        if recommendation.addressees.filter(code="regioner").exists():
            services.follow_up_save(
                recommendation=recommendation, council=world.own, organisation=region,
                version=None, status="pagar",
            )  # fmt: skip
    assert count() == small, small


def test_the_start_page_lists_follow_ups_not_updated_in_a_year(world, client_for):
    import datetime as dt

    follow_up = world.extra["own_region_follow_up"]
    FollowUp.objects.filter(pk=follow_up.pk).update(recorded_on=dt.date.today() - dt.timedelta(400))
    page = client_for("member").get(reverse("home")).content.decode()
    assert "inte uppdaterats på ett år" in page
    assert reverse("recommendations:follow_up", args=["mellansverige", follow_up.pk]) in page
    # Norra's member sits in another council: not theirs to update.
    other = client_for("other_member").get(reverse("home")).content.decode()
    assert "inte uppdaterats på ett år" not in other


def test_the_council_page_links_to_the_follow_up(world, client_for):
    page = client_for("member").get(reverse("councils:detail", args=["mellansverige"]))
    assert reverse("recommendations:council", args=["mellansverige"]) in page.content.decode()


def test_the_same_change_sent_twice_is_saved_once_and_no_conflict(world, client_for):
    follow_up = world.extra["own_region_follow_up"]
    data = {"status": "pagar", "done": "Samma text", "version": follow_up.version}
    client = client_for("member")
    assert client.post(_org_url(world), data, **HX).status_code == 200
    again = client.post(_org_url(world), data, **HX)
    assert again.status_code == 200 and "Pågår" in again.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.version == 2 and follow_up.history.count() == 2
