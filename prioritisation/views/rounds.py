"""A plan's rounds: the list, opening one, the round with its spread, closing, reminding,
the export, and the chair's decisions and accepted moves."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from councils.forms import add_service_errors
from idempotency.services import AlreadySubmitted
from vkr_portal.responses import already_submitted

from .. import access, selectors, services, spreadsheets
from ..forms import DecisionForm, MoveForm, RoundForm
from ._common import ONLY, ORDERS, back_to, round_context


@login_required
@require_GET
def round_list(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = access.plan_for_reading(request.user, slug, year)
    ctx = {
        "plan": plan,
        "council": plan.council,
        "rounds": selectors.rounds_of_plan(plan),
        "can_manage": access.can_manage(request.user, plan.council),
    }
    return render(request, "prioritisation/round_list.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = access.plan_for_managing(request.user, slug, year)
    title = _("Prioritering av aktivitetsplan %(year)s") % {"year": plan.year}
    # Two weeks from today at four in the afternoon, as a suggestion.
    closes = timezone.localtime().replace(hour=16, minute=0, second=0, microsecond=0)
    initial = {"title": title, "closes_at": closes + dt.timedelta(days=14)}
    form = RoundForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.round_open(
                plan=plan, title=data["title"], mode=data["mode"], closes_at=data["closes_at"],
                groups=data["groups"], focus_areas=data["focus_areas"], user=request.user,
                idempotency_key=data["idempotency_key"],
            )  # fmt: skip
        except AlreadySubmitted as sent:
            fallback = reverse("prioritisation:rounds", kwargs={"slug": slug, "year": year})
            return already_submitted(request, sent, fallback=fallback)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Prioriteringsrundan är öppnad."))
            return redirect(round_)
    ctx = {"plan": plan, "council": plan.council, "form": form}
    return render(request, "prioritisation/round_create.html", ctx)


@login_required
@require_GET
def round_detail(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    round_ = access.round_for_reading(request.user, slug, year, pk)
    order = request.GET.get("ordning", "plan")
    only = request.GET.get("visa", "")
    order = order if order in ORDERS else "plan"
    only = only if only in ONLY else ""
    ctx = round_context(
        request, round_, view="round", next_url=request.get_full_path(), order=order, only=only
    )
    ctx.update({"order": order, "only": only})
    return render(request, "prioritisation/round_detail.html", ctx)


@login_required
@require_POST
def decide(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    round_ = access.round_for_deciding(request.user, slug, year, pk)
    form = DecisionForm(request.POST)
    target = back_to(request, round_.get_absolute_url())
    if not form.is_valid():
        messages.error(request, _("Inget beslut: välj grön, gul eller röd."))
        return redirect(target)
    data = form.cleaned_data
    try:
        decision = services.decision_make(
            round_id=round_.pk, activity_id=data["activity"], priority=data["priority"],
            expected_version=data["version"], user=request.user,
        )  # fmt: skip
    except services.DecisionConflict as stale:
        current = stale.current
        who = current.decided_by.full_name if current and current.decided_by else ""
        messages.error(request, _(
            "Inget beslut: %(who)s hann besluta om aktiviteten medan du tittade (%(priority)s). "
            "Det beslutet visas nu; besluta igen om du vill ändra det."
        ) % {"who": who or _("någon annan"),
             "priority": current.get_priority_display().lower() if current else "–"})  # fmt: skip
        return redirect(target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(target)
    messages.success(request, _("Beslut: ”%(activity)s” är %(priority)s.") % {
        "activity": decision.activity.title, "priority": decision.get_priority_display().lower(),
    })  # fmt: skip
    return redirect(f"{target.split('#')[0]}#spread-{decision.activity_id}")


@login_required
@require_POST
def move(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    round_ = access.round_for_deciding(request.user, slug, year, pk)
    form = MoveForm(request.POST)
    target = back_to(request, round_.get_absolute_url())
    if not form.is_valid():
        messages.error(request, _("Förslaget finns inte i den här prioriteringsrundan."))
        return redirect(target)
    try:
        activity = services.move_accept(
            round_id=round_.pk, mark_id=form.cleaned_data["mark"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(target)
    except services.ActivityConflict:
        messages.error(request, _("Inte flyttad: aktiviteten ändrades samtidigt. Försök igen."))
        return redirect(target)
    messages.success(request, _("”%(activity)s” är flyttad till %(area)s.") % {
        "activity": activity.title, "area": activity.focus_area.name,
    })  # fmt: skip
    return redirect(f"{target.split('#')[0]}#spread-{activity.pk}")


@login_required
@require_POST
def remind(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    round_ = access.round_for_managing(request.user, slug, year, pk)
    count = services.reminders_send(round_id=round_.pk, user=request.user)
    if count:
        messages.success(
            request, _("Påminnelse skickad till %(count)s deltagare.") % {"count": count}
        )
    else:
        messages.info(request, _(
            "Ingen påminnelse skickad: alla som saknar markeringar är redan påminda, eller "
            "rundan är stängd."
        ))  # fmt: skip
    return redirect(round_)


@login_required
@require_POST
def close(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    round_ = access.round_for_managing(request.user, slug, year, pk)
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Rundan är inte stängd: kryssa i att du vill stänga den."))
        return redirect(round_)
    services.round_close(round_id=round_.pk, user=request.user)
    messages.success(request, _("Rundan är stängd för markeringar. Besluten kan fattas nu."))
    return redirect(round_)


@login_required
@require_GET
def export(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    round_ = access.round_for_reading(request.user, slug, year, pk)
    response = HttpResponse(
        spreadsheets.round_workbook(round_),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = spreadsheets.round_export_filename(round_)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
