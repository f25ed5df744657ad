"""The peer's database work, run as `python peer_build.py COMMAND` in this directory with the
peer's settings (its own process: its models cannot load beside the portal's):

- `build`: migrate, then create a published survey of the items read as JSON from stdin
  (all in one page, anyone may answer, a category per theme); print the survey's id and, per
  question, its id and the values its choices post.
- `verify SURVEY_ID`: print the survey's responses and how many answer every question once.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import timedelta

KINDS = {"scale": "radio", "single": "select", "multiple": "select-multiple", "text": "text"}


def build(items: list[dict]) -> dict:
    from django.core.management import call_command
    from django.utils import timezone
    from django.utils.text import slugify
    from survey.models import Category, Question, Survey

    call_command("migrate", interactive=False, verbosity=0)
    survey = Survey.objects.create(
        name="Belastningsprov: 40 frågor", description="Samma frågor som portalens.",
        is_published=True, need_logged_user=False, editable_answers=True,
        display_method=Survey.ALL_IN_ONE_PAGE,
        # Published since yesterday: the peer compares its dates with the server's date and
        # its default is timezone.now(), which is tomorrow's date late in the evening UTC.
        publish_date=timezone.localdate() - timedelta(days=2),
        expire_date=timezone.localdate() + timedelta(days=30),
    )  # fmt: skip
    categories: dict[str, Category] = {}
    questions = []
    for order, item in enumerate(items, start=1):
        theme = item["theme"]
        if theme not in categories:
            categories[theme] = Category.objects.create(
                name=theme, survey=survey, order=len(categories) + 1
            )
        kind = KINDS[item["kind"]]
        question = Question.objects.create(
            text=item["text"], order=order, required=item["required"], survey=survey,
            category=categories[theme], type=kind,
            choices="|".join(item["options"]) if kind != "text" else None,
        )  # fmt: skip
        values = [slugify(label, allow_unicode=True) for label in item["options"]]
        questions.append([question.pk, values])
    return {"survey": survey.pk, "questions": questions}


def verify(survey_id: int) -> dict:
    from django.db.models import Count, Q
    from survey.models import Answer, Question, Response

    items = Question.objects.filter(survey_id=survey_id).count()
    responses = Response.objects.filter(survey_id=survey_id)
    given = ~Q(answers__body__in=["", "[]"]) & Q(answers__body__isnull=False)
    counted = responses.annotate(
        questions=Count("answers__question_id", distinct=True, filter=given),
        rows=Count("answers"),
    )
    repeated = (
        Answer.objects.filter(response__survey_id=survey_id)
        .values("response_id", "question_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    return {
        "items": items,
        "responses": responses.count(),
        "complete": sum(
            r.questions == items and r.rows == items for r in counted.only("pk")
        ),
        "duplicates": repeated + (responses.count() - responses.values("interview_uuid")
                                  .distinct().count()),
    }  # fmt: skip


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer_settings")
    django.setup()
    command = sys.argv[1]
    if command == "build":
        result = build(json.load(sys.stdin))
    elif command == "verify":
        result = verify(int(sys.argv[2]))
    else:
        raise SystemExit(f"Unknown command {command!r}: build or verify")
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
