"""Every upload route of a closed area runs the virus scan and the PDF check (real clamd): refused
files leave neither row nor file and the typed text stays; without clamd nothing is accepted.

ak_member starts threads and replies with attachments; ak_contributor uploads documents and versions.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dokumente.models import StoredFile
from facharbeitskreise import content_services
from facharbeitskreise.models import ArbeitskreisDocument, Post, PostAttachment, Thread
from tests.dokumente import pdf_samples, refused_samples
from tests.helpers import main_text

from .uploads import pdf_upload

pytestmark = pytest.mark.django_db

BAD_FILES = {
    "eicar-txt": ("Hinweis.txt", refused_samples.eicar, "enthält Schadsoftware"),
    "eicar-docx": ("Anhörung.docx", refused_samples.eicar_docx, "enthält Schadsoftware"),
    "pdf-javascript": ("Lagebild.pdf", pdf_samples.pdf_open_action_javascript, "enthält aktive Inhalte"),
}


def _url(name, arbeitskreis, **kwargs):
    return reverse(f"facharbeitskreise:{name}", kwargs={"slug": arbeitskreis.slug, **kwargs})


@pytest.fixture
def thread(arbeitskreis, ak_contributor):
    return content_services.thread_create(
        arbeitskreis=arbeitskreis, user=ak_contributor, title="Kontrollen", body="Erster Beitrag"
    )


@pytest.fixture
def document(arbeitskreis, ak_contributor):
    return content_services.document_create(
        arbeitskreis=arbeitskreis,
        user=ak_contributor,
        title="Lagebild",
        description="",
        is_result=False,
        upload=pdf_upload(),
    )


@pytest.mark.parametrize("bad", BAD_FILES)
def test_a_document_with_a_bad_file_is_refused(login, ak_contributor, arbeitskreis, settings, bad):
    name, build, message = BAD_FILES[bad]

    response = login(ak_contributor).post(
        _url("document_create", arbeitskreis), {"title": "Mein Lagebild", "file": SimpleUploadedFile(name, build())}
    )

    assert response.status_code == 200 and message in main_text(response)
    assert 'value="Mein Lagebild"' in response.content.decode()
    assert not ArbeitskreisDocument.objects.exists() and not StoredFile.objects.exists()
    assert not any(path.is_file() for path in Path(settings.MEDIA_ROOT).rglob("*"))


@pytest.mark.parametrize("bad", BAD_FILES)
def test_a_bad_version_is_refused(login, ak_contributor, arbeitskreis, document, bad):
    name, build, message = BAD_FILES[bad]
    before = StoredFile.objects.count()

    response = login(ak_contributor).post(
        _url("document_version_add", arbeitskreis, pk=document.pk),
        {"file": SimpleUploadedFile(name, build()), "note": "x"},
    )

    assert response.status_code == 200 and message in main_text(response)
    assert document.versions.count() == 1 and StoredFile.objects.count() == before


@pytest.mark.parametrize("bad", BAD_FILES)
def test_a_post_with_a_bad_attachment_is_refused(login, ak_member, arbeitskreis, thread, bad):
    name, build, message = BAD_FILES[bad]
    client = login(ak_member)

    reply = client.post(
        _url("thread_reply", arbeitskreis, pk=thread.pk),
        {"body": "Mein Vermerk", "attachment": SimpleUploadedFile(name, build())},
    )
    started = client.post(
        _url("thread_create", arbeitskreis),
        {"title": "Neues Thema", "body": "Siehe Anhang", "attachment": SimpleUploadedFile(name, build())},
    )

    for response in (reply, started):
        assert response.status_code == 200 and message in main_text(response)
    assert "Mein Vermerk" in reply.content.decode() and 'value="Neues Thema"' in started.content.decode()
    assert Thread.objects.count() == 1 and Post.objects.count() == 1 and not PostAttachment.objects.exists()


def test_without_clamd_an_attachment_is_refused_and_logged(
    login, ak_member, arbeitskreis, thread, settings, tmp_path, caplog
):
    settings.SIKO_CLAMD_SOCKET = str(tmp_path / "kein-clamd.sock")

    with caplog.at_level(logging.ERROR, logger="dokumente.virusscan"):
        response = login(ak_member).post(
            _url("thread_reply", arbeitskreis, pk=thread.pk), {"body": "Anbei", "attachment": pdf_upload()}
        )

    assert response.status_code == 200
    assert "Die Virenprüfung ist derzeit nicht erreichbar" in main_text(response)
    assert Post.objects.count() == 1 and not PostAttachment.objects.exists()
    assert any(record.levelno == logging.ERROR for record in caplog.records)
