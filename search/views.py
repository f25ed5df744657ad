"""The search page, which the header's search box sends its words to."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from vkr_portal.search import cleaned

from . import selectors


@login_required
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    text = cleaned(request.GET.get("q", ""))
    groups = selectors.search_results(request.user, text)
    ctx = {"q": text, "groups": groups, "total": sum(len(g.shown) for g in groups)}
    return render(request, "search/results.html", ctx)
