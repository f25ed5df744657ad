"""The annual report's views through the test client: what a person sees after each action
(messages, a refused form with the input kept), forged ids, joining a running build, the
progress block's answer, the downloads and the public pages.

Who may open which page is the permission matrix's (tests/permission_matrix.py); these tests
check what the pages do. The world's Mellansverige 2022 has a final version 1 and a draft
version 2 with stand-in files (tests/world.py); tasks queued on commit do not run here (the
test's transaction never commits), so a requested build stays queued.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from reports import storage
from reports.models import AnnualReport, ReportBuild
from tests.world import MINIMAL_PDF

YEAR = 2022


def _url(name: str, world, build=None, **kwargs) -> str:
    values = {"slug": world.own.slug, "year": YEAR, **kwargs}
    if build is not None:
        values["pk"] = build.pk
    return reverse(f"reports:{name}", kwargs=values)


def _public(name: str, number: int | None = None, slug: str = "mellansverige") -> str:
    if number is None:
        return reverse(f"reports:{name}", kwargs={"slug": slug})
    return reverse(f"reports:{name}", kwargs={"slug": slug, "year": YEAR, "number": number})


def _inline(number: int) -> str:
    return f'inline; filename="arsrapport-mellansverige-{YEAR}-v{number}.pdf"'


def _progress(client, world, build):
    return client.get(_url("build_progress", world, build), HTTP_HX_REQUEST="true")


def _text(response) -> str:
    return response.content.decode()


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def report(world) -> AnnualReport:
    return world.extra["own_annual_report"]


@pytest.fixture
def draft(world) -> ReportBuild:
    return world.extra["own_draft_build"]


@pytest.fixture
def final(world) -> ReportBuild:
    return world.extra["own_final_build"]


def _texts(report: AnnualReport, **changes) -> dict:
    data = {
        "foreword": report.foreword, "summary": report.summary,
        "reflections": report.reflections, "year_ahead": report.year_ahead,
        "version": report.version,
    }  # fmt: skip
    return {**data, **changes}


# --- The texts ---------------------------------------------------------------------------------


def test_the_preview_shows_the_texts_and_saves_nothing(world, client_for, report):
    data = _texts(report, summary="Rådet har:\n- planerat\n- följt upp", preview="1")
    response = client_for("secretariat").post(_url("texts", world), data)
    assert response.status_code == 200
    page = _text(response)
    assert "Förhandsgranskning (inte sparad)" in page
    assert "<li>planerat</li><li>följt upp</li>" in page
    assert "Rådet har:\n- planerat" in page  # the textarea keeps what was written
    saved = AnnualReport.objects.get(pk=report.pk)
    assert (saved.summary, saved.version) == (report.summary, report.version)


def test_saving_the_texts_goes_to_the_report_with_a_message(world, client_for, report):
    data = _texts(report, foreword="<b>Ett år</b> av samarbete.", save="1")
    response = client_for("secretariat").post(_url("texts", world), data, follow=True)
    assert response.redirect_chain == [(report.get_absolute_url(), 302)]
    assert _messages(response) == ["Texterna är sparade. De kommer med i nästa version."]
    # Plain text: shown as written, never as HTML.
    assert "&lt;b&gt;Ett år&lt;/b&gt; av samarbete." in _text(response)
    saved = AnnualReport.objects.get(pk=report.pk)
    assert saved.foreword == "<b>Ett år</b> av samarbete."
    assert (saved.version, saved.updated_by) == (report.version + 1, world.users["secretariat"])


def test_texts_saved_over_someone_elses_are_refused_with_409_and_kept(world, client_for, report):
    data = _texts(report, reflections="Min egen reflektion", save="1")
    report.reflections = "Någon annans reflektion"
    report.version += 1
    report.save()
    response = client_for("secretariat").post(_url("texts", world), data)
    assert response.status_code == 409
    page = _text(response)
    assert "Inte sparat: någon annan hann ändra det här" in page
    assert "Sparat av någon annan" in page
    assert "Min egen reflektion</textarea>" in page
    assert f'name="version" value="{report.version}"' in page  # saving again replaces it
    assert AnnualReport.objects.get(pk=report.pk).reflections == "Någon annans reflektion"


def test_texts_sent_twice_are_saved_once_without_a_conflict(world, client_for, report):
    data = _texts(report, reflections="Dubbelklickad reflektion", save="1")
    client = client_for("secretariat")
    first = client.post(_url("texts", world), data)
    second = client.post(_url("texts", world), data)  # the same form, same version
    assert (first.status_code, second.status_code) == (302, 302)
    saved = AnnualReport.objects.get(pk=report.pk)
    assert saved.reflections == "Dubbelklickad reflektion"
    assert saved.version == report.version + 1  # saved once


def test_a_text_over_the_limit_is_refused_with_400_and_kept(world, client_for, report):
    data = _texts(report, summary="x" * 4001, save="1")
    response = client_for("secretariat").post(_url("texts", world), data)
    assert response.status_code == 400
    assert "x" * 4001 + "</textarea>" in _text(response)
    assert response.context["form"].errors["summary"]
    assert AnnualReport.objects.get(pk=report.pk).version == report.version


# --- The sections and surveys ------------------------------------------------------------------


def _options(report: AnnualReport, chosen: dict[str, int], **extra) -> dict:
    from reports import sections

    data = {"version": report.version, **extra}
    for index, key in enumerate(sections.SECTION_KEYS, start=1):
        data[f"order_{key}"] = chosen.get(key, index)
        if key in chosen:
            data[f"with_{key}"] = "on"
    return data


def test_the_sections_are_saved_in_the_chosen_order(world, client_for, report):
    data = _options(report, {"summary": 1, "foreword": 2, "plan": 3})
    response = client_for("secretariat").post(_url("options", world), data, follow=True)
    assert response.redirect_chain == [(report.get_absolute_url(), 302)]
    assert _messages(response) == ["Innehållet är sparat. Det gäller nästa version."]
    saved = AnnualReport.objects.get(pk=report.pk)
    assert saved.sections == ["summary", "foreword", "plan"]
    assert saved.surveys_chosen and not saved.surveys.exists()
    assert "Utelämnade avsnitt" in _text(response)


def test_no_section_or_a_place_out_of_range_is_refused_with_400_and_kept(world, client_for, report):
    client = client_for("secretariat")
    response = client.post(_url("options", world), _options(report, {}))
    assert response.status_code == 400
    assert "Välj minst ett avsnitt." in _text(response)
    response = client.post(_url("options", world), _options(report, {"summary": 0, "plan": 7}))
    assert response.status_code == 400
    page = _text(response)
    assert "Ange en plats från 1 till 99." in page
    assert 'id="id_order_summary" value="0" aria-describedby="id_order_summary-error"' in page
    assert 'name="with_plan" id="id_with_plan" checked' in page
    assert AnnualReport.objects.get(pk=report.pk).version == report.version


def test_another_councils_survey_cannot_be_chosen(world, client_for, report):
    foreign = world.extra["other_survey"]
    data = _options(report, {"summary": 1}, surveys=[foreign.pk])
    response = client_for("secretariat").post(_url("options", world), data)
    assert response.status_code == 400
    assert response.context["form"].errors["surveys"]
    assert not AnnualReport.objects.get(pk=report.pk).surveys.exists()


def test_options_saved_over_someone_elses_are_refused_with_409(world, client_for, report):
    data = _options(report, {"summary": 1})
    AnnualReport.objects.filter(pk=report.pk).update(version=report.version + 1)
    response = client_for("secretariat").post(_url("options", world), data)
    assert response.status_code == 409
    assert "Inte sparat: någon annan hann ändra det här" in _text(response)
    assert AnnualReport.objects.get(pk=report.pk).sections == report.sections


def test_options_sent_twice_are_saved_once_without_a_conflict(world, client_for, report):
    data = _options(report, {"summary": 1, "plan": 2})
    client = client_for("secretariat")
    first = client.post(_url("options", world), data)
    second = client.post(_url("options", world), data)
    assert (first.status_code, second.status_code) == (302, 302)
    saved = AnnualReport.objects.get(pk=report.pk)
    assert saved.sections == ["summary", "plan"] and saved.version == report.version + 1


def test_a_year_without_a_report_is_shown_and_not_created(world, client_for):
    response = client_for("member").get(_url("report", world, year=2023))
    assert response.status_code == 200
    assert "Inga versioner är byggda ännu." in _text(response)
    assert not AnnualReport.objects.filter(council=world.own, year=2023).exists()


# --- Building ----------------------------------------------------------------------------------


def test_after_a_final_version_a_build_needs_a_reason(world, client_for, report):
    before = ReportBuild.objects.count()
    response = client_for("secretariat").post(_url("build_request", world), {"reason": ""})
    assert response.status_code == 400
    assert "Rapporten har en fastställd version." in _text(response)
    assert 'name="reason"' in _text(response)
    assert ReportBuild.objects.count() == before


def test_a_reason_over_the_limit_is_refused_with_400_and_kept(world, client_for):
    response = client_for("secretariat").post(_url("build_request", world), {"reason": "y" * 501})
    assert response.status_code == 400
    assert 'value="' + "y" * 501 + '"' in _text(response)
    assert not ReportBuild.objects.filter(number=3).exists()


def test_a_second_build_request_joins_the_one_under_way(world, client_for, report):
    client = client_for("secretariat")
    first = client.post(_url("build_request", world), {"reason": "Rättad tabell"}, follow=True)
    build = ReportBuild.objects.get(report=report, number=3)
    assert first.redirect_chain == [(build.get_absolute_url(), 302)]
    assert _messages(first) == [
        "Version 3 byggs. Du kan lämna sidan: du får e-post när den är klar."
    ]
    assert (build.status, build.reason, build.requested_by) == (
        "queued", "Rättad tabell", world.users["secretariat"],
    )  # fmt: skip
    second = client.post(_url("build_request", world), {"reason": "Igen"}, follow=True)
    assert second.redirect_chain == [(build.get_absolute_url(), 302)]
    assert _messages(second) == ["En likadan version byggs redan: du följer den."]
    assert ReportBuild.objects.filter(report=report).count() == 3


def test_build_request_takes_post_only(world, client_for):
    assert client_for("secretariat").get(_url("build_request", world)).status_code == 405


# --- Forged ids --------------------------------------------------------------------------------


BUILD_PAGES = ["build", "build_progress", "build_pdf", "build_html", "build_finalise",
               "build_delete"]  # fmt: skip


@pytest.mark.parametrize("name", BUILD_PAGES)
def test_a_build_under_another_year_or_a_missing_id_is_404(world, client_for, draft, name):
    client = client_for("secretariat")
    assert client.get(_url(name, world, draft)).status_code in (200, 286)
    assert client.get(_url(name, world, draft, year=2023)).status_code == 404
    missing = ReportBuild(pk=999999)
    assert client.get(_url(name, world, missing)).status_code == 404


@pytest.mark.parametrize("name", ["build_finalise", "build_delete", "build_cancel", "build_retry"])
def test_a_forged_id_in_a_post_changes_nothing(world, client_for, name):
    foreign = world.extra["other_draft_build"]
    response = client_for("secretariat").post(_url(name, world, foreign))
    assert response.status_code == 404
    after = ReportBuild.objects.get(pk=foreign.pk)
    assert (after.status, after.finalising, after.finalised_at) == ("done", False, None)
    assert storage.listing(foreign.pk)


# --- Progress ----------------------------------------------------------------------------------


def _announcement(response) -> dict:
    return json.loads(response["HX-Trigger-After-Settle"])["vkr:announce"]


def test_the_progress_block_polls_while_the_build_runs(world, client_for, draft):
    running = {"status": "typesetting", "progress": 55, "step": "Sätter sidor"}
    ReportBuild.objects.filter(pk=draft.pk).update(**running)
    response = _progress(client_for("member"), world, draft)
    assert response.status_code == 200
    page = _text(response)
    assert 'hx-trigger="every 1s"' in page
    assert 'value="55"' in page and "Sätter sidor – 55\u00a0%" in page
    assert "HX-Trigger-After-Settle" not in response


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Rapporten är klar."),
        ({"status": "failed", "error": "Fel."}, "Rapporten kunde inte byggas: Fel."),
        ({"status": "cancelled"}, "Bygget avbröts."),
        # A fastställande that failed leaves the draft done, with the reason.
        ({"error": "Fastställandet misslyckades."}, "Fastställandet misslyckades."),
    ],
)
def test_a_finished_build_stops_the_polling_and_says_how_it_ended(
    world, client_for, draft, fields, message
):
    ReportBuild.objects.filter(pk=draft.pk).update(**fields)
    response = _progress(client_for("member"), world, draft)
    assert response.status_code == 286
    assert "hx-trigger" not in _text(response)
    assert _announcement(response) == {"message": message, "focus": "#build-result"}
    assert 'id="build-result"' in _text(response)


# --- Versions ----------------------------------------------------------------------------------


def test_finalising_a_draft_sets_it_again_and_says_so(world, client_for, draft):
    response = client_for("secretariat").post(_url("build_finalise", world, draft), follow=True)
    assert response.redirect_chain == [(draft.get_absolute_url(), 302)]
    assert _messages(response)[0].startswith("Version 2 fastställs")
    after = ReportBuild.objects.get(pk=draft.pk)
    assert (after.finalising, after.status, after.finalised_by) == (
        True, "queued", world.users["secretariat"],
    )  # fmt: skip
    assert after.finalised_at is None  # final only once it is set again
    # Meanwhile the draft it was stays readable, as PDF and as a web page.
    member = client_for("member")
    assert member.get(_url("build_pdf", world, draft)).status_code == 200
    assert member.get(_url("build_html", world, draft)).status_code == 200


def test_a_final_version_is_not_finalised_again_nor_deleted(world, client_for, final):
    client = client_for("secretariat")
    again = client.post(_url("build_finalise", world, final), follow=True)
    assert _messages(again) == ["Versionen är redan fastställd."]
    deleted = client.post(_url("build_delete", world, final), follow=True)
    assert deleted.redirect_chain == [(final.get_absolute_url(), 302)]
    assert _messages(deleted) == ["En fastställd version kan inte tas bort."]
    assert ReportBuild.objects.filter(pk=final.pk, finalising=False).exists()
    assert storage.listing(final.pk)


def test_deleting_a_draft_removes_it_and_its_files(world, client_for, report, draft):
    response = client_for("secretariat").post(_url("build_delete", world, draft), follow=True)
    assert response.redirect_chain == [(report.get_absolute_url(), 302)]
    assert _messages(response) == ["Version 2 är borttagen."]
    assert not ReportBuild.objects.filter(pk=draft.pk).exists()
    assert storage.listing(draft.pk) == []


def test_a_finished_build_cannot_be_cancelled_or_retried(world, client_for, draft):
    client = client_for("secretariat")
    cancelled = client.post(_url("build_cancel", world, draft), follow=True)
    assert _messages(cancelled) == ["Versionen byggs inte längre och kan inte avbrytas."]
    retried = client.post(_url("build_retry", world, draft), follow=True)
    assert _messages(retried) == ["Bara en version som misslyckades eller avbröts kan byggas om."]
    assert ReportBuild.objects.get(pk=draft.pk).status == "done"


def test_a_failed_build_is_queued_again_by_retry(world, client_for, draft):
    ReportBuild.objects.filter(pk=draft.pk).update(status="failed", error="Det gick fel.")
    response = client_for("secretariat").post(_url("build_retry", world, draft), follow=True)
    assert _messages(response) == ["Versionen byggs igen."]
    after = ReportBuild.objects.get(pk=draft.pk)
    assert (after.status, after.error, after.number) == ("queued", "", 2)


# --- Downloads ---------------------------------------------------------------------------------


def test_a_draft_downloads_for_the_council_with_its_name_and_no_caching(world, client_for, draft):
    response = client_for("member").get(_url("build_pdf", world, draft))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == _inline(2)
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_a_final_version_downloads_for_anyone(world, client_for, final):
    response = client_for("anonymous").get(_public("public_pdf", 1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == _inline(1)
    assert response["Cache-Control"] == "public, max-age=3600"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_draft_is_not_downloadable_anonymously(world, client_for, draft):
    anonymous = client_for("anonymous")
    private = anonymous.get(_url("build_pdf", world, draft))
    assert private.status_code == 302 and private["Location"].startswith(reverse("login"))
    for name in ("public_pdf", "public_html"):
        assert anonymous.get(_public(name, 2)).status_code == 404


def test_a_build_without_its_file_yet_is_404(world, client_for, draft):
    ReportBuild.objects.filter(pk=draft.pk).update(status="typesetting")
    client = client_for("member")
    assert client.get(_url("build_pdf", world, draft)).status_code == 404
    assert client.get(_url("build_html", world, draft)).status_code == 404


# --- The public pages --------------------------------------------------------------------------


def test_the_public_pages_list_only_final_versions(world, client_for):
    anonymous = client_for("anonymous")
    final_pdf = "/arsrapporter/mellansverige/2022/v1.pdf"
    for url in (reverse("reports:public_list"), _public("public_council")):
        response = anonymous.get(url)
        assert response.status_code == 200
        page = _text(response)
        assert f'href="{final_pdf}"' in page
        assert 'href="/arsrapporter/mellansverige/2022/v1/"' in page
        assert "/v2" not in page
        assert "Norra" not in page.split("<main", 1)[1]  # only a draft: not published
    norra = anonymous.get(_public("public_council", slug="norra"))
    assert "Rådet har inga publicerade årsrapporter ännu." in _text(norra)


def test_the_public_html_version_shows_the_stored_content(world, client_for, final):
    response = client_for("anonymous").get(_public("public_html", 1))
    assert response.status_code == 200
    page = _text(response)
    assert storage.read(final.content_file).decode() in page
    assert "Fastställd" in page
    assert 'href="/arsrapporter/mellansverige/2022/v1.pdf"' in page
