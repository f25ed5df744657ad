"""A signed-in person's way to their organisation's surveys, from the start page.

The invitation links are one-time secrets kept only as hashes, so the start page cannot show
them. It links here instead: for an invitation that names the user's e-mail, this grants the
session exactly what opening the link would, and sends the browser on to the answer form.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import access
from .respond import gone_page


@never_cache
@login_required
@require_GET
def answer(request: HttpRequest, invitation_pk: int) -> HttpResponse:
    invitation = access.invitation_for_signed_in(request.user, invitation_pk)
    gone = gone_page(request, invitation)
    if gone:
        return gone
    access.session_invitation_grant(request, invitation)
    return redirect("surveys:respond", invitation_pk=invitation.pk)
