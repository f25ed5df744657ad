"""The results page, its exports and the import of responses: who may, what they get."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.models import Response

from .test_selectors import AKUT, build_known, build_many, build_round

pytestmark = pytest.mark.django_db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SYMTOM = "Palliativ vård: Symtomlindring och behandling"


@pytest.fixture
def known(world):
    return build_known(world)


def _url(name: str, survey, **extra) -> str:
    return reverse(
        f"surveys:{name}", kwargs={"slug": survey.council.slug, "pk": survey.pk, **extra}
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 200), ("secretariat", 200), ("national", 200), ("admin", 200),
     ("other_member", 403), ("respondent", 403)],
)  # fmt: skip
def test_who_sees_the_results(known, client_for, role, status):
    assert client_for(role).get(_url("results", known.survey)).status_code == status


def test_an_anonymous_visitor_is_sent_to_log_in(known, client_for):
    response = client_for("anonymous").get(_url("results", known.survey))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_the_page_shows_rate_charts_and_tables_with_the_numbers(known, client_for):
    response = client_for("member").get(_url("results", known.survey))
    html = response.content.decode()
    assert "Inbjudna kommuner: 5 av 7 har svarat (71\u00a0%)." in html
    assert 'role="img"' in html and "<svg" in html
    assert (
        "<caption>Palliativ vård: andel av dem som svarade, per svarsalternativ</caption>" in html
    )
    assert f'<th scope="row" class="fw-normal">{SYMTOM}</th>' in html
    assert "Andelar per svarande, kan summera till mer än 100 %." in html
    assert "Sår och sårvård, kardiologi" in html
    assert "Resultaten bygger på 5 inskickade svar." in html
    results = response.context["results"]
    assert results.themes[0].blocks[0].items[0].shares[0].rounded == 25
    assert response.context["rate"].submitted == 5
    # A member reads; only the secretariat imports.
    assert _url("responses_import", known.survey) not in html


def test_the_secretariat_has_the_import_link(known, client_for):
    html = client_for("secretariat").get(_url("results", known.survey)).content.decode()
    assert _url("responses_import", known.survey) in html


def test_the_filter_by_lan_and_kind_narrows_the_results_and_the_export(known, client_for):
    client = client_for("member")
    response = client.get(_url("results", known.survey), {"lan": "18", "typ": "kommun"})
    assert response.context["results"].respondents == 3
    assert response.context["filtered"]
    html = response.content.decode()
    assert '<option value="18" selected>Örebro län</option>' in html
    assert "?lan=18&amp;typ=kommun" in html  # the export links keep the filter
    csv_text = client.get(_url("export", known.survey, fmt="csv"), {"lan": "18"}).content.decode()
    assert csv_text.count("\r\n") == 4  # the header and Hallsberg, Kumla, Örebro


def test_a_filter_value_that_is_not_a_choice_shows_everything(known, client_for):
    response = client_for("member").get(_url("results", known.survey), {"lan": "99"})
    assert response.status_code == 200
    assert response.context["results"].respondents == 5


def test_the_exports_have_their_content_types(known, client_for):
    client = client_for("national")
    xlsx = client.get(_url("export", known.survey, fmt="xlsx"))
    assert xlsx["Content-Type"] == XLSX_TYPE
    assert xlsx["Content-Disposition"].startswith("attachment;")
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["Sammanfattning", "Svar"]
    csv_response = client.get(_url("export", known.survey, fmt="csv"))
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response.content.decode().startswith("\ufeffOrganisation;Organisation kod;")
    assert client.get(_url("export", known.survey, fmt="pdf")).status_code == 404


def test_a_member_of_another_council_cannot_export(known, client_for):
    response = client_for("other_member").get(_url("export", known.survey, fmt="csv"))
    assert response.status_code == 403


@pytest.mark.parametrize(("role", "status"), [("member", 403), ("national", 403),
                                              ("secretariat", 200)])  # fmt: skip
def test_only_the_secretariat_imports(known, client_for, role, status):
    assert client_for(role).get(_url("responses_import", known.survey)).status_code == status


def test_an_import_with_errors_lists_them_and_saves_nothing(world, client_for):
    round_ = build_round(world)
    text = f"Organisation kod;{SYMTOM}\n1784;{AKUT}\n9999;Kanske\n"
    upload = SimpleUploadedFile("svar.csv", text.encode())
    response = client_for("secretariat").post(
        _url("responses_import", round_.survey), {"file": upload}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Inget är importerat" in html
    assert "Rad 3, kolumn ”Organisation kod”" in html
    assert f"Rad 3, kolumn ”{SYMTOM}”" in html
    assert not Response.objects.filter(survey=round_.survey).exists()


def test_an_import_saves_the_responses_and_goes_to_the_results(world, client_for):
    round_ = build_round(world)
    text = f"Organisation kod;Namn;Roll;{SYMTOM}\n1784;Anna;MAS;{AKUT}\n1880;;;{AKUT}\n"
    upload = SimpleUploadedFile("svar.csv", text.encode())
    client = client_for("secretariat")
    response = client.post(_url("responses_import", round_.survey), {"file": upload}, follow=True)
    assert response.redirect_chain == [(_url("results", round_.survey), 302)]
    assert "2 svar är importerade." in response.content.decode()
    assert response.context["results"].themes[0].blocks[0].items[0].shares[0].percent == 100


def _page_queries(client, survey) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url("results", survey)).status_code == 200
    return len(queries)


def test_the_page_takes_the_same_number_of_queries_for_5_or_50_responses(world, client_for):
    small, large = build_many(world, 5), build_many(world, 50)
    client = client_for("member")
    client.get(_url("results", small.survey))  # the session's first request also writes it
    assert _page_queries(client, small.survey) == _page_queries(client, large.survey)
