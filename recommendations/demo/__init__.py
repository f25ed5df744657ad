"""Demo follow-ups of the national council's March 2022 report.

- Mellansverige: its seven regions on every recommendation to the regions (four recorded by
  the council's members, dated 2023–2026 so that some are older than twelve months, a few with
  an earlier state in their history); its own follow-up of the four recommendations to the
  regional councils, 6.7 linked to the 2022 plan's activity on förenade anställningar and 6.8
  to Arbetsgrupp AT/BT.
- A follow-up round of the recommendations to the regions, sent to the seven regions: Region
  Gävleborg, Region Uppsala and Region Värmland have answered, and their answers are their
  follow-ups (source "enkät").
- Norra and Västra: a handful of follow-ups each, on regions and on the council's own.

The texts are in `texts.py`. Idempotent: a follow-up that exists is left as it is, and the
round is made only when the council has none for the report.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from activities import selectors as activity_selectors
from councils import selectors as council_selectors
from councils.models import Council, Organisation, User
from surveys import selectors as survey_selectors
from surveys import services as survey_services
from workgroups import selectors as workgroup_selectors

from .. import services
from ..models import Actor, FollowUp, FollowUpRound, Publication, Recommendation
from ..reference_data import recommendations_load
from ..services import follow_up_save
from ..services.rounds import round_answers_apply, round_create
from . import texts

DOMAIN = "mellansverige.example.se"
SECRETARIAT = f"sekretariat@{DOMAIN}"
# surveys' Response.Role for a respondent who is none of the municipal roles it lists.
OTHER_ROLE = "annan"
ROUND_OPEN_DAYS = 30


def _recorded(day: date) -> date:
    """The day, or today if the demo is loaded before it."""
    return min(day, timezone.localdate())


def _regions(council: Council) -> dict[str, Organisation]:
    """The regions of the council's healthcare region, by name."""
    kind = Organisation.Kind.REGION
    return {o.name: o for o in council_selectors.council_organisations(council, kind)}


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _record(recommendation, council, organisation, *, status, done, recorded_on, user=None,
            evidence="", activities=None, workgroups=None, earlier=None) -> bool:  # fmt: skip
    """Save the follow-up unless it exists (after its earlier state, if any); True if saved."""
    exists = FollowUp.objects.filter(
        recommendation=recommendation, council=council, organisation=organisation
    ).exists()
    if exists:
        return False
    states = [(*earlier, "")] if earlier else []
    for state, text, day, proof in [*states, (status, done, recorded_on, evidence)]:
        follow_up_save(
            recommendation=recommendation, council=council, organisation=organisation,
            version=None, user=user, status=state, done=text, evidence=proof,
            recorded_on=_recorded(day), activities=activities, workgroups=workgroups,
        )  # fmt: skip
    return True


def _mellansverige_regions(council, recommendations, regions) -> None:
    """The four regions the council records itself, and the round's regions' earlier states."""
    earlier = {(region, ident): (status, done, day)
               for region, ident, status, done, day in texts.EARLIER}  # fmt: skip
    for region_name, (dates, local) in texts.REGION_RECORDED.items():
        column = texts.REGIONS.index(region_name)
        user = _user(f"{local}@{DOMAIN}")
        for ident, row in texts.MELLANSVERIGE_REGIONS.items():
            status, done = row[column]
            _record(
                recommendations[ident], council, regions[region_name], status=status,
                done=done, recorded_on=dates[int(ident.split(".")[0])], user=user,
                evidence=texts.REGION_EVIDENCE.get((region_name, ident), ""),
                earlier=earlier.get((region_name, ident)),
            )  # fmt: skip
    secretariat = _user(SECRETARIAT)
    for name, ident, status, done, day in texts.EARLIER:
        if name in texts.ROUND_REGIONS:
            _record(recommendations[ident], council, regions[name], status=status, done=done,
                    recorded_on=day, user=secretariat)  # fmt: skip


def _mellansverige_own(council, recommendations) -> None:
    """The council's own follow-ups, linked to its 2022 plan's activities and its groups."""
    activities = {
        a.title: a for a in activity_selectors.council_activities(council) if a.plan.year == 2022
    }
    groups = {g.name: g for g in workgroup_selectors.council_workgroups(council)}
    user = _user(SECRETARIAT)
    for ident, (status, done, evidence, day, titles, names) in texts.MELLANSVERIGE_OWN.items():
        _record(
            recommendations[ident], council, None, status=status, done=done, evidence=evidence,
            recorded_on=day, user=user, activities=[activities[t] for t in titles],
            workgroups=[groups[n] for n in names],
        )  # fmt: skip


def _answers(round_: FollowUpRound, region_name: str) -> dict:
    """The region's answers to the round's questions: its status option and its text."""
    options = {
        question.pk: list(question.options.all())
        for section in survey_selectors.survey_sections(round_.survey)
        for question in section.questions.all()
    }
    column = texts.REGIONS.index(region_name)
    answers = {}
    for item in round_.questions.select_related("recommendation__area"):
        status, done = texts.MELLANSVERIGE_REGIONS[item.recommendation.identifier][column]
        # The status question's options are the five statuses in their order.
        answers[item.status_question_id] = options[item.status_question_id][
            FollowUp.Status.values.index(status)
        ]
        if done:
            answers[item.text_question_id] = done
    return answers


def _send(survey, regions) -> None:
    """Invite the regions and send the invitations; the demo's addresses are fictitious, so
    the e-mails go nowhere."""
    emails = {r.pk: [f"kompetensforsorjning@{slugify(r.name)}.example.se"] for r in regions}
    survey_services.invitations_create(survey=survey, organisations=regions, emails=emails)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for invitation in survey_selectors.survey_invitations(survey):
            survey_services.invitation_send(invitation=invitation, kind="sent")


def _round(council, publication, regions) -> None:
    """The round to Mellansverige's regions, sent, with three answers applied."""
    actor = Actor.objects.get(code=Actor.Code.REGIONS)
    rounds = FollowUpRound.objects.filter(council=council, publication=publication, actor=actor)
    if rounds.exists():
        return
    secretariat = _user(SECRETARIAT)
    round_ = round_create(council=council, publication=publication, actor=actor,
                          user=secretariat)  # fmt: skip
    now = timezone.now()
    survey_services.survey_update(
        survey=round_.survey, status="open", opens_at=now,
        closes_at=now + timedelta(days=ROUND_OPEN_DAYS),
    )  # fmt: skip
    _send(round_.survey, list(regions.values()))
    invitations = {
        i.organisation.name: i for i in survey_selectors.survey_invitations(round_.survey)
    }
    for name in texts.ROUND_REGIONS:
        survey_services.response_save(
            invitation=invitations[name], answers=_answers(round_, name), submit=True,
            respondent_name=texts.ROUND_RESPONDENTS[name], respondent_role=OTHER_ROLE,
        )  # fmt: skip
    round_answers_apply(round=round_)


def _other_council(slug: str, recommendations) -> None:
    council = Council.objects.get(slug=slug)
    region_rows, own_rows = texts.OTHER_COUNCILS[slug]
    regions = _regions(council)
    regional = _user(f"sekretariat@{slug}.example.se")
    for name, ident, status, done, day in region_rows:
        _record(recommendations[ident], council, regions[name], status=status, done=done,
                recorded_on=day, user=regional)  # fmt: skip
    for ident, status, done, day in own_rows:
        _record(recommendations[ident], council, None, status=status, done=done,
                recorded_on=day, user=regional)  # fmt: skip


@transaction.atomic
def demo_load() -> None:
    """Create the demo follow-ups and the follow-up round that do not exist yet."""
    recommendations_load()
    publication = Publication.objects.get(key=texts.PUBLICATION_KEY)
    recommendations = {
        rec.identifier: rec
        for rec in Recommendation.objects.filter(area__publication=publication)
        .select_related("area")
        .prefetch_related("addressees")
    }
    council = Council.objects.get(slug="mellansverige")
    regions = _regions(council)
    _mellansverige_regions(council, recommendations, regions)
    _mellansverige_own(council, recommendations)
    _round(council, publication, regions)
    for slug in texts.OTHER_COUNCILS:
        _other_council(slug, recommendations)
    _atbt_follows_the_national_atbt_report(council)


def _atbt_follows_the_national_atbt_report(council: Council) -> None:
    """Arbetsgrupp AT/BT's third goal maps how the national AT/BT group's report
    (Nationella vårdkompetensrådet 2022:1) is implemented in the region: it follows it up."""
    report = Publication.objects.filter(key="nvkr-2022-1-atbt").first()
    groups = [
        g for g in workgroup_selectors.council_workgroups(council) if g.name == "Arbetsgrupp AT/BT"
    ]
    if report is not None and groups:
        services.publication_workgroups_set(publication=report, workgroups=groups)
