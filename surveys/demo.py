"""Demo surveys for Mellansverige, as the seed describes them.

- "Inventering av kompetensutvecklingsbehov 2022": sent by e-mail to 71 of the council's 80
  municipalities, 56 submitted answers whose shares per item follow the seed's percentages
  (e.g. "Palliativ vård: Symtomlindring …" 6 / 81 / 13 / 0 %), the seed's free-text answers,
  5 drafts and 10 municipalities that never opened the link. The respondents are fictitious.
- "Karriärmodeller i hälso- och sjukvården 2022": sent to the council's regions, some
  municipalities and its universities, with a few answers.

Both surveys are open now, so the drafts can still be finished in the demo. Idempotent: a
survey that already exists for the council under its title is left as it is.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from councils.models import Council, Organisation, User

from . import services
from .builtin import survey_from_builtin
from .models import Answer, Invitation, InvitationEvent, Question, Response, Survey

COMPETENCE_TITLE = "Inventering av kompetensutvecklingsbehov 2022"
CAREER_TITLE = "Karriärmodeller i hälso- och sjukvården 2022"
INVITED, SUBMITTED, DRAFTS = 71, 56, 5
SEED = 2022

# The seed's percentages per scale step (Akut, vi satsar gärna | Värdefullt | Intressant, ej
# nödvändigt | Inte aktuellt) for each item, in the built-in survey's order.
ITEM_SHARES = [
    (8, 72, 20, 0), (2, 75, 23, 0),  # klinisk bedömning
    (4, 67, 29, 0),  # vårdhygien
    (11, 66, 23, 0),  # diabetes
    (7, 77, 16, 0), (6, 81, 13, 0), (11, 74, 15, 0),  # palliativ vård
    (20, 59, 17, 4), (15, 68, 13, 4), (4, 79, 11, 6), (13, 62, 21, 4), (6, 70, 20, 4),
    (6, 65, 23, 6), (6, 57, 29, 8),  # demens
    (16, 63, 18, 3), (10, 69, 18, 3), (15, 70, 15, 0), (11, 71, 16, 2),  # nära vård
    (24, 53, 18, 5), (15, 62, 15, 9), (14, 40, 32, 14), (14, 47, 23, 16),  # ledarskap
]  # fmt: skip
# Högskolestudier / Uppdragsutbildning; then each option of the multiple choice on its own
# (Distans, På plats, Komprimerat, Föreläsningar, Seminarium), adding up to more than 100 %.
FORM_SHARES = (20, 80)
ARRANGEMENT_SHARES = (80, 39, 27, 55, 50)

FREE_TEXTS = [
    "Verksamhetssystem som stöd i samtliga punkter ovan.",
    "Sår och sårvård, kardiologi",
    "MI-utbildning (Motiverande samtal). Medarbetarna inom Hemsjukvården jobbar mycket med att "
    "motivera patienterna till olika hälso- och sjukvårdsinsatser. Vilket inte är så lätt alla "
    "gånger och tidskrävande. Detta kompetensutvecklingsbehov har efterfrågats i flera år.",
    "Förflyttningsutbildning för arbetsterapeuter. Övriga diagnoser/sjukdomstillstånd hos "
    "kommunens patientgrupp.",
    "Läkemedel och äldre",
    "Fortgående utbildning i ABCDE vård",
    "Rekrytering/bemanningssituationen avgör om vi kan skicka personal på utbildning.",
    "Handledarutbildning",
]

R = Response.Role
# The roles the seed names, most of them heads of units and of operations.
ROLE_COUNTS = [
    (R.UNIT_MANAGER, 16), (R.HEAD_OF_OPERATIONS, 12), (R.MAS, 10), (R.NURSE, 7), (R.MAR, 5),
    (R.ADMINISTRATION_HEAD, 3), (R.DISTRICT_NURSE, 3),
]  # fmt: skip

FIRST_NAMES = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Sara", "Peter",
    "Lena", "Mats", "Emma", "Nils", "Ida", "Björn", "Malin", "Jonas", "Linnea", "Ola", "Sanna",
]  # fmt: skip
LAST_NAMES = [
    "Andersson", "Bergström", "Carlsson", "Dahlgren", "Ekström", "Fransson", "Gustafsson",
    "Hedberg", "Isaksson", "Jonsson", "Karlberg", "Lindholm", "Magnusson", "Nordin", "Olofsson",
    "Persson", "Rydén", "Sandström", "Törnqvist", "Wikström",
]  # fmt: skip


def counts_for(shares, n: int) -> list[int]:
    """Whole counts for n respondents as close as possible to the shares (largest remainder),
    summing to n even when the seed's rounded percentages do not sum to 100."""
    total = sum(shares)
    exact = [share * n / total for share in shares]
    counts = [int(value) for value in exact]
    by_remainder = sorted(range(len(shares)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: n - sum(counts)]:
        counts[i] += 1
    return counts


def _name(index: int) -> str:
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = LAST_NAMES[(index * 7 + index // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return f"{first} {last}"


def _invite(survey: Survey, organisations, sent_at) -> list[Invitation]:
    """Invitations with a contact address each, a link issued and the sending logged."""
    emails = {o.pk: [f"kontakt@{slugify(o.name)}.example.se"] for o in organisations}
    # A municipality's people with a login and no council seat (the demo respondent) are
    # among its contacts: the start page lists their surveys.
    for person in User.objects.filter(organisation__in=organisations, memberships__isnull=True):
        emails[person.organisation_id].append(person.email)
    services.invitations_create(survey=survey, organisations=organisations, emails=emails)
    invitations = list(survey.invitations.select_related("organisation").order_by("pk"))
    for invitation in invitations:
        services.invitation_issue_link(invitation=invitation)
    survey.invitations.update(sent_at=sent_at)
    InvitationEvent.objects.bulk_create(
        InvitationEvent(invitation=i, kind=InvitationEvent.Kind.SENT, recipients=i.emails,
                        at=sent_at)
        for i in invitations
    )  # fmt: skip
    return invitations


def _open(survey: Survey, opens_at, closes_at) -> Survey:
    return services.survey_update(
        survey=survey, status=Survey.Status.OPEN, opens_at=opens_at, closes_at=closes_at
    )


def _competence_questions(survey: Survey):
    questions = list(
        Question.objects.filter(section__survey=survey)
        .select_related("scale")
        .prefetch_related("options", "scale__steps")
        .order_by("section__order", "order")
    )
    items = [q for q in questions if q.kind == Question.Kind.SCALE]
    form, arrangement, free_text = (q for q in questions if q.kind != Question.Kind.SCALE)
    return items, form, arrangement, free_text


def _allocated(rng: random.Random, values: list, shares, n: int) -> list:
    """One value per respondent, as many of each as the shares say, in a stable shuffle."""
    column = [value for value, count in zip(values, counts_for(shares, n), strict=True)
              for _ in range(count)]  # fmt: skip
    rng.shuffle(column)
    return column


def _competence_answers(rng: random.Random, survey: Survey, n: int) -> list[dict]:
    """Each respondent's answers: {question: value}, the columns following the seed."""
    items, form, arrangement, free_text = _competence_questions(survey)
    assert len(items) == len(ITEM_SHARES), "the built-in survey and the seed's shares differ"
    answers: list[dict] = [{} for _ in range(n)]
    for item, shares in zip(items, ITEM_SHARES, strict=True):
        for row, step in zip(answers, _allocated(rng, list(item.scale.steps.all()), shares, n),
                             strict=True):  # fmt: skip
            row[item] = step
    for row, option in zip(answers, _allocated(rng, list(form.options.all()), FORM_SHARES, n),
                           strict=True):  # fmt: skip
        row[form] = option
    for option, share in zip(arrangement.options.all(), ARRANGEMENT_SHARES, strict=True):
        for index in rng.sample(range(n), counts_for((share, 100 - share), n)[0]):
            answers[index].setdefault(arrangement, []).append(option)
    for index, text in zip(rng.sample(range(n), len(FREE_TEXTS)), FREE_TEXTS, strict=True):
        answers[index][free_text] = text
    return answers


def _answer_rows(response: Response, answers: dict) -> list[Answer]:
    rows = []
    for question, value in answers.items():
        if question.kind == Question.Kind.SCALE:
            rows.append(Answer(response=response, question=question, step=value))
        elif question.kind == Question.Kind.TEXT:
            rows.append(Answer(response=response, question=question, text=value))
        else:
            values = value if isinstance(value, list) else [value]
            rows.extend(Answer(response=response, question=question, option=o) for o in values)
    return rows


def _submitted(rng, survey: Survey, invitations: list[Invitation], opens_at) -> None:
    """The submitted responses, made in bulk: 56 × 25 answers through the service would only
    repeat the same checks; the drafts go through it."""
    n = len(invitations)
    roles = _allocated(rng, [role for role, _ in ROLE_COUNTS], [c for _, c in ROLE_COUNTS], n)
    # Over three weeks: most in the first week after the e-mail, the rest after the reminder.
    offsets = sorted(
        rng.uniform(1, 7 * 24) if rng.random() < 0.65 else rng.uniform(14 * 24, 21 * 24)
        for _ in range(n)
    )
    responses = Response.objects.bulk_create(
        Response(
            survey=survey,
            organisation=invitation.organisation,
            invitation=invitation,
            respondent_name=_name(index),
            respondent_role=roles[index],
            status=Response.Status.SUBMITTED,
            started_at=opens_at + timedelta(hours=offsets[index] - 0.5),
            submitted_at=opens_at + timedelta(hours=offsets[index]),
        )
        for index, invitation in enumerate(invitations)
    )
    rows = []
    for response, answers in zip(responses, _competence_answers(rng, survey, n), strict=True):
        rows.extend(_answer_rows(response, answers))
    Answer.objects.bulk_create(rows, batch_size=1000)


def _drafts(survey: Survey, invitations: list[Invitation]) -> None:
    """Drafts saved halfway through the survey, as a respondent leaves it for later."""
    items, *_ = _competence_questions(survey)
    for index, invitation in enumerate(invitations):
        answered = items[: 4 + 3 * index]
        answers = {q.pk: list(q.scale.steps.all())[1 if i % 3 else 0] for i, q in
                   enumerate(answered)}  # fmt: skip
        services.response_save(
            invitation=invitation,
            answers=answers,
            respondent_name=_name(SUBMITTED + index),
            respondent_role=R.UNIT_MANAGER if index % 2 else R.MAS,
        )


# The demo respondent's municipality (councils/demo.py): invited to both surveys.
RESPONDENT_ORG = "Arvika kommun"


def _with_respondent(chosen: list[Organisation], municipalities) -> list[Organisation]:
    """The sample with the respondent's municipality in it (in place of the last one)."""
    if any(o.name == RESPONDENT_ORG for o in chosen):
        return chosen
    theirs = [o for o in municipalities if o.name == RESPONDENT_ORG]
    return sorted(chosen[:-1] + theirs, key=lambda o: o.code) if theirs else chosen


def _competence_survey(council: Council) -> None:
    rng = random.Random(SEED)
    now = timezone.now()
    # Closing in five days with many yet to answer: the secretariat is asked to remind them.
    opens_at, closes_at = now - timedelta(days=24), now + timedelta(days=5)
    survey = survey_from_builtin(council=council, key="kompetensutveckling",
                                 title=COMPETENCE_TITLE)  # fmt: skip
    _open(survey, opens_at, closes_at)
    municipalities = list(
        Organisation.objects.filter(
            healthcare_regions=council.healthcare_region, kind=Organisation.Kind.MUNICIPALITY
        ).order_by("code")
    )
    chosen = sorted(rng.sample(municipalities, INVITED), key=lambda o: o.code)
    chosen = _with_respondent(chosen, municipalities)
    invitations = _invite(survey, chosen, opens_at)
    rng.shuffle(invitations)
    _submitted(rng, survey, invitations[:SUBMITTED], opens_at)
    _drafts(survey, invitations[SUBMITTED : SUBMITTED + DRAFTS])
    # The reminder went, after two weeks, to everyone who had not submitted by then.
    reminded_at = opens_at + timedelta(days=14)
    early = set(
        survey.responses.filter(submitted_at__lt=reminded_at).values_list("invitation", flat=True)
    )
    pending = [i for i in invitations if i.pk not in early]
    Invitation.objects.filter(pk__in=[i.pk for i in pending]).update(reminded_at=reminded_at)
    InvitationEvent.objects.bulk_create(
        InvitationEvent(invitation=i, kind=InvitationEvent.Kind.REMINDED, recipients=i.emails,
                        at=reminded_at)
        for i in pending
    )  # fmt: skip


# ---------------------------------------------------------------- the career-model survey

# (organisation name, its yes/no answers in order: the 16 statements, the 3 questions on
# studies, then the questions for its kind; its free-text answers by the question's start)
CAREER_ANSWERS = [
    ("Region Örebro län", "1111111111011101" "111" "1", {
        "Om arbete har påbörjats att utveckla": "Sjuksköterskor, barnmorskor, biomedicinska "
        "analytiker, fysioterapeuter och arbetsterapeuter.",
        "Om arbete har påbörjats att införa": "Sjuksköterskor och barnmorskor.",
        "Hur arbetar ni med karriärmodeller?": "En gemensam grundmodell i fyra steg tas fram "
        "centralt av HR tillsammans med verksamheterna och anpassas sedan per yrkesgrupp.",
        "Hur samverkar ni med lärosäten": "Genom kombinationstjänster och gemensamma "
        "kursplaner för specialistsjuksköterskor med Örebro universitet.",
        "Om ja, på vilket sätt?": "Vi delar vår grundmodell med länets kommuner i det "
        "gemensamma nätverket för kompetensförsörjning.",
    }),
    ("Region Värmland", "1110011000001000" "100" "0", {
        "Hur arbetar ni med karriärmodeller?": "Arbetet har startat med en kartläggning av "
        "befintliga kompetensstegar i verksamheterna.",
        "Om nej, är det något ni ser ett behov av?": "Ja, särskilt inom hemsjukvården och "
        "den nära vården.",
    }),
    ("Örebro kommun", "1100000000000100" "100" "0", {
        "Hur arbetar ni med karriärmodeller?": "Vi har en kompetensstege för undersköterskor "
        "och ser över motsvarande för legitimerad personal.",
        "Om nej, är det något ni ser ett behov av?": "Ja, en gemensam modell med regionen "
        "skulle underlätta rörlighet och rekrytering.",
    }),
    ("Örebro universitet", "1010000000001000" "111" "11", {
        "I så fall, samverkar ni med region och kommuner": "Genom det regionala "
        "vårdkompetensrådet och gemensamma beredningsgrupper för VFU.",
        "I så fall, på vilket sätt?": "Lärosätet deltar i regionens arbete med "
        "kompetensstegar för specialistsjuksköterskor.",
        "På vilket sätt kan karriärmodeller": "Tydliga karriärvägar gör det attraktivare att "
        "stanna i yrket och att vidareutbilda sig.",
    }),
]  # fmt: skip


def _career_answers(questions: list[Question], kind: str, statements: str, texts: dict) -> dict:
    """A respondent's answers to every question it sees: yes/no from the pattern, texts by
    the start of the question."""
    answers, bits = {}, iter(statements)
    for question in questions:
        if not question.is_visible_to(kind):
            continue
        if question.kind == Question.Kind.YES_NO:
            answers[question.pk] = next(bits, "0") == "1"
        else:
            text = next((t for start, t in texts.items() if question.text.startswith(start)), "")
            if text:
                answers[question.pk] = text
    return answers


def _career_survey(council: Council) -> None:
    now = timezone.now()
    opens_at, closes_at = now - timedelta(days=10), now + timedelta(days=30)
    survey = survey_from_builtin(council=council, key="karriarmodeller", title=CAREER_TITLE)
    _open(survey, opens_at, closes_at)
    region = council.healthcare_region
    organisations = Organisation.objects.filter(healthcare_regions=region)
    regions = list(organisations.filter(kind=Organisation.Kind.REGION).order_by("code"))
    municipalities = list(
        organisations.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("code")[::10]
    )
    municipalities += list(organisations.filter(kind=Organisation.Kind.MUNICIPALITY,
                                                name__in=["Örebro kommun", RESPONDENT_ORG])
                           .exclude(pk__in=[o.pk for o in municipalities]))  # fmt: skip
    universities = list(organisations.filter(kind=Organisation.Kind.UNIVERSITY).order_by("name"))
    invitations = _invite(survey, regions + municipalities + universities, opens_at)
    by_name = {i.organisation.name: i for i in invitations}
    questions = list(Question.objects.filter(section__survey=survey).order_by(
        "section__order", "order"))  # fmt: skip
    for index, (name, statements, texts) in enumerate(CAREER_ANSWERS):
        invitation = by_name[name]
        answers = _career_answers(questions, invitation.organisation.kind, statements, texts)
        response = services.response_save(
            invitation=invitation,
            answers=answers,
            respondent_name=_name(100 + index),
            respondent_role=R.OTHER,
            submit=True,
        )
        Response.objects.filter(pk=response.pk).update(
            submitted_at=opens_at + timedelta(days=2 + 2 * index)
        )


@transaction.atomic
def demo_load() -> None:
    """Create Mellansverige's demo surveys that do not exist yet."""
    council = Council.objects.get(slug="mellansverige")
    if not Survey.objects.filter(council=council, title=COMPETENCE_TITLE).exists():
        _competence_survey(council)
    if not Survey.objects.filter(council=council, title=CAREER_TITLE).exists():
        _career_survey(council)


def demo_respondent_link() -> tuple[str, str] | None:
    """A fresh answering link for an invited municipality that has not submitted, to print.

    Only hashes are stored, so the link of the demo round cannot be read back: each run
    issues a new one (the earlier printed link stops working, the saved answers stay).
    """
    from django.conf import settings
    from django.urls import reverse

    survey = Survey.objects.filter(title=COMPETENCE_TITLE).first()
    if survey is None:
        return None
    invitation = (
        survey.invitations.filter(revoked_at__isnull=True)
        .exclude(response__status=Response.Status.SUBMITTED)
        .select_related("organisation")
        .order_by("organisation__name")
        .first()
    )
    if invitation is None:
        return None
    token = services.invitation_issue_link(invitation=invitation).token
    url = settings.PORTAL_BASE_URL.rstrip("/") + reverse("surveys:link", args=[token])
    return invitation.organisation.name, url
