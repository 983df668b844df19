"""Documents of an area: list, detail, upload, versions, delete, logged downloads, results."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dokumente.models import StoredFile
from facharbeitskreise import content_services
from facharbeitskreise.models import Arbeitskreis, ArbeitskreisDocument
from partner.models import AuditEvent
from tests.helpers import main_text

from .uploads import docx_upload, fake_pdf, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(arbeitskreis, ak_contributor):
    return content_services.document_create(
        arbeitskreis=arbeitskreis,
        user=ak_contributor,
        title="Lagebild Shisha 2021",
        description="Stand Herbst",
        is_result=False,
        upload=pdf_upload(),
    )


def _url(name, arbeitskreis, **kwargs):
    return reverse(f"facharbeitskreise:{name}", kwargs={"slug": arbeitskreis.slug, **kwargs})


def test_member_sees_the_document_list(login, ak_member, arbeitskreis, document):
    response = login(ak_member).get(_url("document_list", arbeitskreis))
    assert response.status_code == 200
    assert "Lagebild Shisha 2021" in main_text(response)
    assert "Dokument hochladen" not in main_text(response)


def test_outsider_gets_404_on_the_list(login, outsider, arbeitskreis, document):
    assert login(outsider).get(_url("document_list", arbeitskreis)).status_code == 404


def test_office_without_grant_gets_404_on_a_document(login, office, arbeitskreis, document):
    assert login(office).get(_url("document_detail", arbeitskreis, pk=document.pk)).status_code == 404


def test_lead_of_another_arbeitskreis_gets_404(login, other_lead, arbeitskreis, document):
    assert login(other_lead).get(_url("document_detail", arbeitskreis, pk=document.pk)).status_code == 404


def test_deactivated_user_is_sent_to_login(login, deactivated, arbeitskreis, document):
    response = login(deactivated).get(_url("document_list", arbeitskreis))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_member_may_not_upload(login, ak_member, arbeitskreis):
    response = login(ak_member).post(_url("document_create", arbeitskreis), {"title": "X", "file": pdf_upload()})
    assert response.status_code == 403
    assert not ArbeitskreisDocument.objects.exists()


def test_contributor_uploads_a_document(login, ak_contributor, arbeitskreis):
    response = login(ak_contributor).post(
        _url("document_create", arbeitskreis),
        {"title": "Checkliste Kontrolle", "description": "", "file": docx_upload()},
    )
    document = ArbeitskreisDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert document.arbeitskreis == arbeitskreis and document.created_by == ak_contributor
    assert document.versions.get().number == 1


def test_a_rejected_upload_leaves_nothing_and_keeps_the_text(login, ak_contributor, arbeitskreis):
    response = login(ak_contributor).post(
        _url("document_create", arbeitskreis),
        {"title": "Mein langer Titel", "description": "Wichtig", "file": fake_pdf()},
    )
    assert response.status_code == 200
    assert not ArbeitskreisDocument.objects.exists() and not StoredFile.objects.exists()
    assert 'value="Mein langer Titel"' in response.content.decode()


def test_contributor_adds_a_version(login, ak_contributor, arbeitskreis, document):
    response = login(ak_contributor).post(
        _url("document_version_add", arbeitskreis, pk=document.pk), {"file": pdf_upload(), "note": "Zahlen ergänzt"}
    )
    assert response.status_code == 302
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]


def test_member_sees_all_versions(login, ak_member, arbeitskreis, document, ak_contributor):
    content_services.document_version_add(document=document, user=ak_contributor, upload=pdf_upload(), note="neu")
    text = main_text(login(ak_member).get(_url("document_detail", arbeitskreis, pk=document.pk)))
    assert "Version 2" in text and "Version 1" in text


def test_contributor_may_not_delete(login, ak_contributor, arbeitskreis, document):
    assert login(ak_contributor).post(_url("document_delete", arbeitskreis, pk=document.pk)).status_code == 403
    assert ArbeitskreisDocument.objects.filter(pk=document.pk).exists()


def test_lead_is_asked_before_deleting(login, ak_lead, arbeitskreis, document):
    response = login(ak_lead).get(_url("document_delete", arbeitskreis, pk=document.pk))
    assert response.status_code == 200 and "endgültig gelöscht" in main_text(response)
    assert ArbeitskreisDocument.objects.filter(pk=document.pk).exists()


def test_lead_deletes_a_document_with_its_files(
    login, ak_lead, arbeitskreis, document, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(ak_lead).post(_url("document_delete", arbeitskreis, pk=document.pk))
    assert response.status_code == 302
    assert not ArbeitskreisDocument.objects.exists() and not StoredFile.objects.exists()


def test_a_download_is_served_and_logged(login, ak_member, arbeitskreis, document):
    version = document.versions.get()
    response = login(ak_member).get(version.get_download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content]).startswith(b"%PDF")
    event = AuditEvent.objects.filter(kind="download").get()
    assert (event.actor, event.bereich, event.target) == (
        ak_member,
        f"facharbeitskreise:{arbeitskreis.slug}",
        f"facharbeitskreise.areadocument:{document.pk}",
    )
    assert event.detail == {"file": version.file_id, "name": version.file.original_name, "version": version.number}


def test_an_outsider_cannot_download_and_nothing_is_logged(login, outsider, arbeitskreis, document):
    assert login(outsider).get(document.versions.get().get_download_url()).status_code == 404
    assert not AuditEvent.objects.filter(kind="download").exists()


def test_a_version_of_another_arbeitskreis_is_not_reachable_through_this_one(
    login, ak_member, arbeitskreis, other_arbeitskreis, ak_contributor
):
    foreign = content_services.document_create(
        arbeitskreis=other_arbeitskreis,
        user=ak_contributor,
        title="Fremd",
        description="",
        is_result=False,
        upload=pdf_upload(),
    )
    url = _url("document_download", arbeitskreis, pk=foreign.pk, number=1)
    assert login(ak_member).get(url).status_code == 404


def test_results_show_only_documents_marked_as_result(login, ak_member, arbeitskreis, document, ak_contributor):
    content_services.document_create(
        arbeitskreis=arbeitskreis,
        user=ak_contributor,
        title="Handreichung Informationsaustausch",
        description="",
        is_result=True,
        upload=pdf_upload(),
    )
    text = main_text(login(ak_member).get(_url("result_list", arbeitskreis)))
    assert "Handreichung Informationsaustausch" in text and "Lagebild Shisha 2021" not in text


def test_uploading_to_an_archived_arbeitskreis_keeps_the_text(login, ak_contributor, arbeitskreis):
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(is_archived=True)
    response = login(ak_contributor).post(
        _url("document_create", arbeitskreis),
        {"title": "Spät eingereicht", "description": "Bitte noch aufnehmen", "file": pdf_upload()},
    )
    assert response.status_code == 403
    assert "archiviert" in main_text(response) and "Bitte noch aufnehmen" in main_text(response)
    assert not ArbeitskreisDocument.objects.exists() and not StoredFile.objects.exists()


def test_lead_cannot_delete_in_an_archived_arbeitskreis(login, ak_lead, arbeitskreis, document):
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(is_archived=True)
    assert login(ak_lead).post(_url("document_delete", arbeitskreis, pk=document.pk)).status_code == 403


@pytest.mark.parametrize("name", ["document_list", "result_list"])
def test_document_lists_run_a_fixed_number_of_queries(login, ak_member, arbeitskreis, ak_contributor, name):
    from tests.helpers import count_queries

    def add(n):
        for i in range(n):
            content_services.document_create(
                arbeitskreis=arbeitskreis,
                user=ak_contributor,
                title=f"Dokument {i}",
                description="",
                is_result=True,
                upload=pdf_upload(),
            )

    add(2)
    client = login(ak_member)
    few = count_queries(client, _url(name, arbeitskreis))
    add(5)
    assert count_queries(client, _url(name, arbeitskreis)) == few


def test_a_file_missing_from_storage_is_404_and_not_logged(login, ak_member, arbeitskreis, document):
    version = document.versions.select_related("file").get()
    version.file.file.delete(save=False)
    assert login(ak_member).get(version.get_download_url()).status_code == 404
    assert not AuditEvent.objects.filter(kind="download").exists()


def test_document_page_runs_a_fixed_number_of_queries(login, ak_member, arbeitskreis, document, ak_contributor):
    from tests.helpers import count_queries

    client = login(ak_member)
    few = count_queries(client, _url("document_detail", arbeitskreis, pk=document.pk))
    for _ in range(3):
        content_services.document_version_add(document=document, user=ak_contributor, upload=pdf_upload())
    assert count_queries(client, _url("document_detail", arbeitskreis, pk=document.pk)) == few
