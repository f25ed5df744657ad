"""A survey's structure as the respondent's pages see it, remembered per process.

`survey_structure(survey)` gives the same as `survey_sections(survey)` (sections in order,
each with its questions, their options and their scale's steps prefetched), but remembers it
in this process for the next request: the answer form, every draft save and the receipt of
every respondent read the same 40 questions again otherwise.

Freshness: the memo is keyed by the survey's id and creation time, and each entry remembers
the survey's `structure_version`. Every change to a section, question, option, scale or scale
step raises that version in the same transaction (the building services call
`services.building._structure_changed`; receivers in `surveys.receivers` do it for the admin
and any other `.save()`/`.delete()`). The version is read from the survey row the request
has already loaded (the invitation's survey), so a hit costs no query, and a change made by
another process is seen by the next request here. A structure loaded after the row was read
may be newer than its version says; it is then reloaded once the bump is seen, never older.

The rule for callers: the instances are SHARED between requests (and threads). Read them;
never write to them, and never make Django cache anything on them:
- no attribute assignment on a section, question, option, scale or step (`section.x = ...`),
- no access to a relation that is not loaded already: `section.survey`, `question.section`,
  `option.question`, `step.scale` would each run a query and cache another request's object
  on the shared instance; use the ids (`section.survey_id`, `question.section_id`) instead,
- only `.all()` on the prefetched `section.questions`, `question.options` and
  `question.scale.steps` (a `.filter()` or `.order_by()` runs a query),
- no `.save()`, `.refresh_from_db()` or `.delete()` of them.
The builder's pages do not use this: they keep `survey_sections`, read fresh on every request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from ..models import Survey

# How many surveys' structures a process keeps (a round has one open survey or a few).
SIZE = 64

_lock = threading.Lock()
# (survey id, created at) → (structure_version, sections)
_memo: OrderedDict[tuple, tuple[int, list]] = OrderedDict()


def survey_structure(survey: Survey) -> list:
    """The survey's sections with their questions, options and scale steps, in order; shared
    between requests while the survey's `structure_version` stays (read-only: see above).
    No query when remembered, four when not."""
    key, version = (survey.pk, survey.created_at), survey.structure_version
    with _lock:
        hit = _memo.get(key)
        if hit is not None and hit[0] == version:
            _memo.move_to_end(key)
            return hit[1]
    sections = structure_load(survey.pk)
    with _lock:
        _memo[key] = (version, sections)
        _memo.move_to_end(key)
        while len(_memo) > SIZE:
            _memo.popitem(last=False)
    return sections


def structure_forget() -> None:
    """Forget every remembered structure (tests; a process that must start afresh)."""
    with _lock:
        _memo.clear()


def structure_load(survey_id: int) -> list:
    """Sections → questions (with their scale) → options, and each distinct scale's steps
    loaded once: every question on a scale shares the one Scale instance. Four queries."""
    from django.db.models import Prefetch, prefetch_related_objects

    from ..models import Question, Section

    questions = Question.objects.select_related("scale").order_by("order", "pk")
    sections = list(
        Section.objects.filter(survey_id=survey_id)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("questions", queryset=questions), "questions__options")
    )
    scales: dict[int, object] = {}
    for section in sections:
        for question in section.questions.all():
            if question.scale_id is not None:
                # Assigning the FK sets the cache (and the same scale_id): one instance each.
                question.scale = scales.setdefault(question.scale_id, question.scale)
    prefetch_related_objects(list(scales.values()), "steps")
    return sections
