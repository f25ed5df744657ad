"""The survey demo data: the seed's competence-needs round in Mellansverige (71 invited, 56
submitted with the seed's shares per item), the career-model round, and a second load that
changes nothing."""

import pytest
from django.db.models import Count

from activities import demo as activities_demo
from councils import demo as councils_demo
from councils.models import Organisation
from councils.reference_data import reference_data_load
from surveys import demo as surveys_demo
from surveys.demo import counts_for
from surveys.models import Answer, Invitation, InvitationEvent, Question, Response, Survey

pytestmark = pytest.mark.django_db

# Items of the seed with their shares per step (Akut | Värdefullt | Intressant | Inte aktuellt).
SEED_ITEMS = {
    "Palliativ vård: Symtomlindring och behandling i palliativ vård och i livets slutskede":
        (6, 81, 13, 0),
    "Demens: Personcentrerad omvårdnad av personer med demenssjukdom": (20, 59, 17, 4),
    "Ledarskap: Omvårdnadskunskap för chefer": (14, 40, 32, 14),
    "Ledarskap: Att leda medarbetare som utför delegerade insatser enligt HSL": (15, 62, 15, 9),
    "Vårdhygien": (4, 67, 29, 0),
}  # fmt: skip
ARRANGEMENT = {"Distans": 80, "På plats": 39, "Komprimerat": 27, "Föreläsningar": 55,
               "Seminarium": 50}  # fmt: skip


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """Loaded once for the module (it takes a few seconds), and removed afterwards."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            reference_data_load()
            councils_demo.demo_load()
            activities_demo.demo_load()
            surveys_demo.demo_load()
            yield
            transaction.set_rollback(True)


@pytest.fixture
def competence(_loaded) -> Survey:
    return Survey.objects.get(
        council__slug="mellansverige", title="Inventering av kompetensutvecklingsbehov 2022"
    )


def _shares(question: Question) -> list[float]:
    answers = Answer.objects.filter(question=question, response__status="submitted")
    counts = dict(answers.values_list("step__order").annotate(n=Count("pk")))
    total = sum(counts.values())
    return [counts.get(order, 0) * 100 / total for order in (1, 2, 3, 4)]


def test_the_round_went_to_71_municipalities_and_56_answered(competence):
    invitations = competence.invitations.select_related("organisation")
    assert invitations.count() == 71
    assert {i.organisation.kind for i in invitations} == {Organisation.Kind.MUNICIPALITY}
    assert all(i.organisation.healthcare_regions.filter(code="MELLANSVERIGE") for i in invitations)
    assert all(i.sent_at and i.token_hash for i in invitations)
    # Each municipality's contact address; Arvika's also the demo respondent's, who logs in.
    assert all(
        i.emails[0] == f"kontakt@{_slug(i.organisation.name)}.example.se" for i in invitations
    )
    assert {i.organisation.name: i.emails[1:] for i in invitations if i.emails[1:]} == {
        "Arvika kommun": ["respondent@arvika.example.se"]
    }
    assert InvitationEvent.objects.filter(invitation__survey=competence, kind="sent").count() == 71
    responses = competence.responses
    assert responses.filter(status=Response.Status.SUBMITTED).count() == 56
    assert responses.filter(status=Response.Status.DRAFT).count() == 5
    assert Invitation.objects.filter(survey=competence, response__isnull=True).count() == 10
    assert competence.status == Survey.Status.OPEN and competence.accepts_answers()


def _slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name)


def test_the_submitted_answers_follow_the_seeds_shares(competence):
    items = {q.text: q for q in Question.objects.filter(section__survey=competence, kind="scale")}
    for text, seed in SEED_ITEMS.items():
        shares = _shares(items[text])
        assert all(abs(got - want) <= 3 for got, want in zip(shares, seed, strict=True)), text
    every_item = Answer.objects.filter(
        question__section__survey=competence, question__kind="scale", response__status="submitted"
    )
    assert every_item.count() == 22 * 56  # every item answered by every respondent


def test_the_form_arrangement_and_free_text_follow_the_seed(competence):
    questions = Question.objects.filter(section__survey=competence)
    form = questions.get(kind="single")
    chosen = dict(
        Answer.objects.filter(question=form, response__status="submitted")
        .values_list("option__label")
        .annotate(n=Count("pk"))
    )
    assert chosen == {"Högskolestudier": 11, "Uppdragsutbildning (ej högskolepoäng)": 45}
    arrangement = questions.get(kind="multiple")
    chosen = dict(
        Answer.objects.filter(question=arrangement, response__status="submitted")
        .values_list("option__label")
        .annotate(n=Count("pk"))
    )
    for label, share in ARRANGEMENT.items():
        assert abs(chosen[label] * 100 / 56 - share) <= 3, label
    texts = list(Answer.objects.filter(question__kind="text", question__section__survey=competence)
                 .values_list("text", flat=True))  # fmt: skip
    assert len(texts) == 8 and "Handledarutbildning" in texts


def test_respondents_have_the_seeds_roles_and_submitted_over_weeks(competence):
    submitted = competence.responses.filter(status=Response.Status.SUBMITTED)
    roles = set(submitted.values_list("respondent_role", flat=True))
    assert roles == {"verksamhetschef", "enhetschef", "mas", "mar", "ssk", "forvaltningschef",
                     "distriktsskoterska"}  # fmt: skip
    assert all(submitted.values_list("respondent_name", flat=True))
    times = sorted(submitted.values_list("submitted_at", flat=True))
    assert (times[-1] - times[0]).days >= 14
    assert times[0] >= competence.opens_at


def test_the_drafts_were_saved_through_the_service_and_keep_their_answers(competence):
    drafts = competence.responses.filter(status=Response.Status.DRAFT)
    assert all(d.answers.exists() and d.submitted_at is None for d in drafts)


def test_the_career_round_went_to_regions_municipalities_and_universities(_loaded):
    survey = Survey.objects.get(title="Karriärmodeller i hälso- och sjukvården 2022")
    kinds = dict(survey.invitations.values_list("organisation__kind").annotate(n=Count("pk")))
    assert kinds["region"] == 7 and kinds["larosate"] == 6 and 1 <= kinds["kommun"] < 80
    submitted = survey.responses.filter(status=Response.Status.SUBMITTED)
    assert 3 <= submitted.count() <= 5
    university = submitted.get(organisation__kind="larosate")
    assert university.answers.filter(question__section__title="Frågor till lärosäten").exists()
    region = submitted.filter(organisation__kind="region").first()
    assert not region.answers.filter(question__visible_to=["larosate"]).exists()


def _counts() -> tuple[int, ...]:
    return (
        Survey.objects.count(),
        Question.objects.count(),
        Invitation.objects.count(),
        InvitationEvent.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
    )


def test_loading_twice_changes_nothing(_loaded):
    first = _counts()
    surveys_demo.demo_load()
    assert _counts() == first


def test_counts_follow_the_shares_and_add_up():
    assert counts_for((6, 81, 13, 0), 56) == [4, 45, 7, 0]
    assert sum(counts_for((15, 62, 15, 9), 56)) == 56  # the seed's row adds up to 101 %
    assert counts_for((20, 80), 56) == [11, 45]
