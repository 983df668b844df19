"""Helpers of the content tests (documents, meetings, threads, notifications), imported by them.

The people (ak_member reads and discusses, ak_contributor also uploads documents, ak_lead leads
the area; other_lead, outsider and office hold no grant here) come from `conftest.py`.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from devtools.generate import docx_bytes, pdf_bytes


def pdf_upload(name: str = "Lagebild Shisha-Bars.pdf", title: str = "Lagebild") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(title, ["Kontrollen im Stadtgebiet, Ergebnisse und Maßnahmen."]))


def docx_upload(name: str = "Checkliste.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_bytes("Checkliste", ["Punkt eins"]))


def fake_pdf(name: str = "schadcode.pdf") -> SimpleUploadedFile:
    """An executable renamed to .pdf: the upload machinery must refuse it."""
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 200)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads go to a temporary directory; sendfile serves from the same place."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    settings.SENDFILE_ROOT = str(root)
    return root
