"""The council's inbox of questions from its workgroups."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from councils.models import Council

from ..models import Question


def _to_council(council: Council) -> QuerySet[Question]:
    # Only handed-in reports put their questions to the council; a draft's are the group's.
    return Question.objects.filter(
        report__workgroup__council=council, report__submitted_at__isnull=False
    )


def question_inbox(council: Council, status: str = "") -> QuerySet[Question]:
    """Questions to the council, unanswered first and then newest first, with group and
    report."""
    questions = _to_council(council).select_related(
        "report__workgroup__council", "asked_by", "answered_by"
    )
    if status:
        questions = questions.filter(status=status)
    waiting_first = Case(
        When(status=Question.Status.NEW, then=Value(0)),
        When(status=Question.Status.IN_PROGRESS, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return questions.order_by(waiting_first, "-asked_at", "-pk")


def questions_waiting_count(council: Council) -> int:
    return _to_council(council).exclude(status=Question.Status.ANSWERED).count()
