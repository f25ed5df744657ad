"""The columns of the raw sheet and the limits of what is read back."""

from collections import Counter
from decimal import Decimal

from ..models import Question, Survey

ORGANISATION = "Organisation"
CODE = "Organisation kod"
LAN = "Län"
KIND = "Typ"
NAME = "Namn"
ROLE = "Roll"
SUBMITTED = "Inskickad"
META_COLUMNS = [ORGANISATION, CODE, LAN, KIND, NAME, ROLE, SUBMITTED]
YES, NO = "Ja", "Nej"
MULTIPLE_SEPARATOR = ";"

PERCENT_FORMAT = "0%"

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
# Numbers are stored with 12 digits, 2 of them decimals.
NUMBER_LIMIT = Decimal(10) ** 10


def question_headers(questions: list[Question]) -> list[str]:
    """A column header per question: its text, with its section's title if the text repeats
    ("Om ja, på vilket sätt?" is asked of regions and of municipalities)."""
    counts = Counter(q.text for q in questions)
    headers = [f"{q.text} [{q.section.title}]" if counts[q.text] > 1 else q.text for q in questions]
    seen: Counter[str] = Counter()
    unique = []
    for header in headers:
        seen[header] += 1
        unique.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return unique


def survey_questions(survey: Survey) -> list[Question]:
    return list(
        Question.objects.filter(section__survey=survey)
        .select_related("section")
        .order_by("section__order", "section__pk", "order", "pk")
    )
