"""The national council's pages: the reports, a report's page, publishing reports, areas and
recommendations (the national secretariat only), idempotent and refusing bad input."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recommendations.actors import actors_ensure
from recommendations.models import Area, Publication, Recommendation
from recommendations.services import follow_up_save, publishing

pytestmark = pytest.mark.django_db

READERS = ["member", "other_member", "secretariat", "national", "national_secretariat", "admin"]
NOT_READERS = ["respondent", "convenor", "group_member"]


def small_publication(title: str = "Kompetensförsörjning efter pandemin", number: str = ""):
    """A report with two areas: 1.1 to the regional councils, 1.2 to regions and
    municipalities, 2.1 to the government."""
    actors = actors_ensure()
    publication = publishing.publication_create(
        number=number, title=title, published_on=dt.date(2022, 3, 15),
        url="https://vardkompetensradet.se/rapport.pdf", summary="Rådets uppföljning.",
    )  # fmt: skip
    first = publishing.area_add(publication=publication, position=1, title="Tillvarata kompetens")
    second = publishing.area_add(publication=publication, position=2, title="Forskning")
    add = publishing.recommendation_add
    recs = {
        "councils": add(publication=publication, area=first, position=1,
                        text="De regionala råden bör samordna AT/BT.",
                        addressees=[actors["regionala_rad"]]),
        "regions": add(publication=publication, area=first, position=2,
                       text="Regioner och kommuner bör utveckla handledning.",
                       addressees=[actors["regioner"], actors["kommuner"]]),
        "government": add(publication=publication, area=second, position=1,
                          text="Regeringen bör utreda forskningens villkor.",
                          addressees=[actors["regeringen"]]),
    }  # fmt: skip
    return publication, recs


def _form(**extra) -> dict:
    data = {
        "idempotency_key": str(uuid.uuid4()), "number": "", "title": "Ny rapport",
        "published_on": "2024-05-02", "url": "", "summary": "",
    }  # fmt: skip
    data.update(extra)
    return data


# --- The list and the report's page ----------------------------------------------------------


@pytest.mark.parametrize("role", READERS)
def test_every_council_seat_reads_the_list_and_the_report(world, client_for, role):
    publication, _recs = small_publication()
    client = client_for(role)
    assert client.get(reverse("recommendations:publications")).status_code == 200
    assert client.get(publication.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role", NOT_READERS)
def test_people_without_a_seat_are_refused(world, client_for, role):
    publication, _recs = small_publication()
    client = client_for(role)
    assert client.get(reverse("recommendations:publications")).status_code == 403
    assert client.get(publication.get_absolute_url()).status_code == 403


def test_anonymous_is_sent_to_log_in(world, client_for):
    response = client_for("anonymous").get(reverse("recommendations:publications"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_list_shows_number_or_its_absence_and_the_counts(world, client_for):
    publication, _recs = small_publication()
    publishing.publication_create(
        number="2022:9", title="Nationella AT/BT-gruppens rapport", published_on=dt.date(2022, 6, 1)
    )
    page = client_for("national").get(reverse("recommendations:publications")).content.decode()
    assert "nummer saknas" in page
    assert "2022:9" in page
    assert "2 områden" in page and "3 rekommendationer" in page
    assert reverse("recommendations:matrix", args=[publication.pk]) in page
    assert "Ny rapport" not in page
    publisher = client_for("national_secretariat").get(reverse("recommendations:publications"))
    assert reverse("recommendations:publication_create") in publisher.content.decode()


def test_the_report_page_shows_areas_recommendations_addressees_and_follow_up_counts(
    world, client_for
):
    publication, recs = small_publication()
    for council in (world.own, world.other):
        follow_up_save(
            recommendation=recs["councils"], council=council, version=0, status="genomford"
        )
    follow_up_save(
        recommendation=recs["regions"], council=world.own,
        organisation=world.organisations["region_orebro"], version=0, status="pagar",
    )  # fmt: skip
    page = client_for("member").get(publication.get_absolute_url()).content.decode()
    assert page.index("1. Tillvarata kompetens") < page.index("2. Forskning")
    assert f'id="rekommendation-{recs["regions"].pk}"' in page
    assert "<strong>1.2</strong>" in page
    assert "Regioner och kommuner bör utveckla handledning." in page
    assert "Regionala vårdkompetensråd</span>" in page
    assert "Kommuner</span>" in page
    assert re.search(r"Genomförd</span>\s*2", page)
    assert re.search(r"Pågår</span>\s*1", page)
    assert "Inga uppföljningar registrerade än." in page  # 2.1
    area = recs["regions"].area
    assert f"{reverse('recommendations:matrix', args=[publication.pk])}?omrade={area.pk}" in page
    assert "Ändra rapporten" not in page


def test_the_report_page_runs_the_same_queries_for_more_recommendations(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    publication, recs = small_publication()
    client = client_for("member")
    client.get(reverse("home"))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(publication.get_absolute_url()).status_code == 200
        return len(queries)

    before = count()
    area = recs["regions"].area
    for position in range(3, 13):
        publishing.recommendation_add(publication=publication, area=area, position=position,
                                      text=f"Fler {position}", addressees=[])  # fmt: skip
    assert count() == before


# --- Publishing -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["member", "secretariat", "national", "other_member"])
def test_only_the_national_secretariat_publishes(world, client_for, role):
    publication, recs = small_publication()
    client = client_for(role)
    urls = [
        reverse("recommendations:publication_create"),
        reverse("recommendations:publication_edit", args=[publication.pk]),
        reverse("recommendations:area_create", args=[publication.pk]),
        reverse("recommendations:recommendation_create", args=[publication.pk]),
        reverse("recommendations:recommendation_edit", args=[publication.pk, recs["regions"].pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, _form()).status_code == 403, url
    assert Publication.objects.count() == 3  # the world's two reports and this one


def test_the_secretariat_creates_a_report_once_per_sent_form(world, client_for):
    client = client_for("national_secretariat")
    url = reverse("recommendations:publication_create")
    assert client.get(url).status_code == 200
    data = _form(title="Vårdens kompetensförsörjning 2024")
    first = client.post(url, data)
    publication = Publication.objects.get(title="Vårdens kompetensförsörjning 2024")
    assert first.status_code == 302 and first["Location"] == publication.get_absolute_url()
    assert publication.number == ""
    assert publication.key == "nvkr-vardens-kompetensforsorjning-2024"
    again = client.post(url, data)
    assert again.status_code == 302 and again["Location"] == publication.get_absolute_url()
    assert Publication.objects.filter(title="Vårdens kompetensförsörjning 2024").count() == 1


def test_a_number_already_used_is_refused_at_the_field(world, client_for):
    small_publication(number="2022:5")
    response = client_for("national_secretariat").post(
        reverse("recommendations:publication_create"), _form(number=" 2022:5 ")
    )
    assert response.status_code == 400
    assert "nummer 2022:5" in str(response.context["form"].errors["number"])
    assert Publication.objects.filter(number="2022:5").count() == 1


def test_a_date_out_of_range_or_a_bad_link_is_refused_at_the_field(world, client_for):
    response = client_for("national_secretariat").post(
        reverse("recommendations:publication_create"),
        _form(published_on="1066-10-14", url="javascript:alert(1)"),
    )
    assert response.status_code == 400
    assert {"published_on", "url"} <= set(response.context["form"].errors)
    assert not Publication.objects.filter(title="Ny rapport").exists()


def test_the_secretariat_edits_a_report_and_keeps_its_key(world, client_for):
    publication, _recs = small_publication()
    response = client_for("national_secretariat").post(
        reverse("recommendations:publication_edit", args=[publication.pk]),
        _form(number="2022:2", title="Ändrad titel", published_on="2022-03-16"),
    )
    assert response.status_code == 302
    publication.refresh_from_db()
    assert (publication.number, publication.title) == ("2022:2", "Ändrad titel")
    assert publication.key == "nvkr-kompetensforsorjning-efter-pandemin"


def test_an_area_is_added_once_and_a_taken_number_is_refused(world, client_for):
    publication, _recs = small_publication()
    client = client_for("national_secretariat")
    url = reverse("recommendations:area_create", args=[publication.pk])
    assert client.get(url).context["form"].initial["position"] == 3
    data = {"idempotency_key": str(uuid.uuid4()), "position": 3, "section": "lardomar",
            "title": "Lärdomar från pandemin"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Area.objects.filter(publication=publication, position=3).count() == 1
    taken = client.post(url, {**data, "idempotency_key": str(uuid.uuid4())})
    assert taken.status_code == 400
    assert "område nummer 3" in str(taken.context["form"].errors["position"])


def test_a_recommendation_is_added_with_its_addressees(world, client_for):
    publication, recs = small_publication()
    area = recs["government"].area
    actors = actors_ensure()
    client = client_for("national_secretariat")
    url = reverse("recommendations:recommendation_create", args=[publication.pk])
    assert client.get(f"{url}?omrade={area.pk}").context["form"].initial["area"] == str(area.pk)
    data = {
        "idempotency_key": str(uuid.uuid4()), "area": area.pk, "position": 2,
        "kind": "rekommendation", "text": "Lärosätena bör bredda forskarutbildningen.",
        "addressees": [actors["larosaten"].pk, actors["regioner"].pk],
    }  # fmt: skip
    response = client.post(url, data)
    rec = Recommendation.objects.get(area=area, position=2)
    assert response["Location"].endswith(f"#rekommendation-{rec.pk}")
    assert rec.identifier == "2.2"
    assert {a.code for a in rec.addressees.all()} == {"larosaten", "regioner"}
    client.post(url, data)
    assert Recommendation.objects.filter(area=area).count() == 2


def test_an_area_of_another_report_is_refused_at_the_field(world, client_for):
    publication, _recs = small_publication()
    _other, other_recs = small_publication(title="En annan rapport")
    foreign = other_recs["regions"].area
    response = client_for("national_secretariat").post(
        reverse("recommendations:recommendation_create", args=[publication.pk]),
        {"idempotency_key": str(uuid.uuid4()), "area": foreign.pk, "position": 9,
         "kind": "rekommendation", "text": "Smugglad"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "area" in response.context["form"].errors
    assert not Recommendation.objects.filter(text="Smugglad").exists()
    with pytest.raises(ValidationError) as refused:
        publishing.recommendation_add(publication=publication, area=foreign, position=9, text="x")
    assert "area" in refused.value.error_dict


def test_a_forged_addressee_or_kind_is_refused(world, client_for):
    publication, recs = small_publication()
    response = client_for("national_secretariat").post(
        reverse("recommendations:recommendation_create", args=[publication.pk]),
        {"idempotency_key": str(uuid.uuid4()), "area": recs["regions"].area.pk, "position": 9,
         "kind": "order", "text": "Smugglad", "addressees": [999999]},
    )  # fmt: skip
    assert response.status_code == 400
    assert {"kind", "addressees"} <= set(response.context["form"].errors)


def test_a_recommendation_is_edited_and_moved_within_its_report(world, client_for):
    publication, recs = small_publication()
    rec, target = recs["government"], recs["regions"].area
    actors = actors_ensure()
    response = client_for("national_secretariat").post(
        reverse("recommendations:recommendation_edit", args=[publication.pk, rec.pk]),
        {"area": target.pk, "position": 3, "kind": "bedomning", "text": "Ny text",
         "addressees": [actors["regeringen"].pk]},
    )  # fmt: skip
    assert response.status_code == 302
    rec.refresh_from_db()
    assert (rec.identifier, rec.kind, rec.text) == ("1.3", "bedomning", "Ny text")


def test_a_position_taken_in_the_area_is_refused(world, client_for):
    publication, recs = small_publication()
    rec = recs["government"]
    response = client_for("national_secretariat").post(
        reverse("recommendations:recommendation_edit", args=[publication.pk, rec.pk]),
        {"area": recs["regions"].area.pk, "position": 2, "kind": "rekommendation", "text": "x"},
    )
    assert response.status_code == 400
    assert "nummer 2" in str(response.context["form"].errors["position"])
    rec.refresh_from_db()
    assert rec.identifier == "2.1"


def test_an_addressee_with_follow_ups_cannot_be_taken_away(world, client_for):
    publication, recs = small_publication()
    rec = recs["regions"]
    follow_up_save(
        recommendation=rec, council=world.own, organisation=world.organisations["region_orebro"],
        version=0, status="pagar",
    )  # fmt: skip
    actors = actors_ensure()
    response = client_for("national_secretariat").post(
        reverse("recommendations:recommendation_edit", args=[publication.pk, rec.pk]),
        {"area": rec.area.pk, "position": 2, "kind": "rekommendation", "text": rec.text,
         "addressees": [actors["kommuner"].pk]},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Regioner" in str(response.context["form"].errors["addressees"])
    assert {a.code for a in rec.addressees.all()} == {"regioner", "kommuner"}


def test_a_recommendation_of_another_report_is_not_found(world, client_for):
    publication, _recs = small_publication()
    _other, other_recs = small_publication(title="En annan rapport")
    url = reverse(
        "recommendations:recommendation_edit", args=[publication.pk, other_recs["regions"].pk]
    )
    assert client_for("national_secretariat").get(url).status_code == 404
