"""Council pages: what they show, and that bad or forged input changes nothing."""

import uuid
from datetime import date, timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from councils.forms import AdminLoginForm
from councils.models import AccessibilityReport, Membership, User

pytestmark = pytest.mark.django_db


def test_council_page_shows_members_grouped_by_party(world, client_for):
    response = client_for("member").get(world.own.get_absolute_url())
    assert response.status_code == 200
    groups = [group.party for group in response.context["party_groups"]]
    assert groups == ["regioner", "ovriga"]
    assert "Maja Ledamot" in response.content.decode()


def test_unknown_council_slug_is_404(world, client_for):
    assert client_for("member").get("/rad/finns-inte/").status_code == 404


def test_secretariat_adds_a_member_who_is_created_without_password(world, client_for):
    url = reverse("councils:member_add", kwargs={"slug": world.own.slug})
    response = client_for("secretariat").post(
        url,
        {
            "email": "Ny.Ledamot@Kommun.test",
            "full_name": "Ny Ledamot",
            "title": "Förvaltningschef",
            "person_organisation": world.organisations["orebro"].pk,
            "role": "ledamot",
            "party": "kommuner",
            "organisation": world.organisations["orebro"].pk,
            "represents": "Örebros kommuner",
            "start_date": "2026-01-01",
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="ny.ledamot@kommun.test")
    assert membership.council == world.own
    assert not membership.user.has_usable_password()


def test_adding_a_person_twice_is_refused_at_the_form(world, client_for):
    url = reverse("councils:member_add", kwargs={"slug": world.own.slug})
    data = {
        "email": world.users["member"].email,
        "full_name": "Maja Ledamot",
        "role": "ledamot",
        "party": "regioner",
        "start_date": "2026-01-01",
        "idempotency_key": str(uuid.uuid4()),
    }
    response = client_for("secretariat").post(url, data)
    assert response.status_code == 200
    assert "redan ett pågående medlemskap" in response.content.decode()
    assert Membership.objects.filter(user=world.users["member"]).count() == 1


def test_a_forged_role_is_refused_with_a_message_at_the_field(world, client_for):
    membership = world.memberships["member"]
    url = reverse("councils:member_edit", kwargs={"slug": world.own.slug, "pk": membership.pk})
    response = client_for("secretariat").post(
        url, {"role": "kung", "party": "regioner", "start_date": "2026-01-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    membership.refresh_from_db()
    assert membership.role == "ledamot"


def test_end_before_start_is_an_error_at_the_end_date(world, client_for):
    membership = world.memberships["member"]
    url = reverse("councils:member_edit", kwargs={"slug": world.own.slug, "pk": membership.pk})
    response = client_for("secretariat").post(
        url,
        {"role": "ledamot", "party": "regioner", "start_date": "2026-05-01",
         "end_date": "2026-04-01"},
    )  # fmt: skip
    assert response.context["form"].errors["end_date"]
    membership.refresh_from_db()
    assert membership.end_date is None


def test_a_forged_post_to_another_councils_membership_changes_nothing(world, client_for):
    foreign = world.memberships["other_member"]
    data = {"role": "ordforande", "party": "regioner", "start_date": "2020-01-01"}
    # Through the other council's own URL: not this secretariat's council.
    url = reverse("councils:member_edit", kwargs={"slug": world.other.slug, "pk": foreign.pk})
    assert client_for("secretariat").post(url, data).status_code == 403
    # Through the own council's URL with the foreign id: not found in this council.
    url = reverse("councils:member_edit", kwargs={"slug": world.own.slug, "pk": foreign.pk})
    assert client_for("secretariat").post(url, data).status_code == 404
    end_url = reverse("councils:member_end", kwargs={"slug": world.own.slug, "pk": foreign.pk})
    assert client_for("secretariat").post(end_url, {"end_date": "2026-01-01"}).status_code == 404
    foreign.refresh_from_db()
    assert (foreign.role, foreign.end_date) == ("ledamot", None)


def test_ending_a_membership_keeps_it_with_its_end_date(world, client_for):
    membership = world.memberships["member"]
    url = reverse("councils:member_end", kwargs={"slug": world.own.slug, "pk": membership.pk})
    end = date.today() + timedelta(days=1)
    response = client_for("secretariat").post(url, {"end_date": end.isoformat()})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == end


def test_secretariat_edits_mission_and_goals_in_order(world, client_for):
    url = reverse("councils:settings", kwargs={"slug": world.own.slug})
    response = client_for("secretariat").post(
        url, {"mission": "Ett samverkansforum.", "goals": "• främja dialog\n\n• samverka"}
    )
    assert response.status_code == 302
    assert [g.text for g in world.own.goals.order_by("order")] == ["främja dialog", "samverka"]


def test_organisation_list_filters_and_searches(world, client_for):
    url = reverse("organisations")
    client = client_for("member")
    kommuner = client.get(url, {"kind": "kommun"}).context["page"].paginator.count
    assert kommuner == 3
    region = world.own.healthcare_region_id
    in_region = client.get(url, {"kind": "kommun", "healthcare_region": region})
    assert in_region.context["page"].paginator.count == 2
    found = client.get(url, {"q": "arvika"}).context["page"]
    assert [org.name for org in found] == ["Arvika kommun"]


def test_accessibility_report_is_stored_and_sent(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accessibility"),
            {
                "description": "Knappen saknar etikett",
                "page_url": "/rad/",
                "idempotency_key": str(uuid.uuid4()),
            },
        )
    assert response.status_code == 302
    assert AccessibilityReport.objects.get().description == "Knappen saknar etikett"
    assert "Knappen saknar etikett" in mail.outbox[0].body


def test_login_is_throttled_after_repeated_wrong_passwords(world, client):
    url = reverse("login")
    email = world.users["member"].email
    for _ in range(5):
        client.post(url, {"username": email, "password": "fel"})
    response = client.post(url, {"username": email, "password": "test-pass-4711"})
    assert response.status_code == 429
    assert "För många inloggningsförsök" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Only that account is locked: another person at the same address still gets in.
    other = world.users["secretariat"].email
    assert client.post(url, {"username": other, "password": "test-pass-4711"}).status_code == 302


def test_wrong_password_gets_a_clear_message(world, client):
    response = client.post(reverse("login"), {"username": "ingen@x.test", "password": "fel"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_start_page_lists_memberships_ending_soon_for_the_secretariat(world, client_for):
    membership = world.memberships["member"]
    membership.end_date = date.today() + timedelta(days=10)
    membership.save()
    response = client_for("secretariat").get(reverse("home"))
    assert list(response.context["ending_soon"]) == [membership]
    assert list(client_for("member").get(reverse("home")).context["ending_soon"]) == []


# --- input the database cannot hold, and forms sent twice

# 64 + 1 + 3 × 63 + 2 × 1 + 3 = 259 characters: valid for Django's EmailValidator (up to 320),
# too long for the varchar(254) column.
LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".se"


def _member_data(**overrides) -> dict:
    data = {
        "email": "ny.ledamot@kommun.test",
        "full_name": "Ny Ledamot",
        "role": "ledamot",
        "party": "kommuner",
        "start_date": "2026-01-01",
        "idempotency_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_a_member_email_longer_than_the_column_is_refused_at_the_field(world, client_for):
    assert len(LONG_EMAIL) == 259
    url = reverse("councils:member_add", kwargs={"slug": world.own.slug})
    response = client_for("secretariat").post(url, _member_data(email=LONG_EMAIL))
    assert response.status_code == 200
    assert "högst 254 tecken" in " ".join(response.context["form"].errors["email"])
    assert not User.objects.filter(email__startswith="aaaa").exists()


def test_a_date_outside_2000_2100_is_refused_at_the_field_and_adds_no_person(world, client_for):
    url = reverse("councils:member_add", kwargs={"slug": world.own.slug})
    response = client_for("secretariat").post(url, _member_data(start_date="0001-01-01"))
    assert response.status_code == 200
    assert "mellan 2000-01-01 och 2100-12-31" in response.context["form"].errors["start_date"][0]
    assert not User.objects.filter(email="ny.ledamot@kommun.test").exists()


def test_ending_a_membership_in_year_9999_is_refused_at_the_field(world, client_for):
    membership = world.memberships["member"]
    url = reverse("councils:member_end", kwargs={"slug": world.own.slug, "pk": membership.pk})
    response = client_for("secretariat").post(url, {"end_date": "9999-12-31"})
    assert response.status_code == 200
    assert response.context["form"].errors["end_date"]
    membership.refresh_from_db()
    assert membership.end_date is None


def test_the_same_member_form_sent_twice_adds_the_person_once(world, client_for):
    url = reverse("councils:member_add", kwargs={"slug": world.own.slug})
    client = client_for("secretariat")
    data = _member_data()
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    members = reverse("councils:members", kwargs={"slug": world.own.slug})
    assert first.status_code == 302 and first["Location"] == members
    assert second.redirect_chain == [(members, 302)]
    assert "redan skickat" in second.content.decode()
    assert Membership.objects.filter(user__email="ny.ledamot@kommun.test").count() == 1
    # A form shown anew has a new key: the next person is added as usual.
    fresh = client.get(url).context["form"]["idempotency_key"].value()
    assert fresh != data["idempotency_key"]


def test_council_settings_are_held_to_the_models_limits(world, client_for):
    url = reverse("councils:settings", kwargs={"slug": world.own.slug})
    client = client_for("secretariat")
    response = client.post(url, {"mission": "m" * 4001, "goals": "Ett mål"})
    assert response.status_code == 200
    assert "Högst 4000 tecken (nu 4001)" in response.context["form"].errors["mission"][0]
    response = client.post(url, {"mission": "Uppdraget", "goals": "Kort\n" + "g" * 2001})
    assert response.status_code == 200
    assert "Mål 2 är för långt" in response.context["form"].errors["goals"][0]
    world.own.refresh_from_db()
    assert world.own.mission != "Uppdraget"
    assert not world.own.goals.exists()


def test_an_accessibility_report_email_longer_than_the_column_is_refused(world, client):
    response = client.post(
        reverse("accessibility"),
        {"description": "Knappen saknar etikett", "contact_email": LONG_EMAIL,
         "idempotency_key": str(uuid.uuid4())},
    )  # fmt: skip
    assert response.status_code == 200
    assert "högst 254 tecken" in response.context["form"].errors["contact_email"][0]
    assert not AccessibilityReport.objects.exists()


def test_the_same_accessibility_report_sent_twice_is_stored_and_mailed_once(
    world, client, django_capture_on_commit_callbacks
):
    data = {"description": "Fokus syns inte", "idempotency_key": str(uuid.uuid4())}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("accessibility"), data)
        second = client.post(reverse("accessibility"), data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert AccessibilityReport.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_login_name_longer_than_an_address_gets_the_usual_answer(world, client):
    response = client.post(reverse("login"), {"username": "a" * 300 + "@x.test", "password": "x"})
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors.as_data()[0].code == "invalid_login"
    assert not AccessAttempt.objects.exists()


def test_the_admin_login_form_gives_a_long_login_name_the_usual_answer(world, rf):
    request = rf.post("/admin/login/")
    form = AdminLoginForm(request, data={"username": "a" * 300 + "@x.test", "password": "x"})
    assert not form.is_valid()
    assert form.non_field_errors().as_data()[0].code == "invalid_login"
    assert not AccessAttempt.objects.exists()


def test_wrong_passwords_for_a_normal_address_are_still_counted(world, client):
    email = world.users["member"].email
    client.post(reverse("login"), {"username": email, "password": "fel"})
    client.post(reverse("login"), {"username": email, "password": "fel igen"})
    assert AccessAttempt.objects.get(username=email).failures_since_start == 2
