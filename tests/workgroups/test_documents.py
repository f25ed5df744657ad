"""A group's documents: stored under a random name, once per group and per sent form, who
uploads, downloads and deletes them, the download's headers, and that nothing is served by
URL. What a file may be is tested in test_document_files.py."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.world import MINIMAL_PDF
from workgroups.models import Document
from workgroups.selectors.documents import group_documents
from workgroups.services import documents as services

from .test_document_files import ACCEPTED, image, upload


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "make", "mime"), ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_each_kind_is_stored_with_the_type_found(world, name, make, mime):
    group = world.extra["own_group"]
    data = make()
    document = services.document_upload(
        group=group, upload=upload(name, data, "text/html"), user=world.users["convenor"]
    )
    document.refresh_from_db()
    assert document.content_type == mime
    assert document.size == len(data)
    assert document.title == name.rsplit(".", 1)[0]
    with document.file.open("rb") as handle:
        assert handle.read() == data


# --- The service ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_file_is_stored_under_a_random_name_of_the_group(world):
    group = world.extra["own_group"]
    document = services.document_upload(
        group=group, upload=upload("Möte 2022.pdf", MINIMAL_PDF + b"%1"), title="  Protokoll "
    )
    assert document.file.name.startswith(f"workgroups/{group.pk}/")
    assert "Möte" not in document.file.name and "." not in document.file.name.rsplit("/")[-1]
    assert (document.title, document.filename) == ("Protokoll", "Möte_2022.pdf")
    assert len(document.sha256) == 64


@pytest.mark.django_db
def test_the_same_file_twice_in_a_group_is_refused(world):
    group = world.extra["own_group"]  # the world uploaded MINIMAL_PDF as "Underlag"
    with pytest.raises(ValidationError) as refused:
        services.document_upload(group=group, upload=upload("kopia.pdf", MINIMAL_PDF))
    assert refused.value.message_dict == {
        "file": ["Samma fil finns redan bland gruppens dokument: ”Underlag”."]
    }
    assert Document.objects.filter(workgroup=group).count() == 1


@pytest.mark.django_db
def test_the_same_file_in_another_group_is_taken(world):
    other = world.extra["other_group"]
    document = services.document_upload(
        group=world.extra["own_group"], upload=upload("b.pdf", MINIMAL_PDF + b"%x")
    )
    again = services.document_upload(group=other, upload=upload("b.pdf", MINIMAL_PDF + b"%x"))
    assert document.sha256 == again.sha256


@pytest.mark.django_db
def test_a_refused_file_leaves_nothing_stored(world, settings):
    group = world.extra["own_group"]
    stored_before = _stored_files(settings)
    with pytest.raises(ValidationError):
        services.document_upload(group=group, upload=upload("sida.pdf", b"<html></html>"))
    with pytest.raises(ValidationError):
        services.document_upload(group=group, upload=upload("kopia.pdf", MINIMAL_PDF))
    assert _stored_files(settings) == stored_before


def _stored_files(settings) -> set[str]:
    return {str(p) for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


@pytest.mark.django_db(transaction=True)
def test_deleting_removes_the_row_then_the_file(world, settings):
    document = world.extra["own_document"]
    path = document.file.path
    services.document_delete(document=document)
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not Path(path).exists()


@pytest.mark.django_db
def test_a_rolled_back_delete_keeps_the_file(world, django_capture_on_commit_callbacks):
    document = world.extra["own_document"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.document_delete(document=document)
    assert len(callbacks) == 1  # the file goes only once the deletion is committed
    assert document.file.storage.exists(document.file.name)


@pytest.mark.django_db
def test_group_documents_is_one_query_with_the_uploader(world, django_assert_num_queries):
    group = world.extra["own_group"]
    for number in range(4):
        services.document_upload(
            group=group, upload=upload(f"{number}.pdf", MINIMAL_PDF + bytes([number])),
            user=world.users["group_member"],
        )  # fmt: skip
    with django_assert_num_queries(1):
        documents = group_documents(group)
        names = [(d.uploader_name, d.type_label) for d in documents]
    assert len(documents) == 5
    assert names[0] == ("Gus Gruppmedlem", "PDF")
    assert names[-1] == ("Kim Sammankallande", "PDF")


# --- The views --------------------------------------------------------------------------------


def _url(name: str, world, group_key: str = "own", **kwargs) -> str:
    group = world.extra[f"{group_key}_group"]
    return reverse(
        f"workgroups:{name}", kwargs={"slug": group.council.slug, "pk": group.pk, **kwargs}
    )


def _post_upload(client, world, data: bytes, name: str, key=None, title=""):
    return client.post(
        _url("document_upload", world),
        {"file": upload(name, data), "title": title, "idempotency_key": key or uuid.uuid4()},
    )


@pytest.mark.django_db
def test_the_upload_page_shows_the_form_with_the_accepted_types(world, client_for):
    response = client_for("convenor").get(_url("document_upload", world))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'accept=".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.jpe,.gif,.webp,application/pdf' in page
    assert "högst 20,0\xa0MB" in page


@pytest.mark.django_db
def test_an_upload_is_saved_and_shown_on_the_group_page(world, client_for):
    client = client_for("group_member")
    response = _post_upload(client, world, image("PNG"), "Organisation AT BT.png", title="Karta")
    document = Document.objects.get(title="Karta")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#document-{document.pk}")
    page = client.get(response["Location"]).content.decode()
    assert "Dokumentet ”Karta” är uppladdat." in page
    assert 'id="documents-heading"' in page
    download = _url("document_download", world, document_pk=document.pk)
    assert f'href="{download}"' in page
    assert "Organisation_AT_BT.png" in page and "PNG-bild" in page and "Gus Gruppmedlem" in page


@pytest.mark.django_db
def test_a_refused_upload_shows_the_reason_at_the_file_field(world, client_for):
    response = _post_upload(client_for("convenor"), world, b"MZ" + bytes(300), "underlag.pdf")
    assert response.status_code == 400
    form = response.context["form"]
    assert "innehållet är ett program (EXE)" in form.errors["file"][0]
    page = response.content.decode()
    assert 'id="error_1_id_file"' in page  # crispy's message under the file input
    assert "innehållet är ett program (EXE)" in page


@pytest.mark.django_db
def test_an_empty_upload_is_refused_at_the_field(world, client_for):
    response = _post_upload(client_for("convenor"), world, b"", "tom.pdf")
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["Filen är tom."]


@pytest.mark.django_db
def test_an_upload_over_the_limit_is_refused_at_the_field(world, client_for, settings):
    settings.WORKGROUP_DOCUMENT_MAX_BYTES = 500
    response = _post_upload(client_for("convenor"), world, MINIMAL_PDF + bytes(600), "stor.pdf")
    assert response.status_code == 400
    assert "Filen är för stor" in response.context["form"].errors["file"][0]


@pytest.mark.django_db
def test_the_same_file_twice_is_refused_at_the_field(world, client_for):
    response = _post_upload(client_for("convenor"), world, MINIMAL_PDF, "igen.pdf")
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Samma fil finns redan bland gruppens dokument: ”Underlag”."
    ]


@pytest.mark.django_db
def test_a_double_click_uploads_once(world, client_for):
    client = client_for("convenor")
    key = uuid.uuid4()
    first = _post_upload(client, world, image("GIF"), "bild.gif", key=key)
    second = _post_upload(client, world, image("GIF"), "bild.gif", key=key)
    assert Document.objects.filter(filename="bild.gif").count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    page = client.get(second["Location"]).content.decode()
    assert "formuläret skickades mer än en gång men sparades en gång" in page


DOWNLOAD_OWN = {
    "convenor": 200, "group_member": 200, "member": 200, "secretariat": 200, "national": 200,
    "admin": 200, "other_member": 403, "respondent": 403,
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), DOWNLOAD_OWN.items())
def test_who_downloads_a_document_of_the_own_group(world, client_for, role, status):
    document = world.extra["own_document"]
    response = client_for(role).get(_url("document_download", world, document_pk=document.pk))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == MINIMAL_PDF


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in(world, client_for):
    url = _url("document_download", world, document_pk=world.extra["own_document"].pk)
    response = client_for("anonymous").get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_another_group_s_document_through_the_own_group_is_404(world, client_for):
    other = world.extra["other_document"]
    for role in ("convenor", "secretariat", "admin"):
        response = client_for(role).get(_url("document_download", world, document_pk=other.pk))
        assert response.status_code == 404, role


@pytest.mark.django_db
def test_the_download_is_an_attachment_of_the_stored_type_never_sniffed(world, client_for):
    document = world.extra["own_document"]
    response = client_for("member").get(_url("document_download", world, document_pk=document.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="underlag.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Content-Length"] == str(len(MINIMAL_PDF))


@pytest.mark.django_db
def test_a_non_ascii_name_is_sent_encoded(world, client_for):
    document = services.document_upload(
        group=world.extra["own_group"],
        upload=upload("Slutrapport Förenade.pdf", MINIMAL_PDF + b"%2"),
    )
    response = client_for("member").get(_url("document_download", world, document_pk=document.pk))
    assert "filename*=utf-8''Slutrapport_F%C3%B6renade.pdf" in response["Content-Disposition"]


@pytest.mark.django_db
def test_a_document_is_never_reachable_under_media_url(world, client_for, settings):
    document = world.extra["own_document"]
    for role in ("anonymous", "convenor", "admin"):
        client = client_for(role)
        for path in (f"/{settings.MEDIA_URL}{document.file.name}", f"/media/{document.file.name}"):
            assert client.get(path.replace("//", "/")).status_code == 404, (role, path)


@pytest.mark.django_db
def test_a_missing_file_is_404_not_500(world, client_for):
    document = world.extra["own_document"]
    document.file.storage.delete(document.file.name)
    response = client_for("convenor").get(_url("document_download", world, document_pk=document.pk))
    assert response.status_code == 404


@pytest.mark.django_db
def test_an_editor_deletes_a_document_after_confirming(world, client_for):
    document = world.extra["own_document"]
    url = _url("document_delete", world, document_pk=document.pk)
    client = client_for("group_member")
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Ta bort dokumentet ”Underlag”?" in confirm.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert (
        "Dokumentet ”Underlag” är borttaget." in client.get(response["Location"]).content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["member", "national", "other_member", "respondent"])
def test_readers_who_do_not_edit_cannot_upload_or_delete(world, client_for, role):
    document = world.extra["own_document"]
    client = client_for(role)
    assert client.get(_url("document_upload", world)).status_code == 403
    assert _post_upload(client, world, image("PNG"), "x.png").status_code == 403
    assert client.post(_url("document_delete", world, document_pk=document.pk)).status_code == 403
    assert Document.objects.filter(pk=document.pk).exists()


@pytest.mark.django_db
def test_the_section_shows_upload_and_delete_only_to_editors(world, client_for):
    group = world.extra["own_group"]
    upload_url = _url("document_upload", world)
    delete_url = _url("document_delete", world, document_pk=world.extra["own_document"].pk)
    editor = client_for("convenor").get(group.get_absolute_url()).content.decode()
    reader = client_for("member").get(group.get_absolute_url()).content.decode()
    assert upload_url in editor and delete_url in editor
    assert upload_url not in reader and delete_url not in reader
    assert 'aria-labelledby="documents-heading"' in reader and "Underlag" in reader


# --- At the same moment -----------------------------------------------------------------------


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_the_same_file_sent_eight_times_at_once_is_stored_once(world, settings):
    from tests.concurrency import run_together

    group = world.extra["own_group"]
    data = MINIMAL_PDF + b"% samtidigt\n"
    before = _stored_files(settings)

    def send(index: int) -> Document:
        return services.document_upload(
            group=group, upload=upload(f"{index}.pdf", data), user=world.users["convenor"]
        )

    outcomes = run_together(send, threads=8)
    assert len(outcomes.results) == 1
    assert len(outcomes.errors) == 7
    assert all("Samma fil finns redan" in error.messages[0] for error in outcomes.errors)
    # The files of the refused seven are gone again: only the one kept is new on disk.
    assert len(_stored_files(settings) - before) == 1


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_one_form_sent_eight_times_at_once_uploads_once(world):
    from idempotency.services import AlreadySubmitted
    from tests.concurrency import run_together

    group = world.extra["own_group"]
    key = uuid.uuid4()

    def send(index: int) -> Document:
        return services.document_upload(
            group=group, upload=upload("bild.png", image("PNG")), idempotency_key=key,
            user=world.users["convenor"],
        )  # fmt: skip

    outcomes = run_together(send, threads=8)
    assert len(outcomes.results) == 1
    assert len(outcomes.errors) == 7
    assert all(isinstance(error, AlreadySubmitted) for error in outcomes.errors)
    assert Document.objects.filter(workgroup=group, filename="bild.png").count() == 1
