"""A signed-in respondent's surveys: the start page's list (the invitations that name their
e-mail) and the signed-in way in, which grants exactly what the link grants and nothing for
anyone else's invitation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from councils.models import Organisation
from surveys import selectors, services
from surveys.access import SESSION_KEY
from surveys.models import Invitation, Response, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(world):
    """Arvika's invitation names the respondent's address (in other letters' case)."""
    invitation = world.extra["own_invitation"]
    Invitation.objects.filter(pk=invitation.pk).update(
        emails=["kontakt@1784.test", "Svarande@Arvika.TEST"]
    )
    invitation.refresh_from_db()
    return invitation


def _answer_url(invitation) -> str:
    return reverse("surveys:mine_answer", args=[invitation.pk])


def _respondent(world):
    return world.users["respondent"]


def _survey_invited(world, n: int) -> Invitation:
    """Another open survey of the own council with the respondent's address invited."""
    survey = services.survey_create(council=world.own, title=f"Enkät {n}", audience=["kommun"])
    services.question_add(
        section=services.section_add(survey=survey, title="Avsnitt"), kind="text", text="Fråga"
    )
    services.survey_update(survey=survey, status="open")
    org = world.organisations["arvika"]
    [invitation] = services.invitations_create(
        survey=survey, organisations=[org], emails={org.pk: ["svarande@arvika.test"]}
    )
    services.invitation_issue_link(invitation=invitation)
    return invitation


def test_the_list_holds_the_invitations_that_name_the_address_with_their_status(world, mine):
    user = _respondent(world)
    [item] = selectors.respondent_surveys(user)
    assert item.invitation == mine and item.status == "not_started" and item.saved_at is None
    services.response_save(invitation=mine, answers={}, respondent_name="Sara")
    [item] = selectors.respondent_surveys(user)
    assert item.status == "draft"
    assert item.saved_at == Response.objects.get(invitation=mine).updated_at
    services.response_save(
        invitation=mine,
        answers={
            world.extra["own_scale_item"].pk: world.extra["own_scale_item"].scale.steps.first()
        },
        submit=True,
    )
    [item] = selectors.respondent_surveys(user)
    assert item.status == "submitted"
    assert item.saved_at == Response.objects.get(invitation=mine).submitted_at


def test_the_list_leaves_out_other_addresses_revoked_links_and_surveys_not_open(world, mine):
    user = _respondent(world)
    # An address that only contains the user's is someone else's.
    other = world.extra["other_invitation"]
    Invitation.objects.filter(pk=other.pk).update(emails=["xsvarande@arvika.test.se"])
    revoked = _survey_invited(world, 1)
    services.invitation_revoke(invitation=revoked)
    closed = _survey_invited(world, 2)
    services.survey_update(
        survey=closed.survey,
        opens_at=timezone.now() - timedelta(days=3),
        closes_at=timezone.now() - timedelta(minutes=1),
    )
    not_sent = _survey_invited(world, 3)
    Invitation.objects.filter(pk=not_sent.pk).update(token_hash=None)
    assert [item.invitation for item in selectors.respondent_surveys(user)] == [mine]
    assert selectors.respondent_surveys(world.users["member"]) == []


def test_the_list_takes_one_query_however_many_surveys(world, mine, django_assert_num_queries):
    user = _respondent(world)
    with django_assert_num_queries(1):
        assert len(selectors.respondent_surveys(user)) == 1
    for n in range(3):
        services.response_save(invitation=_survey_invited(world, n), answers={})
    with django_assert_num_queries(1):
        items = selectors.respondent_surveys(user)
        assert [item.status for item in items].count("draft") == 3
        assert all(item.survey.council.short_name for item in items)
        assert all(item.invitation.organisation.name for item in items)


def test_the_partial_links_each_survey_with_its_status(world, mine, rf):
    services.response_save(invitation=mine, answers={}, respondent_name="Sara")
    items = selectors.respondent_surveys(_respondent(world))
    html = render_to_string("surveys/_my_surveys.html", {"my_surveys": items})
    assert "Enkäter att besvara" in html
    assert _answer_url(mine) in html
    assert "Utkast sparat" in html and "Fortsätt svara" in html
    assert mine.survey.title in html
    assert render_to_string("surveys/_my_surveys.html", {"my_surveys": []}).strip() == ""


def test_the_signed_in_way_in_grants_what_the_link_grants(world, mine, client_for):
    client = client_for("respondent")
    opened = client.get(_answer_url(mine))
    respond = reverse("surveys:respond", args=[mine.pk])
    assert opened.status_code == 302 and opened["Location"] == respond
    assert client.session[SESSION_KEY] == {str(mine.pk): mine.token_hash}
    assert client.get(respond).status_code == 200
    saved = client.post(respond, {"step": "1", "go": "1", "respondent_name": "x"})
    assert saved.status_code == 302
    # Nothing for any other invitation.
    assert (
        client.get(
            reverse("surveys:respond", args=[world.extra["other_invitation"].pk])
        ).status_code
        == 403
    )


def test_a_new_link_ends_the_grant_and_the_start_page_opens_it_again(world, mine, client_for):
    client = client_for("respondent")
    client.get(_answer_url(mine))
    services.invitation_issue_link(invitation=mine)
    respond = reverse("surveys:respond", args=[mine.pk])
    gone = client.get(respond)
    assert gone.status_code == 410
    # The page says where to open it again: a signed-in person's start page.
    assert f'<a href="{reverse("home")}">Öppna enkäten från startsidan igen</a>' in (
        gone.content.decode()
    )
    assert client.get(_answer_url(mine)).status_code == 302
    assert client.get(respond).status_code == 200


def test_a_submitted_response_leads_to_its_receipt(world, mine, client_for):
    item = world.extra["own_scale_item"]
    services.response_save(
        invitation=mine, answers={item.pk: item.scale.steps.first()}, submit=True
    )
    client = client_for("respondent")
    client.get(_answer_url(mine))
    page = client.get(reverse("surveys:respond", args=[mine.pk]), follow=True)
    assert page.redirect_chain[-1][0] == reverse("surveys:receipt", args=[mine.pk])
    assert "Tack! Svaren är inskickade." in page.content.decode()


@pytest.mark.parametrize("role", ["respondent", "member", "secretariat", "admin", "national"])
def test_anyone_elses_invitation_is_not_found(world, mine, client_for, role):
    other = world.extra["other_invitation"]  # Umeå's, in Norra
    client = client_for(role)
    assert client.get(_answer_url(other)).status_code == 404
    assert client.get(reverse("surveys:mine_answer", args=[999_999])).status_code == 404
    if role != "respondent":
        assert client.get(_answer_url(mine)).status_code == 404
    assert SESSION_KEY not in client.session


def test_a_revoked_invitation_is_not_found(world, mine, client_for):
    services.invitation_revoke(invitation=mine)
    assert client_for("respondent").get(_answer_url(mine)).status_code == 404


def test_a_closed_survey_gets_the_clear_closed_page(world, mine, client_for):
    services.survey_update(
        survey=mine.survey,
        opens_at=timezone.now() - timedelta(days=3),
        closes_at=timezone.now() - timedelta(minutes=1),
    )
    client = client_for("respondent")
    page = client.get(_answer_url(mine))
    assert page.status_code == 410
    assert "tar inte emot fler svar" in page.content.decode()
    assert SESSION_KEY not in client.session


def test_a_survey_back_to_draft_is_not_open_either(world, mine, client_for):
    Survey.objects.filter(pk=mine.survey_id).update(status=Survey.Status.DRAFT)
    page = client_for("respondent").get(_answer_url(mine))
    assert page.status_code == 410 and "inte öppen för svar" in page.content.decode()


def test_anonymous_is_sent_to_log_in(world, mine):
    page = Client().get(_answer_url(mine))
    assert page.status_code == 302 and page["Location"].startswith(reverse("login"))


def test_the_address_decides_not_the_organisation(world, mine, client_for):
    """A member of staff at Arvika whose address the invitation does not list gets nothing."""
    assert world.users["respondent"].organisation == Organisation.objects.get(code="1784")
    Invitation.objects.filter(pk=mine.pk).update(emails=["kontakt@1784.test"])
    assert client_for("respondent").get(_answer_url(mine)).status_code == 404
