"""Every URL pattern × every role gets the expected response; a pattern with no case fails."""

from __future__ import annotations

import uuid

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from simple_history.admin import SimpleHistoryAdmin

from contacts.models import ContactBook
from contacts.services import contacts_add
from councils.models import AccessibilityReport, CouncilGoal
from idempotency.models import IdempotencyKey
from notifications.models import Notification, Preference
from reports.models import ReportBuild
from tests.permission_matrix import CASES, LOGIN, REDIRECT, Case, Expect
from tests.world import ROLES, World
from workgroups.models import Document, ReportReminder

ADMIN_OBJECT_VIEWS = ["change", "history", "delete"]
ADMIN_EXTRA_NAMES = {
    "admin:index",
    "admin:login",
    "admin:logout",
    "admin:password_change",
    "admin:password_change_done",
    "admin:jsi18n",
    "admin:autocomplete",
    "admin:view_on_site",
    "admin:app_list",
    # The custom user admin keeps Django's hard-coded name for its password form.
    "admin:auth_user_password_change",
}


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    """Every URL pattern's qualified name; an unnamed pattern is reported by its route."""
    names = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names.extend(url_names(pattern, inner))
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                names.append(f"{namespace}{pattern.name}")
            elif namespace != "admin:":
                # The admin's two unnamed patterns (the catch-all and the old-style object
                # URL) are tried in test_admin_extra_views.
                names.append(f"<unnamed {pattern}>")
    return names


def admin_model_names() -> set[str]:
    names = set()
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        names.update(f"{prefix}_{view}" for view in ["changelist", "add", *ADMIN_OBJECT_VIEWS])
        if isinstance(admin.site._registry[model], SimpleHistoryAdmin):
            names.add(f"{prefix}_simple_history")
    return names


def test_every_url_pattern_has_a_case():
    covered = {case.url_name for case in CASES} | admin_model_names() | ADMIN_EXTRA_NAMES
    missing = sorted(set(url_names()) - covered)
    assert not missing, f"URL patterns with no entry in the permission matrix: {missing}"


def _client(world: World, role: str) -> Client:
    client = Client()
    user = world.users[role]
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _check(response, expected: Expect, where: str) -> str | None:
    status = response.status_code
    if expected == LOGIN:
        location = response.get("Location", "")
        if status == 302 and location.startswith(reverse("login")):
            return None
        return f"{where}: expected redirect to login, got {status} {location}"
    if expected == REDIRECT:
        return None if status in (301, 302, 303) else f"{where}: expected redirect, got {status}"
    return None if status == expected else f"{where}: expected {expected}, got {status}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_matrix(case: Case, world: World):
    url = reverse(case.url_name, kwargs=case.kwargs(world))
    failures = []
    for role in ROLES:
        client = _client(world, role)
        if case.method == "POST":
            response = client.post(url, case.data(world))
        else:
            response = client.get(url)
        failure = _check(response, case.expect[role], f"{role} {case.method} {url}")
        if failure:
            failures.append(failure)
    assert not failures, "\n".join(failures)


# django-axes keeps its logs read-only: no one may add to them, not even a superuser.
# One-time form keys are written only by the services that claim them.
# Workgroup documents are checked by their content when uploaded through the portal, and a
# reminder's row is what makes it sent once: the admin only shows them.
READ_ONLY_ADMIN_MODELS = {
    AccessAttempt, AccessLog, AccessFailureLog, IdempotencyKey, Document, ReportReminder,
    ReportBuild, ContactBook, Notification,
}  # fmt: skip
# A version of an annual report is deleted in the portal, where a final one never is.
NO_DELETE_ADMIN_MODELS = {ReportBuild}


def _admin_urls(world: World) -> dict[str, int]:
    """Admin URL → what a staff admin gets (everyone else is sent to the admin login)."""
    CouncilGoal.objects.create(council=world.own, order=1, text="Ett mål")
    AccessibilityReport.objects.create(description="Kontrasten är för låg")
    Group.objects.create(name="Redaktörer")
    IdempotencyKey.objects.create(key=uuid.uuid4(), scope="test")
    ReportReminder.objects.create(
        workgroup=world.extra["own_group"], report_kind="slutrapport",
        due_date=world.extra["own_group"].final_report_due, stage="14",
    )  # fmt: skip
    contacts_add(emails={world.organisations["arvika"].pk: ["mas@arvika.test"]}, role="mas")
    Preference.objects.create(user=world.users["member"], kind="activity_raised", delivery="never")
    seen = {"user_agent": "pytest", "ip_address": "127.0.0.1", "username": "x@y.test",
            "http_accept": "*/*", "path_info": "/konto/logga-in/"}  # fmt: skip
    AccessAttempt.objects.create(**seen, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**seen)
    AccessFailureLog.objects.create(**seen)
    urls = {reverse("admin:index"): 200, reverse("admin:password_change"): 200}
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls[reverse(f"{prefix}_changelist")] = 200
        urls[reverse(f"{prefix}_add")] = 403 if model in READ_ONLY_ADMIN_MODELS else 200
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the test world has no {model.__name__} for the admin matrix"
        for view in ADMIN_OBJECT_VIEWS:
            refused = view == "delete" and model in NO_DELETE_ADMIN_MODELS
            urls[reverse(f"{prefix}_{view}", args=[obj.pk])] = 403 if refused else 200
        if isinstance(admin.site._registry[model], SimpleHistoryAdmin):
            version = obj.history.order_by("history_id").first().history_id
            urls[reverse(f"{prefix}_simple_history", args=[obj.pk, version])] = 200
        urls[reverse("admin:app_list", args=[model._meta.app_label])] = 200
    return urls


def test_admin_is_for_staff_only(world: World):
    failures = []
    for url, staff_status in sorted(_admin_urls(world).items()):
        for role in ROLES:
            response = _client(world, role).get(url)
            ok = response.status_code == staff_status if role == "admin" else (
                response.status_code == 302 and "/admin/login/" in response["Location"]
            )  # fmt: skip
            if not ok:
                failures.append(f"{role} GET {url}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_admin_extra_views(world: World):
    admin_client = _client(world, "admin")
    member_client = _client(world, "member")
    anonymous = Client()
    user_pk = world.users["member"].pk
    council = world.own
    checks = [
        (anonymous.get(reverse("admin:login")), 200),
        (admin_client.get(reverse("admin:jsi18n")), 200),
        (admin_client.get(reverse("admin:password_change_done")), 200),
        (admin_client.get(reverse("admin:auth_user_password_change", args=[user_pk])), 200),
        (member_client.get(reverse("admin:auth_user_password_change", args=[user_pk])), 302),
        (
            admin_client.get(
                reverse("admin:autocomplete"),
                {"app_label": "councils", "model_name": "membership", "field_name": "user"},
            ),
            200,
        ),
        (member_client.get(reverse("admin:autocomplete")), 302),
        (admin_client.get(f"/admin/councils/council/{council.pk}/"), 302),
        (admin_client.get("/admin/finns/inte/"), 404),
        (anonymous.get("/admin/finns/inte/"), 302),
        (admin_client.post(reverse("admin:logout")), 302),
    ]
    bad = [
        (r.request["PATH_INFO"], r.status_code, want) for r, want in checks if r.status_code != want
    ]
    assert not bad
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(council)
    response = member_client.get(reverse("admin:view_on_site", args=[ct.pk, council.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = _client(world, "admin").get(reverse("admin:view_on_site", args=[ct.pk, council.pk]))
    assert response.status_code == 302 and response["Location"].endswith(council.get_absolute_url())
