"""Fixtures of the Fachgebiete tests (shisha, editor and the other Fachgebiete: `fixtures.py`).

- member (Stadt Essen) reads published content and submits contributions;
- outsider (LKA NRW) is another admitted member without editor rights;
- editor (Stadt Hagen) is the Redaktion of the Fachgebiet Shisha only;
- office (Geschäftsstelle) may edit every Fachgebiet and grants the Redaktion.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from devtools.generate import docx_bytes, pdf_bytes
from dokumente.services import FileStore
from fachgebiete.models import Article, ArticleAttachment, Document, Rechtstatsache, Status


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    settings.SENDFILE_ROOT = str(root)
    return root


def stored_files(root) -> list:
    return sorted(path for path in root.rglob("*") if path.is_file())


def pdf_upload(name: str = "Checkliste Shisha-Kontrolle.pdf", title: str = "Checkliste") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(title, ["Prüfpunkte der Kontrolle: Kohlenmonoxid, Tabaksteuer."]))


def docx_upload(name: str = "Anhörung Gaststättenerlaubnis.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_bytes("Anhörung", ["Sehr geehrte Damen und Herren,"]))


def _state(status: str, author, **fields) -> dict:
    now = timezone.now()
    fields.setdefault("author", author)
    fields.setdefault("status", status)
    fields.setdefault("submitted_at", now)
    if status == Status.PUBLISHED:
        fields.setdefault("published_at", now)
    return fields


@pytest.fixture
def make_article(db, member):
    def make(fachgebiet, status: str = Status.PUBLISHED, *, attachment: bool = False, **fields) -> Article:
        fields.setdefault("title", "Lebensmittelüberwachung bei Shisha-Kontrollen")
        fields.setdefault("kind", Article.Kind.GOOD_PRACTICE)
        fields.setdefault("summary", "Proben für eine gerichtsverwertbare Beweissicherung.")
        fields.setdefault("body", "## Ablauf\n\nDie **Lebensmittelüberwachung** entnimmt Proben.")
        article = Article.objects.create(fachgebiet=fachgebiet, **_state(status, member, **fields))
        if attachment:
            stored = FileStore().store(pdf_upload("Ablauf Kontrolle.pdf"), user=member)
            ArticleAttachment.objects.create(article=article, file=stored)
        return article

    return make


@pytest.fixture
def make_document(db, member):
    def make(fachgebiet, status: str = Status.PUBLISHED, *, versions: int = 1, **fields) -> Document:
        fields.setdefault("title", "Checkliste Shisha-Kontrolle")
        fields.setdefault("kind", Document.Kind.CHECKLISTE)
        fields.setdefault("description", "Prüfpunkte für konzentrierte Kontrollen.")
        document = Document.objects.create(fachgebiet=fachgebiet, **_state(status, member, **fields))
        for number in range(1, versions + 1):
            stored = FileStore().store(pdf_upload(f"Checkliste Version {number}.pdf", f"Version {number}"), user=member)
            document.versions.create(number=number, file=stored, note=f"Fassung {number}")
        return document

    return make


@pytest.fixture
def make_rechtstatsache(db, member):
    def make(fachgebiet, status: str = Status.PUBLISHED, **fields) -> Rechtstatsache:
        fields.setdefault("court", "VG Gelsenkirchen (Beispiel)")
        fields.setdefault("decision_date", datetime.date(2023, 5, 4))
        fields.setdefault("aktenzeichen", "19 L 000/23 (Beispiel)")
        fields.setdefault("norms", "§ 15 GewO; § 4 GastG")
        fields.setdefault("headnote", "Eine Untersagung ist bei wiederholten Verstößen verhältnismäßig.")
        return Rechtstatsache.objects.create(fachgebiet=fachgebiet, **_state(status, member, **fields))

    return make
