"""Every form of the project, by URL pattern: who may send it, where it is shown, what to fill
in for the untouched form to go through, and which pages show what it stores.

`tests/hostile/test_forms.py` fails for a URL pattern that is neither here nor in NO_FORM
(checked to refuse a POST), and for a form on any page of the permission matrix whose action
has no target. Field names and kinds are read from the page, not listed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.permission_matrix import (
    own_activity,
    own_group,
    own_invitation,
    own_membership,
    own_plan,
    own_slug,
    own_survey,
)
from tests.world import PASSWORD, World

from .values import Upload

# The respondent of tests/hostile/conftest.py's survey: a browser that opened the link.
LINK = "link"
NEW_PASSWORD = "Ett-nytt-lösen-4711!"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Url = Callable[[World], str]


@dataclass(frozen=True)
class Target:
    url_name: str
    role: str
    kwargs: Callable[[World], dict] = field(default=lambda world: {})
    # The page that shows the form, when it is not the form's own URL.
    page: Url | None = None
    # (role, URL) of the pages that show what the form stores.
    shows: tuple[tuple[str, Url], ...] = ()
    # Values for the untouched form to go through: a string, or fill(world, get) → value,
    # where get(role, url) reads a page as that role.
    fill: dict[str, object] = field(default_factory=dict)
    label: str = ""
    # The form is also sent as htmx sends it from the plan page (another template answers).
    htmx: bool = False
    # Does the untouched form (with `fill`) go through? The sweep checks that it does, so a
    # form whose baseline silently fails (and so tests nothing deep) is noticed.
    baseline_goes_through: bool = True

    @property
    def id(self) -> str:
        return f"{self.url_name}{' ' + self.label if self.label else ''}"

    def url(self, world: World) -> str:
        return reverse(self.url_name, kwargs=self.kwargs(world))


def url(name: str, kwargs: Callable[[World], dict] = lambda world: {}, query: str = "") -> Url:
    return lambda world: reverse(name, kwargs=kwargs(world)) + query


def hostile_survey(world: World) -> dict:
    return {"slug": world.own.slug, "pk": world.extra["hostile_survey"].pk}


def hostile_question(world: World) -> dict:
    return {**hostile_survey(world), "question_pk": world.extra["hostile_question"].pk}


def hostile_activity(world: World) -> dict:
    return {**own_plan(world), "pk": world.extra["hostile_activity"].pk}


def submitted_invitation(world: World) -> dict:
    return {**own_survey(world), "invitation_pk": world.extra["own_submitted_invitation"].pk}


def hostile_respondent(world: World) -> dict:
    return {"invitation_pk": world.extra["hostile_invitation"].pk}


def _uid(world: World) -> str:
    return urlsafe_base64_encode(force_bytes(world.users["member"].pk))


def password_reset_link(world: World) -> str:
    # The token depends on the last login: the row as it is now, not the world's copy.
    user = type(world.users["member"]).objects.get(pk=world.users["member"].pk)
    token = default_token_generator.make_token(user)
    return reverse("password_reset_confirm", kwargs={"uidb64": _uid(world), "token": token})


def reset_form(world: World) -> dict:
    # Where the link sends the browser: Django keeps the token in the session.
    return {"uidb64": _uid(world), "token": "set-password"}


def plan_file(world: World, get) -> Upload:
    """The own plan as exported: a file the import takes."""
    export = reverse("activities:plan_export", kwargs={**own_plan(world), "fmt": "xlsx"})
    return Upload("plan.xlsx", get("secretariat", export), XLSX)


def responses_file(world: World, get) -> Upload:
    export = reverse("surveys:export", kwargs={**own_survey(world), "fmt": "xlsx"})
    return Upload("svar.xlsx", get("secretariat", export), XLSX)


# A few pages each, those that show the stored values through other templates than the
# form's own (which the form's answer already shows), and one export: every page here is
# read after every request that wrote something.
COUNCIL_SHOWS = (
    ("member", url("councils:detail", own_slug)),
    ("secretariat", url("councils:members", own_slug)),
)
PLAN_SHOWS = (
    ("member", url("activities:plan", own_plan)),
    ("member", url("activities:activity", own_activity)),
    ("national", url("activities:rollup")),
    ("member", url("activities:plan_export", lambda w: {**own_plan(w), "fmt": "xlsx"})),
)
RAISE_SHOWS = (
    ("member", url("activities:activity", hostile_activity)),
    ("national", url("activities:inbox")),
    ("national", url("activities:rollup")),
)
SURVEY_SHOWS = (
    ("secretariat", url("surveys:builder", hostile_survey)),
    (LINK, url("surveys:respond", hostile_respondent)),
    ("secretariat", url("surveys:results", hostile_survey)),
    ("secretariat", url("surveys:export", lambda w: {**hostile_survey(w), "fmt": "xlsx"})),
)
SURVEY_LIST_SHOWS = (("secretariat", url("surveys:list", own_slug)), *SURVEY_SHOWS)
ROUND_SHOWS = (
    ("secretariat", url("surveys:recipients", own_survey)),
    ("secretariat", url("surveys:detail", own_survey)),
)
RESULT_SHOWS = (
    ("member", url("surveys:results", own_survey)),
    ("member", url("surveys:export", lambda w: {**own_survey(w), "fmt": "csv"})),
)
ADMIN_REPORTS = ("admin", url("admin:councils_accessibilityreport_changelist"))

COUNCIL_TARGETS = [
    Target("councils:settings", "secretariat", own_slug, shows=COUNCIL_SHOWS,
           fill={"mission": "Ett samverkansforum", "goals": "Främja dialog\nSamverka"}),
    Target("councils:member_add", "secretariat", own_slug, shows=COUNCIL_SHOWS,
           fill={"email": "ny.person@example.test", "full_name": "Ny Person"}),
    Target("councils:member_edit", "secretariat", own_membership, shows=COUNCIL_SHOWS),
    Target("councils:member_end", "secretariat", own_membership, shows=COUNCIL_SHOWS),
    Target("accessibility", "anonymous", shows=(ADMIN_REPORTS,),
           fill={"description": "Knappen saknar etikett"}),
    Target("set_language", "member", page=url("home"), shows=(("member", url("home")),)),
    Target("login", "anonymous",
           fill={"username": lambda w, get: w.users["member"].email, "password": PASSWORD}),
    Target("logout", "member", page=url("home")),
    # The admin's own login: its other forms are swept in test_admin.py.
    Target("admin:login", "anonymous",
           fill={"username": lambda w, get: w.users["admin"].email, "password": PASSWORD}),
    Target("password_change", "member",
           fill={"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                 "new_password2": NEW_PASSWORD}),
    Target("password_reset", "anonymous",
           fill={"email": lambda w, get: w.users["member"].email}),
    Target("password_reset_confirm", "anonymous", reset_form, page=password_reset_link,
           fill={"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}),
    Target("organisations", "member"),
    Target("notifications:settings", "member"),
    Target("contacts:list", "member", own_slug),
    Target("contacts:organisation", "secretariat",
           lambda w: {**own_slug(w), "pk": w.organisations["arvika"].pk},
           shows=(("member", url("contacts:list", own_slug)),),
           fill={"contacts-0-role": "mas", "contacts-0-email": "kontakt@arvika.test"}),
]  # fmt: skip

ACTIVITY_TARGETS = [
    Target("activities:plan_create", "secretariat", own_slug, shows=PLAN_SHOWS,
           fill={"year": "2031"}),
    Target("activities:plan_settings", "secretariat", own_plan, shows=PLAN_SHOWS),
    Target("activities:plan_copy", "secretariat", own_plan, shows=PLAN_SHOWS),
    Target("activities:plan_import", "secretariat", own_plan, shows=PLAN_SHOWS,
           fill={"file": plan_file}),
    Target("activities:plan", "member", own_plan),
    Target("activities:activity_create", "member", own_plan, shows=PLAN_SHOWS,
           fill={"title": "Ny aktivitet"}, htmx=True),
    Target("activities:activity_edit", "member", own_activity, shows=PLAN_SHOWS, htmx=True),
    Target("activities:activity_set", "member", own_activity, page=url("activities:plan", own_plan),
           shows=PLAN_SHOWS),
    Target("activities:activity_move", "member", own_activity,
           page=url("activities:plan", own_plan), shows=PLAN_SHOWS),
    Target("activities:activity_delete", "member", own_activity, shows=PLAN_SHOWS),
    Target("activities:activity_note_add", "member", own_activity,
           page=url("activities:activity", own_activity), shows=PLAN_SHOWS,
           fill={"text": "En anteckning"}),
    Target("activities:activity_raise", "member", hostile_activity,
           page=url("activities:activity", hostile_activity), shows=RAISE_SHOWS,
           fill={"motivation": "Kräver nationella avtal"}),
    Target("activities:rollup", "member"),
    Target("activities:compare", "national"),
    Target("activities:inbox", "national"),
    Target("activities:raise_answer", "national", lambda w: {"pk": w.extra["own_raise"].pk},
           shows=(("member", url("activities:activity", own_activity)), *RAISE_SHOWS[1:])),
]  # fmt: skip

SURVEY_TARGETS = [
    Target("surveys:create", "secretariat", own_slug, shows=SURVEY_LIST_SHOWS,
           fill={"title": "Ny enkät", "audience": "kommun"}),
    Target("surveys:edit", "secretariat", hostile_survey, shows=SURVEY_LIST_SHOWS),
    Target("surveys:copy", "secretariat", hostile_survey,
           page=url("surveys:builder", hostile_survey), shows=SURVEY_LIST_SHOWS),
    Target("surveys:section_add", "secretariat", hostile_survey,
           page=url("surveys:builder", hostile_survey), shows=SURVEY_SHOWS,
           fill={"title": "Nytt avsnitt"}),
    Target("surveys:question_add", "secretariat", hostile_survey, shows=SURVEY_SHOWS,
           fill={"text": "En ny fråga"}),
    Target("surveys:question_edit", "secretariat", hostile_question, shows=SURVEY_SHOWS),
    Target("surveys:question_edit", "secretariat",
           lambda w: {**own_survey(w), "question_pk": w.extra["own_scale_item"].pk},
           shows=RESULT_SHOWS, label="answered survey: wording only"),
    Target("surveys:question_move", "secretariat", hostile_question,
           page=url("surveys:builder", hostile_survey), shows=SURVEY_SHOWS),
    Target("surveys:question_delete", "secretariat", hostile_question, shows=SURVEY_SHOWS),
    Target("surveys:preview", "secretariat", hostile_survey),
    Target("surveys:recipients", "secretariat", hostile_survey, shows=SURVEY_SHOWS),
    Target("surveys:emails_import", "secretariat", hostile_survey,
           page=url("surveys:recipients", hostile_survey), shows=SURVEY_SHOWS,
           fill={"text": "1784;kontakt@arvika.test"}),
    Target("surveys:register_addresses", "secretariat", hostile_survey,
           page=url("surveys:recipients", hostile_survey), shows=SURVEY_SHOWS),
    Target("surveys:send", "secretariat", own_survey, page=url("surveys:recipients", own_survey),
           shows=ROUND_SHOWS),
    Target("surveys:remind", "secretariat", own_survey,
           page=url("surveys:recipients", own_survey), shows=ROUND_SHOWS),
    Target("surveys:resend", "secretariat", own_invitation,
           page=url("surveys:recipients", own_survey), shows=ROUND_SHOWS),
    Target("surveys:revoke", "secretariat", own_invitation,
           page=url("surveys:recipients", own_survey), shows=ROUND_SHOWS),
    Target("surveys:reopen", "secretariat", submitted_invitation,
           page=url("surveys:recipients", own_survey), shows=ROUND_SHOWS),
    Target("surveys:results", "secretariat", own_survey),
    Target("surveys:responses_import", "secretariat", own_survey, shows=RESULT_SHOWS,
           fill={"file": responses_file}, baseline_goes_through=False),
    Target("surveys:respond", LINK, hostile_respondent, shows=SURVEY_SHOWS),
]  # fmt: skip


def _group_part(kwarg: str, key: str):
    return lambda w: {**own_group(w), kwarg: w.extra[key].pk}


def document_file(world: World, get) -> Upload:
    from tests.world import MINIMAL_PDF

    # Not the world's own document (the same file twice in a group is refused).
    return Upload("protokoll.pdf", MINIMAL_PDF + b"% hostile\n", "application/pdf")


GROUP_PAGE = url("workgroups:detail", own_group)
GROUP_SHOWS = (
    ("convenor", GROUP_PAGE),
    ("member", url("workgroups:list", own_slug)),
    ("member", url("workgroups:export", own_group)),
    ("convenor", url("home")),
)
MEETING_SHOWS = (
    ("convenor", GROUP_PAGE),
    ("convenor", url("workgroups:meeting", _group_part("meeting_pk", "own_meeting"))),
    ("member", url("workgroups:group_ics", own_group)),
    ("convenor", url("home")),
)
REPORT_SHOWS = (
    ("convenor", url("workgroups:report", _group_part("report_pk", "own_report"))),
    ("member", url("workgroups:questions", own_slug)),
    ("member", url("workgroups:export", own_group)),
    ("member", url("home")),
)
OWN_REPORT = _group_part("report_pk", "own_report")
OWN_MEETING = _group_part("meeting_pk", "own_meeting")
OWN_GOAL = _group_part("goal_pk", "own_goal")

WORKGROUP_TARGETS = [
    Target("workgroups:create", "secretariat", own_slug, shows=GROUP_SHOWS[1:],
           fill={"name": "Ny arbetsgrupp"}),
    Target("workgroups:edit", "convenor", own_group, shows=GROUP_SHOWS),
    Target("workgroups:member_add", "convenor", own_group, shows=GROUP_SHOWS,
           fill={"name": "Ny Kontakt"}),
    Target("workgroups:member_edit", "convenor", _group_part("member_pk", "own_contact"),
           shows=GROUP_SHOWS),
    Target("workgroups:member_remove", "convenor", _group_part("member_pk", "own_contact"),
           shows=GROUP_SHOWS),
    Target("workgroups:goal_create", "group_member", own_group, shows=GROUP_SHOWS,
           fill={"goal": "Ett nytt mål"}, htmx=True),
    Target("workgroups:goal_edit", "group_member", OWN_GOAL, shows=GROUP_SHOWS, htmx=True),
    Target("workgroups:goal_move", "group_member", OWN_GOAL, page=GROUP_PAGE,
           shows=GROUP_SHOWS, htmx=True),
    Target("workgroups:goal_delete", "group_member", OWN_GOAL, shows=GROUP_SHOWS),
    Target("workgroups:meeting_create", "convenor", own_group, shows=MEETING_SHOWS,
           fill={"title": "Nytt möte", "date": "2026-12-10", "start_time": "10:00",
                 "end_time": "11:00"}),
    Target("workgroups:meeting_edit", "convenor", OWN_MEETING, shows=MEETING_SHOWS),
    Target("workgroups:meeting_minutes", "group_member", OWN_MEETING, shows=MEETING_SHOWS,
           htmx=True),
    Target("workgroups:meeting_delete", "convenor", OWN_MEETING, shows=MEETING_SHOWS),
    Target("workgroups:feed_subscribe", "convenor", own_group),
    Target("workgroups:report_create", "convenor", own_group, shows=REPORT_SHOWS,
           fill={"done": "Sammanställning pågår"}),
    Target("workgroups:report_edit", "convenor", OWN_REPORT, shows=REPORT_SHOWS),
    Target("workgroups:report_submit", "convenor",
           lambda w: {**own_group(w), "report_pk": w.extra["own_draft_report"].pk},
           page=url("workgroups:report",
                    lambda w: {**own_group(w), "report_pk": w.extra["own_draft_report"].pk}),
           shows=REPORT_SHOWS),
    Target("workgroups:question_add", "convenor", OWN_REPORT,
           page=url("workgroups:report", OWN_REPORT), shows=REPORT_SHOWS,
           fill={"text": "Hur går vi vidare?"}),
    Target("workgroups:question_answer", "member",
           lambda w: {"slug": w.own.slug, "question_pk": w.extra["own_question"].pk},
           shows=REPORT_SHOWS, fill={"status": "besvarad", "answer": "Rådet tar upp frågan."}),
    Target("workgroups:document_upload", "convenor", own_group, shows=GROUP_SHOWS,
           fill={"file": document_file}),
    Target("workgroups:document_delete", "convenor",
           _group_part("document_pk", "own_document"), shows=GROUP_SHOWS),
]  # fmt: skip

FOLLOW_UP_SHOWS = (
    ("member", url("recommendations:council", own_slug)),
    ("member", url("recommendations:follow_up",
                   lambda w: {"slug": w.own.slug, "pk": w.extra["own_follow_up"].pk})),
    ("member", url("home")),
)  # fmt: skip


def _publication(w):
    return {"pk": w.extra["publication"].pk}


PUBLICATION_SHOWS = (
    ("member", url("recommendations:publications")),
    ("member", url("recommendations:publication", _publication)),
    ("member", url("recommendations:matrix", _publication)),
)

RECOMMENDATION_TARGETS = [
    Target("recommendations:publication_create", "national_secretariat",
           shows=PUBLICATION_SHOWS[:1],
           fill={"title": "Ny rapport", "published_on": "2026-11-01"}),
    Target("recommendations:publication_edit", "national_secretariat", _publication,
           shows=PUBLICATION_SHOWS),
    Target("recommendations:area_create", "national_secretariat", _publication,
           shows=PUBLICATION_SHOWS, fill={"title": "Nytt område", "position": "7"}),
    Target("recommendations:recommendation_create", "national_secretariat", _publication,
           shows=PUBLICATION_SHOWS, fill={"position": "20", "text": "En ny rekommendation"}),
    Target("recommendations:recommendation_edit", "national_secretariat",
           lambda w: {**_publication(w), "rec_pk": w.extra["region_recommendation"].pk},
           shows=PUBLICATION_SHOWS),
    Target("recommendations:matrix", "member", _publication),
    Target("recommendations:round_create", "secretariat", own_slug,
           shows=(("secretariat", url("surveys:list", own_slug)),)),
    Target("recommendations:round_apply", "secretariat",
           lambda w: {"slug": w.own.slug, "pk": w.extra["own_round"].pk},
           page=url("recommendations:round",
                    lambda w: {"slug": w.own.slug, "pk": w.extra["own_round"].pk}),
           shows=FOLLOW_UP_SHOWS),
    Target("recommendations:follow_up_edit", "member",
           lambda w: {"slug": w.own.slug, "rec_pk": w.extra["council_recommendation"].pk},
           shows=FOLLOW_UP_SHOWS, htmx=True),
    Target("recommendations:follow_up_edit_organisation", "member",
           lambda w: {"slug": w.own.slug, "rec_pk": w.extra["region_recommendation"].pk,
                      "org_pk": w.organisations["region_orebro"].pk},
           shows=FOLLOW_UP_SHOWS, htmx=True),
]  # fmt: skip


def _report_year(w):
    return {"slug": w.own.slug, "year": 2022}


def _report_build(key: str):
    return lambda w: {**_report_year(w), "pk": w.extra[key].pk}


REPORT_SHOWS = (
    ("secretariat", url("reports:report", _report_year)),
    ("member", url("reports:list", own_slug)),
)

REPORT_TARGETS = [
    Target("reports:texts", "secretariat", _report_year, shows=REPORT_SHOWS),
    Target("reports:options", "secretariat", _report_year, shows=REPORT_SHOWS),
    # The own report has a final version: a new one needs a reason.
    Target("reports:build_request", "secretariat", _report_year,
           page=url("reports:report", _report_year), shows=REPORT_SHOWS,
           fill={"reason": "Rättelse av en siffra"}),
    Target("reports:build_finalise", "secretariat", _report_build("own_draft_build"),
           shows=REPORT_SHOWS),
    Target("reports:build_delete", "secretariat", _report_build("own_draft_build"),
           shows=REPORT_SHOWS),
    Target("reports:build_cancel", "secretariat", _report_build("own_queued_build"),
           page=url("reports:build", _report_build("own_queued_build")), shows=REPORT_SHOWS),
    Target("reports:build_retry", "secretariat", _report_build("own_failed_build"),
           page=url("reports:build", _report_build("own_failed_build")), shows=REPORT_SHOWS),
]  # fmt: skip


def _priority_round(w):
    return {**own_plan(w), "pk": w.extra["own_priority_round"].pk}


def _discussion_group(w):
    return {"slug": w.own.slug, "pk": w.extra["own_discussion_group"].pk}


def _round_closes(world: World, get) -> str:
    return (timezone.localtime() + dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")


PRIORITY_ROUND_PAGE = url("prioritisation:round", _priority_round)
PRIORITY_ROUND_SHOWS = (
    ("secretariat", PRIORITY_ROUND_PAGE),
    ("member", url("prioritisation:meeting", _priority_round)),
    ("member", url("prioritisation:rounds", own_plan)),
    ("member", url("prioritisation:export", _priority_round)),
    ("member", url("activities:plan", own_plan)),
)
DISCUSSION_GROUP_SHOWS = (
    ("member", url("prioritisation:groups", own_slug)),
    ("secretariat", url("prioritisation:round_create", own_plan)),
)

PRIORITISATION_TARGETS = [
    Target("prioritisation:round_create", "secretariat", own_plan, shows=PRIORITY_ROUND_SHOWS[2:],
           fill={"closes_at": _round_closes}),
    Target("prioritisation:round", "member", _priority_round),
    Target("prioritisation:mark", "member", _priority_round, shows=PRIORITY_ROUND_SHOWS),
    Target("prioritisation:decide", "secretariat", _priority_round, page=PRIORITY_ROUND_PAGE,
           shows=PRIORITY_ROUND_SHOWS),
    Target("prioritisation:move", "secretariat", _priority_round, page=PRIORITY_ROUND_PAGE,
           shows=PRIORITY_ROUND_SHOWS),
    Target("prioritisation:remind", "secretariat", _priority_round, page=PRIORITY_ROUND_PAGE,
           shows=PRIORITY_ROUND_SHOWS[:1]),
    Target("prioritisation:close", "secretariat", _priority_round, page=PRIORITY_ROUND_PAGE,
           shows=PRIORITY_ROUND_SHOWS[:3], fill={"confirm": "1"}),
    Target("prioritisation:group_create", "secretariat", own_slug, shows=DISCUSSION_GROUP_SHOWS,
           fill={"name": "Ny diskussionsgrupp"}),
    Target("prioritisation:group_edit", "secretariat", _discussion_group,
           shows=DISCUSSION_GROUP_SHOWS),
]  # fmt: skip

# The header's search box (a GET form on every page) and the search page's own.
SEARCH_TARGETS = [Target("search:results", "member", fill={"q": "handledarutbildning"})]

TARGETS: list[Target] = (
    COUNCIL_TARGETS + ACTIVITY_TARGETS + SURVEY_TARGETS + WORKGROUP_TARGETS
    + RECOMMENDATION_TARGETS + REPORT_TARGETS + SEARCH_TARGETS + PRIORITISATION_TARGETS
)  # fmt: skip

# URL patterns with no form of their own: each must refuse a POST (405).
NO_FORM = {
    "home", "councils:list", "councils:detail", "councils:members", "healthz",
    "councils:organisation_search",
    "password_change_done", "password_reset_done", "password_reset_complete",
    "activities:plan_list", "activities:plan_export", "activities:activity",
    "activities:compare_export",
    "surveys:list", "surveys:builder", "surveys:detail", "surveys:export", "surveys:link",
    "surveys:receipt", "surveys:mine_answer",
    "workgroups:mine", "workgroups:list", "workgroups:questions", "workgroups:detail",
    "workgroups:export", "workgroups:group_ics", "workgroups:feed", "workgroups:goal",
    "workgroups:meeting", "workgroups:meeting_ics", "workgroups:report",
    "workgroups:document_download",
    "recommendations:follow_up", "recommendations:council", "recommendations:publications",
    "recommendations:publication", "recommendations:matrix_export", "recommendations:round",
    "reports:list", "reports:report", "reports:build", "reports:build_progress",
    "reports:build_pdf", "reports:build_html", "reports:public_list", "reports:public_council",
    "reports:public_html", "reports:public_pdf",
    "prioritisation:rounds", "prioritisation:meeting", "prioritisation:live",
    "prioritisation:export", "prioritisation:groups",
}  # fmt: skip
