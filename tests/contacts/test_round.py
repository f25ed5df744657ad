"""Every survey round takes its recipients' addresses from the register, and the round's
`kod;e-post` import writes into it. Before sending, the page lists the recipients without an
address; a draft sends nothing, however the request comes."""

import re

import pytest
from django.urls import reverse

from contacts import services as contacts
from contacts.models import Contact
from surveys import services as surveys
from surveys.models import Invitation
from surveys.services.invitations import invitations_addresses_from_register

pytestmark = pytest.mark.django_db


def _url(name: str, survey, **extra) -> str:
    return reverse(f"surveys:{name}",
                   kwargs={"slug": survey.council.slug, "pk": survey.pk, **extra})  # fmt: skip


@pytest.fixture
def draft(world):
    return world.extra["own_draft_survey"]


def _emails(survey) -> dict[str, list[str]]:
    return dict(survey.invitations.values_list("organisation__code", "emails"))


def test_the_import_writes_the_register_under_the_chosen_role(world, client_for, draft):
    client = client_for("secretariat")
    text = "1784;Maria.Mas@Arvika.test\n1880;mas@orebro.test;mas2@orebro.test"
    response = client.post(_url("emails_import", draft), {"text": text, "role": "mas"})
    assert response.status_code == 302
    kept = set(Contact.objects.values_list("organisation__code", "role", "email"))
    assert kept == {("1784", "mas", "maria.mas@arvika.test"), ("1880", "mas", "mas@orebro.test"),
                    ("1880", "mas", "mas2@orebro.test")}  # fmt: skip
    assert _emails(draft)["1784"] == ["maria.mas@arvika.test"]
    # Imported again, the addresses stay once; another role keeps its own.
    client.post(_url("emails_import", draft), {"text": text, "role": "mas"})
    client.post(_url("emails_import", draft), {"text": "1784;chef@arvika.test",
                                                "role": "forvaltningschef"})  # fmt: skip
    assert Contact.objects.filter(role="mas").count() == 3
    assert Contact.objects.filter(role="forvaltningschef").get().email == "chef@arvika.test"


def test_an_import_with_an_unknown_code_writes_neither_the_round_nor_the_register(
    world, client_for, draft
):
    text = "1784;a@arvika.test\n2480;umea@umea.test"  # Umeå is another council's
    response = client_for("secretariat").post(_url("emails_import", draft),
                                              {"text": text, "role": "mas"})  # fmt: skip
    assert response.status_code == 400
    assert "ingen organisation med koden 2480" in response.content.decode()
    assert not Contact.objects.exists() and not draft.invitations.exists()


def test_adding_recipients_takes_their_addresses_from_the_register_for_the_role(
    world, client_for, draft
):
    arvika, orebro = world.organisations["arvika"], world.organisations["orebro"]
    contacts.contacts_add(emails={arvika.pk: ["mas@arvika.test"]}, role="mas")
    contacts.contacts_add(emails={orebro.pk: ["chef@orebro.test"]}, role="forvaltningschef")
    response = client_for("secretariat").post(
        _url("recipients", draft), {"kinds": ["kommun"], "role": "mas"}, follow=True
    )
    assert _emails(draft) == {"1784": ["mas@arvika.test"], "1880": []}
    assert "1 av dem saknar adress för rollen i kontaktregistret." in response.content.decode()


def test_the_next_round_finds_what_the_last_one_imported(world, client_for, draft):
    client = client_for("secretariat")
    first_round = world.extra["own_survey"]
    client.post(_url("emails_import", first_round), {"text": "1880;ny@orebro.test", "role": "mas"})
    client.post(_url("recipients", draft), {"kinds": ["kommun"], "role": "mas"})
    assert _emails(draft)["1880"] == ["ny@orebro.test"]


def test_the_page_lists_the_recipients_without_an_address_with_links_to_the_register(
    world, client_for, draft
):
    arvika, orebro = world.organisations["arvika"], world.organisations["orebro"]
    contacts.contacts_add(emails={arvika.pk: ["mas@arvika.test"]}, role="mas")
    surveys.invitations_create(survey=draft, organisations=[arvika, orebro], role="mas")
    page = client_for("secretariat").get(_url("recipients", draft)).content.decode()
    assert "1 av 2 mottagare saknar e-postadress" in page
    missing = page[
        page.index('id="missing-addresses"') : page.index(
            "</section>", page.index("missing-addresses")
        )
    ]
    edit = reverse("contacts:organisation", kwargs={"slug": world.own.slug, "pk": orebro.pk})
    assert f'href="{edit}?next=' in missing and "Örebro kommun" in missing
    assert "Arvika kommun" not in missing
    assert 'href="/rad/mellansverige/kontakter/"' in page


def test_every_recipient_with_an_address_is_said_so(world, client_for):
    page = client_for("secretariat").get(_url("recipients", world.extra["own_survey"]))
    assert "Alla 2 mottagare har en e-postadress." in page.content.decode()
    assert "saknar e-postadress" not in page.content.decode()


def test_addresses_added_to_the_register_since_are_taken_for_those_without(
    world, client_for, draft
):
    arvika, orebro = world.organisations["arvika"], world.organisations["orebro"]
    surveys.invitations_create(survey=draft, organisations=[arvika, orebro],
                               emails={arvika.pk: ["kept@arvika.test"]})  # fmt: skip
    contacts.contacts_add(emails={arvika.pk: ["mas@arvika.test"]}, role="mas")
    contacts.contacts_add(emails={orebro.pk: ["mas@orebro.test"]}, role="mas")
    response = client_for("secretariat").post(
        _url("register_addresses", draft), {"role": "mas"}, follow=True
    )
    assert "1 mottagare fick adresser ur kontaktregistret." in response.content.decode()
    # Only those without an address: what the round has is not replaced.
    assert _emails(draft) == {"1784": ["kept@arvika.test"], "1880": ["mas@orebro.test"]}


def test_a_sent_invitation_keeps_its_addresses_when_the_register_is_read_again(world):
    survey = world.extra["own_survey"]
    Invitation.objects.filter(survey=survey).update(emails=[])
    sent = Invitation.objects.filter(survey=survey, organisation__code="1880")
    sent.update(sent_at="2026-01-05T10:00Z")
    contacts.contacts_add(emails={o.pk: ["x@test.se"] for o in world.organisations.values()},
                          role="mas")  # fmt: skip
    assert invitations_addresses_from_register(survey=survey, role="mas") == 1
    assert _emails(survey) == {"1784": ["x@test.se"], "1880": []}


# ---------------------------------------------------------------- a draft sends nothing


def _send_button(page: str) -> str:
    return re.search(r"<button[^>]*>Skicka inbjudningar till dem som inte fått någon", page)[0]


def test_on_a_draft_the_send_button_is_disabled_and_says_why(world, client_for, draft):
    page = client_for("secretariat").get(_url("recipients", draft)).content.decode()
    button = _send_button(page)
    assert " disabled" in button and 'aria-describedby="send-refusal"' in button
    assert re.search(r'<p[^>]*id="send-refusal"[^>]*>Enkäten är ett utkast: öppna den', page)


def test_on_an_open_survey_it_is_not(world, client_for):
    page = client_for("secretariat").get(_url("recipients", world.extra["own_survey"]))
    assert " disabled" not in _send_button(page.content.decode())
    assert 'id="send-refusal"' not in page.content.decode()


def test_on_a_closed_survey_it_is_disabled_too(world, client_for):
    survey = surveys.survey_update(survey=world.extra["own_survey"], status="closed")
    page = client_for("secretariat").get(_url("recipients", survey)).content.decode()
    assert " disabled" in _send_button(page)
    assert "Enkäten är stängd: inga inbjudningar eller påminnelser skickas." in page


@pytest.mark.parametrize("action", ["send", "remind"])
def test_a_forged_send_on_a_draft_is_refused_clearly_and_sends_nothing(
    world, client_for, draft, mailoutbox, django_capture_on_commit_callbacks, action
):
    arvika = world.organisations["arvika"]
    surveys.invitations_create(survey=draft, organisations=[arvika],
                               emails={arvika.pk: ["mas@arvika.test"]})  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("secretariat").post(_url(action, draft), follow=True)
    page = response.content.decode()
    assert "Enkäten är ett utkast: öppna den under Inställningar" in page
    assert "Inget har skickats." in page
    assert mailoutbox == []
    assert not draft.invitations.filter(sent_at__isnull=False).exists()
    assert not draft.invitations.exclude(token_hash=None).exists()


def test_a_forged_new_link_on_a_draft_sends_nothing(world, client_for, draft, mailoutbox):
    arvika = world.organisations["arvika"]
    [invitation] = surveys.invitations_create(survey=draft, organisations=[arvika],
                                              emails={arvika.pk: ["mas@arvika.test"]})  # fmt: skip
    response = client_for("secretariat").post(
        _url("resend", draft, invitation_pk=invitation.pk), follow=True
    )
    assert "Inget har skickats." in response.content.decode()
    assert mailoutbox == [] and not draft.invitations.exclude(token_hash=None).exists()
    assert not surveys.invitation_send(invitation=invitation, kind="resent")
