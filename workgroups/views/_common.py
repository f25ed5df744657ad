"""What the workgroup views share: announcements for htmx, the answer to a form sent twice,
and the group page's context."""

from __future__ import annotations

from django.utils import timezone

from vkr_portal.responses import ALREADY_SAVED, STALE, already_submitted, announce, refuse_stale

from .. import access, selectors

__all__ = ["ALREADY_SAVED", "STALE", "already_submitted", "announce", "group_context",
           "refuse_stale"]  # fmt: skip


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
