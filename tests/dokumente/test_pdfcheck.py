"""PDFs that run code or act by themselves are refused; ordinary PDFs (links, opening at a page,
object streams, password protection) still pass."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from dokumente.models import StoredFile
from dokumente.services import files_atomic
from dokumente.validators import validate_upload

from . import hard_samples, pdf_samples, samples
from .conftest import make_upload, stored_files

ACTIVE = [
    (pdf_samples.pdf_open_action_javascript, "JavaScript"),  # catalog /OpenAction
    (pdf_samples.pdf_names_javascript, "JavaScript"),  # /Names /JavaScript name tree
    (pdf_samples.pdf_page_additional_action, "automatisch ausgeführte Aktion URI"),  # page /AA
    (pdf_samples.pdf_launch_link, "Programmstart (Launch)"),  # /Launch on a link
    (pdf_samples.pdf_escaped_javascript, "JavaScript"),  # /J#61vaScript, /J#53
    (pdf_samples.pdf_javascript_in_object_stream, "JavaScript"),  # compressed object stream
    (pdf_samples.pdf_encrypted_with_javascript, "JavaScript"),  # password-protected
]


@pytest.mark.parametrize(("build", "what"), ACTIVE, ids=[build.__name__ for build, _ in ACTIVE])
def test_pdf_with_active_content_is_refused(build, what):
    with pytest.raises(ValidationError) as error:
        validate_upload(make_upload("Bescheid.pdf", build()))

    assert error.value.code == "pdf_active"
    assert error.value.messages[0].startswith(
        f"Die PDF-Datei „Bescheid.pdf“ enthält aktive Inhalte ({what}) und wird aus Sicherheitsgründen"
    )


@pytest.mark.django_db
def test_a_refused_pdf_leaves_no_row_and_no_file(media_root, member):
    with pytest.raises(ValidationError), files_atomic() as files:
        files.store(make_upload("Bescheid.pdf", pdf_samples.pdf_javascript_in_object_stream()), user=member)

    assert not StoredFile.objects.exists() and stored_files(media_root) == []


def test_the_object_stream_sample_hides_the_action_from_a_byte_search():
    """Proves that the pypdf pass (not the raw byte scan) refuses it."""
    data = pdf_samples.pdf_javascript_in_object_stream()

    assert b"/JavaScript" not in data and b"/JS" not in data and b"/ObjStm" in data


@pytest.mark.parametrize(
    "build",
    [
        samples.pdf,
        pdf_samples.pdf_open_at_page,
        pdf_samples.pdf_goto_action_and_web_link,
        pdf_samples.pdf_in_object_streams,
        hard_samples.pdf_encrypted,
        hard_samples.pdf_restricted,
        hard_samples.pdf_broken,
        hard_samples.pdf_image_only,
    ],
)
def test_ordinary_pdfs_pass(build):
    assert validate_upload(make_upload("Bericht.pdf", build())).key == "pdf"


def test_a_pdf_whose_object_streams_cannot_be_read_is_refused():
    """A damaged object stream could hide anything (an encrypted one likewise): refused, not waved through."""
    data = pdf_samples.pdf_javascript_in_object_stream()
    start = data.index(b"stream\n", data.index(b"/ObjStm")) + len(b"stream\n")
    damaged = data[:start] + bytes(byte ^ 0x5A for byte in data[start : start + 20]) + data[start + 20 :]

    with pytest.raises(ValidationError) as error:
        validate_upload(make_upload("Beschädigt.pdf", damaged))
    assert error.value.code == "pdf_unchecked"
    assert "kann nicht auf aktive Inhalte" in error.value.messages[0]


def test_a_pdf_that_takes_too_long_to_check_is_refused(monkeypatch):
    """Millions of tiny objects must not keep a web worker busy: beyond the time budget, refused."""
    monkeypatch.setattr("dokumente.pdfcheck.CHECK_SECONDS", -1)

    with pytest.raises(ValidationError) as error:
        validate_upload(make_upload("Riesig.pdf", samples.pdf()))
    assert error.value.code == "pdf_unchecked"
    assert "zu umfangreich" in error.value.messages[0]
