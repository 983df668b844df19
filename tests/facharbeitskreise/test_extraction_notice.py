"""Those who may contribute to an area see on a document's page whether the text of each
version could be read for the search; plain members see nothing of it, and every version
stays downloadable."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dokumente.extracted_text import MESSAGE_PDF_DAMAGED, MESSAGE_PDF_ENCRYPTED
from dokumente.models import TextStatus
from facharbeitskreise import content_services
from tests.dokumente import hard_samples
from tests.helpers import main_text

from .uploads import pdf_upload

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content if response.streaming else [response.content])


@pytest.fixture
def document(arbeitskreis, ak_contributor, django_capture_on_commit_callbacks):
    """Version 1 read fine; version 2 is an encrypted PDF – both read right after upload (commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        document = content_services.document_create(
            arbeitskreis=arbeitskreis,
            user=ak_contributor,
            title="Lagebild Rotlicht",
            description="",
            is_result=False,
            upload=pdf_upload(),
        )
    with django_capture_on_commit_callbacks(execute=True):
        content_services.document_version_add(
            document=document,
            user=ak_contributor,
            upload=SimpleUploadedFile("Lagebild geschützt.pdf", hard_samples.pdf_encrypted()),
            note="verschlüsselt",
        )
    return document


def _detail(client, arbeitskreis, document):
    return client.get(
        reverse("facharbeitskreise:document_detail", kwargs={"slug": arbeitskreis.slug, "pk": document.pk})
    )


@pytest.mark.parametrize("who", ["ak_contributor", "ak_lead"])
def test_contributors_see_which_versions_could_not_be_read(login, request, arbeitskreis, document, who):
    page = main_text(_detail(login(request.getfixturevalue(who)), arbeitskreis, document))

    assert "Volltext (Version 2): Auslesen fehlgeschlagen" in page and MESSAGE_PDF_ENCRYPTED in page
    assert "Volltext (Version 1)" not in page
    assert page.count("data-text-status") == 1


def test_plain_members_see_nothing_of_it(login, ak_member, arbeitskreis, document):
    page = main_text(_detail(login(ak_member), arbeitskreis, document))
    assert "Volltext" not in page and MESSAGE_PDF_ENCRYPTED not in page
    assert "Lagebild geschützt.pdf" in page


def test_in_an_archived_arbeitskreis_nobody_is_asked_to_act(login, ak_lead, arbeitskreis, document):
    arbeitskreis.is_archived = True
    arbeitskreis.save(update_fields=["is_archived"])
    assert "Volltext" not in main_text(_detail(login(ak_lead), arbeitskreis, document))


def test_a_version_still_waiting_is_shown_as_such(login, ak_contributor, arbeitskreis):
    document = content_services.document_create(  # not committed in the test: nothing read yet
        arbeitskreis=arbeitskreis,
        user=ak_contributor,
        title="Neu",
        description="",
        is_result=False,
        upload=pdf_upload(),
    )
    page = main_text(_detail(login(ak_contributor), arbeitskreis, document))
    assert "Volltext (Version 1): wird ausgelesen" in page


def test_a_damaged_pdf_is_reported(login, ak_contributor, arbeitskreis, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = content_services.document_create(
            arbeitskreis=arbeitskreis,
            user=ak_contributor,
            title="Abgebrochen",
            description="",
            is_result=True,
            upload=SimpleUploadedFile("Abgebrochen.pdf", hard_samples.pdf_broken()),
        )
    assert document.versions.get().file.text_status == TextStatus.FAILED
    page = main_text(_detail(login(ak_contributor), arbeitskreis, document))
    assert "Auslesen fehlgeschlagen" in page and MESSAGE_PDF_DAMAGED in page


@pytest.mark.parametrize("who", ["ak_member", "ak_contributor"])
def test_a_file_whose_text_failed_stays_downloadable(login, request, arbeitskreis, document, who):
    version = document.versions.select_related("file").get(number=2)
    assert version.file.text_status == TextStatus.FAILED

    response = login(request.getfixturevalue(who)).get(version.get_download_url())

    assert response.status_code == 200
    assert _body(response) == Path(version.file.file.path).read_bytes()
