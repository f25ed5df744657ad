"""The register's pages: the region's organisations with their addresses, and one page per
organisation to keep them (the secretariat)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from idempotency.services import AlreadySubmitted
from vkr_portal.responses import already_submitted, refuse_stale

from . import access, selectors, services
from .forms import ContactFilterForm, ContactFormSet, ContactPageForm
from .roles import ContactRole

PREFIX = "contacts"


@login_required
@require_GET
def contact_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_reading(request.user, slug)
    form = ContactFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.council_contacts(
        council=council,
        kind=filters.get("kind", ""),
        role=filters.get("role", ""),
        without=filters.get("without", False),
    )
    ctx = {
        "council": council, "form": form, "rows": rows,
        "without_count": sum(1 for row in rows if not row.count),
        "can_edit": access.can_edit(request.user, council),
        "filtered": any(filters.values()),
        "role_label": dict(ContactRole.choices).get(filters.get("role", ""), ""),
    }  # fmt: skip
    return render(request, "contacts/contact_list.html", ctx)


def _next_url(request: HttpRequest) -> str:
    """Where to go back to after saving (the survey's recipients, say), if it is ours."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
    return url if url.startswith("/") and allowed else ""


@login_required
@require_http_methods(["GET", "POST"])
def organisation_contacts(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access.council_for_editing(request.user, slug)
    organisation = access.organisation_in(council, pk)
    book = selectors.organisation_book(organisation)
    saved = selectors.organisation_contacts(organisation)
    initial = [{"role": c.role, "email": c.email, "name": c.name} for c in saved]
    data = request.POST if request.method == "POST" else None
    formset = ContactFormSet(data, initial=initial, prefix=PREFIX)
    page = ContactPageForm(data, initial={"version": book.version if book else 0})
    status, current = 200, None
    if data is not None:
        status = 400
        if formset.is_valid() and page.is_valid():
            try:
                services.organisation_contacts_save(
                    council=council, organisation=organisation,
                    rows=[services.ContactRow(*row) for row in formset.rows()],
                    version=page.cleaned_data["version"], by=request.user,
                    idempotency_key=page.cleaned_data["idempotency_key"],
                )  # fmt: skip
            except AlreadySubmitted as sent:
                return already_submitted(request, sent, fallback=request.path)
            except services.StaleVersion as stale:
                refuse_stale(page, stale)
                current, status = saved, 409
            else:
                messages.success(request, _("Adresserna för %(org)s är sparade.") % {
                    "org": organisation})  # fmt: skip
                return redirect(_next_url(request) or request.path)
    ctx = {
        "council": council, "organisation": organisation, "book": book, "formset": formset,
        "page_form": page, "current": current, "next": _next_url(request),
        "list_url": reverse("contacts:list", kwargs={"slug": council.slug}),
    }  # fmt: skip
    return render(request, "contacts/organisation_contacts.html", ctx, status=status)
