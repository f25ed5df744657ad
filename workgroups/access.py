"""Who may read and change workgroups: every workgroup view asks here.

- Reading a council's workgroups: its members (any seat), the national council and admins;
  a person in a group (with a login) reads that group, even without a seat in the council.
  Other councils' members do not read them: minutes and documents are the council's own.
- Changing a group's content (goals, meetings, minutes, reports, documents): the group's
  current members with a login, the council's secretariat and admins.
- Managing a group (its name, mandate, dates and members): the convenor, the secretariat
  and admins; creating a group: the secretariat and admins.
- Answering a question to the council: any member of that council and admins.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from councils import access as council_access
from councils.models import Council

from .models import Document, Goal, Meeting, Member, Question, Report, Workgroup


def group_roles(user) -> dict[int, str]:
    """The groups the user is a current member of, with the role: read once per request."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_vkr_workgroups", None)
    if cached is None:
        today = timezone.localdate()
        rows = (
            Member.objects.filter(user=user)
            .filter(Q(start_date__isnull=True) | Q(start_date__lte=today))
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .values_list("workgroup_id", "role")
        )
        cached = {}
        for workgroup_id, role in rows:
            if cached.get(workgroup_id) != Member.Role.CONVENOR:
                cached[workgroup_id] = role
        user._vkr_workgroups = cached
    return cached


def can_read_all_groups(user, council: Council) -> bool:
    return council_access.is_national_member(user) or council_access.can_edit_council(user, council)


def can_read_any_council_groups(user) -> bool:
    """The national council and admins read every council's groups."""
    return council_access.is_national_member(user)


def readable_groups(user) -> Q:
    """A filter on Workgroup for the groups `can_read_group` lets the user read."""
    if can_read_any_council_groups(user):
        return Q()
    return Q(council_id__in=council_access.council_ids_edited_by(user)) | Q(
        pk__in=list(group_roles(user))
    )


def can_read_group(user, group: Workgroup) -> bool:
    return can_read_all_groups(user, group.council) or group.pk in group_roles(user)


def can_edit_group(user, group: Workgroup) -> bool:
    return council_access.can_manage_council(user, group.council) or group.pk in group_roles(user)


def is_convenor(user, group: Workgroup) -> bool:
    return group_roles(user).get(group.pk) == Member.Role.CONVENOR


def can_manage_group(user, group: Workgroup) -> bool:
    return council_access.can_manage_council(user, group.council) or is_convenor(user, group)


def can_create_group(user, council: Council) -> bool:
    return council_access.can_manage_council(user, council)


def can_answer_questions(user, council: Council) -> bool:
    return council_access.can_edit_council(user, council)


def _council_or_404(slug: str) -> Council:
    council = Council.objects.select_related("healthcare_region").filter(slug=slug).first()
    if council is None:
        raise Http404("No such council")
    return council


def can_list_groups(user, council: Council) -> bool:
    if not user.is_authenticated:
        return False
    if can_read_all_groups(user, council):
        return True
    return Workgroup.objects.filter(council=council, pk__in=list(group_roles(user))).exists()


def council_for_listing(user, slug: str) -> Council:
    """The council whose groups to list: for its readers, or for someone in one of its groups
    (who then sees only their own); 403 for anyone else."""
    if not user.is_authenticated:
        raise PermissionDenied
    council = _council_or_404(slug)
    if not can_list_groups(user, council):
        raise PermissionDenied
    return council


def council_for_creating(user, slug: str) -> Council:
    council = _council_or_404(slug)
    if not can_create_group(user, council):
        raise PermissionDenied
    return council


def council_for_answering(user, slug: str) -> Council:
    """The council whose question inbox to show: its members and admins."""
    council = _council_or_404(slug)
    if not can_answer_questions(user, council):
        raise PermissionDenied
    return council


def _group_or_404(council: Council, pk: int) -> Workgroup:
    group = (
        Workgroup.objects.select_related("council", "focus_area").filter(council=council, pk=pk)
    ).first()
    if group is None:
        raise Http404("No such workgroup in this council")
    return group


def group_for_reading(user, slug: str, pk: int) -> Workgroup:
    """The group to show, or 403 (no right to read it) / 404 (not in this council)."""
    if not user.is_authenticated:
        raise PermissionDenied
    council = _council_or_404(slug)
    if not (can_read_all_groups(user, council) or pk in group_roles(user)):
        raise PermissionDenied
    return _group_or_404(council, pk)


def group_for_editing(user, slug: str, pk: int) -> Workgroup:
    group = group_for_reading(user, slug, pk)
    if not can_edit_group(user, group):
        raise PermissionDenied
    return group


def group_for_managing(user, slug: str, pk: int) -> Workgroup:
    group = group_for_reading(user, slug, pk)
    if not can_manage_group(user, group):
        raise PermissionDenied
    return group


def still_in_group(model, group: Workgroup, pk: int) -> bool:
    """Whether a goal, meeting or document of the group still exists (a double click's second
    delete finds it gone and says so, rather than 404)."""
    return model.objects.filter(workgroup=group, pk=pk).exists()


def member_in_group(group: Workgroup, pk: int) -> Member:
    member = (
        Member.objects.select_related("user", "user__organisation")
        .filter(workgroup=group, pk=pk)
        .first()
    )
    if member is None:
        raise Http404("No such member in this group")
    return member


def goal_in_group(group: Workgroup, pk: int) -> Goal:
    goal = Goal.objects.filter(workgroup=group, pk=pk).first()
    if goal is None:
        raise Http404("No such goal in this group")
    return goal


def meeting_in_group(group: Workgroup, pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("workgroup__council").filter(workgroup=group, pk=pk)
    meeting = meeting.first()
    if meeting is None:
        raise Http404("No such meeting in this group")
    return meeting


def report_in_group(group: Workgroup, pk: int) -> Report:
    report = Report.objects.select_related("workgroup__council").filter(workgroup=group, pk=pk)
    report = report.first()
    if report is None:
        raise Http404("No such report in this group")
    return report


def document_in_group(group: Workgroup, pk: int) -> Document:
    document = Document.objects.filter(workgroup=group, pk=pk).first()
    if document is None:
        raise Http404("No such document in this group")
    return document


def question_for_answering(user, slug: str, pk: int) -> Question:
    """A question to this council, for one of its members; another council's is 404."""
    council = council_for_answering(user, slug)
    question = (
        Question.objects.select_related(
            "report__workgroup__council", "asked_by", "answered_by"
        ).filter(report__workgroup__council=council, pk=pk)
    ).first()
    if question is None:
        raise Http404("No such question to this council")
    return question


def feed_still_readable(feed) -> bool:
    """A calendar subscription works while its person is active and may read the group."""
    return feed.user.is_active and can_read_group(feed.user, feed.workgroup)


def require_reader_of_any_groups(user) -> None:
    """The national council and admins choose a council's groups; anyone else with no own
    council or group of theirs has no workgroups to see."""
    if not can_read_any_council_groups(user):
        raise PermissionDenied
