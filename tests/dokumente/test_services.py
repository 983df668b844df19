import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from dokumente.models import StoredFile
from dokumente.services import FileStore, files_atomic, version_add

from . import refused_samples, samples
from .conftest import make_upload, stored_files
from .testmodels import Binder, BinderVersion

pytestmark = pytest.mark.django_db


def test_store_keeps_original_name_only_as_metadata(media_root, member):
    with files_atomic() as files:
        stored = files.store(make_upload("Prüfbericht Übersicht.pdf", samples.pdf()), user=member)

    assert stored.original_name == "Prüfbericht Übersicht.pdf"
    assert "Prüf" not in stored.file.name
    assert stored.file.name.startswith("dokumente/")
    assert stored.file.name.endswith(".pdf")
    assert len(stored.file.name.rsplit("/", 1)[1]) == len("0123456789abcdef0123456789abcdef.pdf")


def test_store_records_detected_type_size_and_hash(media_root, member):
    data = samples.docx()
    upload = make_upload("Muster.docx", data)
    upload.content_type = "text/html"  # what the browser claims is ignored

    with files_atomic() as files:
        stored = files.store(upload, user=member)

    assert stored.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert stored.size == len(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.uploaded_by == member
    assert (media_root / stored.file.name).read_bytes() == data


def test_jpeg_extension_is_normalised(media_root, member):
    with files_atomic() as files:
        stored = files.store(make_upload("Foto.JPEG", samples.jpeg()), user=member)

    assert stored.file.name.endswith(".jpg")
    assert stored.extension == "jpg"
    assert stored.kind_label == "JPEG-Bild"


def test_store_validates_even_without_form(media_root, member):
    with pytest.raises(ValidationError), files_atomic() as files:
        files.store(make_upload("Seite.html", refused_samples.html()), user=member)

    assert not StoredFile.objects.exists()
    assert stored_files(media_root) == []


def test_files_atomic_removes_files_and_rows_when_block_raises(media_root, member):
    with pytest.raises(RuntimeError), files_atomic() as files:
        files.store(make_upload("Eins.pdf", samples.pdf()), user=member)
        files.store(make_upload("Zwei.png", samples.png()), user=member)
        raise RuntimeError("später Fehler")

    assert not StoredFile.objects.exists()
    assert stored_files(media_root) == []


def test_files_atomic_cleans_up_after_integrity_error(media_root, member, binder):
    with pytest.raises(IntegrityError), files_atomic() as files:
        stored = files.store(make_upload("Eins.pdf", samples.pdf()), user=member)
        BinderVersion.objects.create(document=binder, number=1, file=stored)
        second = files.store(make_upload("Zwei.pdf", samples.pdf()), user=member)
        BinderVersion.objects.create(document=binder, number=1, file=second)

    assert not StoredFile.objects.exists()
    assert stored_files(media_root) == []


def test_files_atomic_cleans_up_after_rejected_second_upload(media_root, member):
    with pytest.raises(ValidationError), files_atomic() as files:
        files.store(make_upload("Gut.pdf", samples.pdf()), user=member)
        files.store(make_upload("Makro.docm", refused_samples.docm()), user=member)

    assert not StoredFile.objects.exists()
    assert stored_files(media_root) == []


def test_files_atomic_keeps_files_on_success(media_root, member):
    with files_atomic() as files:
        files.store(make_upload("Gut.pdf", samples.pdf()), user=member)

    assert StoredFile.objects.count() == 1
    assert len(stored_files(media_root)) == 1


def test_deleting_row_removes_file_after_commit(media_root, member, django_capture_on_commit_callbacks):
    with files_atomic() as files:
        stored = files.store(make_upload("Gut.pdf", samples.pdf()), user=member)
    path = media_root / stored.file.name

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stored.delete()
    assert path.exists()  # not before commit

    for callback in callbacks:
        callback()
    assert not path.exists()


def test_store_without_authenticated_user(media_root):
    stored = FileStore().store(make_upload("Gut.csv", samples.csv()), user=None)

    assert stored.uploaded_by is None
    assert stored.content_type == "text/csv; charset=utf-8"


def test_version_add_numbers_versions(media_root, member, binder):
    with files_atomic() as files:
        first = version_add(binder, upload=make_upload("v1.pdf", samples.pdf()), user=member, files=files)
    with files_atomic() as files:
        second = version_add(
            binder, upload=make_upload("v2.docx", samples.docx()), user=member, note="Frist ergänzt", files=files
        )

    assert (first.number, second.number) == (1, 2)
    assert second.note == "Frist ergänzt"
    assert second.created_by == member
    assert list(binder.versions.values_list("number", flat=True)) == [2, 1]


def test_version_add_numbers_per_document(media_root, member, binder):
    other = Binder.objects.create(title="Andere Vorlage")
    with files_atomic() as files:
        version_add(binder, upload=make_upload("a.pdf", samples.pdf()), user=member, files=files)
        version = version_add(other, upload=make_upload("b.pdf", samples.pdf()), user=member, files=files)

    assert version.number == 1


def test_version_add_continues_after_highest_number(media_root, member, binder):
    with files_atomic() as files:
        version_add(binder, upload=make_upload("a.pdf", samples.pdf()), user=member, files=files)
        middle = version_add(binder, upload=make_upload("b.pdf", samples.pdf()), user=member, files=files)
        version_add(binder, upload=make_upload("c.pdf", samples.pdf()), user=member, files=files)
    middle.delete()

    with files_atomic() as files:
        version = version_add(binder, upload=make_upload("d.pdf", samples.pdf()), user=member, files=files)

    assert version.number == 4


def test_version_add_locks_the_document_row(media_root, member, binder):
    with CaptureQueriesContext(connection) as queries, files_atomic() as files:
        version_add(binder, upload=make_upload("a.pdf", samples.pdf()), user=member, files=files)

    binder_queries = [query["sql"] for query in queries if "dokumente_test_binder" in query["sql"]]
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in binder_queries[0]
    else:
        assert binder_queries  # SQLite serialises writers itself; the lock query still runs


def test_version_add_rejected_upload_leaves_nothing(media_root, member, binder):
    with pytest.raises(ValidationError), files_atomic() as files:
        version_add(binder, upload=make_upload("Makro.xlsm", refused_samples.xlsm()), user=member, files=files)

    assert not BinderVersion.objects.exists()
    assert not StoredFile.objects.exists()
    assert stored_files(media_root) == []


def test_deleting_document_removes_version_files(media_root, member, binder, django_capture_on_commit_callbacks):
    with files_atomic() as files:
        version_add(binder, upload=make_upload("a.pdf", samples.pdf()), user=member, files=files)
        version_add(binder, upload=make_upload("b.pdf", samples.pdf()), user=member, files=files)

    with django_capture_on_commit_callbacks(execute=True):
        binder.delete()

    assert not StoredFile.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not connection.features.has_select_for_update, reason="row locks need PostgreSQL")
def test_concurrent_version_add_is_serialised(media_root, member, versioned_tables, monkeypatch):
    import threading
    import time

    from django.db import close_old_connections

    binder = Binder.objects.create(title="Gleichzeitig")
    original_store = FileStore.store

    def slow_store(self, upload, *, user):
        time.sleep(0.3)  # between reading the highest number and inserting the new version
        return original_store(self, upload, user=user)

    monkeypatch.setattr(FileStore, "store", slow_store)
    errors, numbers = [], []

    def upload(name):
        try:
            with files_atomic() as files:
                numbers.append(
                    version_add(binder, upload=make_upload(name, samples.pdf()), user=member, files=files).number
                )
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=upload, args=(f"v{index}.pdf",)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(numbers) == [1, 2]
