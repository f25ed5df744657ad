"""The permission matrix: for every URL pattern of the project, what each role gets.

Each `Case` names a URL pattern, how to fill its arguments from the test world (own council,
another council, own and foreign objects) and the expected response per role:
an HTTP status, LOGIN (redirect to the login page) or REDIRECT (any other redirect).
`tests/test_permission_matrix.py` runs every case for every role and fails for any URL pattern
of the project that no case names. Apps add their cases in `CASES` below.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.world import GROUP_ROLES, NATIONAL_ROLES, ROLES, World

LOGIN = "login"
REDIRECT = "redirect"
Expect = int | str


@dataclass(frozen=True)
class Case:
    url_name: str
    expect: dict[str, Expect]
    kwargs: Callable[[World], dict] = field(default=lambda world: {})
    method: str = "GET"
    data: Callable[[World], dict] = field(default=lambda world: {})
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.method} {self.url_name}{' ' + self.label if self.label else ''}"


def roles(default: Expect, **overrides: Expect) -> dict[str, Expect]:
    """Expectations for every role: `default`, except those named. People in a workgroup
    without a council seat get what a respondent gets, unless named."""
    expect = {role: default for role in ROLES}
    expect.update(overrides)
    for role in GROUP_ROLES:
        expect[role] = overrides.get(role, expect["respondent"])
    for role in NATIONAL_ROLES:
        expect[role] = overrides.get(role, expect["national"])
    return expect


# Logged in with any council seat (or admin): read access to every council.
READERS = roles(200, anonymous=LOGIN, respondent=403)
# The secretariat of the own council (and admins) only.
OWN_SECRETARIAT = roles(403, anonymous=LOGIN, secretariat=200, admin=200)
# Any logged-in user.
LOGGED_IN = roles(200, anonymous=LOGIN)
EVERYONE = roles(200)


def own_slug(world: World) -> dict:
    return {"slug": world.own.slug}


def other_slug(world: World) -> dict:
    return {"slug": world.other.slug}


def own_membership(world: World) -> dict:
    return {"slug": world.own.slug, "pk": world.memberships["member"].pk}


def foreign_membership_via_own_slug(world: World) -> dict:
    # A membership of another council reached through the own council's URL: 404, not 403,
    # because the lookup is scoped to the council.
    return {"slug": world.own.slug, "pk": world.memberships["other_member"].pk}


def other_membership(world: World) -> dict:
    return {"slug": world.other.slug, "pk": world.memberships["other_member"].pk}


COUNCIL_CASES = [
    Case("home", LOGGED_IN),
    Case("councils:list", READERS),
    Case("councils:detail", READERS, own_slug, label="own"),
    Case("councils:detail", READERS, other_slug, label="other"),
    Case(
        "councils:detail",
        roles(404, anonymous=LOGIN, respondent=403),
        lambda w: {"slug": "finns-inte"},
        label="unknown",
    ),
    Case("councils:settings", OWN_SECRETARIAT, own_slug, label="own"),
    Case("councils:settings", roles(403, anonymous=LOGIN, admin=200), other_slug, label="other"),
    Case("councils:members", OWN_SECRETARIAT, own_slug, label="own"),
    Case("councils:members", roles(403, anonymous=LOGIN, admin=200), other_slug, label="other"),
    Case("councils:member_add", OWN_SECRETARIAT, own_slug, label="own"),
    Case("councils:member_add", roles(403, anonymous=LOGIN, admin=200), other_slug, label="other"),
    Case("councils:organisation_search", OWN_SECRETARIAT, own_slug, label="own"),
    Case(
        "councils:organisation_search",
        roles(403, anonymous=LOGIN, admin=200),
        other_slug,
        label="other",
    ),
    Case("councils:member_edit", OWN_SECRETARIAT, own_membership, label="own"),
    Case(
        "councils:member_edit",
        roles(403, anonymous=LOGIN, secretariat=404, admin=404),
        foreign_membership_via_own_slug,
        label="foreign via own slug",
    ),
    Case(
        "councils:member_edit",
        roles(403, anonymous=LOGIN, admin=200),
        other_membership,
        label="other",
    ),
    Case("councils:member_end", OWN_SECRETARIAT, own_membership, label="own"),
    Case(
        "councils:member_end",
        roles(403, anonymous=LOGIN, admin=200),
        other_membership,
        label="other",
    ),
    Case("organisations", READERS),
    Case("accessibility", EVERYONE),
    Case("healthz", EVERYONE),
    Case(
        "set_language",
        roles(REDIRECT),
        method="POST",
        data=lambda w: {"language": "en", "next": "/"},
    ),
]

ACCOUNT_CASES = [
    Case("login", roles(REDIRECT, anonymous=200)),
    Case("logout", roles(REDIRECT), method="POST"),
    Case("password_change", LOGGED_IN),
    Case("notifications:settings", LOGGED_IN),
    Case("password_change_done", LOGGED_IN),
    Case("password_reset", EVERYONE),
    Case("password_reset_done", EVERYONE),
    Case(
        "password_reset_confirm",
        EVERYONE,
        lambda w: {"uidb64": "MQ", "token": "ogiltig-token"},
        label="invalid link",
    ),
    Case("password_reset_complete", EVERYONE),
]

# Members of the own council (any seat) and admins edit the own council's plan.
OWN_EDITORS = roles(403, anonymous=LOGIN, member=200, secretariat=200, admin=200)
OWN_EDITORS_POST = roles(403, anonymous=LOGIN, member=REDIRECT, secretariat=REDIRECT,
                         admin=REDIRECT)  # fmt: skip
OTHER_EDITORS = roles(403, anonymous=LOGIN, other_member=200, admin=200)
ADMIN_ONLY = roles(403, anonymous=LOGIN, admin=200)
NATIONAL = roles(403, anonymous=LOGIN, national=200, admin=200)


def own_plan(world: World) -> dict:
    return {"slug": world.own.slug, "year": 2022}


def other_plan(world: World) -> dict:
    return {"slug": world.other.slug, "year": 2022}


def own_activity(world: World) -> dict:
    return {**own_plan(world), "pk": world.extra["own_activity"].pk}


def other_activity(world: World) -> dict:
    return {**other_plan(world), "pk": world.extra["other_activity"].pk}


def foreign_activity_via_own_plan(world: World) -> dict:
    return {**own_plan(world), "pk": world.extra["other_activity"].pk}


def activity_cases(name: str, own: dict, other: dict, **options) -> list[Case]:
    return [
        Case(name, own, own_activity, label="own", **options),
        Case(name, other, other_activity, label="other", **options),
    ]


ACTIVITY_CASES = [
    Case("activities:plan_list", READERS, own_slug, label="own"),
    Case("activities:plan_list", READERS, other_slug, label="other"),
    Case("activities:plan_create", OWN_SECRETARIAT, own_slug, label="own"),
    Case("activities:plan_create", ADMIN_ONLY, other_slug, label="other"),
    Case("activities:plan", READERS, own_plan, label="own"),
    Case("activities:plan", READERS, other_plan, label="other"),
    Case(
        "activities:plan",
        roles(404, anonymous=LOGIN, respondent=403),
        lambda w: {"slug": w.own.slug, "year": 1999},
        label="no plan that year",
    ),
    Case("activities:plan_settings", OWN_SECRETARIAT, own_plan, label="own"),
    Case("activities:plan_settings", ADMIN_ONLY, other_plan, label="other"),
    Case("activities:plan_copy", OWN_SECRETARIAT, own_plan, label="own"),
    Case("activities:plan_copy", ADMIN_ONLY, other_plan, label="other"),
    Case("activities:plan_export", READERS, lambda w: {**own_plan(w), "fmt": "xlsx"}, label="xlsx"),
    Case("activities:plan_export", READERS, lambda w: {**other_plan(w), "fmt": "csv"}, label="csv"),
    Case("activities:plan_export", READERS, lambda w: {**other_plan(w), "fmt": "pdf"}, label="pdf"),
    Case("activities:plan_import", OWN_SECRETARIAT, own_plan, label="own"),
    Case("activities:plan_import", ADMIN_ONLY, other_plan, label="other"),
    Case("activities:activity_create", OWN_EDITORS, own_plan, label="own"),
    Case("activities:activity_create", OTHER_EDITORS, other_plan, label="other"),
    *activity_cases("activities:activity", READERS, READERS),
    Case(
        "activities:activity",
        roles(404, anonymous=LOGIN, respondent=403),
        foreign_activity_via_own_plan,
        label="foreign via own plan",
    ),
    *activity_cases("activities:activity_edit", OWN_EDITORS, OTHER_EDITORS),
    Case(
        "activities:activity_edit",
        roles(403, anonymous=LOGIN, member=404, secretariat=404, admin=404),
        foreign_activity_via_own_plan,
        label="foreign via own plan",
    ),
    *activity_cases("activities:activity_delete", OWN_EDITORS, OTHER_EDITORS),
    *activity_cases(
        "activities:activity_set",
        OWN_EDITORS_POST,
        roles(403, anonymous=LOGIN, other_member=REDIRECT, admin=REDIRECT),
        method="POST",
        data=lambda w: {"field": "priority", "value": "yellow", "version": 1},
    ),
    *activity_cases(
        "activities:activity_move",
        OWN_EDITORS_POST,
        roles(403, anonymous=LOGIN, other_member=REDIRECT, admin=REDIRECT),
        method="POST",
        data=lambda w: {"direction": "up"},
    ),
    *activity_cases(
        "activities:activity_note_add",
        OWN_EDITORS_POST,
        roles(403, anonymous=LOGIN, other_member=REDIRECT, admin=REDIRECT),
        method="POST",
        data=lambda w: {"text": "Kolla med Västmanland", "idempotency_key": str(uuid.uuid4())},
    ),
    *activity_cases(
        "activities:activity_raise",
        OWN_EDITORS_POST,
        roles(403, anonymous=LOGIN, other_member=REDIRECT, admin=REDIRECT),
        method="POST",
        data=lambda w: {
            "motivation": "Kräver nationella avtal",
            "idempotency_key": str(uuid.uuid4()),
        },
    ),
    Case("activities:rollup", READERS),
    Case("activities:compare", READERS),
    Case("activities:compare_export", READERS),
    Case("activities:inbox", NATIONAL),
    Case("activities:raise_answer", NATIONAL, lambda w: {"pk": w.extra["own_raise"].pk}),
    Case(
        "activities:raise_answer",
        roles(403, anonymous=LOGIN, national=404, admin=404),
        lambda w: {"pk": 999999},
        label="unknown",
    ),
]

# Results and the round's overview: the council's own members, the national council, admins.
RESULT_READERS = roles(403, anonymous=LOGIN, member=200, secretariat=200, national=200,
                       admin=200)  # fmt: skip
OWN_SECRETARIAT_POST = roles(403, anonymous=LOGIN, secretariat=REDIRECT, admin=REDIRECT)
ADMIN_ONLY_POST = roles(403, anonymous=LOGIN, admin=REDIRECT)
# Without the link's grant in the session nobody answers, logged in or not.
NO_GRANT = roles(403)


def own_survey(world: World) -> dict:
    return {"slug": world.own.slug, "pk": world.extra["own_survey"].pk}


def other_survey(world: World) -> dict:
    return {"slug": world.other.slug, "pk": world.extra["other_survey"].pk}


def own_draft_survey(world: World) -> dict:
    return {"slug": world.own.slug, "pk": world.extra["own_draft_survey"].pk}


# A draft is the secretariat's (and admins'): to the council's members and the national council
# it does not exist, as for an unknown id; other councils' members are refused before the lookup.
DRAFT_READERS = roles(404, anonymous=LOGIN, respondent=403, other_member=403, secretariat=200,
                      admin=200)  # fmt: skip


def foreign_survey_via_own_slug(world: World) -> dict:
    return {"slug": world.own.slug, "pk": world.extra["other_survey"].pk}


def own_question(world: World) -> dict:
    return {**own_survey(world), "question_pk": world.extra["own_scale_item"].pk}


def other_question(world: World) -> dict:
    return {**other_survey(world), "question_pk": world.extra["other_scale_item"].pk}


def own_invitation(world: World) -> dict:
    return {**own_survey(world), "invitation_pk": world.extra["own_submitted_invitation"].pk}


def own_invitation_pk(world: World) -> dict:
    return {"invitation_pk": world.extra["own_invitation"].pk}


def other_invitation_pk(world: World) -> dict:
    return {"invitation_pk": world.extra["other_invitation"].pk}


def other_invitation(world: World) -> dict:
    return {**other_survey(world), "invitation_pk": world.extra["other_invitation"].pk}


def survey_cases(name: str, own: dict, other: dict, own_kwargs=own_survey,
                 other_kwargs=other_survey, **options) -> list[Case]:  # fmt: skip
    return [
        Case(name, own, own_kwargs, label="own", **options),
        Case(name, other, other_kwargs, label="other", **options),
    ]


def own_contacts_organisation(world: World) -> dict:
    return {**own_slug(world), "pk": world.organisations["arvika"].pk}


def foreign_contacts_organisation_via_own_slug(world: World) -> dict:
    return {**own_slug(world), "pk": world.organisations["umea"].pk}


def other_contacts_organisation(world: World) -> dict:
    return {**other_slug(world), "pk": world.organisations["umea"].pk}


# The contact register: read by the council's members, kept by the secretariat of the
# organisation's healthcare region.
CONTACT_CASES = [
    Case("contacts:list", roles(403, anonymous=LOGIN, member=200, secretariat=200, admin=200),
         own_slug, label="own"),
    Case("contacts:list", roles(403, anonymous=LOGIN, other_member=200, admin=200), other_slug,
         label="other"),
    Case("contacts:list", roles(404, anonymous=LOGIN, respondent=403, convenor=403,
                                group_member=403),
         lambda w: {"slug": "nationella"}, label="national council has no register"),
    Case("contacts:organisation", OWN_SECRETARIAT, own_contacts_organisation, label="own"),
    Case("contacts:organisation", roles(403, anonymous=LOGIN, secretariat=404, admin=404),
         foreign_contacts_organisation_via_own_slug, label="foreign via own slug"),
    Case("contacts:organisation", ADMIN_ONLY, other_contacts_organisation, label="other"),
]  # fmt: skip

SURVEY_CASES = [
    Case("surveys:list", READERS, own_slug, label="own"),
    Case("surveys:list", READERS, other_slug, label="other"),
    Case("surveys:create", OWN_SECRETARIAT, own_slug, label="own"),
    Case("surveys:create", ADMIN_ONLY, other_slug, label="other"),
    *survey_cases("surveys:edit", OWN_SECRETARIAT, ADMIN_ONLY),
    Case(
        "surveys:edit",
        roles(403, anonymous=LOGIN, secretariat=404, admin=404),
        foreign_survey_via_own_slug,
        label="foreign via own slug",
    ),
    *survey_cases(
        "surveys:copy",
        OWN_SECRETARIAT_POST,
        ADMIN_ONLY_POST,
        method="POST",
        data=lambda w: {"idempotency_key": str(uuid.uuid4())},
    ),
    *survey_cases("surveys:builder", OWN_SECRETARIAT, ADMIN_ONLY),
    # The own survey has a submitted response: its structure is locked, the form says why.
    *survey_cases(
        "surveys:section_add",
        OWN_SECRETARIAT,
        ADMIN_ONLY_POST,
        method="POST",
        data=lambda w: {"title": "Demens", "idempotency_key": str(uuid.uuid4())},
    ),
    *survey_cases("surveys:question_add", OWN_SECRETARIAT, ADMIN_ONLY),
    *survey_cases(
        "surveys:question_edit", OWN_SECRETARIAT, ADMIN_ONLY, own_question, other_question
    ),
    *survey_cases(
        "surveys:question_move",
        OWN_SECRETARIAT_POST,
        ADMIN_ONLY_POST,
        own_question,
        other_question,
        method="POST",
        data=lambda w: {"direction": "down"},
    ),
    *survey_cases(
        "surveys:question_delete", OWN_SECRETARIAT, ADMIN_ONLY, own_question, other_question
    ),
    *survey_cases("surveys:preview", OWN_SECRETARIAT, ADMIN_ONLY),
    *survey_cases(
        "surveys:detail",
        RESULT_READERS,
        roles(403, anonymous=LOGIN, other_member=200, national=200, admin=200),
    ),
    Case(
        "surveys:detail",
        roles(403, anonymous=LOGIN, member=404, secretariat=404, national=404, admin=404),
        foreign_survey_via_own_slug,
        label="foreign via own slug",
    ),
    Case("surveys:detail", DRAFT_READERS, own_draft_survey, label="own draft"),
    *survey_cases("surveys:recipients", OWN_SECRETARIAT, ADMIN_ONLY),
    Case(
        "surveys:emails_import",
        OWN_SECRETARIAT_POST,
        own_survey,
        label="own",
        method="POST",
        data=lambda w: {"text": "1784;kontakt@arvika.test"},
    ),
    Case(
        "surveys:emails_import",
        ADMIN_ONLY_POST,
        other_survey,
        label="other",
        method="POST",
        data=lambda w: {"text": "2480;kontakt@umea.test"},
    ),
    *survey_cases("surveys:send", OWN_SECRETARIAT_POST, ADMIN_ONLY_POST, method="POST"),
    *survey_cases("surveys:remind", OWN_SECRETARIAT_POST, ADMIN_ONLY_POST, method="POST"),
    *survey_cases(
        "surveys:resend",
        OWN_SECRETARIAT_POST,
        ADMIN_ONLY_POST,
        own_invitation,
        other_invitation,
        method="POST",
    ),
    *survey_cases(
        "surveys:revoke",
        OWN_SECRETARIAT_POST,
        ADMIN_ONLY_POST,
        own_invitation,
        other_invitation,
        method="POST",
    ),
    *survey_cases(
        "surveys:reopen",
        OWN_SECRETARIAT_POST,
        ADMIN_ONLY_POST,
        own_invitation,
        other_invitation,
        method="POST",
    ),
    *survey_cases(
        "surveys:results",
        RESULT_READERS,
        roles(403, anonymous=LOGIN, other_member=200, national=200, admin=200),
    ),
    Case(
        "surveys:export", RESULT_READERS, lambda w: {**own_survey(w), "fmt": "xlsx"}, label="xlsx"
    ),
    Case("surveys:export", RESULT_READERS, lambda w: {**own_survey(w), "fmt": "csv"}, label="csv"),
    Case("surveys:results", DRAFT_READERS, own_draft_survey, label="own draft"),
    Case(
        "surveys:export",
        DRAFT_READERS,
        lambda w: {**own_draft_survey(w), "fmt": "xlsx"},
        label="own draft xlsx",
    ),
    Case(
        "surveys:export",
        DRAFT_READERS,
        lambda w: {**own_draft_survey(w), "fmt": "csv"},
        label="own draft csv",
    ),
    *survey_cases("surveys:responses_import", OWN_SECRETARIAT, ADMIN_ONLY),
    *survey_cases(
        "surveys:register_addresses",
        OWN_SECRETARIAT_POST,
        ADMIN_ONLY_POST,
        method="POST",
        data=lambda w: {"role": "mas"},
    ),
    Case("surveys:link", roles(REDIRECT), lambda w: {"token": w.extra["own_token"]}, label="valid"),
    Case("surveys:link", roles(404), lambda w: {"token": "x" * 43}, label="wrong"),
    Case("surveys:respond", NO_GRANT, lambda w: {"invitation_pk": w.extra["own_invitation"].pk}),
    Case("surveys:receipt", NO_GRANT, lambda w: {"invitation_pk": w.extra["own_invitation"].pk}),
    # The signed-in respondent's way to their organisation's survey (the start page's list):
    # their address is among the own invitation's contacts, nobody's among the other's.
    Case(
        "surveys:mine_answer",
        roles(404, anonymous=LOGIN, respondent=REDIRECT, convenor=404, group_member=404),
        own_invitation_pk,
        label="own",
    ),
    Case(
        "surveys:mine_answer",
        roles(404, anonymous=LOGIN, convenor=404, group_member=404),
        other_invitation_pk,
        label="other",
    ),
]

# Workgroups. The own council's group: its convenor ("convenor") and member ("group_member")
# have no council seat; the other council's group has other_member as its convenor.
GROUP_READERS = roles(200, anonymous=LOGIN, respondent=403, other_member=403, convenor=200,
                      group_member=200)  # fmt: skip
OTHER_GROUP_READERS = roles(403, anonymous=LOGIN, other_member=200, national=200, admin=200)
GROUP_EDITORS = roles(403, anonymous=LOGIN, secretariat=200, admin=200, convenor=200,
                      group_member=200)  # fmt: skip
OTHER_GROUP_EDITORS = roles(403, anonymous=LOGIN, other_member=200, admin=200)
GROUP_MANAGERS = roles(403, anonymous=LOGIN, secretariat=200, admin=200, convenor=200)
OTHER_GROUP_MANAGERS = OTHER_GROUP_EDITORS
GROUP_EDITORS_POST = {r: REDIRECT if v == 200 else v for r, v in GROUP_EDITORS.items()}
OTHER_GROUP_EDITORS_POST = {r: REDIRECT if v == 200 else v for r, v in OTHER_GROUP_EDITORS.items()}
GROUP_READERS_REDIRECT = {r: REDIRECT if v == 200 else v for r, v in GROUP_READERS.items()}
# The question inbox and answering: the council's own members (any seat) and admins.
OWN_COUNCIL_MEMBERS = roles(403, anonymous=LOGIN, member=200, secretariat=200, admin=200)
OTHER_COUNCIL_MEMBERS = roles(403, anonymous=LOGIN, other_member=200, admin=200)


def own_group(world: World) -> dict:
    return {"slug": world.own.slug, "pk": world.extra["own_group"].pk}


def other_group(world: World) -> dict:
    return {"slug": world.other.slug, "pk": world.extra["other_group"].pk}


def _in_group(key: str, kwarg: str, extra_key: str):
    def kwargs(world: World) -> dict:
        base = own_group(world) if key == "own" else other_group(world)
        return {**base, kwarg: world.extra[f"{extra_key}"].pk}

    return kwargs


def _foreign_via_own(kwarg: str, extra_key: str):
    def kwargs(world: World) -> dict:
        return {**own_group(world), kwarg: world.extra[extra_key].pk}

    return kwargs


def group_part_cases(name: str, kwarg: str, thing: str, own: dict, other: dict, **options):
    """Own group, the other council's group, and the other group's object reached through the
    own group's URL (404 for whoever may open the own group's page, 403 before that)."""
    foreign = {r: 404 if v in (200, REDIRECT) else v for r, v in own.items()}
    return [
        Case(name, own, _in_group("own", kwarg, f"own_{thing}"), label="own", **options),
        Case(name, other, _in_group("other", kwarg, f"other_{thing}"), label="other", **options),
        Case(name, foreign, _foreign_via_own(kwarg, f"other_{thing}"), label="foreign", **options),
    ]


def own_feed_token(world: World) -> dict:
    from workgroups.services import calendar

    user = world.users["convenor"]
    return {"token": calendar.feed_token(user=user, group=world.extra["own_group"])}


WORKGROUP_CASES = [
    Case(
        "workgroups:mine",
        roles(REDIRECT, anonymous=LOGIN, respondent=403, convenor=REDIRECT, group_member=REDIRECT),
    ),
    Case("workgroups:list", GROUP_READERS, own_slug, label="own"),
    Case(
        "workgroups:list",
        roles(403, anonymous=LOGIN, other_member=200, national=200, admin=200),
        other_slug,
        label="other",
    ),
    Case("workgroups:create", OWN_SECRETARIAT, own_slug, label="own"),
    Case("workgroups:create", ADMIN_ONLY, other_slug, label="other"),
    Case("workgroups:questions", OWN_COUNCIL_MEMBERS, own_slug, label="own"),
    Case("workgroups:questions", OTHER_COUNCIL_MEMBERS, other_slug, label="other"),
    Case(
        "workgroups:question_answer",
        OWN_COUNCIL_MEMBERS,
        lambda w: {"slug": w.own.slug, "question_pk": w.extra["own_question"].pk},
        label="own",
    ),
    Case(
        "workgroups:question_answer",
        OTHER_COUNCIL_MEMBERS,
        lambda w: {"slug": w.other.slug, "question_pk": w.extra["other_question"].pk},
        label="other",
    ),
    Case(
        "workgroups:question_answer",
        roles(403, anonymous=LOGIN, member=404, secretariat=404, admin=404),
        lambda w: {"slug": w.own.slug, "question_pk": w.extra["other_question"].pk},
        label="foreign via own slug",
    ),
    Case("workgroups:detail", GROUP_READERS, own_group, label="own"),
    Case("workgroups:detail", OTHER_GROUP_READERS, other_group, label="other"),
    # The other council's group through the own council's URL: not found for the own
    # council's readers and for its own convenor (other_member); refused to the own group's
    # people, who read only their own group.
    Case(
        "workgroups:detail",
        {r: 404 if v == 200 else v for r, v in GROUP_READERS.items()}
        | {"convenor": 403, "group_member": 403, "other_member": 404},
        lambda w: {"slug": w.own.slug, "pk": w.extra["other_group"].pk},
        label="foreign via own slug",
    ),  # fmt: skip
    Case("workgroups:edit", GROUP_MANAGERS, own_group, label="own"),
    Case("workgroups:edit", OTHER_GROUP_MANAGERS, other_group, label="other"),
    Case("workgroups:export", GROUP_READERS, own_group, label="own"),
    Case("workgroups:export", OTHER_GROUP_READERS, other_group, label="other"),
    Case("workgroups:group_ics", GROUP_READERS, own_group, label="own"),
    Case("workgroups:group_ics", OTHER_GROUP_READERS, other_group, label="other"),
    Case("workgroups:feed_subscribe", GROUP_READERS, own_group, label="own"),
    Case("workgroups:feed_subscribe", OTHER_GROUP_READERS, other_group, label="other"),
    Case("workgroups:feed", roles(200), own_feed_token, label="valid"),
    Case("workgroups:feed", roles(404), lambda w: {"token": "1.abc.forged"}, label="forged"),
    Case("workgroups:member_add", GROUP_MANAGERS, own_group, label="own"),
    Case("workgroups:member_add", OTHER_GROUP_MANAGERS, other_group, label="other"),
    *group_part_cases(
        "workgroups:member_edit", "member_pk", "contact", GROUP_MANAGERS, OTHER_GROUP_MANAGERS
    ),
    *group_part_cases(
        "workgroups:member_remove", "member_pk", "contact", GROUP_MANAGERS, OTHER_GROUP_MANAGERS
    ),
    Case("workgroups:goal_create", GROUP_EDITORS, own_group, label="own"),
    Case("workgroups:goal_create", OTHER_GROUP_EDITORS, other_group, label="other"),
    *group_part_cases(
        "workgroups:goal",
        "goal_pk",
        "goal",
        GROUP_READERS_REDIRECT,
        {r: REDIRECT if v == 200 else v for r, v in OTHER_GROUP_READERS.items()},
    ),
    *group_part_cases(
        "workgroups:goal_edit", "goal_pk", "goal", GROUP_EDITORS, OTHER_GROUP_EDITORS
    ),  # fmt: skip
    *group_part_cases(
        "workgroups:goal_delete", "goal_pk", "goal", GROUP_EDITORS, OTHER_GROUP_EDITORS
    ),  # fmt: skip
    *group_part_cases(
        "workgroups:goal_move",
        "goal_pk",
        "goal",
        GROUP_EDITORS_POST,
        OTHER_GROUP_EDITORS_POST,
        method="POST",
        data=lambda w: {"direction": "down"},
    ),  # fmt: skip
    Case("workgroups:meeting_create", GROUP_EDITORS, own_group, label="own"),
    Case("workgroups:meeting_create", OTHER_GROUP_EDITORS, other_group, label="other"),
    *group_part_cases(
        "workgroups:meeting", "meeting_pk", "meeting", GROUP_READERS, OTHER_GROUP_READERS
    ),  # fmt: skip
    *group_part_cases(
        "workgroups:meeting_edit", "meeting_pk", "meeting", GROUP_EDITORS, OTHER_GROUP_EDITORS
    ),  # fmt: skip
    *group_part_cases(
        "workgroups:meeting_minutes", "meeting_pk", "meeting", GROUP_EDITORS, OTHER_GROUP_EDITORS
    ),  # fmt: skip
    *group_part_cases(
        "workgroups:meeting_delete", "meeting_pk", "meeting", GROUP_EDITORS, OTHER_GROUP_EDITORS
    ),  # fmt: skip
    *group_part_cases(
        "workgroups:meeting_ics", "meeting_pk", "meeting", GROUP_READERS, OTHER_GROUP_READERS
    ),  # fmt: skip
    Case("workgroups:report_create", GROUP_EDITORS, own_group, label="own"),
    Case("workgroups:report_create", OTHER_GROUP_EDITORS, other_group, label="other"),
    *group_part_cases(
        "workgroups:report", "report_pk", "report", GROUP_READERS, OTHER_GROUP_READERS
    ),  # fmt: skip
    *group_part_cases(
        "workgroups:report_edit", "report_pk", "report", GROUP_EDITORS, OTHER_GROUP_EDITORS
    ),  # fmt: skip
    *group_part_cases(
        "workgroups:report_submit",
        "report_pk",
        "report",
        GROUP_EDITORS_POST,
        OTHER_GROUP_EDITORS_POST,
        method="POST",
    ),  # fmt: skip
    *group_part_cases(
        "workgroups:question_add",
        "report_pk",
        "report",
        GROUP_EDITORS_POST,
        OTHER_GROUP_EDITORS_POST,
        method="POST",
        data=lambda w: {"text": "Hur går vi vidare?", "idempotency_key": str(uuid.uuid4())},
    ),  # fmt: skip
    Case("workgroups:document_upload", GROUP_EDITORS, own_group, label="own"),
    Case("workgroups:document_upload", OTHER_GROUP_EDITORS, other_group, label="other"),
    *group_part_cases(
        "workgroups:document_download",
        "document_pk",
        "document",
        GROUP_READERS,
        OTHER_GROUP_READERS,
    ),  # fmt: skip
    *group_part_cases(
        "workgroups:document_delete", "document_pk", "document", GROUP_EDITORS, OTHER_GROUP_EDITORS
    ),  # fmt: skip
]

# National recommendations. Every council seat reads the reports, the matrix and every
# council's follow-up; the council's own members record its follow-ups.
FOLLOW_UP_EDITORS = OWN_EDITORS
OTHER_FOLLOW_UP_EDITORS = OTHER_EDITORS
NOT_FOUND_FOR_EDITORS = roles(403, anonymous=LOGIN, member=404, secretariat=404, admin=404)


def council_rec(world: World) -> dict:
    return {"slug": world.own.slug, "rec_pk": world.extra["council_recommendation"].pk}


def region_rec(world: World, council_key: str = "own", org: str = "region_orebro") -> dict:
    council = world.own if council_key == "own" else world.other
    return {"slug": council.slug, "rec_pk": world.extra["region_recommendation"].pk,
            "org_pk": world.organisations[org].pk}  # fmt: skip


PUBLISHERS = roles(403, anonymous=LOGIN, national_secretariat=200, admin=200)


def publication(world: World) -> dict:
    return {"pk": world.extra["publication"].pk}


def atbt_report(world: World) -> dict:
    from recommendations.models import Publication

    return {"pk": Publication.objects.get(key="nvkr-2022-1-atbt").pk}


RECOMMENDATION_CASES = [
    Case("recommendations:publications", READERS),
    Case("recommendations:publication_create", PUBLISHERS),
    Case("recommendations:publication", READERS, publication),
    Case("recommendations:publication", roles(404, anonymous=LOGIN, respondent=403),
         lambda w: {"pk": 999999}, label="unknown"),
    Case("recommendations:publication_edit", PUBLISHERS, publication),
    Case("recommendations:area_create", PUBLISHERS, publication),
    Case("recommendations:recommendation_create", PUBLISHERS, publication),
    Case("recommendations:recommendation_edit", PUBLISHERS,
         lambda w: {**publication(w), "rec_pk": w.extra["region_recommendation"].pk}),
    Case("recommendations:recommendation_edit",
         roles(403, anonymous=LOGIN, national_secretariat=404, admin=404),
         lambda w: {**atbt_report(w), "rec_pk": w.extra["region_recommendation"].pk},
         label="of another report"),
    Case("recommendations:round_create", OWN_SECRETARIAT, own_slug, label="own"),
    Case("recommendations:round_create", ADMIN_ONLY, other_slug, label="other"),
    Case("recommendations:round_create", roles(404, anonymous=LOGIN, respondent=403),
         lambda w: {"slug": "nationella"}, label="national council"),
    Case("recommendations:round", OWN_SECRETARIAT,
         lambda w: {"slug": w.own.slug, "pk": w.extra["own_round"].pk}, label="own"),
    Case("recommendations:round", roles(403, anonymous=LOGIN, secretariat=404, admin=404),
         lambda w: {"slug": w.own.slug, "pk": w.extra["other_round"].pk},
         label="foreign via own slug"),
    Case("recommendations:round_apply", OWN_SECRETARIAT_POST,
         lambda w: {"slug": w.own.slug, "pk": w.extra["own_round"].pk}, method="POST",
         label="own"),
    Case("recommendations:round_apply", roles(403, anonymous=LOGIN, secretariat=404, admin=404),
         lambda w: {"slug": w.own.slug, "pk": w.extra["other_round"].pk}, method="POST",
         label="foreign via own slug"),
    Case("recommendations:matrix", READERS, publication),
    Case("recommendations:matrix_export", READERS, publication),
    Case("recommendations:council", READERS, own_slug, label="own"),
    Case("recommendations:council", READERS, other_slug, label="other"),
    Case("recommendations:council", roles(404, anonymous=LOGIN, respondent=403),
         lambda w: {"slug": "nationella"}, label="national council has no follow-up"),
    Case("recommendations:follow_up_edit", FOLLOW_UP_EDITORS, council_rec, label="own"),
    Case("recommendations:follow_up_edit", OTHER_FOLLOW_UP_EDITORS,
         lambda w: {**council_rec(w), "slug": w.other.slug}, label="other"),
    Case("recommendations:follow_up_edit", NOT_FOUND_FOR_EDITORS,
         lambda w: {**council_rec(w), "rec_pk": w.extra["region_recommendation"].pk},
         label="not addressed to the councils"),
    Case("recommendations:follow_up_edit_organisation", FOLLOW_UP_EDITORS, region_rec,
         label="own"),
    Case("recommendations:follow_up_edit_organisation", OTHER_FOLLOW_UP_EDITORS,
         lambda w: region_rec(w, "other", "region_vb"), label="other"),
    Case("recommendations:follow_up_edit_organisation", NOT_FOUND_FOR_EDITORS,
         lambda w: region_rec(w, "own", "region_vb"), label="organisation outside the area"),
    Case("recommendations:follow_up_edit_organisation", NOT_FOUND_FOR_EDITORS,
         lambda w: region_rec(w, "own", "uu"), label="not addressed to universities"),
    Case("recommendations:follow_up", READERS,
         lambda w: {"slug": w.own.slug, "pk": w.extra["own_follow_up"].pk}, label="own"),
    Case("recommendations:follow_up", READERS,
         lambda w: {"slug": w.other.slug, "pk": w.extra["other_region_follow_up"].pk},
         label="other"),
    Case("recommendations:follow_up", roles(404, anonymous=LOGIN, respondent=403),
         lambda w: {"slug": w.own.slug, "pk": w.extra["other_region_follow_up"].pk},
         label="foreign via own slug"),
]  # fmt: skip

# Annual reports. Drafts: the council's own members and the national council; the council's
# secretariat builds, writes and fastställer; final versions are public.
REPORT_READERS = roles(403, anonymous=LOGIN, member=200, secretariat=200, national=200, admin=200)
OTHER_REPORT_READERS = roles(403, anonymous=LOGIN, other_member=200, national=200, admin=200)
REPORT_READERS_STOPPED = {k: (286 if v == 200 else v) for k, v in REPORT_READERS.items()}
REPORT_READERS_404 = {k: (404 if v == 200 else v) for k, v in REPORT_READERS.items()}
NOT_FOUND = roles(404)


def report_year(world: World, key: str = "own") -> dict:
    council = world.own if key == "own" else world.other
    return {"slug": council.slug, "year": 2022}


def report_build(world: World, build_key: str = "own_draft_build", slug_key: str = "own") -> dict:
    return {**report_year(world, slug_key), "pk": world.extra[build_key].pk}


def public_build(world: World, number: int) -> dict:
    return {"slug": world.own.slug, "year": 2022, "number": number}


def _found_to_404(expect: dict) -> dict:
    """Who gets past the council's check gets 404 for a build of another council."""
    return {role: (404 if value not in (LOGIN, 403) else value) for role, value in expect.items()}


def _build_cases(
    name: str,
    expect,
    other_expect,
    method: str = "GET",
    build_key: str = "own_draft_build",
    other_key: str = "other_draft_build",
):
    return [
        Case(name, expect, lambda w: report_build(w, build_key), method=method, label="own"),
        Case(name, other_expect, lambda w: report_build(w, other_key, "other"), method=method,
             label="other"),
        Case(name, _found_to_404(expect), lambda w: report_build(w, other_key, "own"),
             method=method, label="foreign build via own slug"),
    ]  # fmt: skip


OTHER_REPORT_READERS_STOPPED = {
    k: (286 if v == 200 else v) for k, v in OTHER_REPORT_READERS.items()
}


REPORT_CASES = [
    Case("reports:list", REPORT_READERS, own_slug, label="own"),
    Case("reports:list", OTHER_REPORT_READERS, other_slug, label="other"),
    Case("reports:list", roles(404, anonymous=LOGIN), lambda w: {"slug": "finns-inte"},
         label="unknown council"),
    Case("reports:report", REPORT_READERS, report_year, label="own"),
    Case("reports:report", OTHER_REPORT_READERS, lambda w: report_year(w, "other"),
         label="other"),
    Case("reports:report", REPORT_READERS_404, lambda w: {"slug": w.own.slug, "year": 1},
         label="year 1"),
    Case("reports:texts", OWN_SECRETARIAT, report_year, label="own"),
    Case("reports:texts", ADMIN_ONLY, lambda w: report_year(w, "other"), label="other"),
    Case("reports:options", OWN_SECRETARIAT, report_year, label="own"),
    Case("reports:options", ADMIN_ONLY, lambda w: report_year(w, "other"), label="other"),
    # The own report has a final version: a new one is a correction, with a reason.
    Case("reports:build_request", OWN_SECRETARIAT_POST, report_year, method="POST",
         data=lambda w: {"reason": "Rättelse av en siffra"}, label="own"),
    Case("reports:build_request", ADMIN_ONLY_POST, lambda w: report_year(w, "other"),
         method="POST", label="other"),
    *_build_cases("reports:build", REPORT_READERS, OTHER_REPORT_READERS),
    *_build_cases("reports:build_progress", REPORT_READERS_STOPPED, OTHER_REPORT_READERS_STOPPED),
    *_build_cases("reports:build_pdf", REPORT_READERS, OTHER_REPORT_READERS),
    *_build_cases("reports:build_html", REPORT_READERS, OTHER_REPORT_READERS),
    *_build_cases("reports:build_finalise", OWN_SECRETARIAT, ADMIN_ONLY),
    *_build_cases("reports:build_delete", OWN_SECRETARIAT, ADMIN_ONLY),
    # Refused by the service (a final version is never deleted or fastställd again, a
    # finished build is neither cancelled nor retried): back to the version with a message.
    *_build_cases("reports:build_delete", OWN_SECRETARIAT_POST, ADMIN_ONLY_POST, "POST",
                  "own_final_build"),
    *_build_cases("reports:build_cancel", OWN_SECRETARIAT_POST, ADMIN_ONLY_POST, "POST"),
    *_build_cases("reports:build_retry", OWN_SECRETARIAT_POST, ADMIN_ONLY_POST, "POST"),
    *_build_cases("reports:build_finalise", OWN_SECRETARIAT_POST, ADMIN_ONLY_POST, "POST",
                  "own_final_build"),
    Case("reports:public_list", EVERYONE),
    Case("reports:public_council", EVERYONE, own_slug),
    Case("reports:public_council", NOT_FOUND, lambda w: {"slug": "finns-inte"},
         label="unknown"),
    Case("reports:public_html", EVERYONE, lambda w: public_build(w, 1), label="final"),
    Case("reports:public_html", NOT_FOUND, lambda w: public_build(w, 2), label="draft"),
    Case("reports:public_pdf", EVERYONE, lambda w: public_build(w, 1), label="final"),
    Case("reports:public_pdf", NOT_FOUND, lambda w: public_build(w, 2), label="draft"),
    Case("reports:public_pdf", NOT_FOUND, lambda w: {**public_build(w, 1), "year": 1},
         label="year 1"),
]  # fmt: skip

# Prioritisation rounds. Reading a round is a plan's reading (any council seat); marking is
# for the round's voters only (in a round of all members: the council's members, not its
# secretariat; in a round of groups: the groups' members); deciding and accepting a move take
# the chair or the secretariat; opening, closing and reminding take the secretariat.
LIVE_READERS = roles(200, anonymous=401, respondent=403)
NOT_FOUND_FOR_READERS = roles(404, anonymous=LOGIN, respondent=403)
MANAGERS_NOT_FOUND = roles(403, anonymous=LOGIN, secretariat=404, admin=404)


def _priority_round(key: str, plan_key: str | None = None, round_key: str = "priority_round"):
    """The round `<key>_<round_key>` under the plan of `plan_key` (by default its own): the
    other council's round under the own plan is a forged id."""

    def kwargs(world: World) -> dict:
        plan = own_plan(world) if (plan_key or key) == "own" else other_plan(world)
        return {**plan, "pk": world.extra[f"{key}_{round_key}"].pk}

    return kwargs


def round_cases(name: str, own: dict, other: dict, foreign: dict, **options) -> list[Case]:
    return [
        Case(name, own, _priority_round("own"), label="own", **options),
        Case(name, other, _priority_round("other"), label="other", **options),
        Case(name, foreign, _priority_round("other", "own"), label="foreign via own plan",
             **options),
    ]  # fmt: skip


def _decision_data(key: str, priority: str):
    def data(world: World) -> dict:
        from prioritisation.models import Decision

        round_, activity = world.extra[f"{key}_priority_round"], world.extra[f"{key}_activity"]
        decided = Decision.objects.filter(round=round_, activity=activity).first()
        version = decided.version if decided else 0
        return {"activity": activity.pk, "priority": priority, "version": version,
                "next": round_.get_absolute_url()}  # fmt: skip

    return data


def _move_data(key: str):
    return lambda w: {"mark": w.extra[f"{key}_mark"].pk, "next": w.extra[f"{key}_priority_round"]
                      .get_absolute_url()}  # fmt: skip


def _round_form(world: World) -> dict:
    return {"title": "Höstens prioritering", "mode": "members", "closes_at": "2099-12-01T12:00",
            "idempotency_key": str(uuid.uuid4())}  # fmt: skip


def _discussion_group(key: str, slug_key: str | None = None):
    def kwargs(world: World) -> dict:
        council = world.own if (slug_key or key) == "own" else world.other
        return {"slug": council.slug, "pk": world.extra[f"{key}_discussion_group"].pk}

    return kwargs


def _group_form(key: str):
    def data(world: World) -> dict:
        member = world.users["member" if key == "own" else "other_member"]
        return {"name": f"Grupp {uuid.uuid4().hex[:8]}", "members": [member.pk],
                "idempotency_key": str(uuid.uuid4())}  # fmt: skip

    return data


PRIORITISATION_CASES = [
    Case("prioritisation:rounds", READERS, own_plan, label="own"),
    Case("prioritisation:rounds", READERS, other_plan, label="other"),
    Case("prioritisation:rounds", NOT_FOUND_FOR_READERS,
         lambda w: {"slug": w.own.slug, "year": 1999}, label="no plan that year"),
    Case("prioritisation:round_create", OWN_SECRETARIAT, own_plan, label="own"),
    Case("prioritisation:round_create", ADMIN_ONLY, other_plan, label="other"),
    Case("prioritisation:round_create", OWN_SECRETARIAT_POST, own_plan, method="POST",
         data=_round_form, label="own"),
    Case("prioritisation:round_create", ADMIN_ONLY_POST, other_plan, method="POST",
         data=_round_form, label="other"),
    *round_cases("prioritisation:round", READERS, READERS, NOT_FOUND_FOR_READERS),
    *round_cases("prioritisation:meeting", READERS, READERS, NOT_FOUND_FOR_READERS),
    *round_cases("prioritisation:export", READERS, READERS, NOT_FOUND_FOR_READERS),
    # The round screens' live requests: 401 to a screen whose session ended, not the login page.
    *round_cases("prioritisation:live", LIVE_READERS, LIVE_READERS,
                 roles(404, anonymous=401, respondent=403)),
    *round_cases("prioritisation:mark", roles(403, anonymous=LOGIN, member=200),
                 roles(403, anonymous=LOGIN, other_member=200), NOT_FOUND_FOR_READERS),
    Case("prioritisation:mark", roles(403, anonymous=LOGIN, member=200),
         _priority_round("own", round_key="group_round"), label="own groups round"),
    Case("prioritisation:mark", roles(403, anonymous=LOGIN, member=REDIRECT),
         _priority_round("own"), method="POST",
         data=lambda w: {f"colour-{w.extra['own_activity'].pk}": "red"}, label="own"),
    Case("prioritisation:decide", OWN_SECRETARIAT_POST, _priority_round("own"), method="POST",
         data=_decision_data("own", "yellow"), label="own"),
    Case("prioritisation:decide", ADMIN_ONLY_POST, _priority_round("other"), method="POST",
         data=_decision_data("other", "red"), label="other"),
    Case("prioritisation:decide", NOT_FOUND_FOR_READERS, _priority_round("other", "own"),
         method="POST", data=_decision_data("other", "red"), label="foreign via own plan"),
    Case("prioritisation:move", OWN_SECRETARIAT_POST, _priority_round("own"), method="POST",
         data=_move_data("own"), label="own"),
    Case("prioritisation:move", ADMIN_ONLY_POST, _priority_round("other"), method="POST",
         data=_move_data("other"), label="other"),
    Case("prioritisation:move", NOT_FOUND_FOR_READERS, _priority_round("other", "own"),
         method="POST", data=_move_data("other"), label="foreign via own plan"),
    *round_cases("prioritisation:remind", OWN_SECRETARIAT_POST, ADMIN_ONLY_POST,
                 MANAGERS_NOT_FOUND, method="POST"),
    *round_cases("prioritisation:close", OWN_SECRETARIAT_POST, ADMIN_ONLY_POST,
                 MANAGERS_NOT_FOUND, method="POST", data=lambda w: {"confirm": "1"}),
    Case("prioritisation:groups", READERS, own_slug, label="own"),
    Case("prioritisation:groups", READERS, other_slug, label="other"),
    Case("prioritisation:group_create", OWN_SECRETARIAT, own_slug, label="own"),
    Case("prioritisation:group_create", ADMIN_ONLY, other_slug, label="other"),
    Case("prioritisation:group_create", OWN_SECRETARIAT_POST, own_slug, method="POST",
         data=_group_form("own"), label="own"),
    Case("prioritisation:group_create", ADMIN_ONLY_POST, other_slug, method="POST",
         data=_group_form("other"), label="other"),
    Case("prioritisation:group_edit", OWN_SECRETARIAT, _discussion_group("own"), label="own"),
    Case("prioritisation:group_edit", ADMIN_ONLY, _discussion_group("other"), label="other"),
    Case("prioritisation:group_edit", MANAGERS_NOT_FOUND, _discussion_group("other", "own"),
         label="foreign via own slug"),
    Case("prioritisation:group_edit", OWN_SECRETARIAT_POST, _discussion_group("own"),
         method="POST", data=_group_form("own"), label="own"),
]  # fmt: skip

# The header's search: anyone logged in; what it finds is decided per kind (tests/search/).
SEARCH_CASES = [Case("search:results", LOGGED_IN)]

CASES: list[Case] = (
    COUNCIL_CASES + ACCOUNT_CASES + ACTIVITY_CASES + SURVEY_CASES + WORKGROUP_CASES
    + RECOMMENDATION_CASES + REPORT_CASES + SEARCH_CASES + CONTACT_CASES
    + PRIORITISATION_CASES
)  # fmt: skip
