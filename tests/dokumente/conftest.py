import io

import pytest
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

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
