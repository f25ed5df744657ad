"""The same file imported eight times at the same moment, on PostgreSQL.

A plan file's record (plan, SHA-256) is written first in each import's transaction, so the
unique constraint lets exactly one through and the others are refused, saying by whom. A
responses file: the imports of a survey queue on its row, and each after the first finds the
responses submitted and is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from activities import services
from activities.models import Activity, PlanImport
from activities.spreadsheets import plan_file_parse, plan_to_xlsx
from surveys import services as survey_services
from surveys.models import Answer, Response
from surveys.spreadsheets import responses_file_parse
from tests.concurrency import run_together
from tests.surveys.test_selectors import AKUT, build_round
from vkr_portal.fileformats import file_sha256


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_eight_imports_of_the_same_file_at_once_import_it_once(world):
    source = world.extra["own_plan"]
    target = services.plan_create(
        council=source.council, year=2030, focus_areas=list(source.focus_areas.all())
    )
    upload = SimpleUploadedFile("plan.xlsx", plan_to_xlsx(source))
    rows = plan_file_parse(plan=target, uploaded_file=upload)
    sha256 = file_sha256(upload)
    user = world.users["secretariat"]

    def import_once(_index: int) -> int:
        return services.plan_import(
            plan=target, rows=rows, user=user, sha256=sha256, filename="plan.xlsx"
        )

    outcomes = run_together(import_once, threads=8)
    assert outcomes.results == [len(rows)]
    assert len(outcomes.errors) == 7
    assert all(isinstance(error, ValidationError) for error in outcomes.errors)
    assert all("Stina Sekretariat" in error.messages[0] for error in outcomes.errors)
    assert Activity.objects.filter(plan=target).count() == len(rows)
    assert PlanImport.objects.filter(plan=target).count() == 1


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_eight_imports_of_the_same_responses_at_once_save_them_once(world):
    round_ = build_round(world)
    text = f"Organisation kod;Palliativ vård: Symtomlindring och behandling\n1784;{AKUT}\n"
    upload = SimpleUploadedFile("svar.csv", (text + f"1880;{AKUT}\n").encode())
    rows = responses_file_parse(survey=round_.survey, uploaded_file=upload)

    def import_once(_index: int) -> int:
        return survey_services.responses_import(survey=round_.survey, rows=rows).count

    outcomes = run_together(import_once, threads=8)
    assert outcomes.results == [2]
    assert len(outcomes.errors) == 7
    assert all(isinstance(error, ValidationError) for error in outcomes.errors)
    assert all("redan skickat in" in error.messages[0] for error in outcomes.errors)
    assert Response.objects.filter(survey=round_.survey).count() == 2
    assert Answer.objects.filter(response__survey=round_.survey).count() == 2
