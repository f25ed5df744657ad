"""What the workgroup views share: announcements for htmx, the answer to a form sent twice,
and the group page's context."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vkr_portal.responses import ALREADY_SAVED, already_submitted, announce

from .. import access, selectors

__all__ = ["ALREADY_SAVED", "STALE", "already_submitted", "announce", "group_context",
           "refuse_stale"]  # fmt: skip

STALE = _(
    "Inte sparat: någon annan hann ändra det här medan du skrev. Det som är sparat nu visas "
    "nedan, och din text finns kvar i formuläret: spara igen för att ersätta det sparade."
)


def refuse_stale(form, stale):
    """A save on a stale version, refused: the message on the form, the person's input kept,
    and the form now on the saved version (saving again replaces it, knowingly). Returns
    what is saved now, to show beside the form."""
    form.add_error(None, STALE)
    form.data = form.data.copy()
    form.data["version"] = stale.current.version
    return stale.current


def group_context(request, group) -> dict:
    """What the group page and the partials swapped into it show, for this user."""
    from ..selectors import documents as document_selectors
    from ..selectors import meetings as meeting_selectors

    user = request.user
    return {
        "group": group,
        "council": group.council,
        "page": selectors.group_page(group),
        "meetings": meeting_selectors.group_meetings(group),
        "documents": document_selectors.group_documents(group),
        "now": timezone.now(),
        "can_edit": access.can_edit_group(user, group),
        "can_manage": access.can_manage_group(user, group),
        "can_answer": access.can_answer_questions(user, group.council),
    }
