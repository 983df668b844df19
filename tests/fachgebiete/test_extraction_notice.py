"""The Redaktion sees on a document's page whether the text of each version could be read for
the search; members see nothing of it, and every version stays downloadable."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dokumente.extracted_text import MESSAGE_NO_TEXT, MESSAGE_PDF_ENCRYPTED
from dokumente.extraction import extract_and_save
from dokumente.models import TextStatus
from dokumente.services import FileStore
from fachgebiete.models import Status
from tests.dokumente import hard_samples, samples
from tests.helpers import main_text

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content if response.streaming else [response.content])


@pytest.fixture
def document(shisha, make_document, member):
    """Version 1 read fine, version 2 is an encrypted PDF, version 3 a scan without text."""
    document = make_document(shisha, versions=0)
    for number, (name, data) in enumerate(
        [
            ("Checkliste.pdf", samples.pdf()),
            ("Checkliste geschützt.pdf", hard_samples.pdf_encrypted()),
            ("Checkliste Scan.pdf", hard_samples.pdf_image_only()),
        ],
        start=1,
    ):
        stored = FileStore().store(SimpleUploadedFile(name, data), user=member)
        document.versions.create(number=number, file=stored)
        extract_and_save(stored.pk)
    return document


@pytest.mark.parametrize("role", ["editor", "office"])
def test_the_redaktion_sees_which_versions_could_not_be_read(login, document, role):
    page = main_text(login(role).get(document.get_absolute_url()))

    assert "Volltext (Version 2): Auslesen fehlgeschlagen" in page
    assert MESSAGE_PDF_ENCRYPTED in page
    assert "Volltext (Version 3): kein Text enthalten" in page
    assert MESSAGE_NO_TEXT in page
    assert "Volltext (Version 1)" not in page  # read fine: nothing to say
    assert page.count('data-text-status="failed"') == 1 and page.count('data-text-status="no_text"') == 1


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_members_see_nothing_of_it(login, document, role):
    page = main_text(login(role).get(document.get_absolute_url()))

    assert "Volltext" not in page and MESSAGE_PDF_ENCRYPTED not in page and "data-text-status" not in page
    assert "Checkliste geschützt.pdf" in page


@pytest.mark.parametrize("role", ["member", "editor"])
def test_a_file_whose_text_failed_stays_downloadable(login, document, role):
    client = login(role)
    failed = document.versions.get(number=2)
    assert failed.file.text_status == TextStatus.FAILED

    response = client.get(failed.get_download_url())

    assert response.status_code == 200
    assert _body(response) == Path(failed.file.file.path).read_bytes()
    assert "Checkliste%20gesch%C3%BCtzt.pdf" in response["Content-Disposition"]
    assert client.get(document.get_download_url()).status_code == 200  # the current version (a scan)


def test_a_version_still_waiting_is_shown_as_such(login, shisha, make_document):
    document = make_document(shisha, versions=1)  # never committed in the test: nothing read yet

    page = main_text(login("editor").get(document.get_absolute_url()))

    assert "Volltext (Version 1): wird ausgelesen" in page
    assert "über Titel und Beschreibung auffindbar" in page


def test_a_new_version_is_read_after_upload(login, shisha, make_document, django_capture_on_commit_callbacks):
    document = make_document(shisha, versions=1)
    client = login("editor")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            document.get_version_add_url(),
            {"file": SimpleUploadedFile("Checkliste geschützt.pdf", hard_samples.pdf_encrypted()), "note": "Neu"},
        )

    assert response.status_code == 302
    version = document.versions.select_related("file").get(number=2)
    assert version.file.text_status == TextStatus.FAILED
    page = main_text(client.get(document.get_absolute_url()))
    assert "Volltext (Version 2): Auslesen fehlgeschlagen" in page and MESSAGE_PDF_ENCRYPTED in page


def test_the_author_of_a_returned_document_sees_it_too(login, shisha, make_document):
    document = make_document(shisha, Status.RETURNED, versions=1)
    page = main_text(login("member").get(document.get_absolute_url()))
    assert "Volltext (Version 1): wird ausgelesen" in page
