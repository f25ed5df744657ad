"""The recommendations demo: Mellansverige's seven regions on every recommendation to the
regions, its own follow-ups linked to Arbetsgrupp AT/BT and to the 2022 plan's activity on
förenade anställningar, a round to the regions with three answers turned into follow-ups,
follow-ups of Norra and Västra, some older than twelve months; a second load that changes
nothing."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from activities import demo as activities_demo
from councils import demo as councils_demo
from councils.management.commands.load_demo_data import DEMO_APPS
from councils.models import Organisation, User
from councils.reference_data import reference_data_load
from recommendations import demo as recommendations_demo
from recommendations.demo import texts
from recommendations.models import Actor, FollowUp, FollowUpRound, Recommendation
from recommendations.selectors import stale_follow_ups
from surveys import demo as surveys_demo
from surveys.models import Invitation, InvitationEvent, Response
from workgroups import demo as workgroups_demo

pytestmark = pytest.mark.django_db

MELLANSVERIGE_REGIONS = {
    "Region Dalarna", "Region Gävleborg", "Region Sörmland", "Region Uppsala", "Region Värmland",
    "Region Västmanland", "Region Örebro län",
}  # fmt: skip


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """Loaded once for the module (with the demos it builds on), and removed afterwards."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            reference_data_load()
            councils_demo.demo_load()
            activities_demo.demo_load()
            surveys_demo.demo_load()
            workgroups_demo.demo_load()
            recommendations_demo.demo_load()
            yield
            transaction.set_rollback(True)


def _addressed_to(code: str) -> list[Recommendation]:
    return list(
        Recommendation.objects.filter(
            area__publication__key=texts.PUBLICATION_KEY, addressees__code=code
        ).select_related("area")
    )


def _follow_ups(slug: str):
    return FollowUp.objects.filter(council__slug=slug).select_related(
        "recommendation__area", "organisation"
    )


def test_every_region_of_mellansverige_follows_up_every_recommendation_to_the_regions(_loaded):
    to_regions = _addressed_to(Actor.Code.REGIONS)
    assert len(to_regions) == 20
    cells = {
        (f.recommendation_id, f.organisation.name)
        for f in _follow_ups("mellansverige").filter(organisation__isnull=False)
    }
    assert cells == {(rec.pk, name) for rec in to_regions for name in MELLANSVERIGE_REGIONS}
    statuses = set(
        _follow_ups("mellansverige")
        .filter(organisation__isnull=False)
        .values_list("status", flat=True)
    )
    assert statuses == set(FollowUp.Status.values)


def test_the_region_texts_are_short_and_match_the_status(_loaded):
    for follow_up in _follow_ups("mellansverige").filter(organisation__isnull=False):
        assert len(follow_up.done) < 200
        if follow_up.status == FollowUp.Status.NOT_APPLICABLE:
            assert follow_up.recommendation.identifier == "2.6"  # "Kommunerna bör ..."
    done = _follow_ups("mellansverige").get(
        organisation__name="Region Dalarna",
        recommendation__area__position=1,
        recommendation__position=3,
    )
    assert done.done.startswith("Ledarutvecklingsprogram för första linjens chefer startat 2023")
    # Its earlier state, planned, is in its history.
    assert [h.status for h in done.history.order_by("history_date")] == [
        FollowUp.Status.PLANNED,
        FollowUp.Status.ONGOING,
    ]


def test_the_council_follows_up_its_own_four_recommendations_with_links(_loaded):
    to_councils = {rec.identifier for rec in _addressed_to(Actor.Code.COUNCILS)}
    assert to_councils == {"5.7", "5.8", "6.7", "6.8"}
    own = {
        f.recommendation.identifier: f
        for f in _follow_ups("mellansverige").filter(organisation__isnull=True)
    }
    assert set(own) == to_councils
    # 6.8 (VFU och klinisk praktik) is carried out, for AT/BT, by the AT/BT group.
    assert "Arbetsgrupp AT/BT" in {g.name for g in own["6.8"].workgroups.all()}
    # 6.7 (klinisk forskning och förenade anställningar): the 2022 plan's activity.
    activities = list(own["6.7"].activities.select_related("plan__council"))
    assert [(a.title, a.plan.year, a.plan.council.slug) for a in activities] == [
        (texts.FORENADE, 2022, "mellansverige")
    ]
    assert activities[0].focus_area.short_name == "Klinisk forskning"
    assert {f.recorded_by.email for f in own.values()} == {recommendations_demo.SECRETARIAT}


def test_a_round_to_the_regions_with_three_answers_made_follow_ups(_loaded):
    round_ = FollowUpRound.objects.get(council__slug="mellansverige")
    assert round_.publication.key == texts.PUBLICATION_KEY
    assert round_.actor.code == Actor.Code.REGIONS
    assert round_.questions.count() == 20
    invitations = Invitation.objects.filter(survey=round_.survey).select_related("organisation")
    assert {i.organisation.name for i in invitations} == MELLANSVERIGE_REGIONS
    assert all(i.sent_at and i.emails for i in invitations)
    submitted = Response.objects.filter(survey=round_.survey, status=Response.Status.SUBMITTED)
    assert {r.organisation.name for r in submitted} == set(texts.ROUND_REGIONS)
    from_round = _follow_ups("mellansverige").filter(source=FollowUp.Source.ROUND)
    assert {f.organisation.name for f in from_round} == set(texts.ROUND_REGIONS)
    assert from_round.count() == 3 * 20
    column = texts.REGIONS.index("Region Uppsala")
    for follow_up in from_round.filter(organisation__name="Region Uppsala"):
        status, done = texts.MELLANSVERIGE_REGIONS[follow_up.recommendation.identifier][column]
        assert (follow_up.status, follow_up.done) == (status, done)
        assert follow_up.recorded_on == timezone.localdate()
    # Region Uppsala's 4.10 was recorded by the council in 2023; its answer replaced it.
    intro = from_round.get(
        organisation__name="Region Uppsala",
        recommendation__area__position=4,
        recommendation__position=10,
    )
    history = list(intro.history.order_by("history_date"))
    assert [(h.source, h.recorded_on) for h in history] == [
        (FollowUp.Source.COUNCIL, date(2023, 6, 12)),
        (FollowUp.Source.ROUND, timezone.localdate()),
    ]


def test_norra_and_vastra_have_follow_ups_on_regions_and_their_own(_loaded):
    for slug in ("norra", "vastra"):
        follow_ups = list(_follow_ups(slug))
        regions = [f for f in follow_ups if f.organisation_id]
        own = [f for f in follow_ups if not f.organisation_id]
        assert len(regions) >= 5 and len(own) >= 2, slug
        assert {f.organisation.kind for f in regions} == {Organisation.Kind.REGION}
        assert all(f.recorded_by.email == f"sekretariat@{slug}.example.se" for f in follow_ups)


def test_some_follow_ups_are_older_than_twelve_months(_loaded):
    today = timezone.localdate()
    days = set(FollowUp.objects.values_list("recorded_on", flat=True))
    assert min(days).year == 2023 and max(days) <= today
    assert {day.year for day in days} >= {2023, 2024, 2025, 2026}
    old = FollowUp.objects.filter(council__slug="mellansverige",
                                  recorded_on__lt=today - timedelta(days=366))  # fmt: skip
    assert old.exclude(status=FollowUp.Status.DONE).count() >= 10
    # The start page of the council's secretariat lists them.
    secretariat = User.objects.get(email=recommendations_demo.SECRETARIAT)
    stale = stale_follow_ups(secretariat)
    assert stale and all(f.council.slug == "mellansverige" for f in stale)


def test_some_are_recorded_by_the_secretariat_and_some_by_members(_loaded):
    by = set(
        _follow_ups("mellansverige")
        .filter(recorded_by__isnull=False)
        .values_list("recorded_by__email", flat=True)
    )
    assert recommendations_demo.SECRETARIAT in by
    assert "ledamot@mellansverige.example.se" in by


def _counts() -> dict:
    return {
        "follow_ups": FollowUp.objects.count(),
        "history": FollowUp.history.count(),
        "versions": sum(FollowUp.objects.values_list("version", flat=True)),
        "links": FollowUp.activities.through.objects.count()
        + FollowUp.workgroups.through.objects.count(),
        "rounds": FollowUpRound.objects.count(),
        "invitations": Invitation.objects.count(),
        "events": InvitationEvent.objects.count(),
        "responses": Response.objects.count(),
    }


def test_loading_twice_changes_nothing(_loaded):
    first = _counts()
    assert first["follow_ups"] == 4 * 20 + 4 + 3 * 20 + 10 + 9
    recommendations_demo.demo_load()
    assert _counts() == first


def test_load_demo_data_loads_it_after_the_workgroups():
    assert DEMO_APPS.index("recommendations") == DEMO_APPS.index("workgroups") + 1


def test_the_atbt_group_follows_the_national_atbt_report(_loaded):
    from recommendations.models import Publication

    report = Publication.objects.get(key="nvkr-2022-1-atbt")
    assert report.number == "2022:1"
    assert [g.name for g in report.workgroups.all()] == ["Arbetsgrupp AT/BT"]
