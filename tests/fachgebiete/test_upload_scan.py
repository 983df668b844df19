"""Every upload route of the Fachgebiete runs the virus scan and the PDF check (real clamd): a
refused file keeps the typed input and leaves neither row nor file; if clamd is unreachable the
upload is refused, never accepted unscanned.

member contributes (documents, attachments, Rechtstatsachen); editor (Redaktion of Shisha) adds
versions and attachments.
"""

from __future__ import annotations

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dokumente.models import StoredFile
from fachgebiete.models import Article, Document, Rechtstatsache
from tests.dokumente import pdf_samples, refused_samples, samples

from ..helpers import main_text
from .conftest import stored_files
from .test_contribute import ARTICLE, DOCUMENT, RECHT

pytestmark = pytest.mark.django_db

BAD_FILES = {
    "eicar-txt": ("Hinweis.txt", refused_samples.eicar, "enthält Schadsoftware"),
    "eicar-docx": ("Anhörung.docx", refused_samples.eicar_docx, "enthält Schadsoftware"),
    "pdf-javascript": ("Bescheid.pdf", pdf_samples.pdf_javascript_in_object_stream, "enthält aktive Inhalte"),
}


def _contribution(shisha, section: str):
    """(url, form data without the file, name of the file field, model) of a member's contribution."""
    return {
        "muster": (shisha.url("submit", section="muster"), DOCUMENT, "file", Document),
        "informationen": (shisha.url("submit", section="informationen"), ARTICLE, "attachment", Article),
        "rechtstatsachen": (shisha.url("submit", section="rechtstatsachen"), RECHT, "upload", Rechtstatsache),
    }[section]


@pytest.mark.parametrize("bad", BAD_FILES)
@pytest.mark.parametrize("section", ["muster", "informationen", "rechtstatsachen"])
def test_a_members_contribution_with_a_bad_file_is_refused(login, shisha, media_root, section, bad):
    url, data, field, model = _contribution(shisha, section)
    name, build, message = BAD_FILES[bad]

    response = login("member").post(url, {**data, field: SimpleUploadedFile(name, build())})

    page = main_text(response)
    assert response.status_code == 200 and message in page and "nicht" in page
    assert data.get("title", data.get("court")) in response.content.decode()  # the input is kept
    assert not model.objects.exists() and not StoredFile.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("bad", BAD_FILES)
def test_the_redaktion_cannot_add_a_bad_version_or_attachment(login, shisha, make_document, make_article, bad):
    document = make_document(shisha)
    article = make_article(shisha)
    before = StoredFile.objects.count()
    name, build, message = BAD_FILES[bad]
    client = login("editor")

    for url, payload in (
        (document.get_version_add_url(), {"file": SimpleUploadedFile(name, build()), "note": "Neu"}),
        (article.get_attachment_add_url(), {"file": SimpleUploadedFile(name, build())}),
    ):
        response = client.post(url, payload)
        assert response.status_code == 200 and message in main_text(response), url

    assert document.versions.count() == 1 and not article.attachments.exists()
    assert StoredFile.objects.count() == before


def test_without_clamd_a_contribution_is_refused_and_logged(login, shisha, media_root, settings, tmp_path, caplog):
    settings.SIKO_CLAMD_SOCKET = str(tmp_path / "kein-clamd.sock")
    url, data, field, model = _contribution(shisha, "muster")

    with caplog.at_level(logging.ERROR, logger="dokumente.virusscan"):
        response = login("member").post(url, {**data, field: SimpleUploadedFile("Bericht.pdf", samples.pdf())})

    assert response.status_code == 200
    assert "Die Virenprüfung ist derzeit nicht erreichbar" in main_text(response)
    assert not model.objects.exists() and stored_files(media_root) == []
    assert any(record.levelno == logging.ERROR for record in caplog.records)


def test_a_clean_contribution_still_goes_through(login, shisha, media_root):
    url, data, field, model = _contribution(shisha, "muster")

    response = login("member").post(url, {**data, field: SimpleUploadedFile("Bericht.pdf", samples.pdf())})

    assert response.status_code == 302 and model.objects.count() == 1 and len(stored_files(media_root)) == 1
