"""Status and final reports, the questions they put to the council, and the council's answers."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idempotency.services import idempotency_key_claim, idempotency_key_done

from ..models import Question, Report, Workgroup
from ._common import locked_at_version

REPORT_FIELDS = {"kind", "report_date", "due_date", "done", "conclusions", "next_steps"}


def _save_report(report: Report) -> Report:
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError(
            {"kind": _("Gruppen har redan en slutrapport. Ändra den i stället.")},
            code="final_report_exists",
        ) from None
    return report


def _question(report: Report, text: str, user) -> Question:
    question = Question(report=report, text=text.strip(), asked_by=_person(user))
    question.full_clean()
    question.save()
    return question


def _person(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


@transaction.atomic
def report_create(
    *,
    group: Workgroup,
    submit: bool = True,
    question: str = "",
    submitted_at=None,
    idempotency_key=None,
    user=None,
    **fields,
) -> Report:
    """A new report (submitted, or kept as a draft), with an optional first question to the
    council; once per sent form. A draft with only a due date is a planned report.
    `submitted_at` records when a report handed in on paper earlier was handed in."""
    unknown = set(fields) - REPORT_FIELDS
    if unknown:
        raise TypeError(f"Unknown report fields: {sorted(unknown)}")
    claimed = idempotency_key_claim(key=idempotency_key, scope="workgroups.report", user=user)
    report = Report(workgroup=group, **fields)
    if submit:
        report.submitted_at = submitted_at or timezone.now()
        report.submitted_by = _person(user)
    _save_report(report)
    if question.strip():
        asked = _question(report, question, user)
        if submitted_at is not None:
            Question.objects.filter(pk=asked.pk).update(asked_at=submitted_at)
        if submit:
            _notify_asked([asked], user)
    idempotency_key_done(claimed, result_url=report.get_absolute_url())
    return report


@transaction.atomic
def report_update(*, report: Report, version: int, **fields) -> Report:
    """Save a report edited on `version`; StaleVersion if someone saved it since."""
    unknown = set(fields) - REPORT_FIELDS
    if unknown:
        raise TypeError(f"Unknown report fields: {sorted(unknown)}")
    current = locked_at_version(Report, report.pk, version)
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    return _save_report(current)


@transaction.atomic
def report_submit(*, report: Report, user=None) -> Report:
    """Hand in a draft: its questions land in the council's inbox. Sent twice, once."""
    current = Report.objects.select_for_update().get(pk=report.pk)
    if current.submitted_at is None:
        current.submitted_at = timezone.now()
        current.submitted_by = _person(user)
        current.version += 1
        current.save()
        _notify_asked(current.questions.select_related("report__workgroup"), user)
    return current


@transaction.atomic
def question_add(*, report: Report, text: str, user=None, idempotency_key=None) -> Question:
    """Put one more question to the council in a report, once per sent form."""
    claimed = idempotency_key_claim(key=idempotency_key, scope="workgroups.question", user=user)
    if not text.strip():
        raise ValidationError({"text": _("Skriv frågan till rådet.")}, code="question_empty")
    question = _question(report, text, user)
    if report.submitted_at is not None:  # a draft's questions are told when it is handed in
        _notify_asked([question], user)
    idempotency_key_done(claimed, result_url=f"{report.get_absolute_url()}#question-{question.pk}")
    return question


@transaction.atomic
def question_answer(
    *, question: Question, version: int, status: str, answer: str, user
) -> Question:
    """The council's status and answer; the convenor is told when it is answered (after
    commit, by a Celery task). StaleVersion if someone else answered since."""
    current = locked_at_version(Question, question.pk, version)
    previous = (current.status, current.answer)
    current.status = status
    current.answer = answer.strip()
    if status == Question.Status.ANSWERED and not current.answer:
        raise ValidationError(
            {"answer": _("En besvarad fråga behöver ett svar.")}, code="answer_required"
        )
    current.full_clean()
    if (current.status, current.answer) == previous:
        return current
    if current.answer and current.answer != previous[1]:
        current.answered_by = _person(user)
        current.answered_at = timezone.now()
    current.version += 1
    current.save()
    if current.status == Question.Status.ANSWERED:
        transaction.on_commit(partial(_notify_answered, current.pk))
    return current


def _notify_asked(questions, user) -> None:
    """The council's members are told of questions in a handed-in report (notifications/)."""
    from notifications.services import question_asked_notify

    for question in questions:
        question_asked_notify(question=question, user=_person(user))


def _notify_answered(question_id: int) -> None:
    from ..tasks import question_answered_notify_task

    question_answered_notify_task.delay(question_id)


__all__ = [
    "REPORT_FIELDS", "question_add", "question_answer", "report_create", "report_submit",
    "report_update",
]  # fmt: skip
