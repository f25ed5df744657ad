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

from tests.world import ROLES, World

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
    """Expectations for every role: `default`, except those named."""
    expect = {role: default for role in ROLES}
    expect.update(overrides)
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


def other_invitation(world: World) -> dict:
    return {**other_survey(world), "invitation_pk": world.extra["other_invitation"].pk}


def survey_cases(name: str, own: dict, other: dict, own_kwargs=own_survey,
                 other_kwargs=other_survey, **options) -> list[Case]:  # fmt: skip
    return [
        Case(name, own, own_kwargs, label="own", **options),
        Case(name, other, other_kwargs, label="other", **options),
    ]


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
    Case("surveys:link", roles(REDIRECT), lambda w: {"token": w.extra["own_token"]}, label="valid"),
    Case("surveys:link", roles(404), lambda w: {"token": "x" * 43}, label="wrong"),
    Case("surveys:respond", NO_GRANT, lambda w: {"invitation_pk": w.extra["own_invitation"].pk}),
    Case("surveys:receipt", NO_GRANT, lambda w: {"invitation_pk": w.extra["own_invitation"].pk}),
]

CASES: list[Case] = COUNCIL_CASES + ACCOUNT_CASES + ACTIVITY_CASES + SURVEY_CASES
