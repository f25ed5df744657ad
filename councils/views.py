"""Council pages: start page, councils, members, organisations, accessibility statement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from activities.selectors.attention import activity_attention
from contacts import access as contact_access
from idempotency.services import AlreadySubmitted
from recommendations import selectors as recommendation_selectors
from reports import access as report_access
from reports.selectors.attention import report_attention
from surveys.selectors import respondent_surveys
from surveys.selectors.attention import survey_attention
from workgroups import access as workgroup_access
from workgroups import selectors as workgroup_selectors
from workgroups.selectors import attention as workgroup_attention

from . import access, selectors, services
from .filters import OrganisationFilter
from .forms import (
    AccessibilityReportForm,
    CouncilSettingsForm,
    MembershipCreateForm,
    MembershipEndForm,
    MembershipUpdateForm,
    add_service_errors,
    organisation_choice_label,
)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The person's councils and groups, and "Att ta hand om": what waits for them, per kind,
    from each app's selectors (a fixed number of queries per role)."""
    user = request.user
    attention = {
        "activity_attention": activity_attention(user),
        "survey_attention": survey_attention(user),
        "reports_due": report_attention(user),
        "ending_soon": list(selectors.memberships_ending_soon(user)),
        "workgroup_attention": workgroup_attention.attention_for(user),
        "stale_follow_ups": recommendation_selectors.stale_follow_ups(user),
        "my_surveys": respondent_surveys(user),
    }
    nothing_waiting = (
        attention["activity_attention"].is_empty
        and attention["survey_attention"].is_empty
        and attention["workgroup_attention"].is_empty
        and not (attention["reports_due"] or attention["ending_soon"])
        and not (attention["stale_follow_ups"] or attention["my_surveys"])
    )
    ctx = {
        "councils": selectors.user_councils(user),
        "can_read_councils": access.can_read_councils(user),
        "my_workgroups": workgroup_selectors.my_groups(user),
        "nothing_waiting": nothing_waiting,
        **attention,
    }
    return render(request, "councils/home.html", ctx)


@login_required
@require_GET
def council_list(request: HttpRequest) -> HttpResponse:
    access.require_council_reader(request.user)
    ctx = {
        "councils": selectors.council_list(),
        "national": selectors.national_geography_counts(),
    }
    return render(request, "councils/council_list.html", ctx)


@login_required
@require_GET
def council_detail(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_reading(request.user, slug)
    ctx = {
        "council": council,
        "goals": selectors.council_goals(council),
        "geography": selectors.council_geography(council),
        "party_groups": selectors.active_members_by_party(council),
        "can_manage": access.can_manage_council(request.user, council),
        "can_list_workgroups": workgroup_access.can_list_groups(request.user, council),
        "can_read_reports": report_access.can_read_drafts(request.user, council),
        "can_read_contacts": contact_access.can_read(request.user, council),
    }
    return render(request, "councils/council_detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def council_settings(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_managing(request.user, slug)
    if request.method == "POST":
        form = CouncilSettingsForm(request.POST)
        if form.is_valid():
            services.council_settings_update(
                council=council,
                mission=form.cleaned_data["mission"],
                goals=form.cleaned_data["goals"],
            )
            messages.success(request, _("Rådets uppdrag och mål är sparade."))
            return redirect(council)
    else:
        goals = "\n".join(goal.text for goal in selectors.council_goals(council))
        form = CouncilSettingsForm(initial={"mission": council.mission, "goals": goals})
    return render(request, "councils/council_settings.html", {"council": council, "form": form})


@login_required
@require_GET
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_managing(request.user, slug)
    ctx = {
        "council": council,
        "memberships": selectors.council_memberships_all(council),
    }
    return render(request, "councils/member_list.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_managing(request.user, slug)
    form = MembershipCreateForm(request.POST or None, initial={"start_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.member_add(council=council, by=request.user, **form.cleaned_data)
        except AlreadySubmitted as sent:
            members = reverse("councils:members", kwargs={"slug": council.slug})
            return _already_submitted(request, sent.result_url, fallback=members)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            person = membership.user
            messages.success(request, _("%(person)s är tillagd i rådet.") % {"person": person})
            return redirect("councils:members", slug=council.slug)
    return render(request, "councils/member_form.html", {"council": council, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access.council_for_managing(request.user, slug)
    membership = selectors.membership_in_council(council, pk)
    initial = {
        "role": membership.role,
        "party": membership.party,
        "organisation": membership.organisation_id,
        "represents": membership.represents,
        "start_date": membership.start_date,
        "end_date": membership.end_date,
        "title": membership.user.title,
    }
    form = MembershipUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        title = data.pop("title")
        try:
            services.membership_update(membership=membership, person_title=title, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Medlemskapet är uppdaterat."))
            return redirect("councils:members", slug=council.slug)
    ctx = {"council": council, "form": form, "membership": membership}
    return render(request, "councils/member_form.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def member_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access.council_for_managing(request.user, slug)
    membership = selectors.membership_in_council(council, pk)
    form = MembershipEndForm(request.POST or None, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(membership=membership, end_date=form.cleaned_data["end_date"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Medlemskapet för %(person)s är avslutat.") % {"person": membership.user}
            )
            return redirect("councils:members", slug=council.slug)
    ctx = {"council": council, "form": form, "membership": membership}
    return render(request, "councils/member_end.html", ctx)


@login_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    access.require_council_reader(request.user)
    filterset = OrganisationFilter(request.GET or None, queryset=selectors.organisations())
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {"filter": filterset, "page": page, "query": query.urlencode()}
    return render(request, "councils/organisation_list.html", ctx)


@require_http_methods(["GET", "POST"])
def accessibility(request: HttpRequest) -> HttpResponse:
    initial = {"page_url": request.GET.get("sida", "")}
    form = AccessibilityReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.accessibility_report_create(**form.cleaned_data)
        except AlreadySubmitted:
            pass  # the same report sent twice: it is stored once, and the thanks are the same
        except ValidationError as error:
            add_service_errors(form, error)
            return render(request, "councils/accessibility.html", {"form": form})
        messages.success(request, _("Tack! Vi har tagit emot din rapport och återkommer."))
        return redirect("accessibility")
    return render(request, "councils/accessibility.html", {"form": form})


def _already_submitted(request: HttpRequest, result_url: str, *, fallback: str) -> HttpResponse:
    """The form was sent before (a double click, a resent POST): show what the first made."""
    messages.info(request, _("Formuläret var redan skickat och sparades en gång."))
    safe = url_has_allowed_host_and_scheme(result_url, allowed_hosts={request.get_host()})
    return redirect(result_url if result_url and safe else fallback)


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
@require_GET
def organisation_search(request: HttpRequest, slug: str) -> JsonResponse:
    """The organisation picker's search (the member form's combobox): at most 20 organisations
    matching ?q=, for the people who may open the member form."""
    access.council_for_managing(request.user, slug)
    found = selectors.organisations_for_choice(request.GET.get("q", ""))
    results = [
        {"value": org.pk, "label": organisation_choice_label(org), "detail": org.lan_name}
        for org in found.organisations
    ]
    count = len(results)
    if found.more:
        message = _("De %(count)d första träffarna visas. Skriv mer för att begränsa.")
    elif count:
        message = ngettext("%(count)d träff", "%(count)d träffar", count)
    else:
        message = _("Inga träffar")
    return JsonResponse({"results": results, "message": message % {"count": count}})
