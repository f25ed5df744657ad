"""Marking: a voter's page with every activity of the round."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import access, selectors, services
from ..forms import MarkForm
from ._common import whole_number


def _voter_id(request: HttpRequest) -> int | None:
    raw = request.POST.get("deltagare") or request.GET.get("deltagare")
    return whole_number(raw or "")


@login_required
@require_http_methods(["GET", "POST"])
def mark(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    round_ = access.round_for_reading(request.user, slug, year, pk)
    voter = access.voter_for_marking(request.user, round_, _voter_id(request))
    overview = selectors.round_overview(round_)
    activities = [spread.activity for spread in overview.spreads]
    areas = list(overview.areas.items())
    form = MarkForm(
        request.POST or None, activities=activities, areas=areas,
        marks=selectors.marks_of_voter(voter),
    )  # fmt: skip
    is_open = round_.is_open()
    if request.method == "POST":
        if not is_open:
            messages.error(request, _("Inte sparat: rundan är stängd för markeringar."))
            return redirect(round_)
        if form.is_valid():
            marks = [
                services.MarkInput(pk, colour, comment, move_to)
                for pk, colour, comment, move_to in form.changed_marks()
            ]
            try:
                count = services.marks_save(
                    round_id=round_.pk, voter_id=voter.pk, user=request.user, marks=marks
                )
            except services.RoundClosed:
                messages.error(request, _("Inte sparat: rundan stängde innan du sparade."))
                return redirect(round_)
            except ValidationError as error:
                for key, errors in getattr(error, "message_dict", {"": error.messages}).items():
                    field = f"colour-{key}" if f"colour-{key}" in form.fields else None
                    form.add_error(field, errors)
            else:
                if count:
                    messages.success(request, _("Dina markeringar är sparade (%(count)s ändrade).")
                                     % {"count": count})  # fmt: skip
                else:
                    messages.info(request, _("Inget ändrat: markeringarna var redan sparade."))
                url = f"{request.path}?deltagare={voter.pk}"
                return redirect(url)
    ctx = {
        "round": round_,
        "plan": round_.plan,
        "council": round_.plan.council,
        "voter": voter,
        "voters": access.voters_for(request.user, round_),
        "form": form,
        "overview": overview,
        "is_open": is_open,
        "sections": [
            (
                section,
                [
                    (
                        spread.activity,
                        form[f"colour-{spread.activity.pk}"],
                        form[f"colour-{spread.activity.pk}"].as_hidden(only_initial=True),
                        form[f"comment-{spread.activity.pk}"],
                        form[f"move-{spread.activity.pk}"],
                    )
                    for spread in section.spreads
                ],
            )
            for section in overview.sections
        ],  # fmt: skip
        "marked": sum(1 for s in overview.spreads for m in s.marks if m.voter_id == voter.pk),
    }
    return render(request, "prioritisation/mark.html", ctx)
