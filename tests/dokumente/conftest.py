import hashlib
import io

import pytest
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from dokumente.models import StoredFile
from dokumente.services import files_atomic
from dokumente.signals import text_extracted

from .testmodels import Binder, BinderVersion


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads go to a temporary directory; sendfile serves from the same place."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    settings.SENDFILE_ROOT = str(root)
    return root


def make_upload(name: str, data: bytes):
    """An upload as a view receives it. Django's UploadedFile drops everything before the last "/"
    (so does its multipart parser), so names with "/" are wrapped in a plain File to reach the check."""
    if "/" in name:
        return File(io.BytesIO(data), name=name)
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def stored_files(root) -> list:
    return sorted(path for path in root.rglob("*") if path.is_file())


@pytest.fixture(scope="session")
def versioned_tables(django_db_setup, django_db_blocker):
    """Tables for the test-only Binder/BinderVersion models (created once, outside any transaction)."""
    with django_db_blocker.unblock():
        existing = set(connection.introspection.table_names())
        with connection.schema_editor() as editor:
            for model in (Binder, BinderVersion):
                if model._meta.db_table not in existing:
                    editor.create_model(model)


@pytest.fixture
def binder(versioned_tables, db):
    return Binder.objects.create(title="Muster Anhörung")


def store(name: str, data: bytes) -> StoredFile:
    """Through the upload machinery (so the file passed the checks); the text stays PENDING
    because the test transaction never commits."""
    with files_atomic() as files:
        return files.store(make_upload(name, data), user=None)


def store_raw(name: str, data: bytes) -> StoredFile:
    """A row for bytes the upload checks would refuse (e.g. a damaged office file)."""
    stored = StoredFile(
        original_name=name,
        content_type="application/octet-stream",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    stored.file.save(name, ContentFile(data), save=False)
    stored.save()
    return stored


@pytest.fixture
def signals_received():
    received = []

    def receiver(sender, file_ids, **kwargs):
        received.append((sender, list(file_ids)))

    text_extracted.connect(receiver, dispatch_uid="test-extraction-receiver")
    yield received
    text_extracted.disconnect(dispatch_uid="test-extraction-receiver")
