"""A small world for tests: three councils, a few organisations and one user per role.

Built through the services, as the portal itself builds things. Every user's password is
PASSWORD. Later apps add their objects to `World` through their own builders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from councils import services
from councils.models import Council, HealthcareRegion, Membership, Organisation, User

PASSWORD = "test-pass-4711"
# Arvika's contacts for the own survey: its address, and the respondent who has a login.
ARVIKA_CONTACTS = ["kontakt@1784.test", "svarande@arvika.test"]

# The roles of the permission matrix, in the order the matrix lists them.
ROLES = [
    "anonymous", "respondent", "member", "other_member", "secretariat", "national", "admin",
    "convenor", "group_member", "national_secretariat",
]  # fmt: skip
# People in a workgroup with a login but no seat in any council: everywhere but in their group
# they are what a respondent is (see permission_matrix.roles).
GROUP_ROLES = ("convenor", "group_member")
# The national council's secretariat publishes its reports; elsewhere it is what a national
# member is (see permission_matrix.roles).
NATIONAL_ROLES = ("national_secretariat",)


@dataclass
class World:
    councils: dict[str, Council]
    organisations: dict[str, Organisation]
    users: dict[str, User | None]
    memberships: dict[str, Membership]
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def own(self) -> Council:
        return self.councils["mellansverige"]

    @property
    def other(self) -> Council:
        return self.councils["norra"]


def _org(kind: str, code: str, name: str, region: HealthcareRegion, **extra) -> Organisation:
    org = Organisation.objects.create(kind=kind, code=code, name=name, **extra)
    org.healthcare_regions.add(region)
    return org


def _user(email: str, name: str, organisation: Organisation | None = None, **extra) -> User:
    user = User.objects.create_user(
        email=email, password=PASSWORD, full_name=name, organisation=organisation, **extra
    )
    return user


def _signed_in(world: World, organisation: Organisation) -> list[str]:
    """The respondent with a login is one of their organisation's contacts: the start page
    lists the survey for them."""
    respondent = world.users["respondent"]
    return [respondent.email] if respondent.organisation_id == organisation.pk else []


def build_world() -> World:
    mellan = HealthcareRegion.objects.create(code="MELLANSVERIGE", name="Mellansverige", order=2)
    norra = HealthcareRegion.objects.create(code="NORRA", name="Norra", order=1)
    K, R, L = Organisation.Kind.MUNICIPALITY, Organisation.Kind.REGION, Organisation.Kind.UNIVERSITY
    orgs = {
        "region_orebro": _org(R, "18", "Region Örebro län", mellan, lan_code="18"),
        "arvika": _org(K, "1784", "Arvika kommun", mellan, lan_code="17"),
        "orebro": _org(K, "1880", "Örebro kommun", mellan, lan_code="18"),
        "uu": _org(L, "uppsala-universitet", "Uppsala universitet", mellan, lan_code="03"),
        "region_vb": _org(R, "24", "Region Västerbotten", norra, lan_code="24"),
        "umea": _org(K, "2480", "Umeå kommun", norra, lan_code="24"),
    }
    councils = {
        "nationella": Council.objects.create(
            kind=Council.Kind.NATIONAL,
            name="Nationella vårdkompetensrådet",
            short_name="Nationella",
            slug="nationella",
            order=0,
        ),
        "mellansverige": Council.objects.create(
            kind=Council.Kind.REGIONAL,
            name="Regionalt vårdkompetensråd Mellansverige",
            short_name="Mellansverige",
            slug="mellansverige",
            healthcare_region=mellan,
            order=2,
        ),
        "norra": Council.objects.create(
            kind=Council.Kind.REGIONAL,
            name="Regionalt vårdkompetensråd Norra",
            short_name="Norra",
            slug="norra",
            healthcare_region=norra,
            order=1,
        ),
    }
    users = {
        "anonymous": None,
        "respondent": _user("svarande@arvika.test", "Sara Svarande", orgs["arvika"]),
        "member": _user("ledamot@mellan.test", "Maja Ledamot", orgs["region_orebro"]),
        "other_member": _user("ledamot@norra.test", "Nils Norra", orgs["region_vb"]),
        "secretariat": _user("sekretariat@mellan.test", "Stina Sekretariat"),
        "national": _user("nationell@nvkr.test", "Nora Nationell"),
        "admin": _user("admin@vkr.test", "Ada Admin", is_staff=True, is_superuser=True),
        "convenor": _user(
            "sammankallande@mellan.test", "Kim Sammankallande", title="Utbildningschef"
        ),
        "group_member": _user("gruppmedlem@mellan.test", "Gus Gruppmedlem", title="AT/BT-chef"),
        "national_secretariat": _user("sekretariat@nvkr.test", "Nanna Nationell"),
    }
    M = Membership
    seats = {
        "member": (users["member"], councils["mellansverige"], M.Role.MEMBER, M.Party.REGIONS),
        "other_member": (users["other_member"], councils["norra"], M.Role.MEMBER, M.Party.REGIONS),
        "secretariat": (
            users["secretariat"],
            councils["mellansverige"],
            M.Role.SECRETARIAT,
            M.Party.OTHER,
        ),
        "national": (users["national"], councils["nationella"], M.Role.MEMBER, M.Party.OTHER),
        "national_secretariat": (
            users["national_secretariat"],
            councils["nationella"],
            M.Role.SECRETARIAT,
            M.Party.OTHER,
        ),
        "other_secretariat": (
            _user("sekretariat@norra.test", "Siv Norra"),
            councils["norra"],
            M.Role.SECRETARIAT,
            M.Party.OTHER,
        ),
    }
    memberships = {
        key: services.membership_create(council=council, user=user, role=role, party=party)
        for key, (user, council, role, party) in seats.items()
    }
    world = World(councils=councils, organisations=orgs, users=users, memberships=memberships)
    _build_activities(world)
    _build_surveys(world)
    _build_workgroups(world)
    _build_recommendations(world)
    _build_annual_reports(world)
    _build_prioritisation(world)
    return world


def _build_activities(world: World) -> None:
    """A 2022 plan for the own and the other council, each with a raised activity and a note."""
    from activities import services as plans
    from activities.catalogue import national_focus_areas_load
    from activities.models import FocusArea

    national_focus_areas_load(FocusArea)
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    fortbildning = FocusArea.objects.get(council=None, short_name="Fortbildning")
    for key, council in (("own", world.own), ("other", world.other)):
        plan = plans.plan_create(council=council, year=2022, focus_areas=[vfu, fortbildning])
        activity = plans.activity_create(
            plan=plan,
            focus_area=vfu,
            title=f"Handledarutbildning {council.short_name}",
            priority="green",
            implementation="Arbetsgrupp",
        )
        plans.activity_note_add(
            activity=activity, text="Risk att vi konstlar till det", group_name="Grupp Maria"
        )
        raised = plans.activity_raise_to_national(
            activity=activity, motivation="Behöver lösas nationellt", user=None
        )
        world.extra[f"{key}_plan"] = plan
        world.extra[f"{key}_activity"] = activity
        world.extra[f"{key}_raise"] = raised


def _build_surveys(world: World) -> None:
    """An open survey per council with an invited municipality each (a link in
    world.extra["<key>_token"]) and, for the own council, one submitted response and a draft
    survey (world.extra["own_draft_survey"]) that only its secretariat sees."""
    from surveys import services as surveys
    from surveys.defaults import default_scale_load
    from surveys.models import Question, Scale, ScaleStep

    # A transactional test before this one emptied the tables, data migrations' rows too.
    scale = default_scale_load(Scale, ScaleStep)
    for key, council, org_keys in (
        ("own", world.own, ["arvika", "orebro"]),
        ("other", world.other, ["umea"]),
    ):
        survey = surveys.survey_create(
            council=council, title=f"Kompetensbehov {council.short_name}", audience=["kommun"]
        )
        section = surveys.section_add(survey=survey, title="Palliativ vård")
        item = surveys.question_add(
            section=section,
            kind=Question.Kind.SCALE,
            required=True,
            text="Palliativ vård: Symtomlindring",
            scale=scale,
        )
        surveys.question_add(
            section=section,
            kind=Question.Kind.MULTIPLE,
            text="Upplägg av utbildning",
            options=["Distans", "På plats"],
        )
        surveys.question_add(
            section=section,
            kind=Question.Kind.TEXT,
            text="Frågor till lärosäten",
            visible_to=["larosate"],
        )
        surveys.survey_update(survey=survey, status="open")
        orgs = [world.organisations[k] for k in org_keys]
        invitations = surveys.invitations_create(
            survey=survey,
            organisations=orgs,
            emails={o.pk: [f"kontakt@{o.code}.test", *_signed_in(world, o)] for o in orgs},
        )
        world.extra[f"{key}_survey"] = survey
        world.extra[f"{key}_invitation"] = invitations[0]
        world.extra[f"{key}_token"] = surveys.invitation_issue_link(invitation=invitations[0]).token
        world.extra[f"{key}_scale_item"] = item
    submitted = world.extra["own_survey"].invitations.get(
        organisation=world.organisations["orebro"]
    )
    step = scale.steps.get(order=2)
    world.extra["own_response"] = surveys.response_save(
        invitation=submitted,
        answers={world.extra["own_scale_item"].pk: step},
        submit=True,
        respondent_name="Eva Svar",
        respondent_role="mas",
    )
    world.extra["own_submitted_invitation"] = submitted
    surveys.invitation_log(invitation=submitted, kind="sent")
    draft = surveys.survey_create(
        council=world.own, title="Utkast Mellansverige", audience=["kommun"]
    )
    surveys.question_add(
        section=surveys.section_add(survey=draft, title="Bakgrund"), kind="text", text="Annat?"
    )
    world.extra["own_draft_survey"] = draft


def _build_workgroups(world: World) -> None:
    """A workgroup per council (world.extra["own_group"], ["other_group"]), each with a goal,
    a meeting next week, a submitted status report with a question to the council and a
    document. The own group's convenor and member are the roles "convenor" and
    "group_member", neither with a council seat; the other group's convenor is other_member."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from workgroups import services as groups
    from workgroups.models import Member
    from workgroups.services import documents, meetings

    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    for key, council, convenor in (
        ("own", world.own, world.users["convenor"]),
        ("other", world.other, world.users["other_member"]),
    ):
        group = groups.workgroup_create(
            council=council,
            name=f"Arbetsgrupp AT/BT {council.short_name}",
            mandate="Kartlägga organisation och styrning av AT/BT",
            activities=[world.extra[f"{key}_activity"]],
            final_report_due=dt.date.today() + dt.timedelta(days=60),
        )
        groups.member_add(group=group, user=convenor, role=Member.Role.CONVENOR)
        if key == "own":
            world.extra["own_group_member"] = groups.member_add(
                group=group, user=world.users["group_member"], role=Member.Role.MEMBER
            )
        world.extra[f"{key}_contact"] = groups.member_add(
            group=group, name="Karin Kontakt", title="Övergripande studierektor",
            organisation="Region Örebro län",
        )  # fmt: skip
        world.extra[f"{key}_goal"] = groups.goal_create(
            group=group,
            goal="Förbättrad kunskap om organisation och styrning av AT/BT",
            activity="Kartlägga och sammanställa styrning och redovisning",
            responsible="Arbetsgrupp AT/BT",
            timeline="Q3-4 2022",
        )
        world.extra[f"{key}_meeting"] = meetings.meeting_create(
            group=group,
            title="Digitalt möte",
            starts_at=start + dt.timedelta(days=7),
            ends_at=start + dt.timedelta(days=7, hours=2),
            form="digitalt",
            agenda="Bakgrund, input på uppdragsbeskrivningen",
        )
        report = groups.report_create(
            group=group,
            kind="lagesrapport",
            done="Sammanställning pågår",
            question="Hur påverkar regeringens uppdrag arbetet?",
            user=convenor,
        )
        world.extra[f"{key}_report"] = report
        world.extra[f"{key}_question"] = report.questions.get()
        world.extra[f"{key}_document"] = documents.document_upload(
            group=group,
            upload=SimpleUploadedFile("underlag.pdf", MINIMAL_PDF, content_type="application/pdf"),
            title="Underlag",
            user=convenor,
        )
        world.extra[f"{key}_group"] = group


def _build_recommendations(world: World) -> None:
    """The national council's March 2022 report (the reference data) and follow-ups: the own
    council's of a recommendation to the regional councils, and one per council of a
    recommendation to the regions by a region of its area (world.extra["publication"],
    ["council_recommendation"], ["region_recommendation"], ["own_follow_up"],
    ["own_region_follow_up"], ["other_region_follow_up"])."""
    from recommendations import services as follow_ups
    from recommendations.models import Publication, Recommendation
    from recommendations.reference_data import recommendations_load

    recommendations_load()
    publication = Publication.objects.get(key="nvkr-2022-03-pandemin")
    of = Recommendation.objects.filter(area__publication=publication).order_by(
        "area__position", "position"
    )
    to_councils = of.filter(addressees__code="regionala_rad").first()
    to_regions = of.filter(addressees__code="regioner").first()
    from recommendations.models import Actor
    from recommendations.services.rounds import round_create

    regions = Actor.objects.get(code="regioner")
    world.extra.update(
        own_round=round_create(council=world.own, publication=publication, actor=regions,
                               user=None),
        other_round=round_create(council=world.other, publication=publication, actor=regions,
                                 user=None),
    )  # fmt: skip
    world.extra.update(
        publication=publication,
        council_recommendation=to_councils,
        region_recommendation=to_regions,
        own_follow_up=follow_ups.follow_up_save(
            recommendation=to_councils, council=world.own, version=0, status="pagar",
            done="Arbetsgruppen AT/BT följer upp", workgroups=[world.extra["own_group"]],
        ),
        own_region_follow_up=follow_ups.follow_up_save(
            recommendation=to_regions, council=world.own, version=0, status="planerad",
            organisation=world.organisations["region_orebro"],
        ),
        other_region_follow_up=follow_ups.follow_up_save(
            recommendation=to_regions, council=world.other, version=0, status="genomford",
            organisation=world.organisations["region_vb"],
        ),
    )  # fmt: skip


def _build_annual_reports(world: World) -> None:
    """Annual reports of 2022 with versions as the build leaves them, but with stand-in files
    (typesetting a real PDF for every test would cost seconds): the own council's draft
    (world.extra["own_draft_build"]) and final version ("own_final_build"), the other
    council's draft ("other_draft_build")."""
    from django.utils import timezone

    from reports import sections, storage
    from reports.models import AnnualReport, ReportBuild

    now = timezone.now()
    for key, council in (("own", world.own), ("other", world.other)):
        report = AnnualReport.objects.create(council=council, year=2022, foreword="Förord.")
        world.extra[f"{key}_annual_report"] = report
        kinds = [("draft", None)] if key == "other" else [("final", now), ("draft", None)]
        for number, (kind, final) in enumerate(kinds, start=1):
            build = ReportBuild.objects.create(
                report=report, number=number, sections=sections.SECTION_KEYS,
                options_key=f"{kind}-{number}", status=ReportBuild.Status.DONE, progress=100,
                finalised_at=final, pages=1, size=len(MINIMAL_PDF), started_at=now,
                finished_at=now,
            )  # fmt: skip
            pdf_name = storage.path(build.pk, storage.FINAL_PDF if final else storage.DRAFT_PDF)
            content_name = storage.path(build.pk, storage.CONTENT)
            storage.write(pdf_name, MINIMAL_PDF)
            storage.write(content_name, f"<h2>{council.name} {kind}</h2>".encode())
            build.file, build.content_file = pdf_name, content_name
            build.save(update_fields=["file", "content_file"])
            world.extra[f"{key}_{kind}_build"] = build


def _build_prioritisation(world: World) -> None:
    """A discussion group per council (world.extra["own_discussion_group"] of the member,
    ["other_discussion_group"] of other_member) and an open round of all members on each
    council's 2022 plan (["own_priority_round"], ["other_priority_round"]: the member and
    other_member mark, the secretariats run them). In each, the member's mark of the
    council's activity suggests moving it to Fortbildning (["own_mark"], ["other_mark"]); the
    own round has a decision on it (["own_decision"], the priority it already had). The own
    plan also has a round of the discussion group (["own_group_round"])."""
    import datetime as dt

    from django.utils import timezone

    from activities.models import FocusArea
    from prioritisation import services as rounds
    from prioritisation.models import Mark

    closes_at = timezone.now() + dt.timedelta(days=14)
    fortbildning = FocusArea.objects.get(council=None, short_name="Fortbildning")
    for key, council, member in (
        ("own", world.own, world.users["member"]),
        ("other", world.other, world.users["other_member"]),
    ):
        group = rounds.group_create(council=council, name="Grupp Maria", members=[member])
        round_ = rounds.round_open(
            plan=world.extra[f"{key}_plan"], title=f"Prioritering {council.short_name} 2022",
            mode="members", closes_at=closes_at,
        )  # fmt: skip
        activity = world.extra[f"{key}_activity"]
        voter = round_.voters.get(user=member)
        rounds.marks_save(
            round_id=round_.pk, voter_id=voter.pk, user=member,
            marks=[rounds.MarkInput(activity.pk, "yellow", "Kan vänta ett år", fortbildning.pk)],
        )  # fmt: skip
        world.extra[f"{key}_discussion_group"] = group
        world.extra[f"{key}_priority_round"] = round_
        world.extra[f"{key}_mark"] = Mark.objects.get(voter=voter, activity=activity)
    world.extra["own_decision"] = rounds.decision_make(
        round_id=world.extra["own_priority_round"].pk, activity_id=world.extra["own_activity"].pk,
        priority=world.extra["own_activity"].priority, expected_version=0,
    )  # fmt: skip
    world.extra["own_group_round"] = rounds.round_open(
        plan=world.extra["own_plan"], title="Gruppernas prioritering", mode="groups",
        closes_at=closes_at, groups=[world.extra["own_discussion_group"]],
    )  # fmt: skip


# The smallest file every PDF reader opens: one empty page.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
