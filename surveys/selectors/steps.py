"""The answer form in steps: one section per step, then a last step to review and submit.

Nothing here queries the database: the steps are arranged from the sections that
`survey_sections` loaded and the question ids the saved response answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class StepSection:
    """A section with the questions an organisation of one kind is asked, and how many of
    them the saved response answers."""

    section: object
    questions: list
    answered: int

    @property
    def total(self) -> int:
        return len(self.questions)


@dataclass
class AnswerStep:
    """One page of the answer form: a section, or (the last) the review before submitting."""

    number: int
    sections: list[StepSection] = field(default_factory=list)
    review: bool = False

    @property
    def answered(self) -> int:
        return sum(section.answered for section in self.sections)

    @property
    def total(self) -> int:
        return sum(section.total for section in self.sections)

    @property
    def title(self) -> str:
        return self.sections[0].section.title if self.sections else ""


@dataclass
class AnswerSteps:
    steps: list[AnswerStep]
    # (step, question) for each required question without a saved answer, in form order.
    missing_required: list[tuple[AnswerStep, object]]

    @property
    def answered(self) -> int:
        return sum(step.answered for step in self.steps)

    @property
    def total(self) -> int:
        return sum(step.total for step in self.steps)

    @property
    def missing_by_step(self) -> list[tuple[AnswerStep, list]]:
        """The unanswered required questions grouped by their step, for the review."""
        grouped: dict[int, tuple[AnswerStep, list]] = {}
        for step, question in self.missing_required:
            grouped.setdefault(step.number, (step, []))[1].append(question)
        return list(grouped.values())

    @property
    def review(self) -> AnswerStep:
        return self.steps[-1]

    @property
    def count(self) -> int:
        return len(self.steps)

    def get(self, number: int) -> AnswerStep | None:
        return self.steps[number - 1] if 1 <= number <= len(self.steps) else None

    def resume(self) -> AnswerStep:
        """Where someone coming back continues: the first step with an unanswered question,
        or the review when every question has an answer."""
        return next((s for s in self.steps if s.answered < s.total), self.review)


def answered_question_ids(initial: dict) -> set[int]:
    """The question ids that a response's initial form values (`response_initial`) answer."""
    return {
        int(key[2:])
        for key, value in initial.items()
        if key.startswith("q_") and value not in (None, "", [])
    }


def answer_steps(sections, organisation_kind: str, answered: set[int]) -> AnswerSteps:
    """One step per section that has questions for this kind of organisation, and the review."""
    steps, missing = [], []
    for section in sections:
        questions = [q for q in section.questions.all() if q.is_visible_to(organisation_kind)]
        if not questions:
            continue
        step = AnswerStep(
            number=len(steps) + 1,
            sections=[StepSection(section, questions, sum(q.pk in answered for q in questions))],
        )
        steps.append(step)
        missing += [(step, q) for q in questions if q.required and q.pk not in answered]
    steps.append(AnswerStep(number=len(steps) + 1, review=True))
    return AnswerSteps(steps, missing)
