"""Storing uploads together with their database rows, so that a failure leaves nothing behind.

Limitation: `files_atomic()` removes the files when *its own* block raises. Used inside an outer
`transaction.atomic()` that rolls back later (after this block finished without error), the
rows disappear with the rollback but the files stay on disk, because Django offers no
rollback hook. Such orphans are harmless (unreachable: files are only served through a
StoredFile row) and `manage.py dokumente_orphans --delete` removes them. Views should therefore
use `files_atomic()` as the outermost transaction.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

from django.core.files import File
from django.db import transaction
from django.db.models import Max

from .models import DocumentVersionBase, StoredFile
from .validators import validate_upload

logger = logging.getLogger(__name__)


class _HashingFile(File):
    """Wraps an upload so that storage copies it chunk by chunk while we hash and count it.

    The wrapper hides `temporary_file_path()`, so FileSystemStorage copies instead of moving
    Django's temporary upload file away.
    """

    def __init__(self, upload) -> None:
        super().__init__(upload, name=getattr(upload, "name", None))
        self.sha256 = hashlib.sha256()
        self.bytes_written = 0

    def chunks(self, chunk_size=None):
        self.file.seek(0)
        for chunk in iter(lambda: self.file.read(chunk_size or self.DEFAULT_CHUNK_SIZE), b""):
            self.sha256.update(chunk)
            self.bytes_written += len(chunk)
            yield chunk


def _enqueue_extraction(file_id: int) -> None:
    """Queue reading the file's text (after commit: the worker must see the row). A queue that is
    down must not cost the upload: the file stays PENDING and `manage.py dokumente_extract`
    (daily) reads it."""
    from .tasks import extract_file_text

    try:
        extract_file_text.enqueue(file_id)
    except Exception:
        logger.exception("Auslesen des Textes von StoredFile %s konnte nicht eingeplant werden", file_id)


class FileStore:
    """Stores validated uploads and remembers them, so `files_atomic()` can remove them again."""

    def __init__(self) -> None:
        self.stored: list[StoredFile] = []

    def store(self, upload, *, user) -> StoredFile:
        """Validate (again: a caller cannot skip the checks), save under a generated name, create
        the row, and have its text read in the background once the transaction commits."""
        kind = validate_upload(upload)
        stored = StoredFile(
            original_name=upload.name,
            content_type=kind.content_type,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        content = _HashingFile(upload)
        # The name handed to storage only carries the detected extension; upload_to makes the rest.
        stored.file.save(f"upload.{kind.extension}", content, save=False)
        self.stored.append(stored)
        stored.size = content.bytes_written
        stored.sha256 = content.sha256.hexdigest()
        stored.save()
        # Skipped with the transaction if it rolls back (then there is no file to read).
        transaction.on_commit(partial(_enqueue_extraction, stored.pk))
        return stored

    def discard(self) -> None:
        """Remove every file stored so far (the rows go with the transaction's rollback)."""
        for stored in self.stored:
            try:
                stored.file.storage.delete(stored.file.name)
            except OSError:
                logger.exception("Datei %s konnte nach einem Fehler nicht entfernt werden", stored.file.name)
        self.stored.clear()


@contextmanager
def files_atomic() -> Iterator[FileStore]:
    """transaction.atomic() that also removes every file stored inside it if the block raises."""
    files = FileStore()
    try:
        with transaction.atomic():
            yield files
    except BaseException:
        files.discard()
        raise


def version_add(document, *, upload, user, note: str = "", files: FileStore) -> DocumentVersionBase:
    """New version (number = highest + 1, row lock on the document) of any model whose versions
    relate as `document.versions`; returns the version."""
    # Locking the document row serialises concurrent uploads to the same document (PostgreSQL);
    # the unique constraint on (document, number) is the last line of defence.
    type(document)._default_manager.select_for_update().filter(pk=document.pk).values_list("pk", flat=True).get()
    highest = document.versions.aggregate(highest=Max("number"))["highest"] or 0
    stored = files.store(upload, user=user)
    return document.versions.create(
        number=highest + 1,
        file=stored,
        note=note,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
